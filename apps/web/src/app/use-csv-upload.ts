import { uploadWithProgress, type UploadProgress } from '@suivi-pvd/api-client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

/** Uploads one CSV file (multipart field `fichier`) to `url`, exposing the upload progress. */
export function useCsvUpload<T>(url: string, onSuccess: (result: T) => void) {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: (file: File) => {
      const formData = new FormData();
      formData.append('fichier', file, file.name);
      setProgress({ loaded: 0, total: file.size, percent: 0 });
      return uploadWithProgress<T>(url, formData, setProgress);
    },
    onSuccess,
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}
