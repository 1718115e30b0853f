import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { IMPORT_COLUMNS, IMPORT_PARTENAIRE_TYPE_LABELS, IMPORT_PARTENAIRE_TYPES_DISPONIBLES, isImportPartenaireType, type ImportPartenaireType } from '@suivi-pvd/domain';
import { UploadProgressBar } from '@suivi-pvd/ui';
import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { modeleUrl, useStartImportPartenaire } from './data/imports-partenaires.hooks';
import { ImportTemplateDoc } from './import-template-doc';
import { ImportPartenaireHistorySection } from './imports-partenaires-history.view';
import { IMPORT_PARAM, ImportPartenaireReportSection } from './imports-partenaires-report.view';

const TYPE_PARAM = 'type';

/** What one line of the file is, per type. */
const LINE_OF: Record<ImportPartenaireType, string> = { financements: 'financement', missions: 'mission', operations: 'opération' };
const TYPE_HINTS: Record<ImportPartenaireType, string> = {
  financements: 'Vos dispositifs, par bénéficiaire',
  missions: 'Par Petite ville de demain',
  operations: 'OPAH, PIG, RHI-THIRORI… sur les communes couvertes, au nom de votre financeur',
};
const MAX_BYTES = 20 * 1024 * 1024;

/** A partner's bulk import: the documented columns and templates, the upload, the report, the history. */
export function ImportsPartenairesView() {
  useDocumentTitle('Import de données partenaire');
  const [searchParams, setSearchParams] = useSearchParams();
  const requestedType = searchParams.get(TYPE_PARAM);
  const type: ImportPartenaireType = isImportPartenaireType(requestedType) && IMPORT_PARTENAIRE_TYPES_DISPONIBLES.includes(requestedType) ? requestedType : 'financements';
  const importId = searchParams.get(IMPORT_PARAM);
  const [focusReport, setFocusReport] = useState(false);
  const onReportFocused = useCallback(() => setFocusReport(false), []);

  const setType = (next: ImportPartenaireType) => {
    const params = new URLSearchParams(searchParams);
    params.set(TYPE_PARAM, next);
    setSearchParams(params, { replace: true, preventScrollReset: true });
  };
  const start = useStartImportPartenaire((started) => {
    setSearchParams(`?${TYPE_PARAM}=${started.type}&${IMPORT_PARAM}=${encodeURIComponent(started.id)}`, { preventScrollReset: true });
    setFocusReport(true);
  });

  return (
    <>
      <h1>Import de données partenaire</h1>
      <p className={fr.cx('fr-text--lead')}>
        Importez en une fois vos lignes de financement, vos missions ou vos opérations habitat depuis un fichier CSV ou XLSX. Chaque ligne est contrôlée ; les lignes valides sont enregistrées, les autres sont listées avec leur motif.
      </p>

      <section aria-labelledby="donnees-titre" className={fr.cx('fr-mb-4w')}>
        <h2 id="donnees-titre">1. Données à importer</h2>
        <RadioButtons
          legend="Type de données"
          orientation="horizontal"
          options={IMPORT_PARTENAIRE_TYPES_DISPONIBLES.map((t) => ({
            label: IMPORT_PARTENAIRE_TYPE_LABELS[t],
            hintText: TYPE_HINTS[t],
            nativeInputProps: { value: t, checked: type === t, onChange: () => setType(t) },
          }))}
        />
      </section>

      <ColumnsSection type={type} />

      <section aria-labelledby="import-titre" className={fr.cx('fr-mb-6w')}>
        <h2 id="import-titre">3. Importer votre fichier</h2>
        {start.isError && (
          <Alert className={fr.cx('fr-mb-3w')} severity="error" role="alert" title="Le fichier n’a pas été importé" description={errorMessage(start.error)} closable onClose={() => start.reset()} />
        )}
        <ImportForm
          key={type}
          type={type}
          pending={start.isPending}
          percent={start.progress?.percent ?? null}
          onSubmit={(fichier) => start.mutate({ type, fichier })}
        />
      </section>

      {importId && <ImportPartenaireReportSection key={importId} importId={importId} focusHeading={focusReport} onHeadingFocused={onReportFocused} />}

      <ImportPartenaireHistorySection selectedId={importId} onOpen={() => setFocusReport(true)} />
    </>
  );
}

