import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { IndicateurId, IndicateurSection, PorteeType, Ventilation } from '@suivi-pvd/domain';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';

export type Catalogue = ApiResponse<'/api/indicateurs', 'get'>;
export type DefinitionIndicateur = Catalogue['items'][number];
export type Tableau = ApiResponse<'/api/indicateurs/tableau', 'get'>;
export type ValeurIndicateur = Tableau['indicateurs'][number];
export type Zones = ApiResponse<'/api/indicateurs/zones', 'get'>;
export type DetailPage = ApiResponse<'/api/indicateurs/{id}/detail', 'get'>;

export interface PorteeParams {
  portee: PorteeType | null;
  code: string;
  date: string;
}

const porteeQuery = (p: PorteeParams) => ({
  portee: p.portee ?? undefined,
  code: p.portee && p.portee !== 'nation' ? p.code : undefined,
  date: p.date || undefined,
});

export const pilotageKeys = {
  all: ['indicateurs'] as const,
  catalogue: ['indicateurs', 'catalogue'] as const,
  zones: ['indicateurs', 'zones'] as const,
  tableau: (section: IndicateurSection, p: PorteeParams, comparaison: string) => ['indicateurs', 'tableau', section, p, comparaison] as const,
  detail: (id: IndicateurId, p: PorteeParams, ventilation: Ventilation | null, cle: string, page: number, pageSize: number) => ['indicateurs', 'detail', id, p, ventilation, cle, page, pageSize] as const,
  one: (id: IndicateurId, p: PorteeParams) => ['indicateurs', 'one', id, p] as const,
};

/** Definitions, units, breakdowns and map classes: reference data for the session. */
export function useCatalogue() {
  return useQuery({ queryKey: pilotageKeys.catalogue, queryFn: ({ signal }) => unwrap(api.GET('/api/indicateurs', { signal })), staleTime: Infinity });
}

/** The régions and départements the user reads, and the scope the dashboards open on. */
export function useZones() {
  return useQuery({ queryKey: pilotageKeys.zones, queryFn: ({ signal }) => unwrap(api.GET('/api/indicateurs/zones', { signal })), staleTime: 10 * 60_000 });
}

/** A dashboard section in one call: every figure of it for the scope and day (and the comparison day). */
export function useTableau(section: IndicateurSection, p: PorteeParams, comparaison: string) {
  return useQuery({
    queryKey: pilotageKeys.tableau(section, p, comparaison),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/indicateurs/tableau', { params: { query: { section, ...porteeQuery(p), comparaison: comparaison || undefined } }, signal })),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: (count, error) => count < 2 && !(error && typeof error === 'object' && 'statusCode' in error && [400, 403, 404].includes(Number(error.statusCode))),
  });
}

/** Some figures of one scope (the dossier's summary), one call each. */
export function useIndicateurs(ids: readonly IndicateurId[], p: PorteeParams) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: pilotageKeys.one(id, p),
      queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(api.GET('/api/indicateurs/{id}', { params: { path: { id }, query: porteeQuery(p) }, signal })),
      staleTime: 60_000,
    })),
  });
}

/** The records behind a figure, a page at a time. */
export function useDetail(id: IndicateurId, p: PorteeParams, ventilation: Ventilation | null, cle: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: pilotageKeys.detail(id, p, ventilation, cle, page, pageSize),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/indicateurs/{id}/detail', {
          params: { path: { id }, query: { ...porteeQuery(p), ventilation: ventilation ?? undefined, cle: ventilation ? cle : undefined, page, pageSize } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The address of the list's export: a plain link, the browser downloads the file. */
export function detailExportUrl(id: IndicateurId, p: PorteeParams, ventilation: Ventilation | null, cle: string, format: 'csv' | 'xlsx'): string {
  const search = new URLSearchParams({ format });
  for (const [key, value] of Object.entries({ ...porteeQuery(p), ventilation: ventilation ?? undefined, cle: ventilation ? cle : undefined })) if (value !== undefined) search.set(key, value);
  return `/api/indicateurs/${id}/detail/export?${search.toString()}`;
}
