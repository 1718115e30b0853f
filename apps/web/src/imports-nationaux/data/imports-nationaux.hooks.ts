import { api, unwrap, uploadWithProgress, type ApiResponse, type UploadProgress } from '@suivi-pvd/api-client';
import type { NationalImportType } from '@suivi-pvd/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

export type ImportNational = ApiResponse<'/api/imports-nationaux/{id}', 'get'>;
export type ImportNationalLignesPage = ApiResponse<'/api/imports-nationaux/{id}/lignes', 'get'>;
export type LigneNature = 'erreur' | 'changement' | 'avertissement';

export const importNationalKeys = {
  all: ['imports-nationaux'] as const,
  list: () => ['imports-nationaux', 'list'] as const,
  detail: (id: string) => ['imports-nationaux', 'detail', id] as const,
  lignes: (id: string, nature: LigneNature, page: number) => ['imports-nationaux', 'lignes', id, nature, page] as const,
};

/** Report lines per page. */
export const LIGNES_PAGE_SIZE = 50;

export const isRunning = (statut: string | undefined) => statut === 'en_attente' || statut === 'en_cours';

/** The national imports, newest first; refreshed while one runs. */
export function useImportsNationaux() {
  return useQuery({
    queryKey: importNationalKeys.list(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/imports-nationaux', { signal })),
    refetchInterval: (query) => (query.state.data?.some((i) => isRunning(i.statut)) ? 2000 : false),
  });
}

/** One import: polled every second while its job runs. */
export function useImportNational(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: importNationalKeys.detail(id),
    queryFn: async ({ signal }) => {
      const result = await unwrap(api.GET('/api/imports-nationaux/{id}', { params: { path: { id } }, signal }));
      if (!isRunning(result.statut)) void queryClient.invalidateQueries({ queryKey: importNationalKeys.list() });
      return result;
    },
    refetchInterval: (query) => (isRunning(query.state.data?.statut) ? 1000 : false),
    placeholderData: (previous) => (previous?.id === id ? previous : undefined),
  });
}

/** A page of a finished import's report: its rejects, its changes or its warnings. */
export function useImportNationalLignes(id: string, nature: LigneNature, page: number, enabled: boolean) {
  return useQuery({
    queryKey: importNationalKeys.lignes(id, nature, page),
    queryFn: ({ signal }) => unwrap(api.GET('/api/imports-nationaux/{id}/lignes', { params: { path: { id }, query: { nature, page, pageSize: LIGNES_PAGE_SIZE } }, signal })),
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** Sends a file for its preview (nothing is written before the confirmation); exposes the upload progress. */
export function useUploadImportNational(onPreviewed: (previewed: ImportNational) => void) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: ({ type, demarche, fichier }: { type: NationalImportType; demarche: string | null; fichier: File }) => {
      const form = new FormData();
      form.append('type', type);
      if (demarche) form.append('demarche', demarche);
      form.append('fichier', fichier, fichier.name);
      setProgress({ loaded: 0, total: fichier.size, percent: 0 });
      return uploadWithProgress<ImportNational>('/api/imports-nationaux', form, setProgress);
    },
    onSuccess: (previewed) => {
      queryClient.setQueryData(importNationalKeys.detail(previewed.id), previewed);
      void queryClient.invalidateQueries({ queryKey: importNationalKeys.list() });
      onPreviewed(previewed);
    },
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}

/** Confirms a previewed import: its job starts, the import is polled until it ends. */
export function useConfirmImportNational(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/imports-nationaux/{id}/confirmation', { params: { path: { id } } })),
    onSuccess: (confirmed) => {
      queryClient.setQueryData(importNationalKeys.detail(id), confirmed);
      void queryClient.invalidateQueries({ queryKey: importNationalKeys.list() });
    },
  });
}

export const modeleNationalUrl = (type: NationalImportType, format: 'csv' | 'xlsx', demarche: string | null) =>
  `/api/imports-nationaux/modeles/${type}?format=${format}${demarche ? `&demarche=${encodeURIComponent(demarche)}` : ''}`;
