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
