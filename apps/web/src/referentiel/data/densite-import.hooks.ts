import { uploadWithProgress, type ApiResponse, type UploadProgress } from '@suivi-pvd/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { communeKeys } from '../../communes/data/communes.hooks';

export type DensiteImportReport = ApiResponse<'/api/referentiel/densite', 'post'>;

/** Uploads the INSEE "grille communale de densité" (CSV) and exposes the upload progress. */
export function useUploadDensite() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: (file: File) => {
      const formData = new FormData();
      formData.append('fichier', file, file.name);
      setProgress({ loaded: 0, total: file.size, percent: 0 });
      return uploadWithProgress<DensiteImportReport>('/api/referentiel/densite', formData, setProgress);
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: communeKeys.all }),
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}
