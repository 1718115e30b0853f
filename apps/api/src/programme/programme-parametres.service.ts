import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  PARAMETRE_CLES,
  PARAMETRES,
  estRetroactive,
  formatParametreValeur,
  isParametreCle,
  nouvelleValeurErreurs,
  parametreEnVigueur,
  periodesApplication,
  valeurApplicable,
  type ParametreCle,
  type ParametresHistorique,
  type ParametreValeur,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { JobsService } from '../core/jobs/jobs.service';
import { todayInFrance } from '../core/time/today';
import type { NouvelleValeurInput, ParametreDto, ParametresDto, ParametreStatut, ParametreValeurDto } from './dto/parametre.dto';
import { RECALCUL_SUBVENTIONS_JOB, type RecalculSubventionsData } from './programme-parametres';

/** A stored value as the domain reads it, with its row id. */
export interface ParametreRow extends ParametreValeur {
  id: string;
  cle: string;
  decideLe: string;
  saisieLe: string;
  reference: string | null;
}

interface ListedRow extends ParametreRow {
  created_by_name: string | null;
}

/** Every stored value of every parameter (all decisions), with its id. */
export async function loadParametreRows(db: DataSource | EntityManager): Promise<ParametreRow[]> {
  const rows: { id: string; cle: string; valeur: unknown; date_effet: string; decide_le: string; reference: string | null; created_at: Date }[] = await db.query(
    'SELECT id, cle, valeur, date_effet::text, decide_le::text, reference, created_at FROM programme_parametre ORDER BY cle, date_effet, decide_le, created_at',
  );
  return rows.map((r) => ({
    id: r.id,
    cle: r.cle,
    valeur: r.valeur,
    dateEffet: r.date_effet,
    decideLe: r.decide_le,
    reference: r.reference,
    saisieLe: new Date(r.created_at).toISOString(),
  }));
}

/** Stored values as the domain's dated history (unknown keys dropped). */
export function historiqueOf(rows: readonly ParametreRow[]): ParametresHistorique {
  const historique: Partial<Record<ParametreCle, ParametreValeur[]>> = {};
  for (const r of rows) {
    if (isParametreCle(r.cle)) (historique[r.cle] ??= []).push({ dateEffet: r.dateEffet, valeur: r.valeur, decideLe: r.decideLe, saisieLe: r.saisieLe });
  }
  return historique;
}

/** Every dated value of every parameter with its decision day, for the domain's computations. */
export async function loadParametres(db: DataSource | EntityManager): Promise<ParametresHistorique> {
  return historiqueOf(await loadParametreRows(db));
}

/** The parameters a post's co-financing reads: a change of any other one recomputes nothing. */
const PARAMETRES_SUBVENTION: readonly ParametreCle[] = PARAMETRE_CLES.filter((cle) => cle !== 'delai_convention_cadre_mois');

/**
 * The programme parameters with their dated values, bitemporal: each value applies from its
 * effective date and records the day it was decided. A new value may apply from any day since the
 * programme's start, once decided (today or earlier); one that reaches back before today needs the
 * decision's reference. A value to come may be cancelled. Each change queues the recomputation of
 * the posts' co-financing, which tells every post whose figures changed in its history.
 */
