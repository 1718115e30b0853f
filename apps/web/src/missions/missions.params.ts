import type { MissionNature, MissionStatut } from '@suivi-pvd/domain';

/**
 * The filters of the missions list as the URL holds them (the list reads them with
 * `useListParams`): used here to build links to the list, such as a dossier's « all its missions ».
 */
export interface MissionFilters {
  /** One PVD (coming from its dossier). */
  pvd: string;
  financeur: string;
  statut: MissionStatut | null;
  nature: MissionNature | null;
  departement: string;
  q: string;
  page: number;
}

export const NO_FILTERS: MissionFilters = { pvd: '', financeur: '', statut: null, nature: null, departement: '', q: '', page: 1 };

/** "?statut=en_cours&q=commerce": only the filters set. */
export function filtersSearch(filters: MissionFilters): string {
  const params = new URLSearchParams();
  if (filters.pvd) params.set('pvd', filters.pvd);
  if (filters.financeur) params.set('financeur', filters.financeur);
  if (filters.statut) params.set('statut', filters.statut);
  if (filters.nature) params.set('nature', filters.nature);
  if (filters.departement) params.set('departement', filters.departement);
  if (filters.q) params.set('q', filters.q);
  if (filters.page > 1) params.set('page', String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
