import { api, unwrap, type ApiResponse, type operations } from '@suivi-pvd/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

export type PvdPage = ApiResponse<'/api/pvd', 'get'>;
export type PvdListItem = PvdPage['items'][number];
type ListQuery = NonNullable<operations['PvdDossiers_list']['parameters']['query']>;
export type PvdTri = NonNullable<ListQuery['tri']>;

/** The list's filters as the API names them ('' for none), its order, its page. */
export interface PvdListParams {
  q?: string;
  departement?: string;
  region?: string;
  adhesion?: ListQuery['adhesion'] | '';
  cadre?: ListQuery['cadre'] | '';
  ort?: ListQuery['ort'] | '';
  poste?: ListQuery['poste'] | '';
  enRetard?: ListQuery['enRetard'] | '';
  tri?: PvdTri | '';
  page: number;
  pageSize: number;
}

export const pvdListKeys = {
  all: ['pvd-list'] as const,
  list: (params: PvdListParams) => ['pvd-list', params] as const,
  aires: ['pvd-list', 'aires'] as const,
};

/** The PVDs the user may see, with where each stands (the API applies the user's scope). */
export function usePvdList(params: PvdListParams, enabled = true) {
  return useQuery({
    queryKey: pvdListKeys.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/pvd', {
          params: {
            query: {
              q: params.q || undefined,
              departement: params.departement || undefined,
              region: params.region || undefined,
              adhesion: params.adhesion || undefined,
              cadre: params.cadre || undefined,
              ort: params.ort || undefined,
              poste: params.poste || undefined,
              enRetard: params.enRetard || undefined,
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

/** The régions and départements where the user sees PVDs, by name: the list's filter choices. */
export function usePvdAires() {
  return useQuery({
    queryKey: pvdListKeys.aires,
    queryFn: ({ signal }) => unwrap(api.GET('/api/pvd/aires', { signal })),
    staleTime: 5 * 60_000,
  });
}
