/**
 * Thematic schemes a commune takes part in (France services, Micro-Folie, contrat de sécurité,
 * EcoQuartier, Fonds friches, Ville amie des aînés…), from a catalogue the ANCT manages: each
 * scheme declares a few typed attributes, so that a new scheme needs no code change.
 */
export const ATTRIBUT_TYPES = ['texte', 'nombre', 'date', 'booleen', 'choix'] as const;
export type AttributType = (typeof ATTRIBUT_TYPES)[number];
export const ATTRIBUT_TYPE_LABELS: Record<AttributType, string> = { texte: 'Texte', nombre: 'Nombre', date: 'Date', booleen: 'Oui / non', choix: 'Liste de choix' };

export interface AttributDefinition {
  cle: string;
  libelle: string;
  type: AttributType;
  /** For `choix`: the possible values. */
  choix?: string[];
  obligatoire?: boolean;
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Consistency of a scheme's attribute definitions (field → messages). */
export function attributDefinitionsErrors(defs: readonly AttributDefinition[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const keys = new Set<string>();
  defs.forEach((d, i) => {
    if (!KEY.test(d.cle)) add(`attributs.${i}.cle`, 'Clé en minuscules, chiffres et « _ », commençant par une lettre.');
    else if (keys.has(d.cle)) add(`attributs.${i}.cle`, 'Cette clé figure deux fois.');
    keys.add(d.cle);
    if (!d.libelle?.trim()) add(`attributs.${i}.libelle`, 'Indiquez le libellé.');
    if (!(ATTRIBUT_TYPES as readonly string[]).includes(d.type)) add(`attributs.${i}.type`, 'Type inconnu.');
    if (d.type === 'choix' && (!d.choix || d.choix.filter((c) => c.trim()).length < 2)) add(`attributs.${i}.choix`, 'Indiquez au moins deux choix.');
  });
  return errors;
}

/** Checks a participation's attribute values against the scheme's definitions (field → messages). */
export function attributValuesErrors(defs: readonly AttributDefinition[], values: Record<string, unknown>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[`attributs.${field}`] ??= []).push(message);
  for (const key of Object.keys(values)) if (!defs.some((d) => d.cle === key)) add(key, 'Attribut inconnu pour ce dispositif.');
  for (const d of defs) {
    const v = values[d.cle];
    if (v === undefined || v === null || v === '') {
      if (d.obligatoire) add(d.cle, `Indiquez « ${d.libelle} ».`);
      continue;
    }
    const ok =
      d.type === 'texte' ? typeof v === 'string' && v.length <= 500
      : d.type === 'nombre' ? typeof v === 'number' && Number.isFinite(v)
      : d.type === 'date' ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
      : d.type === 'booleen' ? typeof v === 'boolean'
      : typeof v === 'string' && (d.choix ?? []).includes(v);
    if (!ok) add(d.cle, d.type === 'choix' ? `Choisissez parmi : ${(d.choix ?? []).join(', ')}.` : `Valeur invalide (${ATTRIBUT_TYPE_LABELS[d.type].toLowerCase()} attendu).`);
  }
  return errors;
}
