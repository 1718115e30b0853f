import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { ConventionAction } from '@suivi-pvd/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAddDocumentVersionUpload, useUpload } from '../../app/use-upload';
import { useInvalidateDossier } from '../../dossiers/data/dossier.hooks';

export type Convention = ApiResponse<'/api/conventions/{id}', 'get'>;
export type ConventionTransition = Convention['transitions'][number];
export type ConventionDocument = Convention['documents'][number];
export type DocumentVersion = ConventionDocument['versions'][number];
export type Signataire = Convention['signataires'][number];
export type PlanActionRow = Convention['actions'][number];

/** Content fields of PATCH /conventions/{id} (besides `version`). */
export interface ConventionContentInput {
  objet?: string | null;
  diagnostic?: string | null;
  strategie?: string | null;
  vautOrt?: boolean;
  signataires?: Signataire[];
  actions?: PlanActionRow[];
}

export const conventionKeys = {
  all: ['conventions'] as const,
  detail: (id: string) => ['conventions', 'detail', id] as const,
};

export function useConvention(id: string) {
  return useQuery({
    queryKey: conventionKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/conventions/{id}', { params: { path: { id } }, signal })),
  });
}

/** Puts the convention returned by a write in the cache and marks its dossier stale. */
function useOnConventionSaved() {
  const queryClient = useQueryClient();
  const invalidateDossier = useInvalidateDossier();
  return (convention: Convention) => {
    queryClient.setQueryData(conventionKeys.detail(convention.id), convention);
    invalidateDossier(convention.pvdId);
  };
}

/** Saves the content of the convention (only while it is modifiable). */
export function useUpdateConvention(id: string) {
  const onSaved = useOnConventionSaved();
  return useMutation({
    mutationFn: (input: ConventionContentInput & { version: number }) =>
      unwrap(api.PATCH('/api/conventions/{id}', { params: { path: { id } }, body: input })),
    onSuccess: onSaved,
  });
}

export type SimpleAction = Exclude<ConventionAction, 'signer'>;

/** One workflow step other than the signature. */
export function useConventionTransition(id: string) {
  const onSaved = useOnConventionSaved();
  return useMutation({
    mutationFn: ({ action, version, commentaire }: { action: SimpleAction; version: number; commentaire?: string }) => {
      const options = { params: { path: { id } }, body: { version, ...(commentaire ? { commentaire } : {}) } };
      switch (action) {
        case 'deposer':
          return unwrap(api.POST('/api/conventions/{id}/depot', options));
        case 'retirer':
          return unwrap(api.POST('/api/conventions/{id}/retrait', options));
        case 'instruire':
          return unwrap(api.POST('/api/conventions/{id}/instruction', options));
        case 'demander_complements':
          return unwrap(api.POST('/api/conventions/{id}/demande-complements', options));
        case 'valider':
          return unwrap(api.POST('/api/conventions/{id}/validation', options));
        case 'rouvrir':
          return unwrap(api.POST('/api/conventions/{id}/reouverture', options));
      }
    },
    onSuccess: onSaved,
  });
}

export interface SignatureInput {
  version: number;
  dateSignature: string;
  fichier: File;
  commentaire?: string;
}

/** Records the signature: date and signed PDF (préfecture). */
export function useSignConvention(id: string) {
  const onSaved = useOnConventionSaved();
  return useUpload<SignatureInput, Convention>((input) => {
    const form = new FormData();
    form.append('fichier', input.fichier, input.fichier.name);
    form.append('version', String(input.version));
    form.append('dateSignature', input.dateSignature);
    if (input.commentaire) form.append('commentaire', input.commentaire);
    return { url: `/api/conventions/${encodeURIComponent(id)}/signature`, form };
  }, onSaved);
}

/** Marks the convention (and its dossier) stale after a document change. */
function useOnDocumentSaved(convention: Pick<Convention, 'id' | 'pvdId'>) {
  const queryClient = useQueryClient();
  const invalidateDossier = useInvalidateDossier();
  return () => {
    void queryClient.invalidateQueries({ queryKey: conventionKeys.detail(convention.id) });
    invalidateDossier(convention.pvdId);
  };
}

/** Adds a document (a piece) to the convention. */
export function useAddDocument(convention: Pick<Convention, 'id' | 'pvdId'>) {
  const onSaved = useOnDocumentSaved(convention);
  return useUpload<{ fichier: File; titre?: string }, ConventionDocument>((input) => {
    const form = new FormData();
    form.append('fichier', input.fichier, input.fichier.name);
    if (input.titre) form.append('titre', input.titre);
    return { url: `/api/conventions/${encodeURIComponent(convention.id)}/documents`, form };
  }, onSaved);
}

/** Adds a new version of a document; the older ones stay downloadable. */
export function useAddDocumentVersion(convention: Pick<Convention, 'id' | 'pvdId'>, documentId: string) {
  const onSaved = useOnDocumentSaved(convention);
  return useAddDocumentVersionUpload<ConventionDocument>(documentId, onSaved);
}
