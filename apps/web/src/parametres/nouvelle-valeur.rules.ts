import { nouvelleValeurErreurs, type ParametreCle } from '@suivi-pvd/domain';

export type NouvelleValeurField = 'valeur' | 'dateEffet' | 'decideLe' | 'reference';

/** The domain's checks of a new value (the API runs the same), one message per field. */
export function nouvelleValeurErreur(
  cle: ParametreCle,
  valeur: unknown,
  dateEffet: string,
  aujourdhui: string,
  decision: { decideLe: string; reference: string },
): Partial<Record<NouvelleValeurField, string>> {
  const found = nouvelleValeurErreurs(cle, valeur, dateEffet, aujourdhui, decision);
  return { valeur: found.valeur?.[0], dateEffet: found.dateEffet?.[0], decideLe: found.decideLe?.[0], reference: found.reference?.[0] };
}
