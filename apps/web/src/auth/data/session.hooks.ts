import { api, isApiError, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';

export type Me = ApiResponse<'/api/auth/me', 'get'>;
export interface Credentials {
  email: string;
  password: string;
}

export const sessionKeys = {
  me: ['session', 'me'] as const,
  proConnect: ['session', 'proconnect'] as const,
};

/** Where the ProConnect button sends the browser; the API redirects back to `redirectTo`. */
export function proConnectUrl(redirectTo: string): string {
  return `/api/auth/proconnect/connexion?redirection=${encodeURIComponent(redirectTo)}`;
}

/**
 * Stores the user a session was just opened (or changed) for, dropping every other cached
 * query: what the previous user could see must not leak to the next one.
 */
export function startSession(queryClient: QueryClient, me: Me | null): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.me[0] });
  queryClient.setQueryData(sessionKeys.me, me);
}

/** The signed-in user, or null when there is no valid session. */
export function useMe() {
  return useQuery({
    queryKey: sessionKeys.me,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await unwrap(api.GET('/api/auth/me', { signal }));
      } catch (error) {
        if (isApiError(error) && error.statusCode === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** Whether sign-in with ProConnect is offered; any failure means "not offered": the password form always works. */
export function useProConnectStatus() {
  return useQuery({
    queryKey: sessionKeys.proConnect,
    queryFn: async ({ signal }): Promise<boolean> => {
      try {
        return (await unwrap(api.GET('/api/auth/proconnect/statut', { signal }))).enabled;
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') throw error;
        return false;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) =>
      unwrap(api.POST('/api/auth/login', { body: credentials })),
    onSuccess: (me) => startSession(queryClient, me),
  });
}

/**
 * Ends the session. A ProConnect session also ends at ProConnect: the browser is sent to its
 * logout page, which comes back to the sign-in page.
 */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<void> => {
      const me = queryClient.getQueryData<Me | null>(sessionKeys.me);
      if (me?.authMethod === 'proconnect') {
        const { redirectUrl } = await unwrap(api.POST('/api/auth/proconnect/deconnexion'));
        if (redirectUrl) window.location.assign(redirectUrl);
        return;
      }
      await unwrap(api.POST('/api/auth/logout'));
    },
    onSettled: () => startSession(queryClient, null),
  });
}
