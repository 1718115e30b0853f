import { api, unwrap, type ApiResponse, type operations } from '@suivi-pvd/api-client';
import type { HabitatOperationPhase, HabitatOperationType, OrtStatut } from '@suivi-pvd/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInvalidateDossier } from '../../dossiers/data/dossier.hooks';

export type OrtDuDossier = ApiResponse<'/api/pvd/{id}/ort', 'get'>;
export type Ort = OrtDuDossier['orts'][number];
export type CommuneCouverte = Ort['communes'][number];
export type OperationsPage = ApiResponse<'/api/operations-habitat', 'get'>;
export type OperationSummary = OperationsPage['items'][number];
export type Operation = ApiResponse<'/api/operations-habitat/{id}', 'get'>;
export type PvdInfo = ApiResponse<'/api/pvd/{id}', 'get'>;
export type OrtsPage = ApiResponse<'/api/orts', 'get'>;
export type OrtSummary = OrtsPage['items'][number];
export type OrtTri = NonNullable<NonNullable<operations['Territoire_listOrts']['parameters']['query']>['tri']>;

export interface OrtsParams {
  statut: OrtStatut | '';
  region: string;
  departement: string;
  tri: OrtTri | '';
  page: number;
  pageSize: number;
}

/** The fields of an ORT sent on creation and on update. */
export interface OrtInput {
  libelle: string;
  epciSiren: string | null;
  statut: OrtStatut;
  dateSignature: string | null;
  dureeAnnees: number | null;
  communes: string[];
  conventionCadreId: string | null;
}

/** The fields of an habitat operation sent on creation and on update (amounts in cents). */
export interface OperationInput {
  type: HabitatOperationType;
  libelle: string;
  maitreOuvrageType: 'commune' | 'epci';
  maitreOuvrageCode: string;
  operateur: string | null;
  phase: HabitatOperationPhase;
  dateDebut: string | null;
  dateFin: string | null;
  communes: string[];
  objectifs: { annee: number; objectif: number | null; traites: number | null }[];
  engagementAnah: number | null;
  engagementCollectivite: number | null;
  /** The reason of unusual commitments (libs/domain plausibilite.rules). */
  motifDepassement?: string | null;
}

export interface OperationsParams {
  type: HabitatOperationType | null;
  phase: HabitatOperationPhase | null;
  region: string;
  departement: string;
  pvdId: string;
  page: number;
  pageSize: number;
}

export const territoireKeys = {
  ort: (pvdId: string) => ['territoire', 'ort', pvdId] as const,
  orts: ['territoire', 'ort'] as const,
  lists: ['territoire', 'operations'] as const,
  list: (params: OperationsParams) => ['territoire', 'operations', params] as const,
  detail: (id: string) => ['territoire', 'operation', id] as const,
  pvd: (id: string) => ['territoire', 'pvd', id] as const,
};

/** The ORT covering a commune of the PVD, and its convention-cadre when it is worth ORT. */
export function useOrtDuDossier(pvdId: string) {
  return useQuery({
    queryKey: territoireKeys.ort(pvdId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/pvd/{id}/ort', { params: { path: { id: pvdId } }, signal })),
  });
}

/** After a write over communes: every dossier may show it, and the histories of those covered changed. */
function useOnCoverageChanged() {
  const queryClient = useQueryClient();
  const invalidateDossier = useInvalidateDossier();
  return (communes: readonly { pvdId: string | null }[]) => {
    void queryClient.invalidateQueries({ queryKey: territoireKeys.orts });
    void queryClient.invalidateQueries({ queryKey: territoireKeys.lists });
    for (const pvdId of new Set(communes.flatMap((c) => (c.pvdId ? [c.pvdId] : [])))) invalidateDossier(pvdId);
  };
}

export function useCreateOrt() {
  const changed = useOnCoverageChanged();
  return useMutation({
    mutationFn: (input: OrtInput) => unwrap(api.POST('/api/orts', { body: input })),
    onSuccess: (ort) => changed(ort.communes),
  });
}

/** Saves the ORT with the version read; a stale version gets a 409 VERSION_CONFLICT. */
export function useUpdateOrt(id: string) {
  const changed = useOnCoverageChanged();
  return useMutation({
    mutationFn: (input: OrtInput & { version: number }) => unwrap(api.PUT('/api/orts/{id}', { params: { path: { id } }, body: input })),
    onSuccess: (ort) => changed(ort.communes),
  });
}

/** The operations the user may read (the API applies the scope), with the totals of the selection. */
export function useOperations(params: OperationsParams) {
  return useQuery({
    queryKey: territoireKeys.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/operations-habitat', {
          params: {
            query: {
              type: params.type ?? undefined,
              phase: params.phase ?? undefined,
              region: params.region || undefined,
              departement: params.departement || undefined,
              pvdId: params.pvdId || undefined,
              page: params.page,
              pageSize: params.pageSize,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The national list of ORT (those covering a commune of the user's territory), with the totals of the selection. */
export function useOrts(params: OrtsParams) {
  return useQuery({
    queryKey: [...territoireKeys.orts, 'liste', params] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/orts', {
          params: {
            query: {
              statut: params.statut || undefined,
              region: params.region || undefined,
              departement: params.departement || undefined,
              tri: params.tri || undefined,
              page: params.page,
              pageSize: params.pageSize,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useOperation(id: string) {
  return useQuery({
    queryKey: territoireKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/operations-habitat/{id}', { params: { path: { id } }, signal })),
  });
}

export function useCreateOperation() {
  const queryClient = useQueryClient();
  const changed = useOnCoverageChanged();
  return useMutation({
    mutationFn: (input: OperationInput) => unwrap(api.POST('/api/operations-habitat', { body: input })),
    onSuccess: (operation) => {
      queryClient.setQueryData(territoireKeys.detail(operation.id), operation);
      changed(operation.communes);
    },
  });
}

/** Saves the operation with the version read; a stale version gets a 409 VERSION_CONFLICT. */
export function useUpdateOperation(id: string, before: readonly { pvdId: string | null }[]) {
  const queryClient = useQueryClient();
  const changed = useOnCoverageChanged();
  return useMutation({
    mutationFn: (input: OperationInput & { version: number }) => unwrap(api.PUT('/api/operations-habitat/{id}', { params: { path: { id } }, body: input })),
    onSuccess: (operation) => {
      queryClient.setQueryData(territoireKeys.detail(operation.id), operation);
      // The dossiers it left show it no more: theirs too.
      changed([...before, ...operation.communes]);
    },
  });
}

/** One PVD by id (to preselect its communes from a dossier); disabled without an id. */
export function usePvdInfo(id: string | null) {
  return useQuery({
    queryKey: territoireKeys.pvd(id ?? ''),
    queryFn: ({ signal }) => unwrap(api.GET('/api/pvd/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}
