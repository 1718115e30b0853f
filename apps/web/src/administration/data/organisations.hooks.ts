import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

export type Organisation = ApiResponse<'/api/organisations', 'get'>[number];

export const organisationKeys = {
  all: ['organisations'] as const,
  list: (q: string) => ['organisations', 'list', q] as const,
};

/** Organisations the user may see, filtered by name (at most 200, sorted by type then name). */
export function useOrganisations(q: string) {
  return useQuery({
    queryKey: organisationKeys.list(q),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/organisations', { params: { query: q ? { q } : {} }, signal })),
    placeholderData: keepPreviousData,
  });
}
