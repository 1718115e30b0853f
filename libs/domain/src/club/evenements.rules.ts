import { can, roleCan, type Membership, type OrganisationType } from '../access/permissions';
import { addDaysIso, isIsoDay } from '../calendar/calendar';
import { PLAN_ACTION_THEMES, type PlanActionTheme } from '../conventions/convention.rules';

/**
 * The Club's events (issue 19): the kinds, who may organise which, the waiting list, and the
 * calendar text. The indicators engine (C2, C3, C4) reads the kinds' families from here.
 */
export const CLUB_EVENEMENT_TYPES = [
  'webinaire',
  'semaine_thematique',
  'saison_thematique',
  'atelier_in_situ',
  'rencontre_nationale',
  'formation_initiale',
  'formation_approfondissement',
  'club_departemental',
] as const;
export type ClubEvenementType = (typeof CLUB_EVENEMENT_TYPES)[number];

export const CLUB_EVENEMENT_TYPE_LABELS: Record<ClubEvenementType, string> = {
  webinaire: 'Webinaire',
  semaine_thematique: 'Semaine thématique',
  saison_thematique: 'Saison thématique',
  atelier_in_situ: 'Atelier in situ',
  rencontre_nationale: 'Rencontre nationale',
  formation_initiale: 'Formation initiale',
  formation_approfondissement: 'Formation d’approfondissement',
  club_departemental: 'Club départemental',
};

/** C2: the network's animations. */
export const CLUB_ANIMATION_TYPES = ['webinaire', 'semaine_thematique', 'saison_thematique', 'atelier_in_situ', 'rencontre_nationale'] as const satisfies readonly ClubEvenementType[];
/** C3: the trainings given by the partners. */
export const CLUB_FORMATION_TYPES = ['formation_initiale', 'formation_approfondissement'] as const satisfies readonly ClubEvenementType[];
/** The kinds that hold sessions (`parent_id` of a session). */
export const CLUB_CYCLE_TYPES = ['saison_thematique', 'semaine_thematique'] as const satisfies readonly ClubEvenementType[];

export function isClubAnimation(type: ClubEvenementType): boolean {
  return (CLUB_ANIMATION_TYPES as readonly string[]).includes(type);
}
export function isClubFormation(type: ClubEvenementType): boolean {
  return (CLUB_FORMATION_TYPES as readonly string[]).includes(type);
}
export function isClubEvenementType(value: unknown): value is ClubEvenementType {
  return typeof value === 'string' && (CLUB_EVENEMENT_TYPES as readonly string[]).includes(value);
}

export const CLUB_EVENEMENT_STATUTS = ['brouillon', 'publie', 'annule'] as const;
export type ClubEvenementStatut = (typeof CLUB_EVENEMENT_STATUTS)[number];
export const CLUB_EVENEMENT_STATUT_LABELS: Record<ClubEvenementStatut, string> = { brouillon: 'Brouillon', publie: 'Publié', annule: 'Annulé' };

export const CLUB_INSCRIPTION_STATUTS = ['inscrit', 'attente', 'desinscrit'] as const;
export type ClubInscriptionStatut = (typeof CLUB_INSCRIPTION_STATUTS)[number];
export const CLUB_INSCRIPTION_STATUT_LABELS: Record<ClubInscriptionStatut, string> = { inscrit: 'Inscrit', attente: 'En liste d’attente', desinscrit: 'Désinscrit' };

/** The themes of the Club are those of the plans d'action, so an event and a project sheet meet on them. */
export const CLUB_THEMES = PLAN_ACTION_THEMES;
export type ClubTheme = PlanActionTheme;

/** The kinds a préfecture organises, always in its own département. */
export const CLUB_TYPES_PREFECTURE = ['club_departemental', 'atelier_in_situ', 'webinaire'] as const satisfies readonly ClubEvenementType[];
/** The kinds a partner organises: its trainings. */
export const CLUB_TYPES_PARTENAIRE = CLUB_FORMATION_TYPES;

/** An organisation one may organise events as: the ANCT, a préfecture or a partner. */
export interface ClubOrganisateur {
  organisationId: string;
  organisationType: OrganisationType;
  organisationNom: string;
  /** A préfecture's département; null for the ANCT and partners. */
  departementCode: string | null;
}

