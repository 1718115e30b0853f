import { api, unwrap, type ApiResponse, type components } from '@suivi-pvd/api-client';
import { isParametreCle, type ParametreCle, type ParametresHistorique, type ParametreValeur, type PosteAlerteCode } from '@suivi-pvd/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInvalidateDossier } from '../../dossiers/data/dossier.hooks';

export type Poste = ApiResponse<'/api/postes/{id}', 'get'>;
export type PostesDuDossier = ApiResponse<'/api/pvd/{id}/postes', 'get'>;
export type PosteSummary = PostesDuDossier['postes'][number];
export type Employeur = PostesDuDossier['employeursPossibles'][number];
export type PosteAlerte = Poste['alertes'][number];
export type Demande = Poste['demandes'][number];
export type SubventionSaved = Poste['subvention'];
export type PosteAlertesPage = ApiResponse<'/api/postes/alertes', 'get'>;
export type PosteAlerteItem = PosteAlertesPage['items'][number];
export type ParametresProgramme = ApiResponse<'/api/programme/parametres', 'get'>;

export type PosteInput = components['schemas']['PosteInput'];
export type DemandeInput = components['schemas']['DemandeInput'];
export type InstructionInput = components['schemas']['InstructionInput'];

export const posteKeys = {
  all: ['postes'] as const,
  ofPvd: (pvdId: string) => ['postes', 'pvd', pvdId] as const,
  detail: (id: string) => ['postes', 'detail', id] as const,
  alertesAll: ['postes', 'alertes'] as const,
  alertes: (params: PosteAlertesParams) => ['postes', 'alertes', params] as const,
  /** The programme parameters as the subsidy computation needs them. */
  parametres: ['postes', 'parametres-historique'] as const,
};

/** The posts of a dossier with this year's co-financing and alerts, the possible employers, the right to add one. */
export function usePostesDuDossier(pvdId: string) {
  return useQuery({
    queryKey: posteKeys.ofPvd(pvdId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/pvd/{id}/postes', { params: { path: { id: pvdId } }, signal })),
  });
}

/** One post: holders, costs, co-financers, the subsidy computed by the API, requests, alerts and rights. */
export function usePoste(id: string) {
  return useQuery({
    queryKey: posteKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/postes/{id}', { params: { path: { id } }, signal })),
  });
}

/** `parametres[].valeurs[]` of the API as the domain's dated history, with each value's decision (everything decided so far). */
export function historiqueOf(data: ParametresProgramme): ParametresHistorique {
  const historique: Partial<Record<ParametreCle, ParametreValeur[]>> = {};
  for (const p of data.parametres) {
    if (isParametreCle(p.cle)) historique[p.cle] = p.valeurs.map((v) => ({ dateEffet: v.dateEffet, valeur: v.valeur, decideLe: v.decideLe, saisieLe: v.creeLe }));
  }
  return historique;
}

/**
 * The dated programme parameters, for the live simulation of the subsidy in the browser. Read
 * again on each visit: the ANCT may plan a new value at any time.
 */
export function useParametresHistorique() {
  return useQuery({
    queryKey: posteKeys.parametres,
    queryFn: ({ signal }) => unwrap(api.GET('/api/programme/parametres', { signal })),
    select: historiqueOf,
    staleTime: 0,
  });
}

/** Puts the post returned by a write in the cache and marks the lists that show it stale. */
function useOnPosteSaved() {
  const queryClient = useQueryClient();
  const invalidateDossier = useInvalidateDossier();
  return (poste: Poste) => {
    queryClient.setQueryData(posteKeys.detail(poste.id), poste);
    void queryClient.invalidateQueries({ queryKey: posteKeys.ofPvd(poste.pvdId) });
    void queryClient.invalidateQueries({ queryKey: posteKeys.alertesAll });
    invalidateDossier(poste.pvdId);
  };
}

/** Records a new post on a dossier. */
export function useCreatePoste(pvdId: string) {
  const onSaved = useOnPosteSaved();
  return useMutation({
    mutationFn: (input: PosteInput) => unwrap(api.POST('/api/pvd/{id}/postes', { params: { path: { id: pvdId } }, body: input })),
    onSuccess: onSaved,
  });
}

/** Saves the whole post with the version read; a stale version gets a 409 VERSION_CONFLICT. */
export function useUpdatePoste(id: string) {
  const onSaved = useOnPosteSaved();
  return useMutation({
    mutationFn: (input: PosteInput & { version: number }) => unwrap(api.PUT('/api/postes/{id}', { params: { path: { id } }, body: input })),
    onSuccess: onSaved,
  });
}

/** Files (version 0) or corrects the co-financing request of a year (chef de projet). */
export function useSaveDemande(id: string) {
  const onSaved = useOnPosteSaved();
  return useMutation({
    mutationFn: ({ annee, ...body }: DemandeInput & { annee: number }) =>
      unwrap(api.PUT('/api/postes/{id}/demandes/{annee}', { params: { path: { id, annee } }, body })),
    onSuccess: onSaved,
  });
}

/** Records the amount granted, the decision date and the payments of a year's request (préfecture). */
export function useInstruireDemande(id: string) {
  const onSaved = useOnPosteSaved();
  return useMutation({
    mutationFn: ({ annee, ...body }: InstructionInput & { annee: number }) =>
      unwrap(api.PUT('/api/postes/{id}/demandes/{annee}/instruction', { params: { path: { id, annee } }, body })),
    onSuccess: onSaved,
  });
}

export interface PosteAlertesParams {
  code: PosteAlerteCode | null;
  page: number;
  pageSize: number;
}

/** The posts to follow within the caller's territory, with the count of each reason. */
export function usePostesAlertes(params: PosteAlertesParams) {
  return useQuery({
    queryKey: posteKeys.alertes(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/postes/alertes', {
          params: { query: { code: params.code ?? undefined, page: params.page, pageSize: params.pageSize } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The habitat operations recorded for a PVD (those covering one of its communes), to link to a post. */
export function useOperationsDuPvd(pvdId: string | undefined) {
  return useQuery({
    queryKey: ['postes', 'operations-du-pvd', pvdId],
    enabled: Boolean(pvdId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/operations-habitat', { params: { query: { pvdId, pageSize: 100 } }, signal })).then((page) =>
        page.items.map((o) => ({ id: o.id, type: o.type, libelle: o.libelle, dateDebut: o.dateDebut, dateFin: o.dateFin })),
      ),
  });
}
