import { formatEuros } from '@suivi-pvd/domain';

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
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

const EUROS = /^(\d{1,3}( \d{3})+|\d+)([.,]\d{1,2})?$/;

/** "12 500,50" (or "12500.5", "12 500 €") -> 1250050 cents; "" -> null; anything else: `{ error }`. */
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

/** "" -> null; "12" -> 12; anything but a whole number ≥ 0 -> `{ error }`. */
export function parseCount(text: string, message = 'Un nombre entier, positif.'): { value: number | null } | { error: string } {
  const cleaned = text.replace(/\s/g, '');
  if (cleaned === '') return { value: null };
  return /^\d{1,7}$/.test(cleaned) ? { value: Number(cleaned) } : { error: message };
}

/** « Ahun, Ajain et Alleyrat ». */
export function listeCommunes(noms: readonly string[]): string {
  if (noms.length <= 1) return noms[0] ?? '';
  return `${noms.slice(0, -1).join(', ')} et ${noms[noms.length - 1]}`;
}
