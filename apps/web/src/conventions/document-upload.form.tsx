import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { isApiError, type UploadProgress } from '@suivi-pvd/api-client';
import { UploadProgressBar } from '@suivi-pvd/ui';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../app/query-error-alert';
import { formatAt, formatSize } from './convention-format';
import { TextField } from './text-field';

/** Extensions of the accepted types (the API recognises the type from the content). */
export const DOCUMENT_ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp';
const ACCEPTED = /\.(pdf|docx?|xlsx?|pptx?|od[tsp])$/i;

/** A file (and optionally a title) to upload, with the upload progress. */
export function DocumentUploadForm({
  label,
  submitLabel,
  withTitle,
  pending,
  progress,
  error,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  withTitle: boolean;
  pending: boolean;
  progress: UploadProgress | null;
  error: unknown;
  onSubmit: (input: { fichier: File; titre?: string }, reset: () => void) => void;
  onCancel?: () => void;
}) {
  const formId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fichier, setFichier] = useState<File | null>(null);
  const [titre, setTitre] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);

  const apiError = isApiError(error) ? error : null;
  const fileError = clientError ?? apiError?.fieldMessage('fichier') ?? (error && !apiError?.fieldMessage('titre') ? errorMessage(error) : undefined);

  const reset = () => {
    setFichier(null);
    setTitre('');
    if (fileRef.current) fileRef.current.value = '';
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    let problem: string | null = null;
    if (!fichier) problem = 'Sélectionnez un fichier.';
    else if (fichier.size === 0) problem = 'Le fichier sélectionné est vide.';
    else if (!ACCEPTED.test(fichier.name)) problem = 'Le fichier doit être un PDF ou un document bureautique (Word, Excel, PowerPoint, OpenDocument).';
    setClientError(problem);
    if (problem || !fichier) {
      fileRef.current?.focus();
      return;
    }
    onSubmit({ fichier, ...(withTitle && titre.trim() ? { titre: titre.trim() } : {}) }, reset);
  };

  const uploading = pending && progress?.percent != null && progress.percent < 100;

  return (
    <form onSubmit={handleSubmit} noValidate aria-label={label} id={formId}>
      <Upload
        className={fr.cx('fr-mb-2w')}
        label={label}
        hint="Formats acceptés : PDF, Word, Excel, PowerPoint, OpenDocument."
        state={fileError ? 'error' : 'default'}
        stateRelatedMessage={fileError}
        disabled={pending}
        nativeInputProps={{
          ref: fileRef,
          name: 'fichier',
          accept: DOCUMENT_ACCEPT,
          required: true,
          'aria-invalid': fileError ? true : undefined,
          onChange: (e) => {
            setFichier(e.currentTarget.files?.[0] ?? null);
            setClientError(null);
          },
        }}
      />
      {withTitle && (
        <TextField
          label="Titre du document"
          hint="Facultatif : par défaut, le nom du fichier"
          name="titre"
          value={titre}
          onChange={setTitre}
          error={apiError?.fieldMessage('titre')}
        />
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm', 'fr-btns-group--icon-left', 'fr-mb-0')}>
        <li>
          <Button type="submit" iconId="fr-icon-upload-line" disabled={pending}>
            {submitLabel}
          </Button>
        </li>
        {onCancel && (
          <li>
            <Button type="button" priority="secondary" onClick={onCancel} disabled={pending}>
              Annuler
            </Button>
          </li>
        )}
      </ul>
      {pending && (
        <UploadProgressBar
          label={uploading ? 'Envoi du fichier en cours' : 'Enregistrement du fichier'}
          percent={uploading ? (progress?.percent ?? null) : null}
        />
      )}
    </form>
  );
}

/** What the new-version form needs of an upload mutation. */
export interface VersionUpload {
  isPending: boolean;
  progress: UploadProgress | null;
  error: unknown;
  reset: () => void;
  mutate: (input: { fichier: File }, options: { onSuccess: () => void }) => void;
}

/** The form that uploads a new version of a document; the older versions stay downloadable. */
export function NewVersionForm({ titre, upload, onClose }: { titre: string; upload: VersionUpload; onClose: () => void }) {
  return (
    <DocumentUploadForm
      label={`Nouvelle version de « ${titre} »`}
      submitLabel="Envoyer la version"
      withTitle={false}
      pending={upload.isPending}
      progress={upload.progress}
      error={upload.error}
      onCancel={() => {
        onClose();
        upload.reset();
      }}
      onSubmit={(input, reset) =>
        upload.mutate(input, {
          onSuccess: () => {
            reset();
            onClose();
          },
        })
      }
    />
  );
}

/** The versions of a document, most recent first, each a download link. */
export function DocumentVersionList({ versions }: { versions: { id: string; url: string; numero: number; nomFichier: string; taille: number; deposePar: string; deposeLe: string }[] }) {
  return (
    <ul className={fr.cx('fr-mb-0')} style={{ paddingInlineStart: '1rem' }}>
      {versions.map((v, i) => (
        <li key={v.id}>
          <a href={v.url} download={v.nomFichier} className={fr.cx('fr-link', 'fr-link--sm')}>
            Version {v.numero}
            {i === 0 && versions.length > 1 ? ' (la plus récente)' : ''} – {v.nomFichier}
          </a>{' '}
          <span className={fr.cx('fr-text--xs')}>
            ({formatSize(v.taille)}), déposée par {v.deposePar} le {formatAt(v.deposeLe)}
          </span>
        </li>
      ))}
    </ul>
  );
}
