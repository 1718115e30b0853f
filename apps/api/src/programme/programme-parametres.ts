import { DEFAULT_CONVENTION_CADRE_DELAY_MONTHS } from '@suivi-pvd/domain';

/** Keys of the dated programme parameters (table `programme_parametre`). */
export const PARAMETRES = {
  delaiConventionCadreMois: 'delai_convention_cadre_mois',
} as const;

/**
 * The job recomputing the posts' co-financing after a parameter value was added or cancelled,
 * and telling each post whose figures changed in its history (registered by the ingénierie area).
 */
export const RECALCUL_SUBVENTIONS_JOB = 'postes.recalculer-subventions';

/** What the recomputation job receives: the change, and who made it. */
export interface RecalculSubventionsData {
  sens: 'ajout' | 'annulation';
  parametreId: string;
  cle: string;
  valeur: unknown;
  dateEffet: string;
  decideLe: string;
  reference: string | null;
  /** When the value was entered (ISO instant): its rank among values of the same date and decision day. */
  saisieLe: string;
  /** When the change was made (ISO instant): posts created since then were computed with it already. */
  changeLe: string;
  actor: { id: string | null; label: string };
  /** For a cancellation (`decideLe` is then the day of the cancellation): the decision cancelled. */
  decisionAnnulee?: { decideLe: string; reference: string | null };
}

/**
 * SQL giving the convention-cadre delay (months) in force on the day `dateSql` (an SQL
 * expression): the row with the latest effective date on or before it (of rows from the same
 * date, the latest decision, then the latest entry). A convention d'adhésion keeps the delay of
 * the day it was signed, whatever changes later; every decision taken so far counts.
 */
export function delaiConventionCadreSql(dateSql: string): string {
  return `COALESCE((SELECT (pp.valeur #>> '{}')::int FROM programme_parametre pp
                     WHERE pp.cle = '${PARAMETRES.delaiConventionCadreMois}' AND pp.date_effet <= ${dateSql}
                     ORDER BY pp.date_effet DESC, pp.decide_le DESC, pp.created_at DESC LIMIT 1), ${DEFAULT_CONVENTION_CADRE_DELAY_MONTHS})`;
}
