import { uploadWithProgress, type UploadProgress } from '@suivi-pvd/api-client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

/** Runs a multipart upload and exposes its progress. */
export function useUpload<I, T>(toRequest: (input: I) => { url: string; form: FormData }, onSuccess: (result: T) => void) {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: (input: I) => {
      const { url, form } = toRequest(input);
      setProgress({ loaded: 0, total: null, percent: 0 });
      return uploadWithProgress<T>(url, form, setProgress);
    },
    onSuccess,
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}

/** A new version of a stored document (a convention piece or a mission deliverable). */
export function useAddDocumentVersionUpload<T>(documentId: string, onSuccess: (result: T) => void) {
  return useUpload<{ fichier: File }, T>((input) => {
    const form = new FormData();
    form.append('fichier', input.fichier, input.fichier.name);
    return { url: `/api/documents/${encodeURIComponent(documentId)}/versions`, form };
  }, onSuccess);
}
