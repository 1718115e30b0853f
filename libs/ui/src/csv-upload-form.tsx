import { fr, type FrIconClassName, type RiIconClassName } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useId, useRef, useState, type FormEvent } from 'react';
import { UploadProgressBar } from './upload-progress';

export interface CsvUploadFormProps {
  /** Label of the file input. */
  label: string;
  hint?: string;
  submitLabel: string;
  /**
   * Icon of the submit button. Chosen by the app: `react-dsfr update-icons` only keeps the icons
   * it finds in the app's own sources.
   */
  submitIconId?: FrIconClassName | RiIconClassName;
  /** Called with the chosen file once it passes the client-side checks. */
  onSubmit: (file: File) => void;
  /** True while the file is being sent or processed. */
  pending: boolean;
  /** Upload percentage (0..100) while sending; null when unknown. */
  percent: number | null;
  /** Error reported by the server, shown on the input. */
  serverError?: string | null;
  /** Largest accepted size in bytes (client-side check). */
  maxSizeBytes?: number;
  /** Also accept an Excel workbook (.xlsx). */
  acceptXlsx?: boolean;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** DSFR file input restricted to CSV (and XLSX when asked), a submit button and an upload progress bar. */
export function CsvUploadForm({
  label,
  acceptXlsx = false,
  hint = acceptXlsx
    ? 'Formats acceptés : classeur Excel (.xlsx) ou fichier CSV (.csv), encodé en UTF-8 ou en Windows-1252.'
    : 'Format accepté : fichier CSV (.csv), encodé en UTF-8 ou en Windows-1252.',
  submitLabel,
  submitIconId,
  onSubmit,
  pending,
  percent,
  serverError,
  maxSizeBytes = 20 * 1024 * 1024,
}: CsvUploadFormProps) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);

  const validate = (candidate: File | null): string | null => {
    if (!candidate) return acceptXlsx ? 'Sélectionnez un fichier XLSX ou CSV à importer.' : 'Sélectionnez un fichier CSV à importer.';
    if (acceptXlsx ? !/\.(csv|xlsx)$/i.test(candidate.name) : !/\.csv$/i.test(candidate.name)) {
      return acceptXlsx ? 'Le fichier doit être au format XLSX (.xlsx) ou CSV (.csv).' : 'Le fichier doit être au format CSV (extension .csv).';
    }
    if (candidate.size === 0) return 'Le fichier sélectionné est vide.';
    if (candidate.size > maxSizeBytes)
      return `Le fichier dépasse la taille maximale de ${Math.round(maxSizeBytes / 1024 / 1024)} Mo.`;
    return null;
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const error = validate(file);
    setClientError(error);
    if (error || !file) {
      inputRef.current?.focus();
      return;
    }
    onSubmit(file);
  };

  const error = clientError ?? serverError ?? null;
  const uploading = pending && percent != null && percent < 100;

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Upload
        label={label}
        hint={hint}
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error ?? undefined}
        disabled={pending}
        nativeInputProps={{
          id: inputId,
          ref: inputRef,
          name: 'fichier',
          accept: acceptXlsx ? `.xlsx,.csv,text/csv,${XLSX_MIME}` : '.csv,text/csv',
          required: true,
          'aria-invalid': error ? true : undefined,
          onChange: (event) => {
            const chosen = event.currentTarget.files?.[0] ?? null;
            setFile(chosen);
            setClientError(chosen ? validate(chosen) : null);
          },
        }}
      />
      <div className={fr.cx('fr-mt-2w')}>
        {submitIconId ? (
          <Button type="submit" iconId={submitIconId} disabled={pending}>
            {submitLabel}
          </Button>
        ) : (
          <Button type="submit" disabled={pending}>
            {submitLabel}
          </Button>
        )}
      </div>
      {pending && (
        <UploadProgressBar
          label={uploading ? 'Envoi du fichier en cours' : 'Traitement du fichier par le serveur'}
          percent={uploading ? percent : null}
        />
      )}
    </form>
  );
}
