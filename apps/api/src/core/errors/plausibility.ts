import { constatsParChamp, verdictPlausibilite, type ConstatPlausibilite } from '@suivi-pvd/domain';
import { AppError } from './app-error';

/**
 * Applies the plausibility findings of a write (libs/domain plausibilite.rules): a refusal, or a
 * confirmation without a valid reason (`motifDepassement`), answers 400 with the finding's own
 * code (the first refusal's, else the first confirmation's) and every finding beside its field.
 * Returns the reason to store with the record: the one given when a confirmation needs it, null
 * otherwise (a reason without an unusual amount explains nothing).
 */
export function requirePlausible(constats: readonly ConstatPlausibilite[], motif: string | null | undefined): string | null {
  const verdict = verdictPlausibilite(constats, motif);
  if (verdict.bloquants.length === 0) return verdict.motif;
  const first = verdict.bloquants.find((c) => c.level === 'refus') ?? verdict.bloquants[0];
  const fields = constatsParChamp(verdict.bloquants);
  if (verdict.motifErreur) fields.motifDepassement = [verdict.motifErreur];
  throw new AppError(first.code, first.message, fields);
}
