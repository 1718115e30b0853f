import { addMonthsIso, daysBetweenIso, parseIsoDay } from '../calendar/calendar';
import { A_COMPLETER_LATE_AFTER_DAYS } from '../conventions/convention-deadline.rules';
import type { Role } from '../access/permissions';

/**
 * Reminders (« rappels »): scheduled checks that tell the people in charge of a dossier that a
 * deadline approaches or has passed, or that something has been left waiting. Each reminder has
 * a cause, an occurrence key (the same cause on the same facts gives the same key, so it is sent
 * once; new facts, such as a new due date, give a new key, so it is sent again) and a reason in
 * French, sent with it.
 *
 * The causes reuse the rules that already exist: the convention-cadre deadline and the
 * « à compléter » lateness (conventions/convention-deadline.rules.ts, the préfecture's work list),
 * the post alerts (ingenierie/poste-alerts.rules.ts).
 */
export const RAPPEL_TYPES = ['cadre_90', 'cadre_30', 'cadre_retard', 'a_completer', 'poste_vacant', 'demande_annuelle', 'dossier_inactif'] as const;
export type RappelType = (typeof RAPPEL_TYPES)[number];

export const RAPPEL_LABELS: Record<RappelType, string> = {
  cadre_90: 'Convention-cadre à signer sous 90 jours',
  cadre_30: 'Convention-cadre à signer sous 30 jours',
  cadre_retard: 'Convention-cadre en retard',
  a_completer: 'Convention à compléter sans réponse',
  poste_vacant: 'Poste de chef de projet vacant',
  demande_annuelle: 'Demande de cofinancement annuelle manquante',
  dossier_inactif: 'Dossier sans mise à jour',
};

/** Days before the convention-cadre's due day at which a reminder is sent (largest first). */
export const RAPPEL_CADRE_JOURS = [90, 30] as const;

/** Months without a change by a person after which a dossier is said dormant. */
export const DOSSIER_INACTIF_MOIS = 6;

/**
 * Who receives each reminder, by role, among the accounts covering the dossier: the chefs de
 * projet (commune or EPCI of the dossier) always, they have to act; the préfecture's
 * instructeurs (the dossier's département) when the programme's follow-up is at stake: the
 * convention-cadre is late, a convention they sent back gets no answer, the post they
 * co-finance is vacant, the dossier is dormant. The 90- and 30-day notices and the missing
 * yearly request are the chef de projet's business only.
 */
export const RAPPEL_DESTINATAIRES: Record<RappelType, readonly Role[]> = {
  cadre_90: ['chef_de_projet'],
  cadre_30: ['chef_de_projet'],
  cadre_retard: ['chef_de_projet', 'prefecture_instructeur'],
  a_completer: ['chef_de_projet', 'prefecture_instructeur'],
  poste_vacant: ['chef_de_projet', 'prefecture_instructeur'],
  demande_annuelle: ['chef_de_projet'],
  dossier_inactif: ['chef_de_projet', 'prefecture_instructeur'],
};

/**
 * Which convention-cadre reminder is due with `daysLeft` days to the due day (negative: late;
 * 0: the due day itself, still on time): the 90-day notice from 90 to 31 days, the 30-day notice
 * from 30 to 0 days, then lateness. One window at a time, so a deadline first seen 20 days ahead
 * gets the 30-day notice only, and a missed daily run is caught up the day after.
 */
export function cadreRappelType(daysLeft: number): 'cadre_90' | 'cadre_30' | 'cadre_retard' | null {
  if (daysLeft < 0) return 'cadre_retard';
  if (daysLeft <= RAPPEL_CADRE_JOURS[1]) return 'cadre_30';
  if (daysLeft <= RAPPEL_CADRE_JOURS[0]) return 'cadre_90';
  return null;
}

/** A dossier last changed by a person on `lastChange` is dormant on `today` (more than 6 months later). */
export function isDossierInactif(lastChange: string, today: string): boolean {
  return addMonthsIso(lastChange, DOSSIER_INACTIF_MOIS) < today;
}

