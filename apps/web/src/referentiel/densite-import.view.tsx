import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { NIVEAUX_DENSITE } from '@suivi-pvd/domain';
import { CsvUploadForm, StatTiles, formatNumber } from '@suivi-pvd/ui';
import { useEffect, useRef } from 'react';
import { errorMessage } from '../app/query-error-alert';
import { useUploadDensite, type DensiteImportReport } from './data/densite-import.hooks';

const MAX_LINES_SHOWN = 200;

/** Import of the INSEE "grille communale de densité" into the référentiel. */
export function DensiteImportSection() {
  const upload = useUploadDensite();

  return (
    <section aria-labelledby="densite-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="densite-titre">Grille communale de densité (INSEE)</h2>
      <p>
        La grille 2024 est fournie avec la plateforme et chargée à son premier démarrage. Pour une
        grille plus récente, importez le classeur XLSX publié par l'INSEE tel quel (feuille{' '}
        <code>Grille_Densite</code>, lignes de titre comprises), ou un fichier CSV avec une colonne{' '}
        <code>CODGEO</code> (code INSEE de la commune), une colonne <code>DENS</code> (niveau de
        densité, de 1 à 7) et, de préférence, la colonne <code>LIBDENS</code> (libellé du niveau) :
      </p>
      <ul>
        {Object.entries(NIVEAUX_DENSITE).map(([niveau, libelle]) => (
          <li key={niveau}>
            {niveau} – {libelle}
          </li>
        ))}
      </ul>
      <p>
        L'ancienne grille à 4 niveaux (densément peuplé … très peu dense) est refusée : ses niveaux
        ne correspondent pas à ceux de la grille à 7 niveaux. Les niveaux 5 à 7 sont les communes
        rurales du programme.
      </p>
      {upload.isError && (
        <Alert
          className={fr.cx('fr-mb-3w')}
          severity="error"
          role="alert"
          title="L'import de la grille de densité a échoué"
          description={errorMessage(upload.error)}
          closable
          onClose={() => upload.reset()}
        />
      )}
      <CsvUploadForm
        label="Fichier de la grille communale de densité"
        acceptXlsx
        submitLabel="Importer la grille de densité"
        onSubmit={(file) => upload.mutate(file)}
        submitIconId="fr-icon-upload-line"
        pending={upload.isPending}
        percent={upload.progress?.percent ?? null}
      />
      {upload.data && <DensiteReport report={upload.data} />}
    </section>
  );
}

function DensiteReport({ report }: { report: DensiteImportReport }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [report]);
  const shown = report.lines.slice(0, MAX_LINES_SHOWN);

  return (
    <div className={fr.cx('fr-mt-4w')}>
      <h3 ref={headingRef} tabIndex={-1} className={fr.cx('fr-h5')}>
        Résultat de l'import de la grille de densité
      </h3>
      <StatTiles
        label="Résumé de l'import de la grille de densité"
        items={[
          { label: 'Lignes lues', value: report.totalLines },
          { label: 'Communes mises à jour', value: report.updated, tone: 'success' },
          { label: 'Communes inchangées', value: report.unchanged },
          { label: 'Lignes rejetées', value: report.rejected, tone: 'error' },
        ]}
      />
      {report.lines.length > 0 && (
        <>
          {report.lines.length > MAX_LINES_SHOWN && (
            <p>
              Les {MAX_LINES_SHOWN} premières lignes rejetées sur {formatNumber(report.lines.length)} sont
              affichées.
            </p>
          )}
          <Table
            caption="Lignes rejetées de la grille de densité"
            bordered
            headers={['Ligne', 'Code INSEE', 'Message']}
            data={shown.map((line) => [line.line, line.insee ?? '—', line.message])}
          />
        </>
      )}
    </div>
  );
}
