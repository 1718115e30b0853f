/** Opération de revitalisation de territoire (article L.303-2 CCH): signed by the EPCI, its main town and volunteer communes. */
export const ORT_STATUTS = ['en_preparation', 'signee', 'echue', 'abandonnee'] as const;
export type OrtStatut = (typeof ORT_STATUTS)[number];

export const ORT_STATUT_LABELS: Record<OrtStatut, string> = {
  en_preparation: 'En préparation',
  signee: 'Signée',
  echue: 'Échue',
  abandonnee: 'Abandonnée',
};

/** Consistency of an ORT (field → messages). */
export function ortErrors(o: { statut: OrtStatut; dateSignature: string | null; dureeAnnees: number | null; communes: readonly string[] }): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if ((o.statut === 'signee' || o.statut === 'echue') && !o.dateSignature) errors.dateSignature = ['Indiquez la date de signature de l’ORT.'];
  if (o.dureeAnnees !== null && (!Number.isInteger(o.dureeAnnees) || o.dureeAnnees < 1 || o.dureeAnnees > 30)) errors.dureeAnnees = ['La durée est un nombre entier d’années, de 1 à 30.'];
  if (o.communes.length === 0) errors.communes = ['Une ORT couvre au moins une commune.'];
  return errors;
}
