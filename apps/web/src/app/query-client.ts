import { isApiError } from '@suivi-pvd/api-client';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { sessionKeys } from '../auth/data/session.hooks';

/**
 * Shared react-query client. Client errors (4xx) are not retried; a 401 on any query means the
 * session expired, so the cached user is cleared and the route guard sends the user to /connexion.
 */
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (isApiError(error) && error.statusCode === 401 && query.queryKey[0] !== sessionKeys.me[0]) {
        queryClient.setQueryData(sessionKeys.me, null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => {
        if (isApiError(error) && error.statusCode >= 400 && error.statusCode < 500) return false;
        return failureCount < 2;
      },
    },
    mutations: { retry: false },
  },
});
