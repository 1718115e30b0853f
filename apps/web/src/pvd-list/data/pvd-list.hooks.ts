import { api, unwrap, type ApiResponse, type operations } from '@suivi-pvd/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

export type PvdPage = ApiResponse<'/api/pvd', 'get'>;
export type PvdSummary = PvdPage['items'][number];
export type PvdTri = NonNullable<NonNullable<operations['PvdDossiers_list']['parameters']['query']>['tri']>;

export interface PvdListParams {
  departement?: string;
  q?: string;
  tri?: PvdTri | '';
  page: number;
  pageSize: number;
}

export const pvdListKeys = {
  all: ['pvd-list'] as const,
  list: (params: PvdListParams) => ['pvd-list', params] as const,
};

/** The PVDs the user may see (the API applies the user's scope). */
export function usePvdList(params: PvdListParams, enabled = true) {
  return useQuery({
    queryKey: pvdListKeys.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/pvd', {
          params: {
            query: {
              departement: params.departement || undefined,
              q: params.q || undefined,
              tri: params.tri || undefined,
              page: params.page,
              pageSize: params.pageSize,
            },
          },
          signal,
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}