@Injectable()
export class ProgrammeParametresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
  ) {}

  async list(): Promise<ParametresDto> {
    const today = todayInFrance();
    const rows: ListedRow[] = (
      await this.dataSource.query(
        `SELECT p.id, p.cle, p.valeur, p.date_effet::text AS "dateEffet", p.decide_le::text AS "decideLe", p.reference, p.created_at AS "createdAt",
                u.display_name AS created_by_name
           FROM programme_parametre p LEFT JOIN app_user u ON u.id = p.created_by ORDER BY p.cle, p.date_effet, p.decide_le, p.created_at`,
      )
    ).map((r: ListedRow & { createdAt: Date }) => ({ ...r, saisieLe: new Date(r.createdAt).toISOString() }));
    const historique = historiqueOf(rows);
    return {
      aujourdhui: today,
      parametres: PARAMETRE_CLES.map((cle): ParametreDto => {
        const mine = rows.filter((r) => r.cle === cle);
        const periodes = periodesApplication(mine);
        const current = valeurApplicable(historique, cle, today);
        const valeurActuelle = parametreEnVigueur(historique, cle, today);
        return {
          cle,
          libelle: PARAMETRES[cle].libelle,
          aide: PARAMETRES[cle].aide,
          nature: PARAMETRES[cle].nature,
          valeurActuelle,
          libelleActuel: formatParametreValeur(cle, valeurActuelle),
          valeurs: mine.map((r, i): ParametreValeurDto => {
            const statut: ParametreStatut = periodes[i].remplacee
              ? 'remplacee'
              : r.dateEffet > today
                ? 'a_venir'
                : current !== null && current.saisieLe === r.saisieLe && current.dateEffet === r.dateEffet
                  ? 'en_vigueur'
                  : 'passee';
            return {
              id: r.id,
              dateEffet: r.dateEffet,
              dateFin: periodes[i].au,
              decideLe: r.decideLe,
              reference: r.reference,
              retroactive: estRetroactive(r.dateEffet, r.decideLe),
              valeur: r.valeur,
              libelle: formatParametreValeur(cle, r.valeur),
              statut,
              creePar: r.created_by_name,
              creeLe: r.saisieLe,
              annulable: r.dateEffet > today,
            };
          }),
        };
      }),
    };
  }

  async add(user: CurrentUser, actor: Actor, input: NouvelleValeurInput): Promise<ParametresDto> {
    const today = todayInFrance();
    const decideLe = input.decideLe ?? today;
    const reference = input.reference?.trim() || null;
    const errors = nouvelleValeurErreurs(input.cle, input.valeur, input.dateEffet, today, { decideLe, reference });
    if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', 'La nouvelle valeur ne peut pas être enregistrée.', errors);
    await this.dataSource.transaction(async (em) => {
      // One writer at a time per parameter: the check below and the insert see the same rows.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`programme_parametre:${input.cle}`]);
      // A value to come is replaced by cancelling it first; a value already applied may be replaced by a later decision.
      if (input.dateEffet > today) {
        const [existing] = await em.query('SELECT id FROM programme_parametre WHERE cle = $1 AND date_effet = $2', [input.cle, input.dateEffet]);
        if (existing) {
          throw new AppError('PARAMETRE_DATE_TAKEN', 'Une valeur est déjà prévue à cette date pour ce paramètre : annulez-la avant d’en prévoir une autre.', {
            dateEffet: ['Une valeur est déjà prévue à cette date.'],
          });
        }
      }
      const before = parametreEnVigueur(await loadParametres(em), input.cle, input.dateEffet);
      const [row]: { id: string; created_at: Date }[] = await em.query(
        'INSERT INTO programme_parametre (cle, valeur, date_effet, decide_le, reference, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at',
        [input.cle, JSON.stringify(input.valeur), input.dateEffet, decideLe, reference, user.id],
      );
      await this.audit.record(em, actor, {
        action: 'parametre.valeur_ajoutee',
        entityType: 'programme_parametre',
        entityId: row.id,
        before: { cle: input.cle, valeur: before, dateEffet: input.dateEffet },
        after: { cle: input.cle, valeur: input.valeur, dateEffet: input.dateEffet, decideLe, reference },
      });
      await this.queueRecalcul(em, {
        sens: 'ajout',
        parametreId: row.id,
        cle: input.cle,
        valeur: input.valeur,
        dateEffet: input.dateEffet,
        decideLe,
        reference,
        saisieLe: new Date(row.created_at).toISOString(),
        changeLe: new Date(row.created_at).toISOString(),
        actor: { id: actor.id, label: actor.label },
      });
    });
    return this.list();
  }

  /** Cancels a value that has not applied yet. */
  async cancel(actor: Actor, id: string): Promise<ParametresDto> {
    const today = todayInFrance();
    await this.dataSource.transaction(async (em) => {
      const [row]: { id: string; cle: string; valeur: unknown; date_effet: string; decide_le: string; reference: string | null; created_at: Date; now: Date }[] = await em.query(
        'SELECT id, cle, valeur, date_effet::text, decide_le::text, reference, created_at, now() AS now FROM programme_parametre WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!row) throw new AppError('PARAMETRE_NOT_FOUND', 'Valeur de paramètre introuvable.');
      if (row.date_effet <= today) {
        throw new AppError('PARAMETRE_ALREADY_APPLIED', 'Cette valeur s’applique déjà : elle fait partie de l’historique et ne peut plus être annulée. Prévoyez une nouvelle valeur.');
      }
      await em.query('DELETE FROM programme_parametre WHERE id = $1', [id]);
      await this.audit.record(em, actor, {
        action: 'parametre.valeur_annulee',
        entityType: 'programme_parametre',
        entityId: id,
        before: { cle: row.cle, valeur: row.valeur, dateEffet: row.date_effet, decideLe: row.decide_le, reference: row.reference },
        after: null,
      });
      await this.queueRecalcul(em, {
        sens: 'annulation',
        parametreId: row.id,
        cle: row.cle,
        valeur: row.valeur,
        dateEffet: row.date_effet,
        decideLe: today,
        reference: null,
        saisieLe: new Date(row.created_at).toISOString(),
        changeLe: new Date(row.now).toISOString(),
        actor: { id: actor.id, label: actor.label },
        decisionAnnulee: { decideLe: row.decide_le, reference: row.reference },
      });
    });
    return this.list();
  }

  /** Queues, in the change's transaction, the recomputation of the posts it may affect. */
  private async queueRecalcul(em: EntityManager, data: RecalculSubventionsData): Promise<void> {
    if (!(PARAMETRES_SUBVENTION as readonly string[]).includes(data.cle)) return;
    await this.jobs.send(RECALCUL_SUBVENTIONS_JOB, data, { em, singletonKey: `${data.sens}:${data.parametreId}` });
  }
}
