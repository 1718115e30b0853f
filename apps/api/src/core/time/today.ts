const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in France (Europe/Paris), as an ISO day: programme deadlines are French calendar days. */
export function todayInFrance(now: Date = new Date()): string {
  return PARIS_DAY.format(now);
}

/** « 25/11/2026 à 14:05 », in French time, for messages. */
export function formatDateTimeFr(at: Date): string {
  const date = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(at);
  return `${date} à ${time}`;
}
