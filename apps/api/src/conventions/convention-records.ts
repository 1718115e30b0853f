import {
  COMPLETENESS_ITEMS,
  conventionCadreDeadline,
  missingForDeposit,
  type CompletenessItem,
  conventionTitle,
  type ConventionState,
  type ConventionType,
  type PlanActionStatut,
  type PlanActionTheme,
} from '@suivi-pvd/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { versionConflict } from '../core/errors/version-conflict';
import { requirePvdAccess, type PvdAccess } from '../dossiers/pvd-access';
import { delaiConventionCadreSql } from '../programme/programme-parametres';
import { adhesionDaySql } from './convention-lateness-sql';
import type { Signataire } from './convention.entities';
import type { CompletudeDto, ConventionSummaryDto, EcheanceDto, PlanActionDto } from './dto/convention.dto';
import type { Permission } from '@suivi-pvd/domain';

/** A convention row as read by the services (snake_case from SQL). */
export interface ConventionRow {
  id: string;
  pvd_id: string;
  type: ConventionType;
  parent_id: string | null;
  numero: number | null;
  etat: ConventionState;
  etat_depuis: Date;
  objet: string | null;
  diagnostic: string | null;
  strategie: string | null;
  vaut_ort: boolean;
  signataires: Signataire[];
  date_signature: string | null;
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
  version: number;
}

export const CONVENTION_SELECT = `
  SELECT c.id, c.pvd_id, c.type, c.parent_id, c.numero, c.etat, c.etat_depuis, c.objet, c.diagnostic, c.strategie,
         c.vaut_ort, c.signataires, c.date_signature::text, c.updated_at, c.updated_by, u.display_name AS updated_by_name, c.version
    FROM convention c LEFT JOIN app_user u ON u.id = c.updated_by`;

export const CONVENTION_NOT_FOUND = { code: 'CONVENTION_NOT_FOUND', message: 'Convention introuvable.' } as const;

/**
 * Loads a convention for a change, locked until the transaction ends, after checking the caller's
 * access on its PVD's stored territory (404 outside what they may read, 403 without `permission`)
 * and the version they read (409 naming who changed it since).
 */
export async function lockConvention(
  em: EntityManager,
  user: CurrentUser,
  id: string,
  permission: Permission,
  version: number,
): Promise<{ row: ConventionRow; access: PvdAccess }> {
  const row = await getConvention(em, id, true);
  const access = await requirePvdAccess(em, user, row.pvd_id, permission, CONVENTION_NOT_FOUND);
  if (row.version !== version) throw versionConflict({ text: 'Cette convention', feminine: true }, row.updated_by_name, row.updated_at);
  return { row, access };
}

/** A convention that must exist (404 otherwise). */
export async function getConvention(db: DataSource | EntityManager, id: string, forUpdate = false): Promise<ConventionRow> {
  const row = await readConvention(db, id, forUpdate);
  if (!row) throw new AppError(CONVENTION_NOT_FOUND.code, CONVENTION_NOT_FOUND.message);
  return row;
}

export async function readConvention(db: DataSource | EntityManager, id: string, forUpdate = false): Promise<ConventionRow | null> {
  // Lock first, then read: a join read with the lock would show a concurrent writer's row but not
  // the joined author (PostgreSQL re-checks only the locked table), and the conflict must name them.
  if (forUpdate) await db.query('SELECT 1 FROM convention WHERE id = $1 FOR UPDATE', [id]);
  const [row]: ConventionRow[] = await db.query(`${CONVENTION_SELECT} WHERE c.id = $1`, [id]);
  return row ?? null;
}

/** What a convention's summary reads of its row (`etat_depuis` as a JSON string when read through `json_agg`). */
export type ConventionSummaryRow = Pick<ConventionRow, 'id' | 'type' | 'numero' | 'objet' | 'etat' | 'date_signature' | 'version'> & { etat_depuis: Date | string };

export function toSummary(r: ConventionSummaryRow): ConventionSummaryDto {
  return {
    id: r.id,
    type: r.type,
    numero: r.numero,
    titre: conventionTitle(r.type, r.numero),
    objet: r.objet,
    etat: r.etat,
    etatDepuis: new Date(r.etat_depuis).toISOString(),
    dateSignature: r.date_signature,
    version: r.version,
  };
}

