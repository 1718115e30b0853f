import type { ApiResponse } from '@suivi-pvd/api-client';
import { useQueryClient } from '@tanstack/react-query';
import { useCsvUpload } from '../../app/use-csv-upload';
import { communeKeys } from '../../communes/data/communes.hooks';

export type DensiteImportReport = ApiResponse<'/api/referentiel/densite', 'post'>;

/** Uploads the INSEE "grille communale de densité" (CSV) and exposes the upload progress. */
export function useUploadDensite() {
  const queryClient = useQueryClient();
  return useCsvUpload<DensiteImportReport>('/api/referentiel/densite', () => {
    void queryClient.invalidateQueries({ queryKey: communeKeys.all });
  });
}
