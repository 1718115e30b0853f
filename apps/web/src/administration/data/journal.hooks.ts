import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

export type AuditPage = ApiResponse<'/api/journal', 'get'>;
export type AuditEntry = AuditPage['items'][number];

export interface JournalParams {
  /** Action prefix ("auth." or "compte."), empty for every action. */
  action: string;
  /** Cursor: the entries older than this one (`suivant` of the page shown), or null. */
  avant: string | null;
  /** Cursor: the entries newer than this one (`precedent` of the page shown), or null. */
  apres: string | null;
}

export const journalKeys = {
  all: ['journal'] as const,
  list: (params: JournalParams) => ['journal', 'list', params] as const,
};

/** Audit log, most recent first, by cursor: the same cost at any depth. */
export function useJournal(params: JournalParams) {
  return useQuery({
    queryKey: journalKeys.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/journal', {
          params: {
            query: {
              ...(params.action ? { action: params.action } : {}),
              ...(params.avant ? { avant: params.avant } : {}),
              ...(params.apres ? { apres: params.apres } : {}),
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
