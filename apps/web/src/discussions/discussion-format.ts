const longDay = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });

/** An instant in words, in the user's time zone: « le 4 décembre 2026 à 18:40 ». */
export function formatLe(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `le ${longDay.format(date)} à ${time.format(date)}`;
}
