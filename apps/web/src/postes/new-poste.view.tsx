import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { isApiError } from '@suivi-pvd/api-client';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { useDossier } from '../dossiers/data/dossier.hooks';
import { useCreatePoste, useOperationsDuPvd, useParametresHistorique, usePostesDuDossier, type Employeur } from './data/postes.hooks';
import { emptyDraft } from './poste-draft';
import { PosteForm } from './poste.form';

const TITLE = 'Enregistrer un poste de chef de projet';

/** Records a new chef de projet post on a dossier, with the live simulation of its co-financing. */
export function NewPosteView({ pvdId }: { pvdId: string }) {
  const dossier = useDossier(pvdId);
  const postes = usePostesDuDossier(pvdId);
  const notFound = [dossier.error, postes.error].some((e) => isApiError(e) && e.statusCode === 404);
  useDocumentTitle(dossier.data ? `Nouveau poste de chef de projet – ${dossier.data.nom}` : TITLE);
  const dossierPath = `/pvd/${encodeURIComponent(pvdId)}`;

  const breadcrumb = (
    <Breadcrumb
      currentPageLabel="Nouveau poste de chef de projet"
      homeLinkProps={{ to: '/' }}
      segments={[{ label: dossier.data?.nom ?? 'Dossier', linkProps: { to: dossierPath } }]}
    />
  );

  if (dossier.isPending || postes.isPending) {
    return (
      <>
        {breadcrumb}
        <LoadingView label="Chargement du dossier…" />
      </>
    );
  }
  if (dossier.isError || postes.isError) {
    const error = dossier.error ?? postes.error;
    return (
      <>
        {breadcrumb}
        <h1>{TITLE}</h1>
        {notFound ? (
          <Alert severity="warning" title="Ce dossier n'existe pas ou ne vous est pas accessible" description={isApiError(error) ? error.message : ''} />
        ) : (
          <QueryErrorAlert
            error={error}
            onRetry={() => {
              void dossier.refetch();
              void postes.refetch();
            }}
          />
        )}
      </>
    );
  }

  return (
    <>
      {breadcrumb}
      <h1 className={fr.cx('fr-mb-1w')}>{TITLE}</h1>
      <p className={fr.cx('fr-text--lg')}>Petite ville de demain : {dossier.data.nom}</p>
      {postes.data.peutCreer ? (
        <NewPosteForm pvdId={pvdId} employeurs={postes.data.employeursPossibles} dossierPath={dossierPath} />
      ) : (
        <Alert
          severity="info"
          title="Vous ne pouvez pas enregistrer de poste pour ce dossier"
          description="Seuls le chef de projet et les agents de la commune ou de l'EPCI de la Petite ville de demain enregistrent ses postes."
        />
      )}
    </>
  );
}

function NewPosteForm({ pvdId, employeurs, dossierPath }: { pvdId: string; employeurs: Employeur[]; dossierPath: string }) {
  const operations = useOperationsDuPvd(pvdId);
  const [initial] = useState(() => emptyDraft(employeurs));
  const parametres = useParametresHistorique();
  const create = useCreatePoste(pvdId);
  const navigate = useNavigate();

  return (
    <section aria-labelledby="description-titre">
      <h2 id="description-titre" className={fr.cx('fr-h4')}>
        Description du poste
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Le cofinancement est simulé à chaque saisie, en bas de la page, avec les paramètres du programme en vigueur à chaque date.
      </p>
      <PosteForm
        operations={operations.data}
        initial={initial}
        employeurs={employeurs}
        parametres={parametres}
        labelledBy="description-titre"
        submitLabel="Enregistrer le poste"
        pending={create.isPending}
        error={create.error}
        errorTitle="Le poste n'a pas été enregistré"
        onSubmit={(input) =>
          create.mutateAsync(input).then((poste) => {
            void navigate(`/postes/${encodeURIComponent(poste.id)}`, { state: { created: true } });
          })
        }
        simulationWhenPristine
        extraActions={
          <li>
            <Button priority="secondary" linkProps={{ to: dossierPath }}>
              Annuler
            </Button>
          </li>
        }
      />
    </section>
  );
}
