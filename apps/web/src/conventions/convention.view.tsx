import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { isApiError } from '@suivi-pvd/api-client';
import { useCallback, useState } from 'react';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { DiscussionPanel } from '../discussions/discussion.panel';
import { EcheanceBadge } from '../dossiers/echeance.badge';
import { ContentForm } from './content.form';
import { ContentReadonly } from './content.readonly';
import { formatAt } from './convention-format';
import { ConventionStateBadge } from './convention-state-badge';
import { useConvention, type Convention } from './data/convention.hooks';
import { DocumentsSection } from './documents.section';
import { Timeline } from './timeline';
import { WorkflowPanel } from './workflow.panel';

/** The convention page: its state, the next workflow steps, its content, documents and timeline. */
export function ConventionView({ id }: { id: string }) {
  const convention = useConvention(id);
  const notFound = convention.isError && isApiError(convention.error) && convention.error.statusCode === 404;
  useDocumentTitle(
    convention.data
      ? `${convention.data.titre} – ${convention.data.pvdNom}`
      : notFound
        ? 'Convention introuvable'
        : 'Convention',
  );

  if (convention.isPending) {
    return (
      <>
        <Breadcrumb currentPageLabel="Convention" homeLinkProps={{ to: '/' }} segments={[]} />
        <LoadingView label="Chargement de la convention…" />
      </>
    );
  }
  if (convention.isError) {
    return (
      <>
        <Breadcrumb currentPageLabel="Convention" homeLinkProps={{ to: '/' }} segments={[]} />
        <h1>{notFound ? 'Convention introuvable' : 'Convention'}</h1>
        {notFound ? (
          <Alert severity="warning" title="Cette convention n'existe pas ou ne vous est pas accessible" description={convention.error.message} />
        ) : (
          <QueryErrorAlert error={convention.error} onRetry={() => void convention.refetch()} />
        )}
      </>
    );
  }
  return <ConventionPage convention={convention.data} refetch={() => convention.refetch()} />;
}

function ConventionPage({ convention, refetch }: { convention: Convention; refetch: () => Promise<unknown> }) {
  // Remounting the form (new key) makes it start again from the convention as now stored.
  const [formKey, setFormKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  const restartForm = () => {
    setDirty(false);
    setFormKey((k) => k + 1);
  };
  const reload = () => {
    setSaved(false);
    void refetch().then(restartForm);
  };
  const onDirtyChange = useCallback((value: boolean) => {
    setDirty(value);
    if (value) setSaved(false);
  }, []);

  return (
    <>
      <Breadcrumb
        currentPageLabel={convention.titre}
        homeLinkProps={{ to: '/' }}
        segments={[{ label: convention.pvdNom, linkProps: { to: `/pvd/${encodeURIComponent(convention.pvdId)}` } }]}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.5rem 1rem' }} className={fr.cx('fr-mb-1w')}>
        <h1 className={fr.cx('fr-mb-0')}>{convention.titre}</h1>
        <ConventionStateBadge etat={convention.etat} />
      </div>
      <p className={fr.cx('fr-text--lg', 'fr-mb-1w')}>Petite ville de demain : {convention.pvdNom}</p>
      <p className={fr.cx('fr-text--sm')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
        Dernière modification le {formatAt(convention.modifieeLe)}
        {convention.modifieePar ? ` par ${convention.modifieePar}` : ''}.
      </p>
      {convention.echeance && convention.etat !== 'signee' && (
        <p>
          <EcheanceBadge echeance={convention.echeance} />
        </p>
      )}
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
          <WorkflowPanel
            convention={convention}
            dirty={dirty}
            onDone={() => {
              setSaved(false);
              restartForm();
            }}
            onReload={reload}
          />
          <section aria-labelledby="contenu-titre" className={fr.cx('fr-mb-4w')}>
            <h2 id="contenu-titre" className={fr.cx('fr-h4')}>
              Contenu de la convention
            </h2>
            {convention.modifiable ? (
              <>
                <div aria-live="polite">
                  {saved && (
                    <Alert className={fr.cx('fr-mb-3w')} severity="success" small description="Les modifications de la convention sont enregistrées." />
                  )}
                </div>
                <ContentForm
                  key={formKey}
                  convention={convention}
                  onSaved={() => {
                    restartForm();
                    setSaved(true);
                  }}
                  onReload={reload}
                  onDirtyChange={onDirtyChange}
                />
              </>
            ) : (
              <>
                <p className={fr.cx('fr-text--sm')}>
                  {convention.etat === 'brouillon' || convention.etat === 'a_completer'
                    ? 'Seul le chef de projet peut modifier le contenu de cette convention.'
                    : 'Le contenu ne peut plus être modifié : la convention n’est plus en préparation.'}
                </p>
                <ContentReadonly convention={convention} />
              </>
            )}
          </section>
          <DocumentsSection convention={convention} />
          <Timeline transitions={convention.transitions} />
        </div>
        <aside className={fr.cx('fr-col-12', 'fr-col-lg-4')} aria-label="Discussion sur la convention">
          <DiscussionPanel type="convention" id={convention.id} titre="Discussion sur la convention" />
        </aside>
      </div>
    </>
  );
}
