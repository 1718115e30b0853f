import { api, unwrap, uploadWithProgress, type ApiResponse, type UploadProgress } from '@suivi-pvd/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { communeKeys } from '../../communes/data/communes.hooks';

export type PvdImportSummary = ApiResponse<'/api/pvd/imports', 'get'>[number];
export type PvdImportReport = ApiResponse<'/api/pvd/imports/{id}', 'get'>;
export type PvdImportLine = PvdImportReport['lines'][number];
export type PvdImportBilan = NonNullable<PvdImportReport['bilan']>;

export const pvdImportKeys = {
  all: ['pvd-imports'] as const,
  list: () => ['pvd-imports', 'list'] as const,
  detail: (id: string) => ['pvd-imports', 'detail', id] as const,
};

/** History of PVD list imports, most recent first. */
export function usePvdImports() {
  return useQuery({
    queryKey: pvdImportKeys.list(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/pvd/imports', { signal })),
  });
}

/** One import with its report lines. Disabled when `id` is null. */
export function usePvdImport(id: string | null) {
  return useQuery({
    queryKey: pvdImportKeys.detail(id ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/pvd/imports/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: id !== null,
    staleTime: Infinity, // an import report never changes
  });
}

/** Uploads a PVD list (CSV) for a preview (nothing applied), with its date of effect; exposes the upload progress. */
export function useUploadPvdImport() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: ({ file, dateEffet }: { file: File; dateEffet: string | null }) => {
      const formData = new FormData();
      formData.append('fichier', file, file.name);
      if (dateEffet) formData.append('dateEffet', dateEffet);
      setProgress({ loaded: 0, total: file.size, percent: 0 });
      return uploadWithProgress<PvdImportReport>('/api/pvd/imports/apercu', formData, setProgress);
    },
    onSuccess: (report) => {
      queryClient.setQueryData(pvdImportKeys.detail(report.id), report);
      void queryClient.invalidateQueries({ queryKey: pvdImportKeys.list() });
    },
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}

/** Applies a previewed import with the dossier choices (once: confirming again changes nothing). */
export function useConfirmPvdImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (choix: Record<string, string>) =>
      unwrap(api.POST('/api/pvd/imports/{id}/confirmation', { params: { path: { id } }, body: { choix } })),
    onSuccess: (report) => {
      queryClient.setQueryData(pvdImportKeys.detail(report.id), report);
      void queryClient.invalidateQueries({ queryKey: pvdImportKeys.list() });
      // PVD status of communes may have changed.
      void queryClient.invalidateQueries({ queryKey: communeKeys.all });
    },
  });
}
