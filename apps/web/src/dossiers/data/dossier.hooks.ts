import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { ContactFonction, ConventionType } from '@suivi-pvd/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

/** The dossier page's first screen: the dossier and how many records each section holds. */
export type Dossier = ApiResponse<'/api/pvd/{id}/dossier/apercu', 'get'>;
export type DossierEffectifs = Dossier['effectifs'];
export type DossierContact = Dossier['contacts'][number];
export type ConventionSummary = NonNullable<Dossier['conventions']['cadre']>;
export type Echeance = Dossier['echeanceConventionCadre'];
export type DossierAlerte = Dossier['alertes'][number];
export type HistoryPage = ApiResponse<'/api/pvd/{id}/historique', 'get'>;
export type HistoryEntry = HistoryPage['items'][number];
export type CreatedConvention = ApiResponse<'/api/pvd/{id}/conventions', 'post'>;

export interface ContactInput {
  version: number;
  nom: string;
  qualite: string | null;
  email: string | null;
  telephone: string | null;
}

export const dossierKeys = {
  all: ['dossiers'] as const,
  detail: (pvdId: string) => ['dossiers', 'detail', pvdId] as const,
  historyOf: (pvdId: string) => ['dossiers', 'history', pvdId] as const,
  history: (pvdId: string, page: number, pageSize: number) => ['dossiers', 'history', pvdId, page, pageSize] as const,
};

/**
 * The dossier of one PVD as its page shows it first, in one call: communes, contacts, conventions,
 * deadline, alerts, rights and each section's count. The sections read it from the cache.
 */
export function useDossier(pvdId: string) {
  return useQuery({
    queryKey: dossierKeys.detail(pvdId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/pvd/{id}/dossier/apercu', { params: { path: { id: pvdId } }, signal })),
  });
}

/** Marks the dossier (and its history) stale after a change made elsewhere (a convention, a document). */
export function useInvalidateDossier() {
  const queryClient = useQueryClient();
  return (pvdId: string) => {
    void queryClient.invalidateQueries({ queryKey: dossierKeys.detail(pvdId) });
    void queryClient.invalidateQueries({ queryKey: dossierKeys.historyOf(pvdId) });
  };
}

/** Saves one contact of the dossier. A stale `version` gets a 409 VERSION_CONFLICT. */
export function useSaveContact(pvdId: string, fonction: ContactFonction) {
  const invalidate = useInvalidateDossier();
  return useMutation({
    mutationFn: (input: ContactInput) =>
      unwrap(
        api.PUT('/api/pvd/{id}/contacts/{fonction}', {
          params: { path: { id: pvdId, fonction } },
          body: input,
        }),
      ),
    onSuccess: () => invalidate(pvdId),
  });
}

/** The changes made to the dossier, most recent first. */
export function useDossierHistory(pvdId: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: dossierKeys.history(pvdId, page, pageSize),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/pvd/{id}/historique', {
          params: { path: { id: pvdId }, query: { page, pageSize } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Creates a convention (adhésion, cadre, or an avenant to the signed convention-cadre). */
export function useCreateConvention(pvdId: string) {
  const invalidate = useInvalidateDossier();
  return useMutation({
    mutationFn: (input: { type: ConventionType; objet?: string }) =>
      unwrap(api.POST('/api/pvd/{id}/conventions', { params: { path: { id: pvdId } }, body: input })),
    onSuccess: () => invalidate(pvdId),
  });
}
