/** INSEE grille communale de densité, 7 levels. */
export const NIVEAUX_DENSITE = {
  1: 'Grands centres urbains',
  2: 'Centres urbains intermédiaires',
  3: 'Petites villes',
  4: 'Ceintures urbaines',
  5: 'Bourgs ruraux',
  6: 'Rural à habitat dispersé',
  7: 'Rural à habitat très dispersé',
} as const;

export type NiveauDensite = keyof typeof NIVEAUX_DENSITE;

export function isNiveauDensite(value: number): value is NiveauDensite {
  return Number.isInteger(value) && value >= 1 && value <= 7;
}

/** "Rural" in the programme's figures means density levels 5 to 7. */
export function isRural(niveau: NiveauDensite | null | undefined): boolean {
  return niveau != null && niveau >= 5;
}

export function libelleDensite(niveau: NiveauDensite | null | undefined): string | null {
  return niveau == null ? null : NIVEAUX_DENSITE[niveau];
}

// ─── Reading a grid file ─────────────────────────────────────────────────────

/** Header names (compared without case, accents or spaces) of the INSEE code column. */
export const DENSITE_CODE_COLUMNS = ['codgeo', 'code_insee', 'insee_com', 'com', 'code_commune'];
/** Header names of the level column. */
export const DENSITE_LEVEL_COLUMNS = ['dens', 'dens7', 'densite', 'niveau', 'niveau_densite', 'degre_densite', 'grille_densite'];
/** Header names of the level's label column (INSEE: LIBDENS). */
export const DENSITE_LABEL_COLUMNS = ['libdens', 'libdens7', 'libelle_densite', 'lib_densite', 'libelle_dens'];

/** Rows scanned for the header before giving up (INSEE's XLSX has it on row 5, after title rows). */
export const DENSITE_HEADER_SEARCH_ROWS = 30;

/** Labels of INSEE's older 4-level grid, whose level numbers mean something else. */
export const NIVEAUX_DENSITE_4 = {
  1: 'Densément peuplé',
  2: 'Densité intermédiaire',
  3: 'Peu dense',
  4: 'Très peu dense',
} as const;

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const headerKey = (cell: string) => fold(cell).replace(/^\ufeff/, '').replace(/[\s-]+/g, '_');

export interface DensiteColumns {
  code: number;
  level: number;
  /** The label column (LIBDENS), when the file has one. */
  label: number | null;
}

/**
 * The columns of a density grid if `cells` is its header row (found by its content, not its
 * position: INSEE's XLSX has three title rows and a French header row first), else null.
 */
export function densiteHeaderColumns(cells: readonly string[]): DensiteColumns | null {
  const keys = cells.map(headerKey);
  const find = (names: readonly string[]) => {
    for (const name of names) {
      const i = keys.indexOf(name);
      if (i >= 0) return i;
    }
    return -1;
  };
  const code = find(DENSITE_CODE_COLUMNS);
  const level = find(DENSITE_LEVEL_COLUMNS);
  if (code < 0 || level < 0) return null;
  const label = find(DENSITE_LABEL_COLUMNS);
  return { code, level, label: label >= 0 ? label : null };
}

const LABELS_7 = Object.values(NIVEAUX_DENSITE).map(fold);

/**
 * Which grid a level label belongs to: 7 (« Bourgs ruraux »…), 4 (« Densément peuplé », « Communes
 * peu denses »…), or null (blank or unknown).
 */
export function densiteLabelGrid(label: string): 7 | 4 | null {
  const text = fold(label);
  if (text === '') return null;
  if (LABELS_7.some((l) => text.includes(l))) return 7;
  if (/densement peuple|densite intermediaire|peu dense/.test(text)) return 4;
  return null;
}

/** Whether a label names the given level of the 7-level grid. */
export function densiteLabelMatches(niveau: NiveauDensite, label: string): boolean {
  const text = fold(label);
  const expected = fold(NIVEAUX_DENSITE[niveau]);
  // « Rural à habitat dispersé » is contained in « Rural à habitat très dispersé »: compare whole labels first.
  if (text === expected) return true;
  const matching = LABELS_7.filter((l) => text.includes(l));
  return matching.length > 0 && matching.sort((a, b) => b.length - a.length)[0] === expected;
}

const GRILLE_7_ATTENDUE = 'Importez la grille communale de densité à 7 niveaux publiée par l’INSEE (fichier « grille_densite_7_niveaux_AAAA.xlsx », ou son export CSV avec les colonnes CODGEO, DENS et LIBDENS).';

/**
 * Whether a file is the 7-level grid, from its level labels (LIBDENS) and the set of levels it
 * uses. Refused: any label of the old 4-level grid; without labels, a file whose levels are all
 * within 1–4 (it could be either grid, and reading a 4-level « 4 très peu dense » as « 4 ceintures
 * urbaines » would silently turn rural communes urban). A 7-level file always names its levels
 * or uses level 5, 6 or 7 (88 % of communes).
 */
export function densiteGridProblem(input: { levels: ReadonlySet<number>; labels: readonly string[]; hasLabelColumn: boolean }): string | null {
  const old = input.labels.find((l) => densiteLabelGrid(l) === 4);
  if (old !== undefined) {
    return `Ce fichier est l’ancienne grille de densité à 4 niveaux (libellé « ${old.trim()} ») : ses niveaux ne correspondent pas à ceux de la grille à 7 niveaux. ${GRILLE_7_ATTENDUE}`;
  }
  const named = input.labels.some((l) => densiteLabelGrid(l) === 7);
  if (named) return null;
  const levels = [...input.levels].filter((n) => Number.isInteger(n));
  if (levels.length > 0 && levels.every((n) => n >= 1 && n <= 4)) {
    return `Ce fichier ne contient que des niveaux 1 à 4${input.hasLabelColumn ? ' sans libellé reconnu' : ' et pas de colonne de libellé (LIBDENS)'} : impossible de savoir s’il s’agit de la grille à 7 niveaux ou de l’ancienne grille à 4 niveaux. ${GRILLE_7_ATTENDUE}`;
  }
  return null;
}
