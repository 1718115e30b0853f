import { nouvelleValeurErreurs, type ParametreCle } from '@suivi-pvd/domain';

/** The domain's checks of a new value (the API runs the same), one message per field. */
export function nouvelleValeurErreur(cle: ParametreCle, valeur: unknown, dateEffet: string, aujourdhui: string): Partial<Record<'valeur' | 'dateEffet', string>> {
  const found = nouvelleValeurErreurs(cle, valeur, dateEffet, aujourdhui);
  return { valeur: found.valeur?.[0], dateEffet: found.dateEffet?.[0] };
}
