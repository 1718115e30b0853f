import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

export type CommuneSearchPage = ApiResponse<'/api/communes', 'get'>;
export type CommuneSearchItem = CommuneSearchPage['items'][number];
export type CommuneDetail = ApiResponse<'/api/communes/{insee}', 'get'>;

export interface CommuneSearchParams {
  q: string;
  page: number;
  pageSize: number;
  /** SIREN of an EPCI: search its member communes only. */
  epci?: string;
}

export const communeKeys = {
  all: ['communes'] as const,
  search: (params: CommuneSearchParams) => ['communes', 'search', params] as const,
  detail: (insee: string) => ['communes', 'detail', insee] as const,
};

/** Searches communes by name or INSEE code. Disabled while the query is empty. */
export function useSearchCommunes(params: CommuneSearchParams) {
  return useQuery({
    queryKey: communeKeys.search(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/communes', {
          params: { query: { q: params.q, page: params.page, pageSize: params.pageSize, ...(params.epci ? { epci: params.epci } : {}) } },
          signal,
        }),
      ),
    enabled: params.q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useCommune(insee: string) {
  return useQuery({
    queryKey: communeKeys.detail(insee),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/communes/{insee}', { params: { path: { insee } }, signal })),
  });
}
