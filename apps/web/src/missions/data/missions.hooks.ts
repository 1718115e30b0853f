import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { MissionNature, MissionStatut } from '@suivi-pvd/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAddDocumentVersionUpload, useUpload } from '../../app/use-upload';
import { useInvalidateDossier } from '../../dossiers/data/dossier.hooks';

export type MissionsPage = ApiResponse<'/api/missions', 'get'>;
export type MissionSummary = MissionsPage['items'][number];
export type Mission = ApiResponse<'/api/missions/{id}', 'get'>;
export type Livrable = Mission['livrables'][number];
export type Financeur = ApiResponse<'/api/financeurs', 'get'>['financeurs'][number];
export type PvdChoix = ApiResponse<'/api/missions/pvd-choix', 'get'>[number];
export type PvdInfo = ApiResponse<'/api/pvd/{id}', 'get'>;

/** The fields of a mission sent on creation and on update (amounts in cents, days as yyyy-mm-dd). */
export interface MissionInput {
  financeurId: string;
  nature: MissionNature;
  thematique: Mission['thematique'];
  intitule: string;
  prestataire: string | null;
  montantEngage: number | null;
  montantVerse: number | null;
  dateDemande: string | null;
  dateDebut: string | null;
  dateFin: string | null;
  statut: MissionStatut;
  dateEngagement: string | null;
  referenceExterne: string | null;
  source: string | null;
  dateSource: string | null;
}

export interface MissionsParams {
  pvdId: string;
  financeurId: string;
  statut: MissionStatut | null;
  nature: MissionNature | null;
  departement: string;
  q: string;
  page: number;
  pageSize: number;
}

export const missionKeys = {
  all: ['missions'] as const,
  lists: ['missions', 'list'] as const,
  list: (params: MissionsParams) => ['missions', 'list', params] as const,
  detail: (id: string) => ['missions', 'detail', id] as const,
  pvdChoix: (q: string) => ['missions', 'pvd-choix', q] as const,
  financeurs: ['financeurs'] as const,
  pvd: (id: string) => ['missions', 'pvd', id] as const,
};

/** The missions the user may read (the API applies the scope), with the totals of the selection. */
export function useMissions(params: MissionsParams, enabled = true) {
  return useQuery({
    queryKey: missionKeys.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/missions', {
          params: {
            query: {
              pvdId: params.pvdId || undefined,
              financeurId: params.financeurId || undefined,
              statut: params.statut ?? undefined,
              nature: params.nature ?? undefined,
              departement: params.departement || undefined,
              q: params.q || undefined,
              page: params.page,
              pageSize: params.pageSize,
            },
          },
          signal,
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The funders (list managed by the ANCT); `saisissable` says which ones the user may enter missions for. */
export function useFinanceurs() {
  return useQuery({
    queryKey: missionKeys.financeurs,
    queryFn: ({ signal }) => unwrap(api.GET('/api/financeurs', { signal })),
    staleTime: 5 * 60_000,
  });
}

/** PVDs a mission may be attached to, by the start of a commune name or an INSEE code (≥ 2 characters). */
export function usePvdChoix(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: missionKeys.pvdChoix(text),
    queryFn: ({ signal }) => unwrap(api.GET('/api/missions/pvd-choix', { params: { query: { q: text } }, signal })),
    enabled: text.length >= 2,
    staleTime: 60_000,
  });
}

/** One PVD by id (to show the PVD preselected from a dossier); disabled without an id. */
export function usePvdInfo(id: string | null) {
  return useQuery({
    queryKey: missionKeys.pvd(id ?? ''),
    queryFn: ({ signal }) => unwrap(api.GET('/api/pvd/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

export function useMission(id: string) {
  return useQuery({
    queryKey: missionKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/missions/{id}', { params: { path: { id } }, signal })),
  });
}

/** After a write: the lists (and totals) are stale, and so is the history of the PVD's dossier. */
function useOnMissionChanged() {
  const queryClient = useQueryClient();
  const invalidateDossier = useInvalidateDossier();
  return (pvdId: string) => {
    void queryClient.invalidateQueries({ queryKey: missionKeys.lists });
    invalidateDossier(pvdId);
  };
}

export function useCreateMission() {
  const queryClient = useQueryClient();
  const changed = useOnMissionChanged();
  return useMutation({
    mutationFn: (input: MissionInput & { pvdId: string }) => unwrap(api.POST('/api/missions', { body: input })),
    onSuccess: (mission) => {
      queryClient.setQueryData(missionKeys.detail(mission.id), mission);
      changed(mission.pvdId);
    },
  });
}

/** Saves the mission with the version read; a stale version gets a 409 VERSION_CONFLICT. */
export function useUpdateMission(id: string) {
  const queryClient = useQueryClient();
  const changed = useOnMissionChanged();
  return useMutation({
    mutationFn: (input: MissionInput & { version: number }) =>
      unwrap(api.PUT('/api/missions/{id}', { params: { path: { id } }, body: input })),
    onSuccess: (mission) => {
      queryClient.setQueryData(missionKeys.detail(mission.id), mission);
      changed(mission.pvdId);
    },
  });
}

/** Marks the mission (and its dossier's history) stale after a deliverable was added. */
function useOnLivrableSaved(mission: Pick<Mission, 'id' | 'pvdId'>) {
  const queryClient = useQueryClient();
  const invalidateDossier = useInvalidateDossier();
  return () => {
    void queryClient.invalidateQueries({ queryKey: missionKeys.detail(mission.id) });
    invalidateDossier(mission.pvdId);
  };
}

/** Adds a deliverable (a document) to the mission. */
export function useAddLivrable(mission: Pick<Mission, 'id' | 'pvdId'>) {
  const onSaved = useOnLivrableSaved(mission);
  return useUpload<{ fichier: File; titre?: string }, Livrable>((input) => {
    const form = new FormData();
    form.append('fichier', input.fichier, input.fichier.name);
    if (input.titre) form.append('titre', input.titre);
    return { url: `/api/missions/${encodeURIComponent(mission.id)}/livrables`, form };
  }, onSaved);
}

/** Adds a new version of a deliverable; the older ones stay downloadable. */
export function useAddLivrableVersion(mission: Pick<Mission, 'id' | 'pvdId'>, documentId: string) {
  const onSaved = useOnLivrableSaved(mission);
  return useAddDocumentVersionUpload<Livrable>(documentId, onSaved);
}
