import { canOn, roleCan, scopeCovers, scopeOf, type Membership, type Territory } from '../access/permissions';

/**
 * The stored territory of a financing line's beneficiary:
 * - a commune: itself, its EPCI, its département and région;
 * - an EPCI: its communes, itself, and the départements and régions of its communes.
 */
export interface BeneficiaireTerritoire {
  type: 'commune' | 'epci';
  territory: Territory;
}

/**
 * What a user may do with a financing line, judged on its stored beneficiary and dispositif:
 * - read: whoever reads the beneficiary's territory (`pvd:lire` over the commune, or over a commune
 *   of the EPCI), or a member of the partner organisation that owns the dispositif's funder;
 * - write: a chef de projet (`pvd:modifier`) whose scope covers the beneficiary — for an EPCI, the
 *   EPCI itself (an EPCI, its département or région, the nation), not one of its communes — or a
 *   partner member (`financement:saisir`) for the dispositifs of its own funders, anywhere.
 *   A partner writes nothing else.
 */
export function ligneFinancementRights(
  memberships: readonly Membership[],
  beneficiaire: BeneficiaireTerritoire,
  dispositifOrganisationId: string | null,
): { lire: boolean; ecrire: boolean } {
  const owns = (m: Membership) => m.organisationType === 'partenaire' && dispositifOrganisationId !== null && m.organisationId === dispositifOrganisationId;
  // Writing for an EPCI takes a scope over the EPCI, not over one of its communes.
  const writeTerritory: Territory = beneficiaire.type === 'epci' ? { ...beneficiaire.territory, communes: [] } : beneficiaire.territory;
  const ecrire = memberships.some((m) =>
    m.organisationType === 'partenaire' ? roleCan(m.role, 'financement:saisir') && owns(m) : roleCan(m.role, 'pvd:modifier') && scopeCovers(scopeOf(m), writeTerritory),
  );
  const lire = ecrire || canOn(memberships, 'pvd:lire', beneficiaire.territory) || memberships.some((m) => roleCan(m.role, 'financement:lire') && owns(m));
  return { lire, ecrire };
}

/**
 * Why a writer may not write a line, to answer with the right status: a partner writing the
 * dispositif of another funder gets `DISPOSITIF_NOT_YOURS` (403), whatever the beneficiary.
 */
export function isForeignDispositif(memberships: readonly Membership[], dispositifOrganisationId: string | null): boolean {
  const partners = memberships.filter((m) => m.organisationType === 'partenaire' && roleCan(m.role, 'financement:saisir'));
  return partners.length > 0 && !partners.some((m) => m.organisationId === dispositifOrganisationId);
}
