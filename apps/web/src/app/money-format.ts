import { formatEuros } from '@suivi-pvd/domain';

/** Amounts in the web app: cents from the API, euros as users read and type them. */

/** "1 250 050" cents -> "12 500,50 €"; no amount -> "—". */
export function formatMontant(cents: number | null | undefined): string {
  return cents == null ? '—' : formatEuros(cents);
}

const wholeEuros = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const withCents = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Cents -> the amount as a user types it: 1250050 -> "12 500,50"; 1250000 -> "12 500". */
export function centsToInput(cents: number | null | undefined): string {
  if (cents == null) return '';
  const euros = cents / 100;
  const text = cents % 100 === 0 ? wholeEuros.format(euros) : withCents.format(euros);
  // French grouping uses narrow no-break spaces: show plain spaces, as users type them.
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

/** An amount in euros as typed: digits, spaces between thousands, a comma (or a dot) and up to 2 decimals. */
const EUROS = /^(\d{1,3}( \d{3})+|\d+)([.,]\d{1,2})?$/;

/**
 * "12 500,50" (or "12500.5", "12 500 €") -> 1250050 cents; "" -> null. Anything else is not an
 * amount: `{ error }` says how to type one.
 */
export function parseEuros(text: string): { cents: number | null } | { error: string } {
  const cleaned = text
    .replace(/[\u202f\u00a0\t]/g, ' ')
    .replace(/€|eur(os?)?/gi, '')
    .trim()
    .replace(/\s+/g, ' ');
  if (cleaned === '') return { cents: null };
  if (cleaned.startsWith('-')) return { error: 'Le montant ne peut pas être négatif.' };
  if (!EUROS.test(cleaned)) return { error: 'Saisissez un montant en euros, par exemple 12 500,50.' };
  const [whole, decimals = ''] = cleaned.replace(/ /g, '').split(/[.,]/);
  const cents = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return { error: 'Ce montant est trop élevé.' };
  return { cents };
}
