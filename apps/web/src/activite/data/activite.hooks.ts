import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { ActivityKind } from '@suivi-pvd/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

export type ActivitePage = ApiResponse<'/api/activite', 'get'>;
export type ActiviteEntry = ActivitePage['items'][number];
export type ActivitePersonne = ActivitePage['personnes'][number];

/** The filters of a feed, as the API names them ('' = none). */
export interface ActiviteFilters {
  type: ActivityKind | '';
  personne: string;
  du: string;
  au: string;
  avant: string;
  departement?: string;
  region?: string;
}

/** The filters set, without the empty ones. */
function clean(filters: ActiviteFilters) {
  const { type, ...rest } = filters;
  const others = Object.fromEntries(Object.entries(rest).filter(([, v]) => v)) as Partial<Omit<ActiviteFilters, 'type'>>;
  return type ? { ...others, type } : others;
}

export const activiteKeys = {
  all: ['activite'] as const,
  territoire: (filters: ActiviteFilters, pageSize: number) => ['activite', 'territoire', filters, pageSize] as const,
  dossier: (pvdId: string, filters: ActiviteFilters, pageSize: number) => ['activite', 'dossier', pvdId, filters, pageSize] as const,
};

/** A page of the caller's territorial feed (département, région or country). */
export function useActiviteTerritoire(filters: ActiviteFilters, pageSize: number) {
  return useQuery({
    queryKey: activiteKeys.territoire(filters, pageSize),
    queryFn: ({ signal }) => unwrap(api.GET('/api/activite', { params: { query: { ...clean(filters), pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** A page of one dossier's feed. */
export function useActiviteDossier(pvdId: string, filters: ActiviteFilters, pageSize: number) {
  return useQuery({
    queryKey: activiteKeys.dossier(pvdId, filters, pageSize),
    queryFn: ({ signal }) => unwrap(api.GET('/api/pvd/{id}/activite', { params: { path: { id: pvdId }, query: { ...clean(filters), pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
}
