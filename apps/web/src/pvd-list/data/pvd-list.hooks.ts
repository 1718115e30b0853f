import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

export type PvdPage = ApiResponse<'/api/pvd', 'get'>;
export type PvdSummary = PvdPage['items'][number];

export interface PvdListParams {
  departement: string;
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
            query: { departement: params.departement || undefined, page: params.page, pageSize: params.pageSize },
          },
          signal,
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}
