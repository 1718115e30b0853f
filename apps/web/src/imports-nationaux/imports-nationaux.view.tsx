import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { NATIONAL_IMPORT_TYPE_LABELS, NATIONAL_IMPORT_TYPES, isNationalImportType, nationalImportColumns, type NationalImportType } from '@suivi-pvd/domain';
import { CsvUploadForm } from '@suivi-pvd/ui';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { useCatalogue } from '../demarches/data/demarches.hooks';
import { ImportTemplateDoc } from '../imports-partenaires/import-template-doc';
import { modeleNationalUrl, useUploadImportNational } from './data/imports-nationaux.hooks';
import { ImportNationalHistorySection } from './imports-nationaux-history.view';
import { IMPORT_PARAM, ImportNationalReportSection } from './imports-nationaux-report.view';

export const TYPE_PARAM = 'type';
export const DEMARCHE_PARAM = 'dispositif';

const TYPE_HINTS: Record<NationalImportType, string> = {
  orts: 'Une ligne par ORT : ses communes, sa date de signature, la convention-cadre liée',
  participations: 'Une ligne par participation d’une commune à un dispositif (France services…), ses attributs en colonnes',
  conventions: 'Conventions d’adhésion et conventions-cadres déjà signées, enregistrées signées',
  postes: 'Une ligne par poste de chef de projet : titulaire, coût annuel, cofinanceurs',
};

/** The ANCT's national imports: the kind of data, its template, the upload and preview, the confirmation, the report, the history. */
export function ImportsNationauxView() {
  useDocumentTitle('Imports nationaux');
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get(TYPE_PARAM);
  const type: NationalImportType = isNationalImportType(requested) ? requested : 'orts';
  const demarche = type === 'participations' ? searchParams.get(DEMARCHE_PARAM) : null;
  const importId = searchParams.get(IMPORT_PARAM);
  const [focusReport, setFocusReport] = useState(false);
  const onReportFocused = useCallback(() => setFocusReport(false), []);

  const setParam = (name: string, value: string | null) => {
    const params = new URLSearchParams(searchParams);
    if (value) params.set(name, value);
    else params.delete(name);
    setSearchParams(params, { replace: true, preventScrollReset: true });
  };
  const upload = useUploadImportNational((previewed) => {
    const params = new URLSearchParams(searchParams);
    params.set(IMPORT_PARAM, previewed.id);
    for (const p of [...params.keys()]) if (p.startsWith('page')) params.delete(p);
    setSearchParams(params, { preventScrollReset: true });
    setFocusReport(true);
  });

  return (
    <>
      <h1>Imports nationaux</h1>
      <p className={fr.cx('fr-text--lead')}>
        Chargez en une fois l’état national du programme depuis un fichier CSV ou XLSX : ORT, participations aux dispositifs thématiques, conventions signées, postes de chef de projet. Le fichier est
        d’abord lu et comparé à ce qui est enregistré : rien n’est écrit avant votre confirmation.
      </p>

      <section aria-labelledby="donnees-titre" className={fr.cx('fr-mb-4w')}>
        <h2 id="donnees-titre">1. Données à importer</h2>
        <RadioButtons
          legend="Type de données"
          options={NATIONAL_IMPORT_TYPES.map((t) => ({
            label: NATIONAL_IMPORT_TYPE_LABELS[t],
            hintText: TYPE_HINTS[t],
            nativeInputProps: { value: t, checked: type === t, onChange: () => setParam(TYPE_PARAM, t) },
          }))}
        />
        {type === 'participations' && <DemarcheSelect value={demarche} onChange={(code) => setParam(DEMARCHE_PARAM, code)} />}
      </section>

      <ColumnsSection type={type} demarche={demarche} />

      <section aria-labelledby="import-titre" className={fr.cx('fr-mb-6w')}>
        <h2 id="import-titre">3. Envoyer le fichier</h2>
        {upload.isError && (
          <Alert className={fr.cx('fr-mb-3w')} severity="error" role="alert" title="Le fichier n’a pas pu être lu" description={errorMessage(upload.error)} closable onClose={() => upload.reset()} />
        )}
        {type === 'participations' && !demarche ? (
          <p>Choisissez d’abord le dispositif des participations.</p>
        ) : (
          <CsvUploadForm
            key={`${type}-${demarche ?? ''}`}
            acceptXlsx
            label={`Fichier : ${NATIONAL_IMPORT_TYPE_LABELS[type].toLowerCase()}`}
            hint="Formats acceptés : CSV (.csv, séparateur ; ou ,) ou XLSX (.xlsx), 20 Mo au plus."
            submitLabel="Prévisualiser l’import"
            submitIconId="fr-icon-upload-line"
            pending={upload.isPending}
            percent={upload.progress?.percent ?? null}
            onSubmit={(fichier) => upload.mutate({ type, demarche, fichier })}
          />
        )}
      </section>

      {importId && <ImportNationalReportSection key={importId} importId={importId} focusHeading={focusReport} onHeadingFocused={onReportFocused} />}

      <ImportNationalHistorySection selectedId={importId} onOpen={() => setFocusReport(true)} />
    </>
  );
}

/** The scheme whose participations are imported (its attributes become columns). */
function DemarcheSelect({ value, onChange }: { value: string | null; onChange: (code: string | null) => void }) {
  const catalogue = useCatalogue();
  return (
    <Select
      label="Dispositif thématique"
      hint="Ses attributs deviennent des colonnes du fichier."
      state={catalogue.isError ? 'error' : 'default'}
      stateRelatedMessage={catalogue.isError ? 'La liste des dispositifs n’a pas pu être chargée.' : undefined}
      nativeSelectProps={{ value: value ?? '', onChange: (event) => onChange(event.currentTarget.value || null) }}
    >
      <option value="" disabled>
        {catalogue.isPending ? 'Chargement…' : 'Choisissez un dispositif'}
      </option>
      {catalogue.data?.items.map((d) => (
        <option key={d.id} value={d.code}>
          {d.nom}
        </option>
      ))}
    </Select>
  );
}

function ColumnsSection({ type, demarche }: { type: NationalImportType; demarche: string | null }) {
  const catalogue = useCatalogue();
  const scheme = catalogue.data?.items.find((d) => d.code === demarche);
  if (type === 'participations' && !scheme) return null;
  const columns = nationalImportColumns(type, scheme?.attributs ?? []);
  const label = scheme ? `${NATIONAL_IMPORT_TYPE_LABELS[type]} – ${scheme.nom}` : NATIONAL_IMPORT_TYPE_LABELS[type];
  return (
    <section aria-labelledby="colonnes-titre" className={fr.cx('fr-mb-4w')}>
      <h2 id="colonnes-titre">2. Préparer le fichier</h2>
      <p>
        Partez du modèle : une ligne d’en-tête puis une ligne par enregistrement. Les noms de colonnes sont reconnus sans tenir compte des majuscules, des accents ni des espaces ; les colonnes inconnues
        sont ignorées et signalées dans l’aperçu. Dates au format <code>31/12/2023</code>, montants au format <code>1 234,56</code>. Les lignes sont reconnues par leur référence : importer de nouveau un
        fichier corrigé met à jour les enregistrements sans les dupliquer.
      </p>
      <ImportTemplateDoc
        columns={columns}
        label={label}
        csvUrl={modeleNationalUrl(type, 'csv', demarche)}
        xlsxUrl={modeleNationalUrl(type, 'xlsx', demarche)}
        fileName={`modele-import-national-${type}${demarche ? `-${demarche}` : ''}`}
      />
    </section>
  );
}
