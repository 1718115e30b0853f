import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { useCreateMission, useFinanceurs, usePvdInfo, type Financeur, type PvdChoix, type PvdInfo } from './data/missions.hooks';
import { emptyDraft, MissionForm } from './mission.form';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TITLE = 'Saisir une mission d’expertise';

/** What a PVD read by id looks like in the picker. */
function choixOf(pvd: PvdInfo): PvdChoix {
  return { id: pvd.id, nom: pvd.nom, departementCode: pvd.communes[0]?.departementCode ?? '' };
}

/** The state given to the mission page after its creation (to say so). */
export interface CreatedState {
  created: true;
}

/**
 * « Saisir une mission d’expertise »: a chef de projet for their PVD (any funder), a partner for
 * any PVD (its own funder, preselected). `?pvd=<id>` preselects the PVD (coming from a dossier).
 */
export function NewMissionView() {
  useDocumentTitle(TITLE);
  const [searchParams] = useSearchParams();
  const pvdParam = searchParams.get('pvd') ?? '';
  const pvdId = UUID.test(pvdParam) ? pvdParam : null;
  const financeurs = useFinanceurs();
  // A PVD the user cannot read by id (a partner) is simply not preselected.
  const preselected = usePvdInfo(pvdId);

  const breadcrumb = (
    <Breadcrumb
      currentPageLabel="Saisir une mission"
      homeLinkProps={{ to: '/' }}
      segments={[
        preselected.data
          ? { label: preselected.data.nom, linkProps: { to: `/pvd/${encodeURIComponent(preselected.data.id)}` } }
          : { label: 'Missions d’expertise', linkProps: { to: '/missions' } },
      ]}
    />
  );

  if (financeurs.isPending || (pvdId && preselected.isPending)) {
    return (
      <>
        {breadcrumb}
        <h1>{TITLE}</h1>
        <LoadingView label="Chargement du formulaire…" />
      </>
    );
  }
  if (financeurs.isError) {
    return (
      <>
        {breadcrumb}
        <h1>{TITLE}</h1>
        <QueryErrorAlert title="La liste des financeurs n’a pas pu être chargée" error={financeurs.error} onRetry={() => void financeurs.refetch()} />
      </>
    );
  }

  const offered = financeurs.data.financeurs.filter((f) => f.saisissable && f.actif);
  const pvd = preselected.data ? choixOf(preselected.data) : null;
  return (
    <>
      {breadcrumb}
      <h1 id="nouvelle-mission-titre">{TITLE}</h1>
      <p className={fr.cx('fr-text--lead')}>Une mission d’ingénierie ou d’expertise financée par un partenaire du programme pour une petite ville de demain.</p>
      {offered.length === 0 ? (
        <Alert
          severity="warning"
          title="Aucun financeur ne vous est ouvert"
          description="Votre organisation n’est rattachée à aucun financeur actif de la liste tenue par l’ANCT : contactez l’ANCT pour l’y rattacher."
        />
      ) : (
        <NewMissionForm financeurs={offered} pvd={pvd} />
      )}
    </>
  );
}

function NewMissionForm({ financeurs, pvd }: { financeurs: Financeur[]; pvd: PvdChoix | null }) {
  const create = useCreateMission();
  const navigate = useNavigate();
  // A partner enters the missions of its own funder: the only one offered, preselected.
  const [initial] = useState(() => emptyDraft(pvd, financeurs.length === 1 ? (financeurs[0]?.id ?? '') : ''));
  const backTo = pvd ? `/pvd/${encodeURIComponent(pvd.id)}` : '/missions';

  return (
    <MissionForm
      initial={initial}
      financeurs={financeurs}
      pending={create.isPending}
      error={create.error}
      onResetError={() => create.reset()}
      submitLabel="Enregistrer la mission"
      labelledBy="nouvelle-mission-titre"
      onSubmit={(input) =>
        create.mutate(input, {
          onSuccess: (mission) => {
            const state: CreatedState = { created: true };
            void navigate(`/missions/${encodeURIComponent(mission.id)}`, { state });
          },
        })
      }
      cancel={
        <Link className={fr.cx('fr-btn', 'fr-btn--secondary')} to={backTo}>
          Annuler
        </Link>
      }
    />
  );
}
