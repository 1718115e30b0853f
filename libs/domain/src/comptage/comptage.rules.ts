import { FINANCEMENT_STATUT_DATES, FINANCEMENT_STATUTS, FINANCEMENT_STATUTS_ENGAGES, type FinancementStatut } from '../financements/financements.rules';
import { MISSION_STATUTS_FINANCES, type MissionStatut } from '../ingenierie/missions.rules';
import { addMonthsIso } from '../calendar/calendar';
import type { ClubEvenementType } from '../club/evenements.rules';

/**
 * Counting rules of the programme's figures, written once. Lists, totals, indicators, exports and
 * the generated report apply these rules; the API compiles them to SQL (`comptage.sql.ts`) and a
 * known-answer test checks that the SQL and these functions agree.
 *
 * Three questions, each answered for a calendar day D ("au 1er janvier 2024"):
 * 1. **What counts**: a record counts for the programme on D when it concerns a commune that is a
 *    member of the programme on D (an EPCI-level record: when the EPCI has at least one member
 *    commune on D). Anything else is accepted and shown, flagged « hors PVD », and excluded from
 *    the programme's figures.
 * 2. **Which date applies**: each amount has an engagement date; on D it counts as engaged if that
 *    date is on or before D. A status is the last one whose date is on or before D.
 * 3. **Which area an amount belongs to**: a commune's amount to its département and région; an
 *    EPCI's amount to the département and région of the EPCI's seat, once: the areas add up to the
 *    nation, never more.
 */

/** A dated membership of the programme: `debut` included, `fin` excluded (the day the commune left). */
export interface PeriodeAdhesion {
  debut: string;
  fin: string | null;
}

/** Whether a membership period covers day D (ISO days compare as strings). */
export function periodeActiveAu(p: PeriodeAdhesion, jour: string): boolean {
  return p.debut <= jour && (p.fin === null || p.fin > jour);
}

/** The dates of a financing line's statuses, as stored. */
export type DatesStatutFinancement = Record<(typeof FINANCEMENT_STATUT_DATES)[FinancementStatut], string | null>;

/**
 * The status of a financing line on day D: the furthest status whose date is on or before D, or
 * null when the line did not exist yet (no dated status before D). A line recorded as « versé »
 * today was « engagé » on a day between its engagement and its payment.
 */
export function statutFinancementAu(dates: DatesStatutFinancement, jour: string): FinancementStatut | null {
  let statut: FinancementStatut | null = null;
  for (const s of FINANCEMENT_STATUTS) {
    const d = dates[FINANCEMENT_STATUT_DATES[s]];
    if (d !== null && d <= jour) statut = s;
  }
  return statut;
}

/**
 * The engagement date of a financing line: the date of its first status counted as engaged
 * (engagement, else contractualisation, else payment), or null if it was never engaged.
 */
export function dateEngagementFinancement(dates: DatesStatutFinancement): string | null {
  const ordered = FINANCEMENT_STATUTS.filter((s) => FINANCEMENT_STATUTS_ENGAGES.includes(s)).map((s) => dates[FINANCEMENT_STATUT_DATES[s]]);
  const present = ordered.filter((d): d is string => d !== null);
  return present.length ? present.reduce((a, b) => (b < a ? b : a)) : null;
}

/** Whether a financing line counts as engaged money on day D. */
export function financementEngageAu(dates: DatesStatutFinancement, jour: string): boolean {
  const engagement = dateEngagementFinancement(dates);
  return engagement !== null && engagement <= jour;
}

/** What a mission needs for the count of financed missions and their engaged amount. */
export interface MissionComptee {
  statut: MissionStatut;
  dateEngagement: string | null;
}

/**
 * Whether an expertise mission counts as financed on day D: its status is one of the financed
 * ones (accordée, en cours, livrée; an abandoned mission never counts) and it was engaged on or
 * before D.
 */
