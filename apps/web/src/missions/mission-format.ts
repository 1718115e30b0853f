import type { MissionStatut } from '@suivi-pvd/domain';

export { centsToInput, formatMontant, parseEuros } from '../app/money-format';

export type BadgeSeverity = 'info' | 'success' | 'warning' | 'error' | 'new' | undefined;

/** The colour of a status badge (its text always names the status). */
export const MISSION_STATUT_SEVERITY: Record<MissionStatut, BadgeSeverity> = {
  demandee: 'new',
  accordee: 'info',
  en_cours: 'info',
  livree: 'success',
  abandonnee: undefined,
};

const shortDate = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });

/** "2027-03-01" -> "01/03/2027"; none -> null. */
export function formatDay(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : shortDate.format(date);
}
