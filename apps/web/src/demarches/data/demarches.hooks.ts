import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { AttributDefinition } from '@suivi-pvd/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInvalidateDossier } from '../../dossiers/data/dossier.hooks';

export type Catalogue = ApiResponse<'/api/demarches', 'get'>;
export type Demarche = Catalogue['items'][number];
export type ParticipationsDuDossier = ApiResponse<'/api/pvd/{id}/demarches', 'get'>;
export type Participation = ParticipationsDuDossier['items'][number];
export type CommuneSaisie = ParticipationsDuDossier['communes'][number];
export type ParticipationsPage = ApiResponse<'/api/demarches/{id}/participations', 'get'>;

/** The dates and attribute values of a participation, as sent (days as yyyy-mm-dd). */
export interface ParticipationInput {
  dateDebut: string | null;
  dateFin: string | null;
  attributs: Record<string, unknown>;
}

/** A scheme of the catalogue, as the ANCT edits it. */
export interface DemarcheInput {
  nom: string;
  description: string | null;
  attributs: AttributDefinition[];
}

export interface ParticipationsParams {
  departement: string;
  page: number;
  pageSize: number;
}

export const demarcheKeys = {
  all: ['demarches'] as const,
  catalogue: ['demarches', 'catalogue'] as const,
  dossier: (pvdId: string) => ['demarches', 'dossier', pvdId] as const,
  participations: (id: string, params: ParticipationsParams) => ['demarches', 'participations', id, params] as const,
};

/** The catalogue of schemes, with their attribute definitions; `peutAdministrer` for the ANCT. */
export function useCatalogue() {
  return useQuery({
    queryKey: demarcheKeys.catalogue,
    queryFn: ({ signal }) => unwrap(api.GET('/api/demarches', { signal })),
    staleTime: 60_000,
  });
}

/** The participations of a PVD's communes, and which communes the user may enter some for. */
export function useDossierDemarches(pvdId: string) {
  return useQuery({
    queryKey: demarcheKeys.dossier(pvdId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/pvd/{id}/demarches', { params: { path: { id: pvdId } }, signal })),
  });
}

/** A scheme's participants the user may read, page by page; disabled until asked for. */
export function useParticipations(demarcheId: string, params: ParticipationsParams, enabled: boolean) {
  return useQuery({
    queryKey: demarcheKeys.participations(demarcheId, params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/demarches/{id}/participations', {
          params: { path: { id: demarcheId }, query: { departement: params.departement || undefined, page: params.page, pageSize: params.pageSize } },
          signal,
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** After a participation changed: the lists and counts are stale, and so is the dossier's history. */
function useOnParticipationChanged() {
  const queryClient = useQueryClient();
  const invalidateDossier = useInvalidateDossier();
  return (pvdId: string | null) => {
    void queryClient.invalidateQueries({ queryKey: demarcheKeys.all });
    if (pvdId) invalidateDossier(pvdId);
  };
}

export function useCreateParticipation() {
  const changed = useOnParticipationChanged();
  return useMutation({
    mutationFn: ({ demarcheId, ...body }: ParticipationInput & { demarcheId: string; communeInsee: string }) =>
      unwrap(api.POST('/api/demarches/{id}/participations', { params: { path: { id: demarcheId } }, body })),
    onSuccess: (participation) => changed(participation.pvdId),
  });
}

/** Saves with the version read; a stale version gets a 409 VERSION_CONFLICT. */
export function useUpdateParticipation(id: string) {
  const changed = useOnParticipationChanged();
  return useMutation({
    mutationFn: (body: ParticipationInput & { version: number }) => unwrap(api.PUT('/api/participations/{id}', { params: { path: { id } }, body })),
    onSuccess: (participation) => changed(participation.pvdId),
  });
}

export function useDeleteParticipation() {
  const changed = useOnParticipationChanged();
  return useMutation({
    mutationFn: (p: Pick<Participation, 'id' | 'version' | 'pvdId'>) =>
      unwrap(api.DELETE('/api/participations/{id}', { params: { path: { id: p.id }, query: { version: p.version } } })),
    onSuccess: (_, p) => changed(p.pvdId),
  });
}

export function useCreateDemarche() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DemarcheInput) => unwrap(api.POST('/api/demarches', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: demarcheKeys.all }),
  });
}

export function useUpdateDemarche(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<DemarcheInput> & { actif?: boolean; version: number }) => unwrap(api.PATCH('/api/demarches/{id}', { params: { path: { id } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: demarcheKeys.all }),
  });
}
