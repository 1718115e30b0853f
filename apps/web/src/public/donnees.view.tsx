import { fr } from '@codegouvfr/react-dsfr';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { DONNEES_PVD_COLONNES, DONNEES_PVD_SCHEMA_VERSION } from '@suivi-pvd/domain';
import { useDocumentTitle } from '../app/use-document-title';

const TITLE = 'Données ouvertes';
const TYPE_LABELS = { string: 'texte', integer: 'entier', number: 'nombre', boolean: 'booléen (true / false)', date: 'date (AAAA-MM-JJ)', array: 'liste' } as const;

/** The open data page: what the files hold, their format and schema, and the links to download them. */
export function DonneesView() {
  useDocumentTitle(`${TITLE} – Petites villes de demain`);
  return (
    <>
      <h1>{TITLE}</h1>
      <p className={fr.cx('fr-text--lead')}>
        La liste des Petites villes de demain membres du programme et de leurs statuts, mise à jour chaque jour, sous Licence Ouverte 2.0 (Etalab).
      </p>
      <CallOut title="Télécharger" titleAs="h2" iconId="fr-icon-download-line" bodyAs="div">
        <ul className={fr.cx('fr-mb-0')}>
          <li>
            <a className={fr.cx('fr-link')} href="/api/public/donnees/pvd.csv" download>
              Liste des PVD en CSV
            </a>{' '}
            <span className={fr.cx('fr-text--xs')}>– UTF-8, séparateur virgule, une ligne par PVD</span>
          </li>
          <li>
            <a className={fr.cx('fr-link')} href="/api/public/donnees/pvd.json">
              Liste des PVD en JSON
            </a>{' '}
            <span className={fr.cx('fr-text--xs')}>– un objet par PVD, mêmes clés que le CSV</span>
          </li>
          <li>
            <a className={fr.cx('fr-link')} href="/api/public/donnees/pvd.schema.json">
              Schéma des données (TableSchema, version {DONNEES_PVD_SCHEMA_VERSION})
            </a>
          </li>
        </ul>
      </CallOut>

      <h2>Format</h2>
      <ul>
        <li>Le fichier est daté : son nom porte le jour d’extraction (petites-villes-de-demain-AAAA-MM-JJ.csv), repris dans la colonne date_extraction.</li>
        <li>Les dates sont au format ISO 8601 (AAAA-MM-JJ) ; une valeur absente est une cellule vide (null en JSON).</li>
        <li>Les noms de colonnes sont stables : une colonne nouvelle s’ajoute à la fin ; un changement incompatible donne une nouvelle version du schéma.</li>
        <li>
          Seuls des statuts et des dates de signature figurent dans ces fichiers : une convention-cadre non signée est « en_preparation », sans autre
          détail ; aucun document, échange, nom de personne ni montant.
        </li>
      </ul>

      <h2>Colonnes</h2>
      <div className={fr.cx('fr-table', 'fr-table--sm', 'fr-table--no-caption')}>
        <div className={fr.cx('fr-table__wrapper')}>
          <div className={fr.cx('fr-table__container')} tabIndex={0} role="region" aria-label="Colonnes de la liste des Petites villes de demain">
            <div className={fr.cx('fr-table__content')}>
              <table>
                <caption>Colonnes de la liste des Petites villes de demain</caption>
                <thead>
                  <tr>
                    <th scope="col">Colonne</th>
                    <th scope="col">Type</th>
                    <th scope="col">Description</th>
                    <th scope="col">Exemple</th>
                  </tr>
                </thead>
                <tbody>
                  {DONNEES_PVD_COLONNES.map((c) => (
                    <tr key={c.name}>
                      <th scope="row">
                        <code>{c.name}</code>
                      </th>
                      <td style={{ whiteSpace: 'normal', minWidth: '8rem' }}>
                        {TYPE_LABELS[c.type]}
                        {c.optionnel ? ', facultatif' : ''}
                      </td>
                      <td style={{ whiteSpace: 'normal', minWidth: '20rem' }}>{c.description}</td>
                      <td>
                        <code>{c.example}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