/**
 * The occurrence key of a reminder: its type, the record it is about and the fact that dates
 * the cause (the due day, the day the convention was sent back, the day the vacancy began, the
 * year of the missing request, the day of the last change). A reminder is recorded once per key.
 */
export function rappelOccurrenceKey(type: RappelType, recordId: string, fact: string): string {
  return `${type}:${recordId}:${fact}`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « 2027-03-12 » → « 12 mars 2027 », « 2027-03-01 » → « 1er mars 2027 ». */
export function frenchLongDay(iso: string): string {
  const day = parseIsoDay(iso.slice(0, 10));
  if (!day) return iso;
  return `${day.day === 1 ? '1er' : day.day} ${MONTHS[day.month - 1]} ${day.year}`;
}

const jours = (n: number) => `${n} jour${n > 1 ? 's' : ''}`;

/** The facts a reminder's reason is written from. */
export type RappelFaits =
  | { type: 'cadre_90' | 'cadre_30' | 'cadre_retard'; pvdNom: string; dueDate: string }
  | { type: 'a_completer'; pvdNom: string; conventionTitre: string; depuis: string }
  | { type: 'poste_vacant' | 'demande_annuelle'; pvdNom: string; intitule: string; message: string }
  | { type: 'dossier_inactif'; pvdNom: string; depuis: string };

/** Why the reminder is sent, in French, on `today` (its title is its type's label). */
export function rappelRaison(faits: RappelFaits, today: string): string {
  switch (faits.type) {
    case 'cadre_90':
    case 'cadre_30': {
      const left = daysBetweenIso(today, faits.dueDate);
      const when = left === 0 ? 'aujourd’hui' : `dans ${jours(left)}`;
      return `La convention-cadre de ${faits.pvdNom} doit être signée au plus tard le ${frenchLongDay(faits.dueDate)} (${when}).`;
    }
    case 'cadre_retard': {
      const late = daysBetweenIso(faits.dueDate, today);
      return `La convention-cadre de ${faits.pvdNom} devait être signée au plus tard le ${frenchLongDay(faits.dueDate)} : elle a ${jours(late)} de retard.`;
    }
    case 'a_completer': {
      const waited = daysBetweenIso(faits.depuis, today);
      return `${faits.conventionTitre} de ${faits.pvdNom} : renvoi pour compléments le ${frenchLongDay(faits.depuis)}, sans réponse depuis ${jours(waited)} (plus de ${A_COMPLETER_LATE_AFTER_DAYS} jours).`;
    }
    case 'poste_vacant':
    case 'demande_annuelle':
      return `Poste « ${faits.intitule} » de ${faits.pvdNom} : ${faits.message}`;
    case 'dossier_inactif':
      return `Le dossier de ${faits.pvdNom} n’a pas été mis à jour depuis le ${frenchLongDay(faits.depuis)} (plus de ${DOSSIER_INACTIF_MOIS} mois).`;
  }
}

/**
 * The notification kind a reminder is sent as (each user chooses per kind how it reaches them):
 * post alerts as « Alerte sur un poste », the other reminders as « Échéance et rappel ».
 */
export function rappelNotificationKind(type: RappelType): 'echeance' | 'alerte_poste' {
  return type === 'poste_vacant' || type === 'demande_annuelle' ? 'alerte_poste' : 'echeance';
}

/** The kind of record a reminder is about: the dossier (the convention-cadre may not exist yet), a convention, a post. */
export function rappelItemType(type: RappelType): 'dossier' | 'convention' | 'poste' {
  if (type === 'a_completer') return 'convention';
  if (type === 'poste_vacant' || type === 'demande_annuelle') return 'poste';
  return 'dossier';
}

/** The web app path of the item a reminder is about. */
export function rappelPath(type: RappelType, pvdId: string, recordId: string): string {
  // The convention-cadre may not exist yet: its reminders lead to the dossier.
  switch (type) {
    case 'cadre_90':
    case 'cadre_30':
    case 'cadre_retard':
    case 'dossier_inactif':
      return `/pvd/${pvdId}`;
    case 'a_completer':
      return `/conventions/${recordId}`;
    case 'poste_vacant':
    case 'demande_annuelle':
      return `/postes/${recordId}`;
  }
}
