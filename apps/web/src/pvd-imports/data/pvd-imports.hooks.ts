import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCsvUpload } from '../../app/use-csv-upload';
import { communeKeys } from '../../communes/data/communes.hooks';

export type PvdImportSummary = ApiResponse<'/api/pvd/imports', 'get'>[number];
export type PvdImportReport = ApiResponse<'/api/pvd/imports/{id}', 'get'>;
export type PvdImportLine = PvdImportReport['lines'][number];

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

/** Uploads a PVD list (CSV) and exposes the upload progress. */
export function useUploadPvdImport() {
  const queryClient = useQueryClient();
  return useCsvUpload<PvdImportReport>('/api/pvd/imports', (report) => {
    queryClient.setQueryData(pvdImportKeys.detail(report.id), report);
    void queryClient.invalidateQueries({ queryKey: pvdImportKeys.list() });
    // PVD status of communes may have changed.
    void queryClient.invalidateQueries({ queryKey: communeKeys.all });
  });
}
