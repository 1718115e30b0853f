import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { IndicateurId } from '@suivi-pvd/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type ProgrammePublic = ApiResponse<'/api/public/programme', 'get'>;
export type IndicateurPublic = ProgrammePublic['indicateurs'][number];
export type PvdPublic = ApiResponse<'/api/public/pvd/{idPvd}', 'get'>;
export type PvdDuDepartement = ApiResponse<'/api/public/pvd', 'get'>['items'][number];
export type IndicateursPublics = ApiResponse<'/api/indicateurs-publics', 'get'>;

export const publicKeys = {
  programme: ['public', 'programme'] as const,
  pvd: (idPvd: string) => ['public', 'pvd', idPvd] as const,
  departement: (code: string) => ['public', 'departement', code] as const,
  choix: ['indicateurs-publics'] as const,
};

/** The national page's figures (no login). */
export function useProgrammePublic() {
  return useQuery({ queryKey: publicKeys.programme, queryFn: ({ signal }) => unwrap(api.GET('/api/public/programme', { signal })), staleTime: 5 * 60_000 });
}

/** A PVD's public page (no login); a 404 is not retried. */
export function usePvdPublic(idPvd: string) {
  return useQuery({
    queryKey: publicKeys.pvd(idPvd),
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/pvd/{idPvd}', { params: { path: { idPvd } }, signal })),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** The PVD of a département, once one is chosen in the national page's table. */
export function usePvdDuDepartement(code: string | null) {
  return useQuery({
    queryKey: publicKeys.departement(code ?? ''),
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/pvd', { params: { query: { departement: code ?? '' } }, signal })),
    enabled: code !== null,
    staleTime: 5 * 60_000,
  });
}

/** The ANCT's choice of public figures. */
export function useIndicateursPublics() {
  return useQuery({ queryKey: publicKeys.choix, queryFn: ({ signal }) => unwrap(api.GET('/api/indicateurs-publics', { signal })) });
}

export function useModifierIndicateursPublics() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { indicateurs: IndicateurId[]; version: number }) => unwrap(api.PUT('/api/indicateurs-publics', { body })),
    onSuccess: (data) => {
      queryClient.setQueryData(publicKeys.choix, data);
      void queryClient.invalidateQueries({ queryKey: ['public'] });
    },
  });
}
