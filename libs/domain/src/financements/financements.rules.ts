/**
 * Financing of the programme: a catalogue of dispositifs (DSIL, DETR, Fonds vert, Fonds friches,
 * Anah, Banque des Territoires loans…) managed by the ANCT, each with its funder, pillar and kind;
 * financing lines record what each beneficiary obtained, with the date of each status.
 */
export const PILIERS = ['ingenierie', 'thematique'] as const;
export type Pilier = (typeof PILIERS)[number];
export const PILIER_LABELS: Record<Pilier, string> = { ingenierie: 'Ingénierie', thematique: 'Appui thématique' };

export const FINANCEMENT_NATURES = ['subvention', 'pret'] as const;
export type FinancementNature = (typeof FINANCEMENT_NATURES)[number];
export const FINANCEMENT_NATURE_LABELS: Record<FinancementNature, string> = { subvention: 'Subvention', pret: 'Prêt' };

/** Statuses of a financing line, in order: each has its date. */
export const FINANCEMENT_STATUTS = ['demande', 'engage', 'contractualise', 'verse'] as const;
export type FinancementStatut = (typeof FINANCEMENT_STATUTS)[number];
export const FINANCEMENT_STATUT_LABELS: Record<FinancementStatut, string> = {
  demande: 'Demandé',
  engage: 'Engagé',
  contractualise: 'Contractualisé',
  verse: 'Versé',
};
/** The column holding the date of each status. */
export const FINANCEMENT_STATUT_DATES: Record<FinancementStatut, 'dateDemande' | 'dateEngagement' | 'dateContractualisation' | 'dateVersement'> = {
  demande: 'dateDemande',
  engage: 'dateEngagement',
  contractualise: 'dateContractualisation',
  verse: 'dateVersement',
};
/** Lines that count as engaged money in the report (indicators I1, T1, T2): engagé and beyond. */
export const FINANCEMENT_STATUTS_ENGAGES: readonly FinancementStatut[] = ['engage', 'contractualise', 'verse'];

export function isFinancementStatut(value: unknown): value is FinancementStatut {
  return typeof value === 'string' && (FINANCEMENT_STATUTS as readonly string[]).includes(value);
}

export interface LigneFinancement {
  montant: number;
  statut: FinancementStatut;
  dateDemande: string | null;
  dateEngagement: string | null;
  dateContractualisation: string | null;
  dateVersement: string | null;
  anneeCampagne: number | null;
  logements: number | null;
  dossiers: number | null;
}

/**
 * Consistency of a financing line (field → messages): a positive amount in cents, the date of its
 * status, dates in the order of the statuses, counts only where the dispositif has them.
 */
export function ligneFinancementErrors(l: LigneFinancement, dispositif: { compteLogements: boolean; compteDossiers: boolean }): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (!Number.isInteger(l.montant) || l.montant <= 0) add('montant', 'Le montant est positif, au centime près.');
  const dateField = FINANCEMENT_STATUT_DATES[l.statut];
  if (!l[dateField]) add(dateField, `Indiquez la date à laquelle le financement a été ${FINANCEMENT_STATUT_LABELS[l.statut].toLowerCase()}.`);
  let previous: string | null = null;
  for (const s of FINANCEMENT_STATUTS) {
    const d = l[FINANCEMENT_STATUT_DATES[s]];
    if (d && previous && d < previous) add(FINANCEMENT_STATUT_DATES[s], `Cette date précède celle de l’étape précédente.`);
    if (d) previous = d;
  }
  if (l.anneeCampagne !== null && (!Number.isInteger(l.anneeCampagne) || l.anneeCampagne < 2015 || l.anneeCampagne > 2100)) add('anneeCampagne', 'Année de campagne invalide.');
  for (const [k, allowed, label] of [['logements', dispositif.compteLogements, 'logements'], ['dossiers', dispositif.compteDossiers, 'dossiers']] as const) {
    const v = l[k];
    if (v === null) continue;
    if (!allowed) add(k, `Ce dispositif ne compte pas de ${label}.`);
    else if (!Number.isInteger(v) || v < 0) add(k, `Un nombre entier de ${label}, positif.`);
  }
  return errors;
}
