import type { ConventionState } from '@suivi-pvd/domain';

const shortDate = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const dayOfInstant = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' });
const timeOfInstant = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });

/** A calendar day ("2023-02-28") -> "28/02/2023". */
export function formatShortDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : shortDate.format(date);
}

/** A timestamp -> "25/11/2026 à 14:05", in the user's time zone. */
export function formatAt(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${dayOfInstant.format(date)} à ${timeOfInstant.format(date)}`;
}

/** A size in bytes, in French units: "850 octets", "12,4 Ko", "3,2 Mo". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octet${bytes > 1 ? 's' : ''}`;
  const kb = bytes / 1024;
  const format = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  if (kb < 1024) return `${format(kb)} Ko`;
  return `${format(kb / 1024)} Mo`;
}

/** "jour" / "jours". */
export function days(n: number): string {
  return `${n} jour${Math.abs(n) > 1 ? 's' : ''}`;
}

export type BadgeSeverity = 'info' | 'success' | 'warning' | 'error' | 'new' | undefined;

/** The colour of a state badge (its text always names the state). */
export const CONVENTION_STATE_SEVERITY: Record<ConventionState, BadgeSeverity> = {
  brouillon: undefined,
  deposee: 'info',
  en_instruction: 'new',
  a_completer: 'warning',
  validee: 'success',
  signee: 'success',
};
