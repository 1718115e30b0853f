import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

export type AuditPage = ApiResponse<'/api/journal', 'get'>;
export type AuditEntry = AuditPage['items'][number];

export interface JournalParams {
  /** Action prefix ("auth." or "compte."), empty for every action. */
  action: string;
  page: number;
}

export const journalKeys = {
  all: ['journal'] as const,
  list: (params: JournalParams) => ['journal', 'list', params] as const,
};

/** Audit log, most recent first. */
export function useJournal(params: JournalParams) {
  return useQuery({
    queryKey: journalKeys.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/journal', {
          params: { query: { ...(params.action ? { action: params.action } : {}), page: params.page } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
