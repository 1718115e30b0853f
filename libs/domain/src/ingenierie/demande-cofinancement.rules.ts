/**
 * The yearly co-financing request of a chef de projet post: one request per year covers all
 * co-financers; the préfecture records the amount granted and the payments (programme-rules.md:
 * 75 % of the forecast in the second quarter, the balance in the fourth).
 */
export const TRANCHES = ['avance', 'solde', 'autre'] as const;
export type Tranche = (typeof TRANCHES)[number];

export const TRANCHE_LABELS: Record<Tranche, string> = {
  avance: 'Avance (2e trimestre)',
  solde: 'Solde (4e trimestre)',
  autre: 'Autre versement',
};

/** Share of the granted amount paid as the advance, in percent. */
export const AVANCE_PART = 75;

export interface Versement {
  date: string;
  montant: number;
  tranche: Tranche;
}

/** The usual payments of a granted amount: 75 % advance, then the balance (cents, rounded half up). */
export function tranchesPrevues(montantAccorde: number): { tranche: Tranche; montant: number }[] {
  const avance = Math.floor((montantAccorde * AVANCE_PART + 50) / 100);
  return [
    { tranche: 'avance', montant: avance },
    { tranche: 'solde', montant: montantAccorde - avance },
  ];
}

/** Consistency of the préfecture's decision and payments (field → messages). */
export function instructionErrors(input: { annee: number; montantAccorde: number | null; dateDecision: string | null; versements: readonly Versement[] }): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (input.montantAccorde !== null && !input.dateDecision) add('dateDecision', 'Indiquez la date de la décision.');
  if (input.montantAccorde === null && input.dateDecision) add('montantAccorde', 'Indiquez le montant accordé.');
  if (input.versements.length > 0 && input.montantAccorde === null) add('versements', 'Un versement suppose un montant accordé.');
  const paid = input.versements.reduce((sum, v) => sum + v.montant, 0);
  if (input.montantAccorde !== null && paid > input.montantAccorde) add('versements', 'Les versements dépassent le montant accordé.');
  input.versements.forEach((v, i) => {
    if (input.dateDecision && v.date < input.dateDecision) add(`versements.${i}.date`, 'Un versement ne peut pas précéder la décision.');
  });
  return errors;
}
