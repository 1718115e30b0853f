import { MISSION_NATURES, MISSION_STATUTS, type MissionNature, type MissionStatut } from '@suivi-pvd/domain';

/** The filters of the missions list, as read from (and written to) the URL: the page is shareable. */
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

/** A département code: 2 digits, 2A/2B, or 3 digits overseas. */
export const DEPARTEMENT_CODE = /^(\d{2}|2[AB]|\d{3})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return values.find((v) => v === value) ?? null;
}

function readPage(value: string | null): number {
  const page = Number.parseInt(value ?? '', 10);
  return Number.isFinite(page) && page > 0 ? page : 1;
}

function readUuid(value: string | null): string {
  const text = (value ?? '').trim();
  return UUID.test(text) ? text : '';
}

export function readFilters(params: URLSearchParams): MissionFilters {
  const departement = (params.get('departement') ?? '').trim().toUpperCase();
  return {
    pvd: readUuid(params.get('pvd')),
    financeur: readUuid(params.get('financeur')),
    statut: oneOf(MISSION_STATUTS, params.get('statut')),
    nature: oneOf(MISSION_NATURES, params.get('nature')),
    departement: DEPARTEMENT_CODE.test(departement) ? departement : '',
    q: (params.get('q') ?? '').trim().slice(0, 100),
    page: readPage(params.get('page')),
  };
}

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

export function hasFilters(filters: MissionFilters): boolean {
  return Boolean(filters.pvd || filters.financeur || filters.statut || filters.nature || filters.departement || filters.q);
}
