/**
 * Reading values typed by people in French spreadsheets: `1 234,56`, `1234.56`, `12 500 €`,
 * `31/12/2023`, `2023-12-31`. Each reader returns the value, or null with the reason.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** An amount in euros to cents: `1 234,56` (spaces, NBSP, thin spaces as thousands), `1234.56`, `12 500 €`. */
export function parseEurosToCents(text: string): Parsed<number> {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '');
  if (!/^-?\d+([.,]\d{1,2})?$/.test(cleaned)) return { ok: false, reason: `« ${text} » n’est pas un montant (exemple : 1 234,56).` };
  const [units, decimals = ''] = cleaned.replace(',', '.').split('.');
  const negative = units.startsWith('-');
  const cents = Math.abs(Number(units)) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return { ok: false, reason: `« ${text} » est trop grand.` };
  return { ok: true, value: negative ? -cents : cents };
}

/** A whole number: `1 234`, `12`. */
export function parseInteger(text: string): Parsed<number> {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^-?\d+$/.test(cleaned)) return { ok: false, reason: `« ${text} » n’est pas un nombre entier.` };
  return { ok: true, value: Number(cleaned) };
}

/** A day: `31/12/2023`, `31/12/23` is refused (ambiguous century), `2023-12-31`. Checks the calendar. */
export function parseFrenchDate(text: string): Parsed<string> {
  const t = text.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return { ok: false, reason: `« ${text} » n’est pas une date (JJ/MM/AAAA).` };
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, reason: `« ${text} » n’est pas une date du calendrier.` };
  return { ok: true, value: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}
