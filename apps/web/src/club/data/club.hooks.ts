import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { ClubEvenementStatut, ClubEvenementType, ClubTheme } from '@suivi-pvd/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type EvenementsPage = ApiResponse<'/api/club/evenements', 'get'>;
export type EvenementSummary = EvenementsPage['items'][number];
export type Evenement = ApiResponse<'/api/club/evenements/{id}', 'get'>;
export type OrganisationPage = ApiResponse<'/api/club/organisation/evenements', 'get'>;
export type Organisateur = OrganisationPage['organisateurs'][number];
export type Inscriptions = ApiResponse<'/api/club/evenements/{id}/inscriptions', 'get'>;
export type Inscription = Inscriptions['items'][number];

/** The fields of an event sent on creation and update. */
export interface EvenementInput {
  type: ClubEvenementType;
  parentId: string | null;
  titre: string;
  description: string | null;
  themes: ClubTheme[];
  dateDebut: string;
  dateFin: string;
  heureDebut: string | null;
  heureFin: string | null;
  departementCode: string | null;
  capacite: number | null;
  participants: number | null;
  lieu: string | null;
  lien: string | null;
  intervenants: { nom: string; fonction: string | null; pvd: boolean }[];
  enregistrement: string | null;
  supports: { titre: string; url: string }[];
  statut: 'brouillon' | 'publie';
}

export interface AgendaParams {
  type: ClubEvenementType | '';
  theme: ClubTheme | '';
  departement: string;
  du: string;
  au: string;
  q: string;
  mesInscriptions: boolean;
  page: number;
  pageSize: number;
}

export const clubKeys = {
  all: ['club'] as const,
  agenda: (params: AgendaParams) => ['club', 'agenda', params] as const,
  organisation: (params: { type: string; statut: string; page: number; pageSize: number }) => ['club', 'organisation', params] as const,
  detail: (id: string) => ['club', 'evenement', id] as const,
  inscriptions: (id: string) => ['club', 'inscriptions', id] as const,
  calendrier: ['club', 'calendrier'] as const,
};

export function useAgenda(params: AgendaParams) {
  return useQuery({
    queryKey: clubKeys.agenda(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/club/evenements', {
          params: {
            query: {
              type: params.type || undefined,
              theme: params.theme || undefined,
              departement: params.departement || undefined,
              du: params.du || undefined,
              au: params.au || undefined,
              q: params.q || undefined,
              mesInscriptions: params.mesInscriptions || undefined,
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

export function useOrganisationEvenements(params: { type: ClubEvenementType | ''; statut: ClubEvenementStatut | ''; page: number; pageSize: number }) {
  return useQuery({
    queryKey: clubKeys.organisation(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/club/organisation/evenements', {
          params: { query: { type: params.type || undefined, statut: params.statut || undefined, page: params.page, pageSize: params.pageSize } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useEvenement(id: string) {
  return useQuery({
    queryKey: clubKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/club/evenements/{id}', { params: { path: { id } }, signal })),
  });
}

export function useInscriptions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: clubKeys.inscriptions(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/club/evenements/{id}/inscriptions', { params: { path: { id } }, signal })),
    enabled,
  });
}

/** After any write: the agenda, the organiser's list and the event are stale. */
function useOnChanged() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: clubKeys.all });
}

export function useCreateEvenement() {
  const changed = useOnChanged();
  return useMutation({
    mutationFn: (input: EvenementInput & { organisateurId?: string }) => unwrap(api.POST('/api/club/evenements', { body: input })),
    onSuccess: changed,
  });
}

export function useUpdateEvenement(id: string) {
  const changed = useOnChanged();
  return useMutation({
    mutationFn: (input: EvenementInput & { version: number }) => unwrap(api.PUT('/api/club/evenements/{id}', { params: { path: { id } }, body: input })),
    onSuccess: changed,
  });
}

export function useCancelEvenement(id: string) {
  const changed = useOnChanged();
  return useMutation({
    mutationFn: (version: number) => unwrap(api.POST('/api/club/evenements/{id}/annulation', { params: { path: { id } }, body: { version } })),
    onSuccess: changed,
  });
}

export function useRegister(id: string) {
  const changed = useOnChanged();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/club/evenements/{id}/inscription', { params: { path: { id } } })),
    onSuccess: changed,
  });
}

export function useUnregister(id: string) {
  const changed = useOnChanged();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/club/evenements/{id}/inscription', { params: { path: { id } } })),
    onSuccess: changed,
  });
}

export function useSetPresence(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { inscriptionId: string; presence: boolean | null; version: number }) =>
      unwrap(
        api.PUT('/api/club/evenements/{id}/inscriptions/{inscriptionId}/presence', {
          params: { path: { id, inscriptionId: input.inscriptionId } },
          body: { presence: input.presence, version: input.version },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: clubKeys.inscriptions(id) }),
  });
}

export function useCalendrier(enabled: boolean) {
  return useQuery({ queryKey: clubKeys.calendrier, queryFn: ({ signal }) => unwrap(api.GET('/api/club/calendrier', { signal })), enabled });
}

export function useRenewCalendrier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/club/calendrier/renouvellement')),
    onSuccess: (data) => queryClient.setQueryData(clubKeys.calendrier, data),
  });
}
