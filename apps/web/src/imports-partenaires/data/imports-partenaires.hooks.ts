import { api, unwrap, uploadWithProgress, type ApiResponse, type UploadProgress } from '@suivi-pvd/api-client';
import type { ImportPartenaireType } from '@suivi-pvd/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

export type ImportPartenaireResume = ApiResponse<'/api/imports-partenaires', 'get'>[number];
export type ImportPartenaire = ApiResponse<'/api/imports-partenaires/{id}', 'get'>;
export type ImportLignesPage = ApiResponse<'/api/imports-partenaires/{id}/lignes', 'get'>;

export const importPartenaireKeys = {
  all: ['imports-partenaires'] as const,
  list: () => ['imports-partenaires', 'list'] as const,
  detail: (id: string) => ['imports-partenaires', 'detail', id] as const,
  lignes: (id: string, nature: 'erreur' | 'changement', page: number) => ['imports-partenaires', 'lignes', id, nature, page] as const,
};

/** Report lines per page, as the import's own first page. */
export const LIGNES_PAGE_SIZE = 50;

const running = (statut: string | undefined) => statut === 'en_attente' || statut === 'en_cours';

/** The organisation's imports, newest first; refreshed while one runs. */
export function useImportsPartenaires() {
  return useQuery({
    queryKey: importPartenaireKeys.list(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/imports-partenaires', { signal })),
    refetchInterval: (query) => (query.state.data?.some((i) => running(i.statut)) ? 2000 : false),
  });
}

/** One import: polled every second while it runs, then its counts and the first page of its rejects and changes. */
export function useImportPartenaire(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: importPartenaireKeys.detail(id),
    queryFn: async ({ signal }) => {
      const result = await unwrap(api.GET('/api/imports-partenaires/{id}', { params: { path: { id } }, signal }));
      if (!running(result.statut)) void queryClient.invalidateQueries({ queryKey: importPartenaireKeys.list() });
      return result;
    },
    refetchInterval: (query) => (running(query.state.data?.statut) ? 1000 : false),
    placeholderData: (previous) => (previous?.id === id ? previous : undefined),
  });
}

/** A further page of a finished import's report: its rejects or its changes (the first page comes with the import). */
export function useImportLignes(id: string, nature: 'erreur' | 'changement', page: number, enabled: boolean) {
  return useQuery({
    queryKey: importPartenaireKeys.lignes(id, nature, page),
    queryFn: ({ signal }) => unwrap(api.GET('/api/imports-partenaires/{id}/lignes', { params: { path: { id }, query: { nature, page, pageSize: LIGNES_PAGE_SIZE } }, signal })),
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** Sends a file (CSV or XLSX) with its type; the server answers at once with the started import. */
export function useStartImportPartenaire(onStarted: (started: ImportPartenaireResume) => void) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: ({ type, fichier }: { type: ImportPartenaireType; fichier: File }) => {
      const form = new FormData();
      form.append('type', type);
      form.append('fichier', fichier, fichier.name);
      setProgress({ loaded: 0, total: fichier.size, percent: 0 });
      return uploadWithProgress<ImportPartenaireResume>('/api/imports-partenaires', form, setProgress);
    },
    onSuccess: (started) => {
      void queryClient.invalidateQueries({ queryKey: importPartenaireKeys.list() });
      onStarted(started);
    },
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}

export const modeleUrl = (type: ImportPartenaireType, format: 'csv' | 'xlsx') => `/api/imports-partenaires/modeles/${type}?format=${format}`;