/** The organisations the memberships organise events as (`club:organiser`). */
export function clubOrganisateurs(memberships: readonly Membership[]): ClubOrganisateur[] {
  const seen = new Set<string>();
  const out: ClubOrganisateur[] = [];
  for (const m of memberships) {
    if (!roleCan(m.role, 'club:organiser') || seen.has(m.organisationId)) continue;
    if (m.organisationType !== 'anct' && m.organisationType !== 'prefecture' && m.organisationType !== 'partenaire') continue;
    if (m.organisationType === 'prefecture' && !m.departementCode) continue;
    seen.add(m.organisationId);
    out.push({ organisationId: m.organisationId, organisationType: m.organisationType, organisationNom: m.organisationNom, departementCode: m.organisationType === 'prefecture' ? m.departementCode : null });
  }
  return out;
}

/** The kinds an organiser may create. */
export function typesOrganisables(organisationType: OrganisationType): readonly ClubEvenementType[] {
  if (organisationType === 'anct') return CLUB_EVENEMENT_TYPES;
  if (organisationType === 'prefecture') return CLUB_TYPES_PREFECTURE;
  if (organisationType === 'partenaire') return CLUB_TYPES_PARTENAIRE;
  return [];
}

/** What an event says of its organisation and place, checked against its organiser. */
export interface ClubEvenementPlacement {
  type: ClubEvenementType;
  departementCode: string | null;
}

/** Field errors when this organiser may not hold this kind of event in this place (empty: allowed). */
export function organisationErrors(organisateur: Pick<ClubOrganisateur, 'organisationType' | 'departementCode'>, event: ClubEvenementPlacement): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (!typesOrganisables(organisateur.organisationType).includes(event.type)) {
    errors.type = [
      organisateur.organisationType === 'partenaire'
        ? 'Un partenaire organise les formations (initiale ou d’approfondissement).'
        : 'Une préfecture organise le club départemental, les ateliers et les webinaires de son département.',
    ];
  }
  if (organisateur.organisationType === 'prefecture' && event.departementCode !== organisateur.departementCode) {
    errors.departementCode = ['Une préfecture organise dans son propre département.'];
  }
  if (event.type === 'club_departemental' && !event.departementCode) {
    errors.departementCode = ['Indiquez le département du club.'];
  }
  return errors;
}

/** Whether the memberships may manage an event stored with this organiser (its organisation's members, and the ANCT). */
export function peutGererEvenement(memberships: readonly Membership[], organisateurId: string): boolean {
  return memberships.some((m) => roleCan(m.role, 'club:organiser') && (m.organisationType === 'anct' || m.organisationId === organisateurId));
}

/** Whether the memberships may register to events. */
export function peutSInscrire(memberships: readonly Membership[]): boolean {
  return can(memberships, 'club:inscrire');
}

export interface ClubEvenementDates {
  dateDebut: string;
  dateFin: string;
  heureDebut: string | null;
  heureFin: string | null;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Field errors of an event's days and hours (hours as « HH:MM »). */
export function datesErrors(d: ClubEvenementDates): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (!isIsoDay(d.dateDebut)) errors.dateDebut = ['Date de début invalide.'];
  if (!isIsoDay(d.dateFin)) errors.dateFin = ['Date de fin invalide.'];
  if (errors.dateDebut || errors.dateFin) return errors;
  if (d.dateFin < d.dateDebut) errors.dateFin = ['La date de fin ne peut précéder la date de début.'];
  if (d.heureDebut !== null && !TIME.test(d.heureDebut)) errors.heureDebut = ['Heure au format HH:MM.'];
  if (d.heureFin !== null && !TIME.test(d.heureFin)) errors.heureFin = ['Heure au format HH:MM.'];
  if (d.heureFin !== null && d.heureDebut === null) errors.heureDebut = ['Indiquez l’heure de début.'];
  if (!errors.heureDebut && !errors.heureFin && d.heureDebut && d.heureFin && d.dateDebut === d.dateFin && d.heureFin <= d.heureDebut) {
    errors.heureFin = ['L’heure de fin doit suivre l’heure de début.'];
  }
  return errors;
}

