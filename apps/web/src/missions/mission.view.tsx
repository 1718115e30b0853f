import { fr } from '@codegouvfr/react-dsfr';
import { DiscussionPanel } from '../discussions/discussion.panel';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { isApiError } from '@suivi-pvd/api-client';
import { MISSION_NATURE_LABELS, PLAN_ACTION_THEME_LABELS } from '@suivi-pvd/domain';
import { FactList } from '@suivi-pvd/ui';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { formatAt } from '../conventions/convention-format';
import { useFinanceurs, useMission, useUpdateMission, type Financeur, type Mission } from './data/missions.hooks';
import { LivrablesSection } from './livrables.section';
import { formatDay, formatMontant } from './mission-format';
import { draftOf, MissionForm } from './mission.form';
import { MissionStatutBadge } from './mission-statut.badge';
import type { CreatedState } from './new-mission.view';

function isCreatedState(state: unknown): state is CreatedState {
  return typeof state === 'object' && state !== null && 'created' in state && state.created === true;
}

/** One expertise mission: its fields (a form for those who may modify it) and its deliverables. */
export function MissionView({ missionId }: { missionId: string }) {
  const mission = useMission(missionId);
  const notFound = mission.isError && isApiError(mission.error) && (mission.error.statusCode === 404 || mission.error.statusCode === 400);
  useDocumentTitle(mission.data ? `${mission.data.intitule} – ${mission.data.pvdNom}` : notFound ? 'Mission introuvable' : 'Mission d’expertise');
  const breadcrumb = (label: string) => (
    <Breadcrumb currentPageLabel={label} homeLinkProps={{ to: '/' }} segments={[{ label: 'Missions d’expertise', linkProps: { to: '/missions' } }]} />
  );

  if (mission.isPending) {
    return (
      <>
        {breadcrumb('Mission')}
        <LoadingView label="Chargement de la mission…" />
      </>
    );
  }
  if (mission.isError) {
    return (
      <>
        {breadcrumb('Mission')}
        <h1>{notFound ? 'Mission introuvable' : 'Mission d’expertise'}</h1>
        {notFound ? (
          <Alert severity="warning" title="Cette mission n’existe pas ou ne vous est pas accessible" description={mission.error.message} />
        ) : (
          <QueryErrorAlert error={mission.error} onRetry={() => void mission.refetch()} />
        )}
      </>
    );
  }
  return (
    <>
      {breadcrumb(mission.data.intitule)}
      <MissionPage mission={mission.data} refetch={() => mission.refetch()} />
    </>
  );
}

function MissionPage({ mission, refetch }: { mission: Mission; refetch: () => Promise<unknown> }) {
  const { data: me } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const [created, setCreated] = useState(() => isCreatedState(location.state));
  // Said once: reloading the page does not say it again.
  useEffect(() => {
    if (isCreatedState(location.state)) void navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [location, navigate]);
  const [saved, setSaved] = useState(false);
  // Remounting the form (new key) makes it start again from the mission as now stored.
  const [formKey, setFormKey] = useState(0);
  const restartForm = () => setFormKey((k) => k + 1);
  const reload = () => {
    setSaved(false);
    void refetch().then(restartForm);
  };
  const onDirtyChange = useCallback((dirty: boolean) => {
    if (dirty) {
      setSaved(false);
      setCreated(false);
    }
  }, []);
  // A partner reads the summary of the dossier: its organisation funds this mission.
  const opensDossier = hasPermission(me, 'pvd:resume');
  const pvd: ReactNode = opensDossier ? <Link to={`/pvd/${encodeURIComponent(mission.pvdId)}`}>{mission.pvdNom}</Link> : mission.pvdNom;

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.5rem 1rem' }} className={fr.cx('fr-mb-1w')}>
        <h1 className={fr.cx('fr-mb-0')}>{mission.intitule}</h1>
        <MissionStatutBadge statut={mission.statut} />
      </div>
      <p className={fr.cx('fr-text--lg', 'fr-mb-1w')}>
        {MISSION_NATURE_LABELS[mission.nature]} pour {pvd} ({mission.departementCode}), financée par {mission.financeurNom}
      </p>
      <p className={fr.cx('fr-text--sm')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
        Dernière modification le {formatAt(mission.modifieLe)}
        {mission.modifiePar ? ` par ${mission.modifiePar}` : ''}.
      </p>
      <div aria-live="polite">
        {created && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="success"
            small
            description="La mission est enregistrée. Vous pouvez maintenant déposer ses livrables, plus bas sur cette page."
          />
        )}
      </div>

      <section aria-labelledby="mission-infos-titre" className={fr.cx('fr-mb-6w')}>
        <h2 id="mission-infos-titre" className={fr.cx('fr-h3')}>
          Informations de la mission
        </h2>
        {mission.peutModifier ? (
          <EditableMission
            key={formKey}
            mission={mission}
            pvd={pvd}
            saved={saved}
            onSaved={() => {
              restartForm();
              setSaved(true);
              setCreated(false);
            }}
            onReload={reload}
            onDirtyChange={onDirtyChange}
          />
        ) : (
          <MissionFacts mission={mission} pvd={pvd} />
        )}
      </section>
      <LivrablesSection mission={mission} />
      <DiscussionPanel type="mission" id={mission.id} titre="Discussion sur la mission" />
    </>
  );
}

