import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { programmeToday, withdrawalRefusal } from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { MembershipPeriodDto } from './dto/pvd.dto';
import { ListPvdService } from './list-pvd.service';

/**
 * Membership over time of a PVD's communes: its history, and the ANCT's dated withdrawal of a
 * commune. Periods are never deleted; `pvd_commune` (the current state) changes in the same
 * transaction as the period.
 */
@Injectable()
export class PvdMembershipService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pvds: ListPvdService,
    private readonly audit: AuditService,
  ) {}

  /** Every period of the communes that were ever members of this PVD, oldest first. */
  async history(user: CurrentUser, pvdId: string): Promise<MembershipPeriodDto[]> {
    await this.pvds.get(user, pvdId); // 404 outside the caller's scope
    const rows: {
      commune_insee: string;
      nom: string;
      debut: string;
      fin: string | null;
      motif_debut: MembershipPeriodDto['motifDebut'];
      motif_fin: MembershipPeriodDto['motifFin'];
      commentaire: string | null;
      import_debut: string | null;
      import_fin: string | null;
    }[] = await this.dataSource.query(
      `SELECT p.commune_insee, c.nom, p.debut::text, p.fin::text, p.motif_debut, p.motif_fin, p.commentaire,
              di.file_name AS import_debut, fi.file_name AS import_fin
         FROM pvd_commune_periode p JOIN commune c ON c.insee = p.commune_insee
         LEFT JOIN pvd_import di ON di.id = p.import_debut_id LEFT JOIN pvd_import fi ON fi.id = p.import_fin_id
        WHERE p.pvd_id = $1 ORDER BY p.debut, c.nom, p.created_at`,
      [pvdId],
    );
    return rows.map((r) => ({
      insee: r.commune_insee,
      nom: r.nom,
      debut: r.debut,
      fin: r.fin,
      motifDebut: r.motif_debut,
      motifFin: r.motif_fin,
      commentaire: r.commentaire,
      importDebut: r.import_debut,
      importFin: r.import_fin,
    }));
  }

  /**
   * The ANCT withdraws a commune from the programme on a day (not a member from that day on).
   * The commune leaves the PVD; when it was the last one, the PVD itself leaves the programme
   * (dated) and keeps the commune as its dossier's anchor, so that nothing is orphaned.
   */
  async withdraw(user: CurrentUser, actor: Actor, pvdId: string, insee: string, body: { date?: string; motif: string }): Promise<MembershipPeriodDto[]> {
    await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['pvd-import']);
      const [member] = await em.query('SELECT 1 FROM pvd_commune WHERE pvd_id = $1 AND commune_insee = $2', [pvdId, insee]);
      if (!member) throw new AppError('PVD_COMMUNE_NOT_FOUND', `La commune ${insee} ne fait pas partie de cette PVD.`);
      const [open]: { id: string; debut: string; fin: string | null }[] = await em.query(
        `SELECT id, debut::text, fin::text FROM pvd_commune_periode WHERE commune_insee = $1 AND pvd_id = $2 AND fin IS NULL FOR UPDATE`,
        [insee, pvdId],
      );
      const day = body.date ?? programmeToday();
      const refusal = withdrawalRefusal(open ?? null, day);
      if (refusal) {
        if (open) throw new AppError('VALIDATION_FAILED', refusal, { date: [refusal] });
        throw new AppError('PVD_RETRAIT_IMPOSSIBLE', refusal);
      }
      await em.query(`UPDATE pvd_commune_periode SET fin = $2, motif_fin = 'retrait', commentaire = $3 WHERE id = $1`, [open.id, day, body.motif]);
      const [{ n }] = await em.query('SELECT count(*)::int AS n FROM pvd_commune WHERE pvd_id = $1', [pvdId]);
      const last = n === 1;
      if (last) {
        await em.query('UPDATE pvd SET date_retrait = $2, version = version + 1, updated_at = now() WHERE id = $1', [pvdId, day]);
      } else {
        await em.query('DELETE FROM pvd_commune WHERE pvd_id = $1 AND commune_insee = $2', [pvdId, insee]);
      }
      await this.audit.record(em, actor, {
        action: 'pvd.commune.retrait',
        entityType: 'pvd',
        entityId: pvdId,
        before: { commune: insee, debut: open.debut },
        after: { commune: insee, fin: day, motif: body.motif, pvdRetiree: last },
      });
    });
    return this.history(user, pvdId);
  }
}
