import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { FinancementStatut, Pilier } from '@suivi-pvd/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dossierKeys } from '../../dossiers/data/dossier.hooks';

export type LignesPage = ApiResponse<'/api/financements/lignes', 'get'>;
export type LigneSummary = LignesPage['items'][number];
export type Ligne = ApiResponse<'/api/financements/lignes/{id}', 'get'>;
export type Dispositifs = ApiResponse<'/api/financements/dispositifs', 'get'>;
export type Dispositif = Dispositifs['dispositifs'][number];
export type Beneficiaire = ApiResponse<'/api/financements/beneficiaires', 'get'>[number];
export type Financeur = ApiResponse<'/api/financeurs', 'get'>['financeurs'][number];

/** The fields of a line sent on creation and on update (amount in cents, days as yyyy-mm-dd). */
export interface LigneInput {
  dispositifId: string;
  beneficiaireType: 'commune' | 'epci';
  beneficiaireCode: string;
  projet: string;
  montant: number;
  statut: FinancementStatut;
  dateDemande: string | null;
  dateEngagement: string | null;
  dateContractualisation: string | null;
  dateVersement: string | null;
  anneeCampagne: number | null;
  referenceExterne: string | null;
  source: string | null;
  dateSource: string | null;
  logements: number | null;
  dossiers: number | null;
  /** The reason of an amount unusual for the dispositif (libs/domain plausibilite.rules). */
  motifDepassement?: string | null;
}

export interface DispositifInput {
  nom: string;
  financeurId: string;
  pilier: Pilier;
  nature: Dispositif['nature'];
  anneeDebut: number | null;
  anneeFin: number | null;
  compteLogements: boolean;
  compteDossiers: boolean;
  actif: boolean;
}

/** The filters of the list, as the API takes them (the exports take the same). */
export interface LignesFilterParams {
  pvdId: string;
  dispositifId: string;
  financeurId: string;
  pilier: Pilier | null;
  statut: FinancementStatut | null;
  annee: number | null;
  region: string;
  departement: string;
  /** 'true': only the lines outside the programme; 'false': only the programme's; '': all. */
  horsPvd: '' | 'true' | 'false';
  q: string;
}

export const financementKeys = {
  all: ['financements'] as const,
  lists: ['financements', 'lignes'] as const,
  list: (params: LignesFilterParams & { page: number; pageSize: number }) => ['financements', 'lignes', params] as const,
  detail: (id: string) => ['financements', 'ligne', id] as const,
  dispositifs: ['financements', 'dispositifs'] as const,
  beneficiaires: (q: string, pvdId: string) => ['financements', 'beneficiaires', q, pvdId] as const,
  financeurs: ['financeurs'] as const,
};

/** The API's query for the filters (the list's and its export's). */
export function filterQuery(params: LignesFilterParams) {
  return {
    pvdId: params.pvdId || undefined,
    dispositifId: params.dispositifId || undefined,
    financeurId: params.financeurId || undefined,
    pilier: params.pilier ?? undefined,
    statut: params.statut ?? undefined,
    annee: params.annee ?? undefined,
    region: params.region || undefined,
    departement: params.departement || undefined,
    horsPvd: params.horsPvd || undefined,
    q: params.q || undefined,
  };
}

/** The lines the user may read (the API applies the scope), with the totals of the selection. */
export function useLignes(params: LignesFilterParams & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: financementKeys.list(params),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/financements/lignes', { params: { query: { ...filterQuery(params), page: params.page, pageSize: params.pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useLigne(id: string | null) {
  return useQuery({
    queryKey: financementKeys.detail(id ?? ''),
    queryFn: ({ signal }) => unwrap(api.GET('/api/financements/lignes/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

/** The catalogue; `saisissable` says which dispositifs the user may enter lines for. */
export function useDispositifs() {
  return useQuery({
    queryKey: financementKeys.dispositifs,
    queryFn: ({ signal }) => unwrap(api.GET('/api/financements/dispositifs', { signal })),
    staleTime: 5 * 60_000,
  });
}

export function useFinanceurs() {
  return useQuery({
    queryKey: financementKeys.financeurs,
    queryFn: ({ signal }) => unwrap(api.GET('/api/financeurs', { signal })),
    staleTime: 5 * 60_000,
  });
}

/** Communes and EPCIs the user may enter a line for (≥ 2 characters), those of the PVD first. */
export function useBeneficiaires(q: string, pvdId: string) {
  const text = q.trim();
  return useQuery({
    queryKey: financementKeys.beneficiaires(text, pvdId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/financements/beneficiaires', { params: { query: { q: text, pvdId: pvdId || undefined } }, signal })),
    enabled: text.length >= 2,
    staleTime: 60_000,
  });
}

/** After a write: the lists, totals and the catalogue's counts are stale (and the dossiers' history). */
function useOnLigneChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: financementKeys.all });
    void queryClient.invalidateQueries({ queryKey: dossierKeys.all });
  };
}

export function useSaveLigne(id: string | null) {
  const changed = useOnLigneChanged();
  return useMutation({
    mutationFn: (input: LigneInput & { version?: number }) =>
      id
        ? unwrap(api.PUT('/api/financements/lignes/{id}', { params: { path: { id } }, body: { ...input, version: input.version ?? 0 } }))
        : unwrap(api.POST('/api/financements/lignes', { body: input })),
    onSuccess: changed,
  });
}

export function useDeleteLigne(id: string) {
  const changed = useOnLigneChanged();
  return useMutation({
    mutationFn: (version: number) => unwrap(api.DELETE('/api/financements/lignes/{id}', { params: { path: { id }, query: { version } } })),
    onSuccess: changed,
  });
}

export function useSaveDispositif(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DispositifInput & { version?: number }) =>
      id
        ? unwrap(api.PUT('/api/financements/dispositifs/{id}', { params: { path: { id } }, body: { ...input, version: input.version ?? 0 } }))
        : unwrap(api.POST('/api/financements/dispositifs', { body: input })),
    onSuccess: (data) => queryClient.setQueryData(financementKeys.dispositifs, data),
  });
}
