import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { DocumentUploadForm, DocumentVersionList, NewVersionForm } from '../conventions/document-upload.form';
import { useAddLivrable, useAddLivrableVersion, type Livrable, type Mission } from './data/missions.hooks';

/** The deliverables of the mission, each with its versions; those who may modify it add some. */
export function LivrablesSection({ mission }: { mission: Mission }) {
  const add = useAddLivrable(mission);
  const [added, setAdded] = useState<string | null>(null);

  return (
    <section aria-labelledby="livrables-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="livrables-titre" className={fr.cx('fr-h3')}>
        Livrables
      </h2>
      {mission.livrables.length === 0 ? (
        <p>Aucun livrable n’a encore été déposé.</p>
      ) : (
        <ul aria-label="Livrables de la mission" style={{ listStyle: 'none', paddingInlineStart: 0 }} className={fr.cx('fr-mb-0')}>
          {mission.livrables.map((doc) => (
            <LivrableItem key={doc.id} mission={mission} doc={doc} />
          ))}
        </ul>
      )}
      {mission.peutModifier && (
        <div className={fr.cx('fr-mt-3w', 'fr-p-3w')} style={{ background: fr.colors.decisions.background.alt.grey.default }}>
          <h3 className={fr.cx('fr-h6')}>Déposer un livrable</h3>
          <div aria-live="polite">{added && <Alert className={fr.cx('fr-mb-2w')} severity="success" small description={added} />}</div>
          <DocumentUploadForm
            label="Fichier du livrable"
            submitLabel="Déposer le livrable"
            withTitle
            pending={add.isPending}
            progress={add.progress}
            error={add.error}
            onSubmit={(input, reset) => {
              setAdded(null);
              add.mutate(input, {
                onSuccess: (doc) => {
                  reset();
                  setAdded(`Le livrable « ${doc.titre} » a été déposé.`);
                },
              });
            }}
          />
        </div>
      )}
    </section>
  );
}

function LivrableItem({ mission, doc }: { mission: Mission; doc: Livrable }) {
  const [open, setOpen] = useState(false);
  const addVersion = useAddLivrableVersion(mission, doc.id);
  return (
    <li className={fr.cx('fr-p-2w', 'fr-mb-2w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'baseline', gap: '0.5rem 1rem' }}>
        <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>{doc.titre}</h3>
        {mission.peutModifier && (
          <Button
            priority="secondary"
            size="small"
            iconId="fr-icon-add-line"
            onClick={() => setOpen((o) => !o)}
            nativeButtonProps={{ 'aria-label': `Nouvelle version de « ${doc.titre} »`, 'aria-expanded': open }}
          >
            Nouvelle version
          </Button>
        )}
      </div>
      <DocumentVersionList versions={doc.versions} />
      {mission.peutModifier && open && (
        <div className={fr.cx('fr-mt-2w')}>
          <NewVersionForm titre={doc.titre} upload={addVersion} onClose={() => setOpen(false)} />
        </div>
      )}
    </li>
  );
}
