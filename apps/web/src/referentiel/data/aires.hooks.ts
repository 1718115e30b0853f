import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { formatDepartement, formatRegion } from '@suivi-pvd/domain';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

export type Aires = ApiResponse<'/api/referentiel/aires', 'get'>;

export const airesKeys = { all: ['referentiel', 'aires'] as const };

/** Every région and département of the référentiel with its name (read once per session: it hardly ever changes). */
export function useAires() {
  return useQuery({
    queryKey: airesKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET('/api/referentiel/aires', { signal })),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export interface AireLabels {
  /** « Creuse (23) » (the code alone until the names are loaded). */
  departement: (code: string) => string;
  /** « Nouvelle-Aquitaine » (« Région 75 » until the names are loaded). */
  region: (code: string) => string;
}

/**
 * How the interface writes a département or a région it knows by code: by its name, from the
 * référentiel, through the shared formatters (`formatDepartement`, `formatRegion`).
 */
export function useAireLabels(): AireLabels {
  const { data } = useAires();
  return useMemo(() => {
    const departements = new Map(data?.departements.map((d) => [d.code, d.nom]));
    const regions = new Map(data?.regions.map((r) => [r.code, r.nom]));
    return {
      departement: (code) => formatDepartement(code, departements.get(code)),
      region: (code) => formatRegion(code, regions.get(code)),
    };
  }, [data]);
}
