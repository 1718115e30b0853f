import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { FicheStatut } from '@suivi-pvd/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type PublicFichesPage = ApiResponse<'/api/public/fiches', 'get'>;
export type PublicFicheCarte = PublicFichesPage['items'][number];
export type PublicFiche = ApiResponse<'/api/public/fiches/{id}', 'get'>;
export type Fiche = ApiResponse<'/api/fiches/{id}', 'get'>;
export type FichesPage = ApiResponse<'/api/fiches', 'get'>;
export type FicheLigne = FichesPage['items'][number];

export interface FicheFields {
  titre: string;
  themes: string[];
  resume: string | null;
  resultats: string | null;
  budgetTotal: number | null;
  financements: { financeur: string; montant: number }[];
  partenaires: string[];
  contactFonction: string | null;
  contactOrganisation: string | null;
  contactEmail: string | null;
  contactTelephone: string | null;
}

export const ficheKeys = {
  all: ['fiches'] as const,
  public: (query: Record<string, string | number | undefined>) => ['fiches', 'public', query] as const,
  publicOne: (id: string) => ['fiches', 'public', 'one', id] as const,
  list: (statut: string, page: number) => ['fiches', 'list', statut, page] as const,
  one: (id: string) => ['fiches', 'one', id] as const,
};

export function usePublicFiches(query: { q?: string; theme?: string; region?: string; population?: string; pvd?: string; page: number }) {
  const clean = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '' && v !== undefined)) as Record<string, string | number>;
  return useQuery({
    queryKey: ficheKeys.public(clean),
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/fiches', { params: { query: clean as never }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function usePublicFiche(id: string) {
  return useQuery({
    queryKey: ficheKeys.publicOne(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/fiches/{id}', { params: { path: { id } }, signal })),
    retry: false,
  });
}

export function useFiches(statut: FicheStatut | '', page: number) {
  return useQuery({
    queryKey: ficheKeys.list(statut, page),
    queryFn: ({ signal }) => unwrap(api.GET('/api/fiches', { params: { query: { statut: statut || undefined, page } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useFiche(id: string) {
  return useQuery({
    queryKey: ficheKeys.one(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/fiches/{id}', { params: { path: { id } }, signal })),
    retry: false,
  });
}

function useFicheMutation<I>(run: (input: I) => Promise<Fiche>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (fiche) => queryClient.setQueryData(ficheKeys.one(fiche.id), fiche),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ficheKeys.all }),
  });
}

export function useCreateFiche() {
  return useFicheMutation((input: FicheFields & { pvdId: string }) => unwrap(api.POST('/api/fiches', { body: input as never })));
}

export function useUpdateFiche(id: string) {
  return useFicheMutation((input: FicheFields & { version: number }) => unwrap(api.PUT('/api/fiches/{id}', { params: { path: { id } }, body: input as never })));
}

export function useDeleteFiche(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => unwrap(api.DELETE('/api/fiches/{id}', { params: { path: { id }, query: { version } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ficheKeys.all }),
  });
}

export type FicheStep = 'soumission' | 'demande-modifications' | 'publication' | 'depublication';

export function useFicheStep(id: string) {
  return useFicheMutation(({ step, version, commentaire }: { step: FicheStep; version: number; commentaire?: string }) => {
    const path = { params: { path: { id } } };
    switch (step) {
      case 'soumission':
        return unwrap(api.POST('/api/fiches/{id}/soumission', { ...path, body: { version } }));
      case 'demande-modifications':
        return unwrap(api.POST('/api/fiches/{id}/demande-modifications', { ...path, body: { version, commentaire: commentaire ?? '' } }));
      case 'publication':
        return unwrap(api.POST('/api/fiches/{id}/publication', { ...path, body: { version } }));
      case 'depublication':
        return unwrap(api.POST('/api/fiches/{id}/depublication', { ...path, body: { version } }));
    }
  });
}

export function useCommentFiche(id: string) {
  return useFicheMutation((texte: string) => unwrap(api.POST('/api/fiches/{id}/commentaires', { params: { path: { id } }, body: { texte } })));
}

export function useRemovePhoto(id: string) {
  return useFicheMutation((photoId: string) => unwrap(api.DELETE('/api/fiches/{id}/photos/{photoId}', { params: { path: { id, photoId } } })));
}