export interface ActionRow {
  intitule: string;
  thematique: PlanActionTheme;
  porteur: string | null;
  date_debut: string | null;
  date_fin: string | null;
  statut: PlanActionStatut;
}

export async function readActions(db: DataSource | EntityManager, conventionId: string): Promise<PlanActionDto[]> {
  const rows: ActionRow[] = await db.query(
    `SELECT intitule, thematique, porteur, date_debut::text, date_fin::text, statut FROM convention_action WHERE convention_id = $1 ORDER BY position`,
    [conventionId],
  );
  return rows.map((a) => ({ intitule: a.intitule, thematique: a.thematique, porteur: a.porteur, dateDebut: a.date_debut, dateFin: a.date_fin, statut: a.statut }));
}

/** What the audit log keeps of a convention: its content and state, not its technical fields. */
export function conventionSnapshot(r: ConventionRow, actions: PlanActionDto[]): Record<string, unknown> {
  return {
    type: r.type,
    numero: r.numero,
    etat: r.etat,
    objet: r.objet,
    diagnostic: r.diagnostic,
    strategie: r.strategie,
    vautOrt: r.vaut_ort,
    signataires: r.signataires,
    actions,
    dateSignature: r.date_signature,
  };
}

/**
 * The convention-cadre deadline of a PVD: its convention d'adhésion date (the signed one recorded
 * here, otherwise the national list's), the delay in force on that date, the convention-cadre's
 * signature.
 */
export async function echeanceOf(db: DataSource | EntityManager, pvdId: string, today: string): Promise<EcheanceDto> {
  const [row] = await db.query(`SELECT ${echeanceColumnsSql('p', '$2::date')} FROM pvd p WHERE p.id = $1`, [pvdId, today]);
  return echeanceFromRow(row, today);
}

/**
 * The columns `echeanceFromRow` reads, over the PVD `pvd` (an alias): its adhésion day, the delay
 * in force that day (or `today` when unknown) and the convention-cadre's signature day.
 */
export function echeanceColumnsSql(pvd: string, today: string): string {
  const adhesion = adhesionDaySql(pvd);
  return `${adhesion}::text AS echeance_adhesion, ${delaiConventionCadreSql(`COALESCE(${adhesion}, ${today})`)} AS echeance_delai,
          (SELECT k.date_signature FROM convention k WHERE k.pvd_id = ${pvd}.id AND k.type = 'cadre' AND k.etat = 'signee')::text AS echeance_cadre_signee`;
}

/** The convention-cadre's deadline from the columns of `echeanceColumnsSql`. */
export function echeanceFromRow(row: { echeance_adhesion: string | null; echeance_delai: number | string; echeance_cadre_signee: string | null }, today: string): EcheanceDto {
  const delaiMois = Number(row.echeance_delai);
  const status = conventionCadreDeadline({ adhesionDate: row.echeance_adhesion, cadreSignedOn: row.echeance_cadre_signee, today, delayMonths: delaiMois });
  return {
    kind: status.kind,
    dateAdhesion: row.echeance_adhesion,
    delaiMois,
    dateLimite: 'dueDate' in status ? status.dueDate : null,
    joursRestants: status.kind === 'a_venir' ? status.daysLeft : null,
    joursRetard: status.kind === 'en_retard' ? status.daysLate : null,
  };
}

/** What a convention still lacks before its deposit (empty when complete), by field, from what is saved. */
export async function missingOf(db: DataSource | EntityManager, row: ConventionRow): Promise<Partial<Record<CompletenessItem, string[]>>> {
  const [counts] = await db.query(
    `SELECT (SELECT count(*) FROM convention_action WHERE convention_id = $1) AS actions,
            (SELECT count(*) FROM document WHERE convention_id = $1 AND nature = 'piece') AS documents`,
    [row.id],
  );
  return missingForDeposit({
    type: row.type,
    objet: row.objet,
    diagnostic: row.diagnostic,
    strategie: row.strategie,
    signatairesCount: row.signataires.length,
    actionsCount: Number(counts.actions),
    documentsCount: Number(counts.documents),
  });
}

/** The checklist shown beside the deposit: complete or not, and what is missing, in the screen's order. */
export function toCompletude(missing: Partial<Record<CompletenessItem, string[]>>): CompletudeDto {
  const manquants = COMPLETENESS_ITEMS.flatMap((champ) => (missing[champ] ?? []).map((message) => ({ champ, message })));
  return { complete: manquants.length === 0, manquants };
}
