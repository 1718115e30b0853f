import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type Rapport = ApiResponse<'/api/rapports/{id}', 'get'>;

export const rapportKeys = {
  all: ['rapports'] as const,
  list: ['rapports', 'list'] as const,
};

const enCours = (r: Rapport) => r.statut === 'en_attente' || r.statut === 'en_cours';

/** The generated reports the user may see; polled while one is being generated. */
export function useRapports() {
  return useQuery({
    queryKey: rapportKeys.list,
    queryFn: ({ signal }) => unwrap(api.GET('/api/rapports', { signal })),
    refetchInterval: (query) => (query.state.data?.items.some(enCours) ? 1500 : false),
  });
}

/** Asks for the PDF of a scope and day (a background job renders it). */
export function useGenererRapport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { portee: 'nation' | 'region' | 'departement'; code?: string; date: string }) => unwrap(api.POST('/api/rapports', { body })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: rapportKeys.all }),
  });
}

export function usePublierRapport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/rapports/{id}/publication', { params: { path: { id } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: rapportKeys.all }),
  });
}

/** The PDF's address: a plain link, the browser downloads the file. */
export const rapportPdfUrl = (id: string) => `/api/rapports/${id}/pdf`;
