import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type DevEmail = ApiResponse<'/api/dev/emails', 'get'>['items'][number];

export const devEmailKeys = {
  all: ['dev-emails'] as const,
};

/**
 * Emails captured by the local SMTP sink (development and demo instances with DEV_MAILBOX only:
 * the route is missing elsewhere, so an error simply means "no mailbox"): every email for an
 * administrator, the caller's own for anyone else. Disabled when `enabled` is false.
 */
export function useDevEmails(enabled: boolean) {
  return useQuery({
    queryKey: devEmailKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET('/api/dev/emails', { signal })),
    enabled,
    retry: false,
    staleTime: 0,
  });
}

export function useClearDevEmails() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<void> => {
      await unwrap(api.DELETE('/api/dev/emails'));
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: devEmailKeys.all }),
  });
}
