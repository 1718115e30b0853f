/** A commune or an EPCI a financing line is for, as the forms show it. */
export interface BeneficiaireChoisi {
  type: 'commune' | 'epci';
  code: string;
  nom: string;
  departementCode: string | null;
}

/**
 * The beneficiary a new line entered from a dossier starts with: the PVD's commune when it has
 * one; for a PVD of several communes (a binôme), nobody, since which one receives the money is a
 * choice (the search then offers the dossier's communes and its EPCI first).
 */
export function beneficiaireParDefaut(communes: readonly { insee: string; nom: string; departementCode: string }[]): BeneficiaireChoisi | null {
  if (communes.length !== 1) return null;
  const [commune] = communes;
  return { type: 'commune', code: commune.insee, nom: commune.nom, departementCode: commune.departementCode };
}