function ColumnsSection({ type }: { type: ImportPartenaireType }) {
  const columns = IMPORT_COLUMNS[type];
  return (
    <section aria-labelledby="colonnes-titre" className={fr.cx('fr-mb-4w')}>
      <h2 id="colonnes-titre">2. Préparer le fichier</h2>
      <p>
        Partez du modèle : une ligne d’en-tête puis une ligne par {LINE_OF[type]}. Les noms de colonnes sont reconnus sans tenir compte des majuscules, des accents ni des espaces ; les colonnes
        supplémentaires sont ignorées. Séparateur <code>;</code> ou <code>,</code>, encodage UTF-8 ou Windows-1252 ; montants au format <code>1 234,56</code>, dates au format <code>31/12/2023</code>. Les lignes vides sont ignorées.
        Les lignes sont reconnues par votre référence : importer de nouveau un fichier corrigé met à jour les lignes existantes sans les dupliquer.
      </p>
      {type === 'operations' && (
        <p>
          Une opération couvre une ou plusieurs communes (colonne <code>communes</code> : codes INSEE séparés par des virgules) et s’affiche sur le dossier de chaque Petite ville de demain concernée. Les objectifs de
          logements s’écrivent par année, une colonne par année : <code>objectif_2024</code>, <code>traites_2024</code>, <code>objectif_2025</code>… Les opérations sont enregistrées au nom du financeur de votre
          organisation.
        </p>
      )}
      <ImportTemplateDoc
        columns={columns}
        label={IMPORT_PARTENAIRE_TYPE_LABELS[type]}
        csvUrl={modeleUrl(type, 'csv')}
        xlsxUrl={modeleUrl(type, 'xlsx')}
        fileName={`modele-import-${type}`}
      />
    </section>
  );
}

function ImportForm({ type, pending, percent, onSubmit }: { type: ImportPartenaireType; pending: boolean; percent: number | null; onSubmit: (file: File) => void }) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);

  const validate = (candidate: File | null): string | null => {
    if (!candidate) return 'Sélectionnez un fichier CSV ou XLSX à importer.';
    if (!/\.(csv|xlsx)$/i.test(candidate.name)) return 'Le fichier doit être au format CSV (.csv) ou XLSX (.xlsx).';
    if (candidate.size === 0) return 'Le fichier sélectionné est vide.';
    if (candidate.size > MAX_BYTES) return 'Le fichier dépasse la taille maximale de 20 Mo.';
    return null;
  };
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const problem = validate(file);
    setError(problem);
    if (problem || !file) {
      inputRef.current?.focus();
      return;
    }
    onSubmit(file);
  };
  const uploading = pending && percent != null && percent < 100;

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Upload
        label={`Fichier : ${IMPORT_PARTENAIRE_TYPE_LABELS[type].toLowerCase()}`}
        hint="Formats acceptés : CSV (.csv) ou XLSX (.xlsx), 20 Mo au plus (environ 100 000 lignes)."
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error ?? undefined}
        disabled={pending}
        nativeInputProps={{
          id: inputId,
          ref: inputRef,
          name: 'fichier',
          accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          required: true,
          'aria-invalid': error ? true : undefined,
          onChange: (event) => {
            const chosen = event.currentTarget.files?.[0] ?? null;
            setFile(chosen);
            setError(chosen ? validate(chosen) : null);
          },
        }}
      />
      <div className={fr.cx('fr-mt-2w')}>
        <Button type="submit" iconId="fr-icon-upload-line" disabled={pending}>
          Importer le fichier
        </Button>
      </div>
      {pending && <UploadProgressBar label={uploading ? 'Envoi du fichier en cours' : 'Lecture du fichier par le serveur'} percent={uploading ? percent : null} />}
    </form>
  );
}
