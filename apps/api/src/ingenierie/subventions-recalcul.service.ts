import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  computeSubvention,
  isParametreCle,
  messageRecalculSubvention,
  parametreEnVigueur,
  subventionsModifiees,
  type Cofinanceur,
  type ParametreCle,
  type ParametresHistorique,
} from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { AuditService, type AuditEntry } from '../core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import type { JobContext } from '../core/jobs/job-context';
import { JobsService } from '../core/jobs/jobs.service';
import { RECALCUL_SUBVENTIONS_JOB, type RecalculSubventionsData } from '../programme/programme-parametres';
import { historiqueOf, loadParametreRows } from '../programme/programme-parametres.service';
import { loadPostes, subventionInput } from './postes.service';

/** Posts examined per transaction. */
const CHUNK = 200;

/** The co-financer a parameter concerns: only posts it co-finances can change (null: every post). */
const COFINANCEUR_DU_PARAMETRE: Partial<Record<ParametreCle, Cofinanceur>> = {
  fin_participation_etat: 'etat',
  fin_participation_bdt: 'bdt',
  fin_participation_anah: 'anah',
  taux_anah: 'anah',
  plafond_anah: 'anah',
  plafond_poste_avec_anah: 'anah',
  operations_ouvrant_anah: 'anah',
};

type Checkpoint = { apres: string; examines: number; modifies: number };

/**
 * After a programme parameter value is added or cancelled: recomputes the co-financing of every
 * post it may change (a cost entered for a year from the value's effective date on, the
 * co-financer it concerns, created before the change), with and without the change, and writes in
 * the history of each post whose yearly figures differ the years recomputed, from what to what,
 * and why. The subsidy itself is never stored (it is computed on each read from the post and the
 * parameters): the history entry is what the recomputation leaves. The computation is the
 * domain's (in Node), so it runs here, 200 posts per transaction, each chunk's entries and
 * checkpoint committed together: a retried job resumes after the last chunk and never writes an
 * entry twice.
 */
@Injectable()
export class SubventionsRecalculService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<RecalculSubventionsData, Checkpoint>(RECALCUL_SUBVENTIONS_JOB, (ctx) => this.run(ctx), {
      label: 'Recalcul des cofinancements de postes',
      retryLimit: 3,
      retryDelaySeconds: this.config.nodeEnv === 'test' ? 0 : 30,
      retryBackoff: this.config.nodeEnv !== 'test',
      expireInSeconds: 15 * 60,
    });
  }

  async run(ctx: JobContext<RecalculSubventionsData, Checkpoint>): Promise<object> {
    const d = ctx.data;
    if (!isParametreCle(d.cle)) return { ignore: true };
    const cle = d.cle;
    const rows = await loadParametreRows(this.dataSource);
    const now = historiqueOf(rows);
    // The parameters without the change and with it, everything else as it stands now.
    const withoutRow = historiqueOf(rows.filter((r) => r.id !== d.parametreId));
    const cancelled = { dateEffet: d.dateEffet, valeur: d.valeur, decideLe: d.decisionAnnulee?.decideLe ?? d.decideLe, saisieLe: d.saisieLe };
    const [avant, apres]: [ParametresHistorique, ParametresHistorique] =
      d.sens === 'ajout' ? [withoutRow, now] : [{ ...now, [cle]: [...(now[cle] ?? []), cancelled] }, now];
    const message = (annees: Parameters<typeof messageRecalculSubvention>[1]) =>
      messageRecalculSubvention(
        {
          cle,
          avant: parametreEnVigueur(avant, cle, d.dateEffet),
          apres: parametreEnVigueur(apres, cle, d.dateEffet),
          dateEffet: d.dateEffet,
          decideLe: d.decideLe,
          reference: d.sens === 'ajout' ? d.reference : (d.decisionAnnulee?.reference ?? null),
          annulation: d.sens === 'annulation',
        },
        annees,
      );

    const cofinanceur = COFINANCEUR_DU_PARAMETRE[cle] ?? null;
    const where = `po.created_at < $1::timestamptz
      AND EXISTS (SELECT 1 FROM poste_cout_annuel c WHERE c.poste_id = po.id AND c.annee >= $2)
      AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM poste_cofinanceur pc WHERE pc.poste_id = po.id AND pc.financeur = $3))`;
    const params = [d.changeLe, Number(d.dateEffet.slice(0, 4)), cofinanceur];
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM poste po WHERE ${where}`, params);

    let state: Checkpoint = ctx.checkpoint ?? { apres: '00000000-0000-0000-0000-000000000000', examines: 0, modifies: 0 };
    for (;;) {
      ctx.throwIfInterrupted();
      const next = await this.dataSource.transaction(async (em): Promise<Checkpoint | null> => {
        const ids: { id: string }[] = await em.query(`SELECT po.id FROM poste po WHERE ${where} AND po.id > $4 ORDER BY po.id LIMIT ${CHUNK}`, [...params, state.apres]);
        if (ids.length === 0) return null;
        const postes = await loadPostes(em, 'po.id = ANY($1::uuid[])', [ids.map((r) => r.id)]);
        const entries: AuditEntry[] = [];
        for (const p of postes) {
          const changed = subventionsModifiees(computeSubvention(subventionInput(p, avant)), computeSubvention(subventionInput(p, apres)));
          if (changed.length === 0) continue;
          entries.push({
            action: 'poste.subvention_recalculee',
            entityType: 'poste',
            entityId: p.id,
            pvdId: p.pvdId,
            before: { intitule: p.intitule, subventions: changed.map((c) => ({ annee: c.annee, montant: c.avant })) },
            after: {
              intitule: p.intitule,
              subventions: changed.map((c) => ({ annee: c.annee, montant: c.apres })),
              message: message(changed),
              parametre: { id: d.parametreId, sens: d.sens, cle, valeur: d.valeur, dateEffet: d.dateEffet, decideLe: d.decideLe, reference: d.reference },
            },
          });
        }
        await this.audit.recordMany(em, d.actor, entries);
        const reached: Checkpoint = { apres: ids[ids.length - 1].id, examines: state.examines + ids.length, modifies: state.modifies + entries.length };
        await ctx.progress(reached.examines, total, { checkpoint: reached, em });
        return reached;
      });
      if (!next) break;
      state = next;
      await ctx.pause();
    }
    return { cle, sens: d.sens, postesExamines: state.examines, postesModifies: state.modifies };
  }
}
