import { FINANCEMENT_STATUTS, PILIERS, type FinancementStatut, type Pilier } from '@suivi-pvd/domain';
import type { LignesFilterParams } from './data/financements.hooks';

/** The filters of the national list, as read from (and written to) the URL: the page is shareable. */
export interface FinancementFilters {
  pvd: string;
  dispositif: string;
  financeur: string;
  pilier: Pilier | null;
  statut: FinancementStatut | null;
  annee: number | null;
  region: string;
  departement: string;
  /** 'true': only the lines « hors PVD »; 'false': only the programme's. */
  horsPvd: '' | 'true' | 'false';
  q: string;
  page: number;
}

export const NO_FILTERS: FinancementFilters = { pvd: '', dispositif: '', financeur: '', pilier: null, statut: null, annee: null, region: '', departement: '', horsPvd: '', q: '', page: 1 };

/** A département code: 2 digits, 2A/2B, or 3 digits overseas. */
export const DEPARTEMENT_CODE = /^(\d{2}|2[AB]|\d{3})$/;
export const REGION_CODE = /^\d{2,3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null => values.find((v) => v === value) ?? null;
const readUuid = (value: string | null) => (UUID.test((value ?? '').trim()) ? (value ?? '').trim() : '');

export function readFilters(params: URLSearchParams): FinancementFilters {
  const departement = (params.get('departement') ?? '').trim().toUpperCase();
  const region = (params.get('region') ?? '').trim();
  const horsPvd = params.get('horsPvd');
  const annee = Number.parseInt(params.get('annee') ?? '', 10);
  const page = Number.parseInt(params.get('page') ?? '', 10);
  return {
    pvd: readUuid(params.get('pvd')),
    dispositif: readUuid(params.get('dispositif')),
    financeur: readUuid(params.get('financeur')),
    pilier: oneOf(PILIERS, params.get('pilier')),
    statut: oneOf(FINANCEMENT_STATUTS, params.get('statut')),
    annee: annee >= 2000 && annee <= 2100 ? annee : null,
    region: REGION_CODE.test(region) ? region : '',
    departement: DEPARTEMENT_CODE.test(departement) ? departement : '',
    horsPvd: horsPvd === 'true' || horsPvd === 'false' ? horsPvd : '',
    q: (params.get('q') ?? '').trim().slice(0, 100),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** "?statut=engage&q=halles": only the filters set. */
export function filtersSearch(filters: FinancementFilters): string {
  const params = new URLSearchParams();
  if (filters.pvd) params.set('pvd', filters.pvd);
  if (filters.dispositif) params.set('dispositif', filters.dispositif);
  if (filters.financeur) params.set('financeur', filters.financeur);
  if (filters.pilier) params.set('pilier', filters.pilier);
  if (filters.statut) params.set('statut', filters.statut);
  if (filters.annee) params.set('annee', String(filters.annee));
  if (filters.region) params.set('region', filters.region);
  if (filters.departement) params.set('departement', filters.departement);
  if (filters.horsPvd) params.set('horsPvd', filters.horsPvd);
  if (filters.q) params.set('q', filters.q);
  if (filters.page > 1) params.set('page', String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function hasFilters(f: FinancementFilters): boolean {
  return Boolean(f.pvd || f.dispositif || f.financeur || f.pilier || f.statut || f.annee || f.region || f.departement || f.horsPvd || f.q);
}

/** The filters as the API takes them. */
export function apiFilters(f: FinancementFilters): LignesFilterParams {
  return { pvdId: f.pvd, dispositifId: f.dispositif, financeurId: f.financeur, pilier: f.pilier, statut: f.statut, annee: f.annee, region: f.region, departement: f.departement, horsPvd: f.horsPvd, q: f.q };
}
