import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { isApiError } from '@suivi-pvd/api-client';
import { CLUB_CYCLE_TYPES, CLUB_EVENEMENT_TYPE_LABELS, PLAN_ACTION_THEME_LABELS, programmeToday } from '@suivi-pvd/domain';
import { FactList, LinkifiedText } from '@suivi-pvd/ui';
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { errorMessage, QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { useConfirmation } from '../shared/confirm-dialog';
import { formatOu, formatPlaces, formatQuand } from './club-format';
import { useCancelEvenement, useEvenement, useRegister, useUnregister, type Evenement } from './data/club.hooks';
import { InscriptionBadge, StatutEvenementBadge } from './inscription.badge';
import { InscriptionsSection } from './inscriptions.section';

/** An event of the Club: what, when, where, who speaks; registration; for its organiser, the registrations. */
export function EvenementView({ evenementId }: { evenementId: string }) {
  const evenement = useEvenement(evenementId);
  const notFound = evenement.isError && isApiError(evenement.error) && (evenement.error.statusCode === 404 || evenement.error.statusCode === 400);
  useDocumentTitle(evenement.data ? `${evenement.data.titre} – Agenda du Club` : notFound ? 'Événement introuvable' : 'Événement du Club');
  const breadcrumb = (label: string) => (
    <Breadcrumb currentPageLabel={label} homeLinkProps={{ to: '/' }} segments={[{ label: 'Agenda du Club', linkProps: { to: '/club/agenda' } }]} />
  );
  if (evenement.isPending) {
    return (
      <>
        {breadcrumb('Événement')}
        <LoadingView label="Chargement de l’événement…" />
      </>
    );
  }
  if (evenement.isError) {
    return (
      <>
        {breadcrumb('Événement')}
        <h1>{notFound ? 'Événement introuvable' : 'Événement du Club'}</h1>
        {notFound ? (
          <Alert severity="warning" title="Cet événement n’existe pas ou ne vous est pas accessible" description={evenement.error.message} />
        ) : (
          <QueryErrorAlert error={evenement.error} onRetry={() => void evenement.refetch()} />
        )}
      </>
    );
  }
  const e = evenement.data;
  return (
    <>
      {breadcrumb(e.titre)}
      <p className={fr.cx('fr-mb-1w')}>
        <Badge as="span" noIcon severity="new">
          {CLUB_EVENEMENT_TYPE_LABELS[e.type]}
        </Badge>{' '}
        <StatutEvenementBadge statut={e.statut} />
      </p>
      <h1>{e.titre}</h1>
      {e.parentId && e.parentTitre && (
        <p>
          Séance de <Link to={`/club/evenements/${e.parentId}`}>{e.parentTitre}</Link>
        </p>
      )}
      {e.statut === 'annule' && <Alert className={fr.cx('fr-mb-3w')} severity="error" small description="Cet événement est annulé." />}
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <FactList
            items={[
              ['Date', formatQuand(e)],
              ['Lieu', formatOu(e)],
              ['Organisateur', e.organisateurNom],
              ...(e.themes.length > 0 ? ([['Thèmes', e.themes.map((t) => PLAN_ACTION_THEME_LABELS[t]).join(', ')]] as [string, string][]) : []),
              ...(e.capacite !== null || e.inscrits > 0 ? ([['Places', formatPlaces(e)]] as [string, string][]) : []),
              ...(e.participants !== null ? ([['Participants', String(e.participants)]] as [string, string][]) : []),
            ]}
          />
          {e.description && (
            <div className={fr.cx('fr-mt-3w')} style={{ whiteSpace: 'pre-line' }}>
              <LinkifiedText text={e.description} />
            </div>
          )}
          {e.intervenants.length > 0 && (
            <>
              <h2 className={fr.cx('fr-h5', 'fr-mt-4w')}>Intervenants</h2>
              <ul>
                {e.intervenants.map((i) => (
                  <li key={`${i.nom}-${i.fonction ?? ''}`}>
                    <strong>{i.nom}</strong>
                    {i.fonction ? ` – ${i.fonction}` : ''}{' '}
                    {i.pvd && (
                      <Badge as="span" small noIcon severity="info">
                        Petite ville de demain
                      </Badge>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {(e.enregistrement || e.supports.length > 0) && (
            <>
              <h2 className={fr.cx('fr-h5', 'fr-mt-4w')}>Après l’événement</h2>
              <ul>
                {e.enregistrement && (
                  <li>
                    <a href={e.enregistrement} target="_blank" rel="noopener noreferrer" title="Voir l’enregistrement – nouvelle fenêtre">
                      Voir l’enregistrement
                    </a>
                  </li>
                )}
                {e.supports.map((s) => (
                  <li key={s.url}>
                    <a href={s.url} target="_blank" rel="noopener noreferrer" title={`${s.titre} – nouvelle fenêtre`}>
                      {s.titre}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          {e.seances.length > 0 && (
            <>
              <h2 className={fr.cx('fr-h5', 'fr-mt-4w')}>Séances</h2>
              <ul>
                {e.seances.map((s) => (
                  <li key={s.id}>
                    <Link to={`/club/evenements/${s.id}`}>{s.titre}</Link> – {formatQuand({ dateDebut: s.dateDebut, dateFin: s.dateDebut, heureDebut: s.heureDebut, heureFin: null })}{' '}
                    <StatutEvenementBadge statut={s.statut} small />
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <InscriptionPanel evenement={e} />
        </div>
      </div>
      {e.peutGerer && <OrganiserPanel evenement={e} />}
    </>
  );
}

/** Registering, unregistering, the waiting list's place, and the calendar file. */
function InscriptionPanel({ evenement: e }: { evenement: Evenement }) {
  const register = useRegister(e.id);
  const unregister = useUnregister(e.id);
  const [said, setSaid] = useState('');
  const error = register.error ?? unregister.error;
  const complet = e.capacite !== null && e.inscrits >= e.capacite;
  const mine = e.monInscription;
  const pending = register.isPending || unregister.isPending;
  const passe = e.dateFin < programmeToday();
  return (
    <section className={fr.cx('fr-p-3w')} style={{ background: 'var(--background-alt-blue-france)' }} aria-labelledby="inscription-titre">
      <h2 id="inscription-titre" className={fr.cx('fr-h5')}>
        Inscription
      </h2>
      <div role="status" aria-live="polite">
        {mine?.statut === 'inscrit' && (
          <p>
            <InscriptionBadge inscription={mine} /> Votre place est réservée.
          </p>
        )}
        {mine?.statut === 'attente' && (
          <p>
            <InscriptionBadge inscription={mine} /> Vous êtes {mine.position === 1 ? 'le premier' : `en position ${mine.position}`} sur la liste d’attente : vous serez inscrit et prévenu dès
            qu’une place se libère.
          </p>
        )}
        {said && !mine && <p>{said}</p>}
      </div>
      {passe && <p>Cet événement a eu lieu.</p>}
      {!mine && !passe && e.statut === 'publie' && (
        <p>
          {formatPlaces(e)}
          {complet && e.peutSInscrire ? ' : inscrivez-vous sur la liste d’attente, vous serez inscrit et prévenu dès qu’une place se libère.' : '.'}
        </p>
      )}
      {error && <Alert className={fr.cx('fr-mb-2w')} severity="error" small description={errorMessage(error)} />}
      {e.lien && (
        <p>
          <a href={e.lien} target="_blank" rel="noopener noreferrer" title="Lien de connexion – nouvelle fenêtre">
            Lien de connexion
          </a>
        </p>
      )}
      {e.peutSInscrire && !mine && (
        <Button
          iconId="fr-icon-user-add-line"
          disabled={pending}
          onClick={() => register.mutate(undefined, { onSuccess: () => setSaid('') })}
        >
          {complet ? 'Rejoindre la liste d’attente' : 'M’inscrire'}
        </Button>
      )}
      {e.peutSInscrire && mine && (
        <Button
          priority="secondary"
          iconId="fr-icon-close-line"
          disabled={pending}
          onClick={() => unregister.mutate(undefined, { onSuccess: () => setSaid('Vous êtes désinscrit.') })}
        >
          {mine.statut === 'attente' ? 'Quitter la liste d’attente' : 'Me désinscrire'}
        </Button>
      )}
      {!e.peutSInscrire && !mine && !passe && e.statut === 'publie' && (
        <p className={fr.cx('fr-text--sm')}>Les inscriptions sont ouvertes aux chefs de projet et aux élus des petites villes de demain.</p>
      )}
      <p className={fr.cx('fr-mt-3w', 'fr-mb-0')}>
        <a className={fr.cx('fr-link', 'fr-icon-calendar-line', 'fr-link--icon-left')} href={`/api/club/evenements/${encodeURIComponent(e.id)}/ics`} download>
          Ajouter à mon agenda (.ics)
        </a>
      </p>
    </section>
  );
}

/** The organiser's tools: edit, cancel, registrations. */
function OrganiserPanel({ evenement: e }: { evenement: Evenement }) {
  const cancel = useCancelEvenement(e.id);
  const { ask, dialog } = useConfirmation('club-annulation');
  return (
    <section className={fr.cx('fr-mt-6w')} aria-labelledby="organisation-titre">
      <h2 id="organisation-titre">
        Organisation
      </h2>
      {cancel.isError && <Alert className={fr.cx('fr-mb-2w')} severity="error" small description={errorMessage(cancel.error)} />}
      {e.statut !== 'annule' && (
        <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
          <Button iconId="fr-icon-edit-line" linkProps={{ to: `/club/evenements/${e.id}/modifier` }}>
            Modifier l’événement
          </Button>
          {(CLUB_CYCLE_TYPES as readonly string[]).includes(e.type) && (
            <Button priority="secondary" iconId="fr-icon-add-line" linkProps={{ to: `/club/organisation/nouveau?parent=${e.id}` }}>
              Ajouter une séance
            </Button>
          )}
          <Button
            priority="secondary"
            iconId="fr-icon-close-circle-line"
            disabled={cancel.isPending}
            onClick={() =>
              ask({
                title: 'Annuler cet événement ?',
                consequence: `Les ${e.inscrits + e.enAttente} personnes inscrites ou en liste d’attente seront prévenues. L’annulation est définitive.`,
                confirmLabel: 'Annuler l’événement',
                onConfirm: () => cancel.mutate(e.version),
              })
            }
          >
            Annuler l’événement
          </Button>
        </div>
      )}
      {dialog}
      <InscriptionsSection evenement={e} />
    </section>
  );
}
