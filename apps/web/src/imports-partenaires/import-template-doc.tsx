import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Table } from '@codegouvfr/react-dsfr/Table';
import type { ImportColumn } from '@suivi-pvd/domain';

/**
 * The templates to download (CSV and XLSX), the required columns and the documented list of every
 * column: shared by the partner imports and the ANCT's national imports.
 */
export function ImportTemplateDoc({ columns, label, csvUrl, xlsxUrl, fileName }: { columns: readonly ImportColumn[]; label: string; csvUrl: string; xlsxUrl: string; fileName: string }) {
  return (
    <>
      <ul className={fr.cx('fr-raw-list', 'fr-mb-3w')} style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem 2rem' }}>
        <li>
          <a className={fr.cx('fr-link', 'fr-link--download')} href={csvUrl} download={`${fileName}.csv`}>
            Télécharger le modèle CSV<span className={fr.cx('fr-sr-only')}> – {label}</span>
            <span className={fr.cx('fr-link__detail')}>CSV – séparateur point-virgule</span>
          </a>
        </li>
        <li>
          <a className={fr.cx('fr-link', 'fr-link--download')} href={xlsxUrl} download={`${fileName}.xlsx`}>
            Télécharger le modèle XLSX<span className={fr.cx('fr-sr-only')}> – {label}</span>
            <span className={fr.cx('fr-link__detail')}>XLSX – avec la documentation des colonnes</span>
          </a>
        </li>
      </ul>
      <p className={fr.cx('fr-mb-1w')}>
        Colonnes obligatoires :{' '}
        {columns
          .filter((c) => c.obligatoire)
          .map((c, i) => (
            <span key={c.nom}>
              {i > 0 && ', '}
              <code>{c.nom}</code>
            </span>
          ))}
        .
      </p>
      <Accordion label={`Détail des ${columns.length} colonnes : contenu attendu et exemples`}>
        <Table
          caption={`Colonnes du fichier – ${label}`}
          bordered
          headers={['Colonne', 'Obligatoire', 'Contenu', 'Exemple']}
          data={columns.map((c) => [<code key="n">{c.nom}</code>, c.obligatoire ? 'Oui' : 'Non', c.description, c.exemple || '—'])}
        />
      </Accordion>
    </>
  );
}