export function missionFinanceeAu(m: MissionComptee, jour: string): boolean {
  return MISSION_STATUTS_FINANCES.includes(m.statut) && m.dateEngagement !== null && m.dateEngagement <= jour;
}

/** A record's beneficiary (or owner) as counted: a commune, or an EPCI with its member communes. */
export type BeneficiaireCompte =
  | { type: 'commune'; insee: string; departementCode: string; regionCode: string }
  | { type: 'epci'; siren: string; communes: readonly string[]; siege: { departementCode: string; regionCode: string } | null };

/**
 * Whether a record of this beneficiary counts for the programme on day D, given the communes that
 * are members on D: a commune must be one of them; an EPCI must have at least one of them.
 */
export function beneficiaireDansLeProgramme(b: BeneficiaireCompte, communesMembres: ReadonlySet<string>): boolean {
  return b.type === 'commune' ? communesMembres.has(b.insee) : b.communes.some((c) => communesMembres.has(c));
}

/** The one area an amount is attributed to for maps and area totals (null: no known seat). */
export function zoneDuBeneficiaire(b: BeneficiaireCompte): { departementCode: string; regionCode: string } | null {
  return b.type === 'commune' ? { departementCode: b.departementCode, regionCode: b.regionCode } : b.siege;
}

/**
 * The seat of an EPCI, for attributing its amounts to one département and région. The national
 * référentiel gives no seat, so the rule is: the member commune with the largest population,
 * ties broken by the smaller INSEE code. Deterministic, and almost always the real seat.
 */
export function siegeEpci<T extends { insee: string; population: number | null }>(membres: readonly T[]): T | null {
  let best: T | null = null;
  for (const m of membres) {
    if (best === null) best = m;
    else {
      const pm = m.population ?? -1;
      const pb = best.population ?? -1;
      if (pm > pb || (pm === pb && m.insee < best.insee)) best = m;
    }
  }
  return best;
}

/** Label shown beside records that do not count for the programme. */
export const HORS_PVD_LABEL = 'hors PVD';

/** OPAH « simple ou complexe » (indicator T8): every OPAH kind, not PIG, RHI-THIRORI, plans de sauvegarde or ORCOD. */
export const TYPES_OPAH = ['opah', 'opah_ru', 'opah_rr', 'opah_cd'] as const;

/** Phases in which an habitat operation has been operational: running, or closed after running. */
export const PHASES_OPERATIONNELLES = ['operationnelle', 'close'] as const;

/**
 * Whether an habitat operation is operational on day D: in an operational phase (or closed after
 * one) and D within its dates (start included, end included; no start date: not counted).
 */
export function operationHabitatActiveAu(o: { phase: string; dateDebut: string | null; dateFin: string | null }, jour: string): boolean {
  return (PHASES_OPERATIONNELLES as readonly string[]).includes(o.phase) && o.dateDebut !== null && o.dateDebut <= jour && (o.dateFin === null || o.dateFin >= jour);
}

/** ORT statuses that were signed (a lapsed ORT was in force until its term). */
export const ORT_STATUTS_SIGNES = ['signee', 'echue'] as const;

/**
 * Whether an ORT is in force on day D: signed on or before D and, when it has a duration, D before
 * the end of its last year (signature + duration in years, excluded). An abandoned one never was.
 */
export function ortEnVigueurAu(o: { statut: string; dateSignature: string | null; dureeAnnees: number | null }, jour: string): boolean {
  if (!(ORT_STATUTS_SIGNES as readonly string[]).includes(o.statut) || o.dateSignature === null || o.dateSignature > jour) return false;
  if (o.dureeAnnees === null) return true;
  const fin = `${String(Number(o.dateSignature.slice(0, 4)) + o.dureeAnnees).padStart(4, '0')}${o.dateSignature.slice(4)}`;
  return jour < fin;
}

/** Whether a scheme participation (France services, Micro-Folie…) is active on D: started on or before D (or undated), not ended. */
export function participationActiveAu(p: { dateDebut: string | null; dateFin: string | null }, jour: string): boolean {
  return (p.dateDebut === null || p.dateDebut <= jour) && (p.dateFin === null || p.dateFin > jour);
}