/** Where a new registration lands: a seat while there is one (capacity null: unlimited), else the waiting list. */
export function placeInscription(inscrits: number, capacite: number | null): 'inscrit' | 'attente' {
  return capacite === null || inscrits < capacite ? 'inscrit' : 'attente';
}

/** How many waiting people move up when `inscrits` hold seats out of `capacite`. */
export function placesLiberees(inscrits: number, capacite: number | null, enAttente: number): number {
  if (capacite === null) return enAttente;
  return Math.max(0, Math.min(enAttente, capacite - inscrits));
}

// ─── iCalendar (RFC 5545) ──────────────────────────────────────────────────────

export interface IcsEvenement {
  id: string;
  titre: string;
  description: string | null;
  dateDebut: string;
  dateFin: string;
  heureDebut: string | null;
  heureFin: string | null;
  lieu: string | null;
  lien: string | null;
  statut: ClubEvenementStatut;
  /** The event's last change (DTSTAMP, and the SEQUENCE from its version). */
  modifieLe: Date;
  version: number;
  /** The event's page in the web app (absolute). */
  url: string | null;
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character (§3.1). */
/** The UTF-8 length of a text, in octets. */
function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    n += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return n;
}

export function icsFold(line: string): string {
  const bytes = utf8Length;
  if (bytes(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let limit = 75;
  for (const ch of line) {
    if (bytes(current + ch) > limit) {
      parts.push(current);
      current = ch;
      limit = 74; // continuation lines start with a space
    } else current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compactDay = (iso: string) => iso.replace(/-/g, '');
const compactTime = (hhmm: string) => `${hhmm.replace(':', '').slice(0, 4)}00`;
function utcStamp(at: Date): string {
  return `${at.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
}

/** Europe/Paris with its EU daylight-saving rules, so every client reads the local times right. */
const VTIMEZONE_PARIS = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function veventLines(e: IcsEvenement, domain: string): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${e.id}@${domain}`, `DTSTAMP:${utcStamp(e.modifieLe)}`, `SEQUENCE:${Math.max(0, e.version - 1)}`];
  if (e.heureDebut) {
    lines.push(`DTSTART;TZID=Europe/Paris:${compactDay(e.dateDebut)}T${compactTime(e.heureDebut)}`);
    // No end hour: one hour after the start on the last day (an hour is the usual webinar).
    const fin = e.heureFin ?? (e.dateFin === e.dateDebut ? null : e.heureDebut);
    if (fin) lines.push(`DTEND;TZID=Europe/Paris:${compactDay(e.dateFin)}T${compactTime(fin)}`);
    else lines.push('DURATION:PT1H');
  } else {
    // Whole days: DTEND is exclusive, the day after the last one.
    lines.push(`DTSTART;VALUE=DATE:${compactDay(e.dateDebut)}`, `DTEND;VALUE=DATE:${compactDay(addDaysIso(e.dateFin, 1))}`);
  }
  lines.push(`SUMMARY:${icsText(e.titre)}`);
  const description = [e.description ?? '', e.lien ? `Lien : ${e.lien}` : ''].filter(Boolean).join('\n\n');
  if (description) lines.push(`DESCRIPTION:${icsText(description)}`);
  const lieu = e.lieu ?? e.lien;
  if (lieu) lines.push(`LOCATION:${icsText(lieu)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  lines.push(`STATUS:${e.statut === 'annule' ? 'CANCELLED' : e.statut === 'brouillon' ? 'TENTATIVE' : 'CONFIRMED'}`);
  lines.push('END:VEVENT');
  return lines;
}

/** A calendar of events as an iCalendar text (CRLF lines, folded), times in Europe/Paris. */
export function icsCalendar(nom: string, evenements: readonly IcsEvenement[], domain = 'suivi-pvd.anct.gouv.fr'): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//ANCT//Suivi PVD//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(nom)}`, 'X-WR-TIMEZONE:Europe/Paris'];
  if (evenements.some((e) => e.heureDebut)) lines.push(...VTIMEZONE_PARIS);
  for (const e of evenements) lines.push(...veventLines(e, domain));
  lines.push('END:VCALENDAR');
  return `${lines.map(icsFold).join('\r\n')}\r\n`;
}
