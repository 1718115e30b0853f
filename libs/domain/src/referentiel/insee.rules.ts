/** INSEE commune code: 5 characters, two digits or 2A/2B (Corsica) then three digits. */
const INSEE_COMMUNE_CODE = /^(?:\d{2}|2[AB])\d{3}$/;

export function isInseeCommuneCode(value: string): boolean {
  return INSEE_COMMUNE_CODE.test(value);
}

/**
 * Normalises a code read from a spreadsheet: trims, upper-cases Corsican letters and restores a
 * leading zero lost by a spreadsheet that read "1004" as a number.
 */
export function normaliseInseeCode(raw: string): string {
  const value = raw.trim().toUpperCase();
  return /^\d{4}$/.test(value) ? `0${value}` : value;
}

/**
 * Text used for accent- and case-insensitive search: lower case, no diacritics, hyphens,
 * apostrophes and repeated spaces folded into one space. "Saint-Étienne-d'Orthe" and
 * "saint etienne d orthe" give the same key.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[-'’`_.,/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