/** Whether a convention (cadre, adhésion) was signed on or before D. */
export function conventionSigneeAu(c: { etat: string; dateSignature: string | null }, jour: string): boolean {
  return c.etat === 'signee' && c.dateSignature !== null && c.dateSignature <= jour;
}

/** A chef de projet post's holder: from `debut` to `fin`, both included (ISO days). */
export interface TitulaireCompte {
  debut: string;
  fin: string | null;
}

/** A co-financer's participation in a post: undated ends are open (ISO days, both included). */
export interface CofinancementCompte {
  debut: string | null;
  fin: string | null;
}

/** Whether a post is held on D: a holder started on or before D and not gone before it. Otherwise it is vacant. */
export function posteTenuAu(titulaires: readonly TitulaireCompte[], jour: string): boolean {
  return titulaires.some((t) => t.debut <= jour && (t.fin === null || t.fin >= jour));
}

/**
 * Whether a post is co-financed on D (indicator I3, « postes de chef de projet subventionnés »):
 * held on D, with a co-financer whose participation covers D.
 */
export function posteCofinanceAu(p: { titulaires: readonly TitulaireCompte[]; cofinanceurs: readonly CofinancementCompte[] }, jour: string): boolean {
  return posteTenuAu(p.titulaires, jour) && p.cofinanceurs.some((c) => (c.debut === null || c.debut <= jour) && (c.fin === null || c.fin >= jour));
}

/**
 * Dispositifs the report quotes « in addition to » the programme's financial trajectory (P4) and
 * its thematic pillar (T1): MaPrimeRénov' (P6) and the ADEME's investments (P7).
 */
export const DISPOSITIFS_HORS_TRAJECTOIRE = ['maprimerenov', 'ademe_transition'] as const;

/**
 * The Club (indicators C2, C3): the kinds counted as « animations » and as « formations » are
 * `CLUB_ANIMATION_TYPES` and `CLUB_FORMATION_TYPES` (club/evenements.rules). A session of a season
 * or a thematic week is an event of its own kind (a webinar): the report counts « 1 saison
 * (9 webinaires) ». Club meetings (`club_departemental`) count only in C4.
 */
export const CLUB_TYPE_DEPARTEMENTAL = 'club_departemental' satisfies ClubEvenementType;

/** How far back a département's club must have met to be « en fonctionnement » on D (C4): 12 months. */
export const CLUB_PERIODE_FONCTIONNEMENT_MOIS = 12;

/** Whether a Club event counts on D: published (neither a draft nor cancelled) and begun on or before D. */
export function evenementClubTenuAu(e: { statut: string; dateDebut: string }, jour: string): boolean {
  return e.statut === 'publie' && e.dateDebut <= jour;
}

/**
 * Whether a département's club is « en fonctionnement » on D (C4): one of its meetings, published
 * and not cancelled, began in the 12 months up to D (after D minus 12 months, on or before D).
 */
export function clubDepartementalEnFonctionnementAu(reunions: readonly { statut: string; dateDebut: string }[], jour: string): boolean {
  const depuis = addMonthsIso(jour, -CLUB_PERIODE_FONCTIONNEMENT_MOIS);
  return reunions.some((r) => evenementClubTenuAu(r, jour) && r.dateDebut > depuis);
}

/** Whether a project sheet is published on D (C1): first published on or before D and not unpublished by D. */
export function ficheProjetPublieeAu(f: { publieeLe: string | null; depublieeLe: string | null }, jour: string): boolean {
  return f.publieeLe !== null && f.publieeLe <= jour && (f.depublieeLe === null || f.depublieeLe > jour);
}

/** A Club event's participants (C2): the number the organiser recorded, else the registrations marked present. */
export function participantsEvenementClub(e: { participants: number | null; presents: number }): number {
  return e.participants ?? e.presents;
}
