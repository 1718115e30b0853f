import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { DOCUMENT_NATURE_LABELS } from '@suivi-pvd/domain';
import { useState } from 'react';
import {
  useAddDocument,
  useAddDocumentVersion,
  type Convention,
  type ConventionDocument,
} from './data/convention.hooks';
import { DocumentUploadForm, DocumentVersionList, NewVersionForm } from './document-upload.form';

/** The documents of the convention, each with its versions; pieces can be added while modifiable. */
export function DocumentsSection({ convention }: { convention: Convention }) {
  const add = useAddDocument(convention);
  const [added, setAdded] = useState<string | null>(null);

  return (
    <section aria-labelledby="documents-titre" className={fr.cx('fr-mb-4w')}>
      <h2 id="documents-titre" className={fr.cx('fr-h4')}>
        Documents
      </h2>
      {convention.documents.length === 0 ? (
        <p>Aucun document pour le moment.</p>
      ) : (
        <div className={fr.cx('fr-table', 'fr-table--no-caption')}>
          <div className={fr.cx('fr-table__wrapper')}>
            <div className={fr.cx('fr-table__container')}>
              <div className={fr.cx('fr-table__content')}>
                <table>
                  <caption>Documents de la convention</caption>
                  <thead>
                    <tr>
                      <th scope="col">Document</th>
                      <th scope="col">Versions</th>
                      {convention.modifiable && <th scope="col">Actions</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {convention.documents.map((doc) => (
                      <DocumentRow key={doc.id} convention={convention} doc={doc} />
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {convention.modifiable && (
        <div className={fr.cx('fr-mt-3w', 'fr-p-3w')} style={{ background: fr.colors.decisions.background.alt.grey.default }}>
          <h3 className={fr.cx('fr-h6')}>Ajouter une pièce</h3>
          <div aria-live="polite">
            {added && <Alert className={fr.cx('fr-mb-2w')} severity="success" small description={added} />}
          </div>
          <DocumentUploadForm
            label="Fichier de la pièce"
            submitLabel="Ajouter la pièce"
            withTitle
            pending={add.isPending}
            progress={add.progress}
            error={add.error}
            onSubmit={(input, reset) => {
              setAdded(null);
              add.mutate(input, {
                onSuccess: (doc) => {
                  reset();
                  setAdded(`La pièce « ${doc.titre} » a été ajoutée.`);
                },
              });
            }}
          />
        </div>
      )}
    </section>
  );
}

function DocumentRow({ convention, doc }: { convention: Convention; doc: ConventionDocument }) {
  const [open, setOpen] = useState(false);
  const addVersion = useAddDocumentVersion(convention, doc.id);
  const versionable = convention.modifiable && doc.nature === 'piece';
  return (
    <tr>
      <td>
        <strong>{doc.titre}</strong>
        <br />
        <span className={fr.cx('fr-text--sm')}>{DOCUMENT_NATURE_LABELS[doc.nature]}</span>
      </td>
      <td>
        <DocumentVersionList versions={doc.versions} />
      </td>
      {convention.modifiable && (
        <td>
          {versionable &&
            (open ? (
              <NewVersionForm titre={doc.titre} upload={addVersion} onClose={() => setOpen(false)} />
            ) : (
              <Button
                priority="secondary"
                size="small"
                iconId="fr-icon-add-line"
                onClick={() => setOpen(true)}
                nativeButtonProps={{ 'aria-label': `Nouvelle version de « ${doc.titre} »` }}
              >
                Nouvelle version
              </Button>
            ))}
        </td>
      )}
    </tr>
  );
}
