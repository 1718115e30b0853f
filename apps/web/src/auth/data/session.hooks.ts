import { api, isApiError, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type Me = ApiResponse<'/api/auth/me', 'get'>;
export interface Credentials {
  email: string;
  password: string;
}

export const sessionKeys = {
  me: ['session', 'me'] as const,
};

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

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) =>
      unwrap(api.POST('/api/auth/login', { body: credentials })),
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.me[0] });
      queryClient.setQueryData(sessionKeys.me, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout')),
    onSettled: () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.me[0] });
      queryClient.setQueryData(sessionKeys.me, null);
    },
  });
}
