import { DEFAULT_CONVENTION_CADRE_DELAY_MONTHS } from '@suivi-pvd/domain';

/** Keys of the dated programme parameters (table `programme_parametre`). */
export const PARAMETRES = {
  delaiConventionCadreMois: 'delai_convention_cadre_mois',
} as const;

/**
 * SQL giving the convention-cadre delay (months) in force on the day `dateSql` (an SQL
 * expression): the row with the latest effective date on or before it. A convention d'adhésion
 * keeps the delay of the day it was signed, whatever changes later.
 */
export function delaiConventionCadreSql(dateSql: string): string {
  return `COALESCE((SELECT (pp.valeur #>> '{}')::int FROM programme_parametre pp
                     WHERE pp.cle = '${PARAMETRES.delaiConventionCadreMois}' AND pp.date_effet <= ${dateSql}
                     ORDER BY pp.date_effet DESC LIMIT 1), ${DEFAULT_CONVENTION_CADRE_DELAY_MONTHS})`;
}
