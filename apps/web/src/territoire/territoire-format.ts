export { centsToInput, formatMontant, parseEuros } from '../app/money-format';

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
