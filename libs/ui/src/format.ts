const numberFormat = new Intl.NumberFormat('fr-FR');
const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

/** 12345 -> "12 345" (French grouping). */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** Population with its unit, or a French placeholder when unknown. */
export function formatPopulation(value: number | null | undefined): string {
  if (value == null) return 'Non renseignée';
  return `${formatNumber(value)} habitant${value > 1 ? 's' : ''}`;
}

/** A calendar day ("2021-06-14" or an ISO timestamp) -> "14 juin 2021". */
export function formatDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** A timestamp -> "14/06/2021 15:42" in the user's time zone. */
export function formatDateTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}
