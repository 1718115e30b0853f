import { programmeToday } from '@suivi-pvd/domain';

/**
 * Today in France (Europe/Paris), as an ISO day: programme deadlines are French calendar days,
 * computed explicitly in that zone, never from the server's `TZ`.
 */
export function todayInFrance(now: Date = new Date()): string {
  return programmeToday(now);
}

/** « 25/11/2026 à 14:05 », in French time, for messages. */
export function formatDateTimeFr(at: Date): string {
  const date = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(at);
  return `${date} à ${time}`;
}
