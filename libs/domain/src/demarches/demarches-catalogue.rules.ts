import type { AttributDefinition } from './demarches.rules';

/**
 * Rules of the thematic schemes' catalogue beyond single values: a stable code from a name, the
 * dates of a participation, the values stored, and which changes of a scheme's attributes the
 * stored participations allow.
 */

/** A scheme's code from its name: « Ville amie des aînés » → `ville_amie_des_aines` (40 characters at most). */
export function demarcheCodeFrom(nom: string): string {
  const slug = nom
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const code = /^[a-z]/.test(slug) ? slug : `d_${slug}`;
  return code.slice(0, 40).replace(/_+$/, '');
}

/** The dates of a participation (field → messages). */
export function participationErrors(p: { dateDebut: string | null; dateFin: string | null }): Record<string, string[]> {
  if (p.dateDebut && p.dateFin && p.dateFin < p.dateDebut) return { dateFin: ['La date de fin précède la date de début.'] };
  return {};
}

/** The values worth storing: empty ones (null, '', blanks) are left out, texts trimmed. */
export function cleanAttributValues(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const v = typeof value === 'string' ? value.trim() : value;
    if (v === undefined || v === null || v === '') continue;
    out[key] = v;
  }
  return out;
}

/** What the stored participations of a scheme hold, per attribute key: how many have a value, and which values. */
export type AttributUsage = Record<string, { participations: number; valeurs: unknown[] }>;

/**
 * Which changes of a scheme's attribute definitions the stored participations refuse (field →
 * messages): an attribute with values cannot be removed (nor its key renamed), nor change type, and
 * a choice some participation holds cannot leave the list. Adding attributes, relabelling them,
 * adding choices or making an attribute required (asked at the next edit) stay possible: no
 * stored value is lost or silently invalidated.
 */
export function definitionChangeErrors(before: readonly AttributDefinition[], after: readonly AttributDefinition[], usage: AttributUsage): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const count = (n: number) => `${n} participation${n > 1 ? 's' : ''}`;
  for (const old of before) {
    const used = usage[old.cle];
    if (!used || used.participations === 0) continue;
    const index = after.findIndex((d) => d.cle === old.cle);
    if (index < 0) {
      add('attributs', `« ${old.libelle} » est renseigné pour ${count(used.participations)} : il ne peut pas être retiré (ni sa clé changée).`);
      continue;
    }
    const next = after[index];
    if (next.type !== old.type) {
      add(`attributs.${index}.type`, `« ${old.libelle} » est renseigné pour ${count(used.participations)} : son type ne peut plus changer.`);
    } else if (next.type === 'choix') {
      const missing = used.valeurs.filter((v): v is string => typeof v === 'string' && !(next.choix ?? []).includes(v));
      if (missing.length > 0) add(`attributs.${index}.choix`, `Choix encore utilisés, à conserver : ${missing.map((v) => `« ${v} »`).join(', ')}.`);
    }
  }
  return errors;
}

/** An attribute's value as shown: Oui / Non, a French date, a French number, the text or choice. */
export function formatAttributValue(def: Pick<AttributDefinition, 'type'>, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (def.type === 'booleen') return value === true ? 'Oui' : value === false ? 'Non' : String(value);
  if (def.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  if (def.type === 'nombre' && typeof value === 'number') return value.toLocaleString('fr-FR');
  return String(value);
}

/** An attribute's value as a form holds it: text, `'true'` / `'false'` for yes/no, `''` when empty. */
export function attributInputOf(def: Pick<AttributDefinition, 'type'>, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (def.type === 'booleen') return value === true ? 'true' : value === false ? 'false' : '';
  if (def.type === 'nombre' && typeof value === 'number') return String(value).replace('.', ',');
  return String(value);
}

/** A form's input as the attribute's value: a number typed the French way (« 1 234,5 »), a yes/no, a text; null when empty. */
export function parseAttributInput(def: Pick<AttributDefinition, 'type'>, input: string): { value: unknown } | { error: string } {
  const text = input.trim();
  if (text === '') return { value: null };
  if (def.type === 'booleen') return { value: text === 'true' };
  if (def.type === 'nombre') {
    const normalised = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
    if (!/^-?\d+(\.\d+)?$/.test(normalised)) return { error: 'Indiquez un nombre (par exemple 12 ou 1,5).' };
    return { value: Number(normalised) };
  }
  return { value: text };
}
