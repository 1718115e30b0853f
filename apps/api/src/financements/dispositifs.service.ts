import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, dispositifErrors, fieldChanges, partnerOrganisationIds, roleCan, searchKey } from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { versionConflict } from '../core/errors/version-conflict';
import type { DispositifDto, DispositifInput, DispositifsDto, UpdateDispositifInput } from './dto/financements.dto';

/** The catalogue of dispositifs, managed by the ANCT (`programme:parametrer`), read by all. */
@Injectable()
export class DispositifsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(user: CurrentUser): Promise<DispositifsDto> {
    const rows: (Omit<DispositifDto, 'saisissable'> & { organisationId: string | null })[] = await this.dataSource.query(
      `SELECT d.id, d.code, d.nom, d.financeur_id AS "financeurId", f.nom AS "financeurNom", f.organisation_id AS "organisationId", d.pilier, d.nature,
              d.annee_debut AS "anneeDebut", d.annee_fin AS "anneeFin", d.compte_logements AS "compteLogements", d.compte_dossiers AS "compteDossiers", d.actif,
              (SELECT count(*)::int FROM ligne_financement l WHERE l.dispositif_id = d.id) AS "nombreLignes", d.version
         FROM dispositif d JOIN financeur f ON f.id = d.financeur_id
        ORDER BY d.actif DESC, d.pilier, d.nom`,
    );
    // A chef de projet enters lines of any dispositif for their territory; a partner, those of its own funders.
    const entersAny = user.memberships.some((m) => m.organisationType !== 'partenaire' && roleCan(m.role, 'pvd:modifier'));
    const owned = partnerOrganisationIds(user.memberships);
    return {
      dispositifs: rows.map(({ organisationId, ...d }) => ({ ...d, saisissable: d.actif && (entersAny || (organisationId !== null && owned.includes(organisationId))) })),
      peutGerer: can(user.memberships, 'programme:parametrer'),
    };
  }

  async create(user: CurrentUser, actor: Actor, input: DispositifInput): Promise<DispositifsDto> {
    await this.dataSource.transaction(async (em) => {
      const fields = this.fieldsOf(input);
      this.check(fields);
      await this.requireFinanceur(em, fields.financeurId);
      await this.checkName(em, fields.nom, null);
      const base = searchKey(fields.nom).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 34) || 'dispositif';
      const taken: { code: string }[] = await em.query('SELECT code FROM dispositif WHERE code LIKE $1', [`${base}%`]);
      let code = base;
      for (let i = 2; taken.some((t) => t.code === code); i++) code = `${base}_${i}`;
      const [row] = await em.query(
        `INSERT INTO dispositif (code, nom, financeur_id, pilier, nature, annee_debut, annee_fin, compte_logements, compte_dossiers, actif)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [code, ...this.values(fields)],
      );
      await this.audit.record(em, actor, { action: 'dispositif.cree', entityType: 'dispositif', entityId: row.id, before: null, after: { code, ...fields } });
    });
    return this.list(user);
  }

  async update(user: CurrentUser, actor: Actor, id: string, input: UpdateDispositifInput): Promise<DispositifsDto> {
    await this.dataSource.transaction(async (em) => {
      const [current] = await em.query(
        `SELECT nom, financeur_id AS "financeurId", pilier, nature, annee_debut AS "anneeDebut", annee_fin AS "anneeFin",
                compte_logements AS "compteLogements", compte_dossiers AS "compteDossiers", actif, version
           FROM dispositif WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!current) throw new AppError('DISPOSITIF_NOT_FOUND', 'Dispositif introuvable.');
      if (current.version !== input.version) throw versionConflict({ text: 'Ce dispositif', feminine: false }, null, null);
      const next = this.fieldsOf(input);
      this.check(next);
      if (next.financeurId !== current.financeurId) await this.requireFinanceur(em, next.financeurId);
      await this.checkName(em, next.nom, id);
      const { version: _v, ...before } = current;
      if (fieldChanges(before, next).length === 0) return;
      // Lines already counted stay consistent: a dispositif cannot stop counting what its lines hold.
      for (const [flag, column, label] of [
        ['compteLogements', 'logements', 'logements'],
        ['compteDossiers', 'dossiers', 'dossiers'],
      ] as const) {
        if (before[flag] && !next[flag]) {
          const [used] = await em.query(`SELECT 1 FROM ligne_financement WHERE dispositif_id = $1 AND ${column} IS NOT NULL LIMIT 1`, [id]);
          if (used) throw new AppError('VALIDATION_FAILED', `Des lignes de ce dispositif comptent des ${label}.`, { [flag]: [`Des lignes de ce dispositif comptent des ${label} : gardez cette case cochée.`] });
        }
      }
      await em.query(
        `UPDATE dispositif SET nom = $2, financeur_id = $3, pilier = $4, nature = $5, annee_debut = $6, annee_fin = $7, compte_logements = $8, compte_dossiers = $9, actif = $10,
                version = version + 1
          WHERE id = $1`,
        [id, ...this.values(next)],
      );
      await this.audit.record(em, actor, { action: 'dispositif.modifie', entityType: 'dispositif', entityId: id, before, after: next });
    });
    return this.list(user);
  }

  private fieldsOf(input: DispositifInput) {
    return {
      nom: input.nom.trim(),
      financeurId: input.financeurId,
      pilier: input.pilier,
      nature: input.nature,
      anneeDebut: input.anneeDebut ?? null,
      anneeFin: input.anneeFin ?? null,
      compteLogements: input.compteLogements,
      compteDossiers: input.compteDossiers,
      actif: input.actif,
    };
  }

  private values(f: ReturnType<DispositifsService['fieldsOf']>): unknown[] {
    return [f.nom, f.financeurId, f.pilier, f.nature, f.anneeDebut, f.anneeFin, f.compteLogements, f.compteDossiers, f.actif];
  }

  private check(fields: ReturnType<DispositifsService['fieldsOf']>): void {
    const errors = dispositifErrors(fields);
    if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', 'Le dispositif ne peut pas être enregistré : vérifiez les champs signalés.', errors);
  }

  private async requireFinanceur(em: EntityManager, id: string): Promise<void> {
    const [row] = await em.query('SELECT actif FROM financeur WHERE id = $1', [id]);
    if (!row) throw new AppError('VALIDATION_FAILED', 'Financeur introuvable.', { financeurId: ['Financeur inconnu.'] });
    if (!row.actif) throw new AppError('VALIDATION_FAILED', 'Ce financeur n’est plus actif.', { financeurId: ['Ce financeur n’est plus actif : choisissez-en un autre.'] });
  }

  private async checkName(em: EntityManager, nom: string, self: string | null): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['dispositif-nom']);
    const [same] = await em.query('SELECT id FROM dispositif WHERE lower(nom) = lower($1) AND id IS DISTINCT FROM $2', [nom, self]);
    if (same) throw new AppError('CONFLICT', 'Un dispositif porte déjà ce nom.', { nom: ['Un dispositif porte déjà ce nom.'] });
  }
}
