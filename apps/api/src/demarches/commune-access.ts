import { canOn, type Permission, type Territory } from '@suivi-pvd/domain';
import type { CurrentUser } from '../core/auth/current-user';

/** A commune as stored, with what its access is judged on. */
export interface CommuneRow {
  insee: string;
  nom: string;
  epci_siren: string | null;
  departement_code: string;
  region_code: string;
  /** The PVD the commune belongs to, and that PVD's EPCI, if any. */
  pvd_id: string | null;
  pvd_epci_siren: string | null;
}

/** The columns of `CommuneRow`, for a query over `commune c LEFT JOIN pvd_commune pc LEFT JOIN pvd p`. */
export const COMMUNE_COLUMNS = `c.insee, c.nom, c.epci_siren, c.departement_code, c.region_code, pc.pvd_id, p.epci_siren AS pvd_epci_siren`;
export const COMMUNE_JOINS = `LEFT JOIN pvd_commune pc ON pc.commune_insee = c.insee LEFT JOIN pvd p ON p.id = pc.pvd_id`;

/**
 * The stored territory of a commune: itself, its EPCI and its PVD's, its département and région
 * (the same shape as a PVD's, so that a chef de projet of the commune or of its EPCI covers it).
 */
export function communeTerritory(row: Pick<CommuneRow, 'insee' | 'epci_siren' | 'departement_code' | 'region_code' | 'pvd_epci_siren'>): Territory {
  const epcis = [row.epci_siren, row.pvd_epci_siren].filter((s): s is string => Boolean(s));
  return { communes: [row.insee], epciSirens: [...new Set(epcis)], departementCodes: [row.departement_code], regionCodes: [row.region_code] };
}

export function canOnCommune(user: CurrentUser, permission: Permission, row: Parameters<typeof communeTerritory>[0]): boolean {
  return canOn(user.memberships, permission, communeTerritory(row));
}
