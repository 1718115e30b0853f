import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { PVD_IMPORT_FORMATS } from '@suivi-pvd/domain';
import { CsvUploadForm } from '@suivi-pvd/ui';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { useUploadPvdImport } from './data/pvd-imports.hooks';
import { PvdImportHistorySection } from './pvd-import-history.view';
import { REPORT_PARAM, PvdImportReportSection } from './pvd-import-report.view';

function Columns({ columns }: { columns: readonly string[] }) {
  return (
    <p>
      {columns.map((column, i) => (
        <span key={column}>
          {i > 0 && ', '}
          <code>{column}</code>
        </span>
      ))}
    </p>
  );
}

/** Upload of the list of PVD communes, its report, and the history of imports. */
export function PvdImportView() {
  useDocumentTitle('Import de la liste PVD');
  const [searchParams, setSearchParams] = useSearchParams();
  const reportId = searchParams.get(REPORT_PARAM);
  const upload = useUploadPvdImport();
  const [focusReport, setFocusReport] = useState(false);
  const [dateEffet, setDateEffet] = useState('');
  const onReportFocused = useCallback(() => setFocusReport(false), []);

  const handleSubmit = (file: File) => {
    upload.mutate({ file, dateEffet: dateEffet || null }, {
      onSuccess: (report) => {
        setSearchParams(`?${REPORT_PARAM}=${encodeURIComponent(report.id)}`, {
          preventScrollReset: true,
        });
        setFocusReport(true);
      },
    });
  };

  return (
    <>
      <h1>Import de la liste des Petites villes de demain</h1>
      <p className={fr.cx('fr-text--lead')}>
        Importez la liste des communes lauréates pour mettre à jour leur statut dans Suivi PVD. Le
        fichier est d'abord prévisualisé (communes ajoutées, déplacées, lignes rejetées, couverture) :
        rien n'est appliqué avant votre confirmation.
      </p>

      <section aria-labelledby="formats-titre" className={fr.cx('fr-mb-4w')}>
        <h2 id="formats-titre">Formats acceptés</h2>
        <p>
          Le fichier doit être au format CSV, avec une ligne d'en-tête, encodé en UTF-8 ou en
          Windows-1252 (l'encodage d'un CSV enregistré par Excel), le séparateur étant le
          point-virgule, la virgule ou la tabulation. Le format est reconnu
          automatiquement d'après les colonnes ; les colonnes supplémentaires sont ignorées. Chaque
          ligne est contrôlée séparément : les lignes valides sont importées, les autres sont
          rejetées avec leur motif dans le rapport (par exemple : valeur « NA » dans{' '}
          <code>id_pvd</code> ou <code>insee_com</code>, code INSEE inconnu, commune en double,
          ligne de test). Une commune sans <code>id_pvd</code> reste dans sa PVD si elle en a une ;
          sinon elle forme une PVD provisoire <code>PROV-&lt;code INSEE&gt;</code>, qu'un fichier
          ultérieur donnant son <code>id_pvd</code> transforme en PVD définitive, dossier conservé.
          Un code INSEE d'une commune fusionnée est importé sous la commune nouvelle, avec un
          avertissement. Les communes absentes du fichier ne sont pas retirées : le retrait se fait
          depuis la page de la PVD.
        </p>
        <div className={fr.cx('fr-accordions-group')}>
          <Accordion label="Liste officielle publiée par l'ANCT (data.gouv.fr)">
            <p>Colonnes attendues :</p>
            <Columns columns={PVD_IMPORT_FORMATS.officiel} />
            <p className={fr.cx('fr-mb-0')}>
              La colonne <code>date_signature</code> donne la date de signature de la convention
              d'adhésion (format AAAA-MM-JJ ou JJ/MM/AAAA).
            </p>
          </Accordion>
          <Accordion label="Export 2021 de la liste des communes PVD">
            <p>Colonnes attendues :</p>
            <Columns columns={PVD_IMPORT_FORMATS['export-2021']} />
            <p className={fr.cx('fr-mb-0')}>
              Ce format ne contient pas de date de convention.
            </p>
          </Accordion>
        </div>
      </section>

      <section aria-labelledby="import-titre" className={fr.cx('fr-mb-6w')}>
        <h2 id="import-titre">Importer un fichier</h2>
        {upload.isError && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="error"
            role="alert"
            title="L'import a échoué"
            description={errorMessage(upload.error)}
            closable
            onClose={() => upload.reset()}
          />
        )}
        <Input
          label="Date d'effet (facultative)"
          hintText="Entrée dans le programme des communes sans date de signature, et date des changements de PVD. Par défaut : le jour de l'import."
          nativeInputProps={{ type: 'date', value: dateEffet, onChange: (event) => setDateEffet(event.currentTarget.value) }}
        />
        <CsvUploadForm
          label="Fichier de la liste PVD"
          hint="Format accepté : fichier CSV (.csv), encodé en UTF-8 ou en Windows-1252."
          submitLabel="Prévisualiser l'import"
          onSubmit={handleSubmit}
          submitIconId="fr-icon-upload-line"
        pending={upload.isPending}
          percent={upload.progress?.percent ?? null}
        />
      </section>

      {reportId && (
        <PvdImportReportSection
          key={reportId}
          importId={reportId}
          focusHeading={focusReport}
          onHeadingFocused={onReportFocused}
        />
      )}

      <PvdImportHistorySection selectedId={reportId} onOpen={() => setFocusReport(true)} />
    </>
  );
}
