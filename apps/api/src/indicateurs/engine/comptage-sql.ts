import {
  CLUB_ANIMATION_TYPES,
  CLUB_FORMATION_TYPES,
  CLUB_PERIODE_FONCTIONNEMENT_MOIS,
  CLUB_TYPE_DEPARTEMENTAL,
  DISPOSITIFS_HORS_TRAJECTOIRE,
  FINANCEMENT_STATUT_DATES,
  FINANCEMENT_STATUTS,
  FINANCEMENT_STATUTS_ENGAGES,
  MISSION_STATUTS_FINANCES,
  ORT_STATUTS_SIGNES,
  PHASES_OPERATIONNELLES,
  TYPES_OPAH,
} from '@suivi-pvd/domain';

/**
 * The counting rules of `libs/domain/src/comptage`, compiled to SQL from the same declarations
 * (status order and date columns, financed statuses, OPAH kinds…). The known-answer tests check
 * that these fragments and the domain functions agree on the same records.
 */

const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const list = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

/** The status of financing line `l` on day `jour` (`statutFinancementAu`). */
export function statutFinancementAuSql(l: string, jour: string): string {
  const cases = [...FINANCEMENT_STATUTS].reverse().map((s) => `WHEN ${l}.${snake(FINANCEMENT_STATUT_DATES[s])} <= ${jour} THEN '${s}'`);
  return `(CASE ${cases.join(' ')} END)`;
}

/** The engagement date of financing line `l` (`dateEngagementFinancement`): the earliest date of an engaged status. */
export function dateEngagementFinancementSql(l: string): string {
  const columns = FINANCEMENT_STATUTS.filter((s) => FINANCEMENT_STATUTS_ENGAGES.includes(s)).map((s) => `${l}.${snake(FINANCEMENT_STATUT_DATES[s])}`);
  return `LEAST(${columns.join(', ')})`;
}

/** Mission `m` is financed on day `jour` (`missionFinanceeAu`). */
export function missionFinanceeAuSql(m: string, jour: string): string {
  return `(${m}.statut IN (${list(MISSION_STATUTS_FINANCES)}) AND ${m}.date_engagement <= ${jour})`;
}

/** Habitat operation `o` is operational on day `jour` (`operationHabitatActiveAu`). */
export function operationHabitatActiveAuSql(o: string, jour: string): string {
  return `(${o}.phase IN (${list(PHASES_OPERATIONNELLES)}) AND ${o}.date_debut <= ${jour} AND (${o}.date_fin IS NULL OR ${o}.date_fin >= ${jour}))`;
}

export const TYPES_OPAH_SQL = list(TYPES_OPAH);

/** ORT `o` is in force on day `jour` (`ortEnVigueurAu`). */
export function ortEnVigueurAuSql(o: string, jour: string): string {
  return `(${o}.statut IN (${list(ORT_STATUTS_SIGNES)}) AND ${o}.date_signature <= ${jour} AND (${o}.duree_annees IS NULL OR ${jour} < ${o}.date_signature + make_interval(years => ${o}.duree_annees)))`;
}

/** Participation `p` is active on day `jour` (`participationActiveAu`). */
export function participationActiveAuSql(p: string, jour: string): string {
  return `((${p}.date_debut IS NULL OR ${p}.date_debut <= ${jour}) AND (${p}.date_fin IS NULL OR ${p}.date_fin > ${jour}))`;
}

/** Convention `c` was signed on or before `jour` (`conventionSigneeAu`). */
export function conventionSigneeAuSql(c: string, jour: string): string {
  return `(${c}.etat = 'signee' AND ${c}.date_signature <= ${jour})`;
}

/** Post `po` is held on day `jour` (`posteTenuAu`); otherwise it is vacant. */
export function posteTenuAuSql(po: string, jour: string): string {
  return `EXISTS (SELECT 1 FROM poste_titulaire t WHERE t.poste_id = ${po}.id AND t.date_debut <= ${jour} AND (t.date_fin IS NULL OR t.date_fin >= ${jour}))`;
}

/** Co-financer participation `pc` (a `poste_cofinanceur` row) covers day `jour`. */
export function cofinancementEnCoursAuSql(pc: string, jour: string): string {
  return `((${pc}.date_debut IS NULL OR ${pc}.date_debut <= ${jour}) AND (${pc}.date_fin IS NULL OR ${pc}.date_fin >= ${jour}))`;
}

/** Post `po` is co-financed on day `jour` (`posteCofinanceAu`): held, with a participation covering the day. */
export function posteCofinanceAuSql(po: string, jour: string): string {
  return `(${posteTenuAuSql(po, jour)} AND EXISTS (SELECT 1 FROM poste_cofinanceur pc WHERE pc.poste_id = ${po}.id AND ${cofinancementEnCoursAuSql('pc', jour)}))`;
}

export const DISPOSITIFS_HORS_TRAJECTOIRE_SQL = list(DISPOSITIFS_HORS_TRAJECTOIRE);

export const CLUB_TYPES_ANIMATION_SQL = list(CLUB_ANIMATION_TYPES);
export const CLUB_TYPES_FORMATION_SQL = list(CLUB_FORMATION_TYPES);

/** Club event `e` counts on day `jour` (`evenementClubTenuAu`): published and begun on or before the day. */
export function evenementClubTenuAuSql(e: string, jour: string): string {
  return `(${e}.statut = 'publie' AND ${e}.date_debut <= ${jour})`;
}

/**
 * Club meeting `r` makes its département's club « en fonctionnement » on day `jour`
 * (`clubDepartementalEnFonctionnementAu`): a held meeting of a club, begun after the day 12 months before.
 */
export function reunionClubEnFonctionnementAuSql(r: string, jour: string): string {
  return `(${r}.type = '${CLUB_TYPE_DEPARTEMENTAL}' AND ${evenementClubTenuAuSql(r, jour)} AND ${r}.date_debut > (${jour} - make_interval(months => ${CLUB_PERIODE_FONCTIONNEMENT_MOIS}))::date)`;
}

/** Project sheet `f` is published on day `jour` (`ficheProjetPublieeAu`). */
export function ficheProjetPublieeAuSql(f: string, jour: string): string {
  return `(${f}.publiee_le <= ${jour} AND (${f}.depubliee_le IS NULL OR ${f}.depubliee_le > ${jour}))`;
}

/** Club event `e`'s participants (`participantsEvenementClub`): recorded, else registrations marked present. */
export function participantsEvenementClubSql(e: string): string {
  return `COALESCE(${e}.participants, (SELECT count(*) FROM club_inscription i WHERE i.evenement_id = ${e}.id AND i.presence IS TRUE))::int`;
}