function EditableMission({
  mission,
  pvd,
  saved,
  onSaved,
  onReload,
  onDirtyChange,
}: {
  mission: Mission;
  pvd: ReactNode;
  saved: boolean;
  onSaved: () => void;
  onReload: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const financeurs = useFinanceurs();
  const update = useUpdateMission(mission.id);
  // The form keeps the version (and the values) it was opened with.
  const [version] = useState(mission.version);
  const [initial] = useState(() => draftOf(mission));

  if (financeurs.isPending) return <LoadingView label="Chargement du formulaire…" />;
  if (financeurs.isError) {
    return <QueryErrorAlert title="La liste des financeurs n’a pas pu être chargée" error={financeurs.error} onRetry={() => void financeurs.refetch()} />;
  }
  // The funders the user may enter missions for, and the mission's own (even if no longer offered).
  const offered: Financeur[] = financeurs.data.financeurs.filter((f) => f.id === mission.financeurId || (f.saisissable && f.actif));

  return (
    <>
      <div aria-live="polite">
        {saved && <Alert className={fr.cx('fr-mb-3w')} severity="success" small description="Les modifications de la mission sont enregistrées." />}
      </div>
      <MissionForm
        initial={initial}
        financeurs={offered}
        pvdFixed={
          <p className={fr.cx('fr-mb-3w')}>
            <span className={fr.cx('fr-text--bold')}>Petite ville de demain :</span> {pvd} ({mission.departementCode})
          </p>
        }
        pending={update.isPending}
        error={update.error}
        submitLabel="Enregistrer les modifications"
        labelledBy="mission-infos-titre"
        onSubmit={({ pvdId: _pvdId, ...input }) => update.mutate({ ...input, version }, { onSuccess: onSaved })}
        onReload={onReload}
        onDirtyChange={onDirtyChange}
        onResetError={() => update.reset()}
      />
    </>
  );
}

function MissionFacts({ mission, pvd }: { mission: Mission; pvd: ReactNode }) {
  const none = 'Non renseigné';
  const left: [string, ReactNode][] = [
    ['Petite ville de demain', <>{pvd} ({mission.departementCode})</>],
    ['Financeur', mission.financeurNom],
    ['Nature', MISSION_NATURE_LABELS[mission.nature]],
    ['Thématique', mission.thematique ? PLAN_ACTION_THEME_LABELS[mission.thematique] : 'Non précisée'],
    ['Prestataire', mission.prestataire ?? none],
    ['Référence chez le financeur', mission.referenceExterne ?? 'Non renseignée'],
    ['Source des données', mission.source ? `${mission.source}${mission.dateSource ? `, données au ${formatDay(mission.dateSource)}` : ''}` : 'Non renseignée'],
  ];
  const right: [string, ReactNode][] = [
    ['Statut', <MissionStatutBadge key="statut" statut={mission.statut} small />],
    ['Montant engagé', formatMontant(mission.montantEngage)],
    ['Montant versé', formatMontant(mission.montantVerse)],
    ['Date de la demande', formatDay(mission.dateDemande) ?? 'Non renseignée'],
    ['Date d’engagement', formatDay(mission.dateEngagement) ?? 'Non renseignée'],
    ['Date de début', formatDay(mission.dateDebut) ?? 'Non renseignée'],
    ['Date de fin', formatDay(mission.dateFin) ?? 'Non renseignée'],
  ];
  return (
    <>
      <p className={fr.cx('fr-text--sm')}>
        Vous consultez cette mission : seuls le chef de projet de la petite ville de demain et le financeur la modifient.
      </p>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <FactList items={left} />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <FactList items={right} />
        </div>
      </div>
    </>
  );
}
