import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { ConventionType, WorkListMotif } from '@suivi-pvd/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type WorkListPage = ApiResponse<'/api/conventions/a-traiter', 'get'>;
export type WorkListItem = WorkListPage['items'][number];
export type WorkListCounts = WorkListPage['parMotif'];
export type WorkListSort = 'anciennete' | 'retard' | 'commune';

export interface WorkListParams {
  motif: WorkListMotif | null;
  type: ConventionType | null;
  departement: string;
  q: string;
  tri: WorkListSort;
  page: number;
  pageSize: number;
}

export const workListKeys = {
  all: ['work-list'] as const,
  list: (params: WorkListParams) => ['work-list', 'list', params] as const,
};

/** The préfecture's conventions to handle, with the count of each motif (scoped by the API). */
export function useWorkList(params: WorkListParams) {
  return useQuery({
    queryKey: workListKeys.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/conventions/a-traiter', {
          params: {
            query: {
              motif: params.motif ?? undefined,
              type: params.type ?? undefined,
              departement: params.departement || undefined,
              q: params.q || undefined,
              tri: params.tri,
              page: params.page,
              pageSize: params.pageSize,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export interface TakeIntoInstructionInput {
  conventionId: string;
  version: number;
}

/** Déposée → en instruction. A 409 (someone acted meanwhile) carries a French message. */
export function useTakeIntoInstruction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ conventionId, version }: TakeIntoInstructionInput) =>
      unwrap(
        api.POST('/api/conventions/{id}/instruction', {
          params: { path: { id: conventionId } },
          body: { version },
        }),
      ),
    // Whatever happened, the list may be stale (a 409 means the convention changed).
    onSettled: () => queryClient.invalidateQueries({ queryKey: workListKeys.all }),
  });
}
