import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { CLUB_INSCRIPTION_STATUT_LABELS } from '@suivi-pvd/domain';
import { formatDateTime } from '@suivi-pvd/ui';
import { LoadingView } from '../app/loading.view';
import { errorMessage, QueryErrorAlert } from '../app/query-error-alert';
import { ExportLinks } from '../shared/export-links';
import { useInscriptions, useSetPresence, type Evenement, type Inscription } from './data/club.hooks';

/** The organiser's list of registrations: seats, then the waiting list in order, then those who left; attendance boxes; export. */
export function InscriptionsSection({ evenement }: { evenement: Evenement }) {
  const list = useInscriptions(evenement.id, true);
  const presence = useSetPresence(evenement.id);
  const title = `Inscriptions à « ${evenement.titre} »`;
  return (
    <>
      <h3 className={fr.cx('fr-h5', 'fr-mt-4w')}>Inscriptions</h3>
      {list.isPending && <LoadingView label="Chargement des inscriptions…" />}
      {list.isError && <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <>
          <p role="status">
            {list.data.inscrits} inscrit{list.data.inscrits > 1 ? 's' : ''}, {list.data.enAttente} en liste d’attente, {list.data.presents} présent{list.data.presents > 1 ? 's' : ''}{' '}
            marqué{list.data.presents > 1 ? 's' : ''}.
          </p>
          {presence.isError && <Alert className={fr.cx('fr-mb-2w')} severity="error" small description={errorMessage(presence.error)} />}
          {list.data.items.length === 0 ? (
            <p>Personne ne s’est encore inscrit.</p>
          ) : (
            <>
              <ExportLinks listPath={`/api/club/evenements/${evenement.id}/inscriptions`} filters={{}} what="les inscriptions" />
              <div className={fr.cx('fr-table', 'fr-table--no-caption')}>
                <div className="fr-table__wrapper">
                  <div className="fr-table__container">
                    <div className="fr-table__content">
                      <table>
                        <caption>{title}</caption>
                        <thead>
                          <tr>
                            <th scope="col">Personne</th>
                            <th scope="col">Organisation</th>
                            <th scope="col">Inscription</th>
                            <th scope="col">Inscrit le</th>
                            <th scope="col">Présent</th>
                          </tr>
                        </thead>
                        <tbody>
                          {list.data.items.map((i) => (
                            <InscriptionRow key={i.id} inscription={i} pending={presence.isPending} onPresence={(value) => presence.mutate({ inscriptionId: i.id, presence: value, version: i.version })} />
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </div>
                </div>
              </div>
            </>
          )}
        </>
      )}
    </>
  );
}

function InscriptionRow({ inscription: i, pending, onPresence }: { inscription: Inscription; pending: boolean; onPresence: (value: boolean) => void }) {
  const id = `presence-${i.id}`;
  return (
    <tr>
      <th scope="row">
        {i.nom}
        <span className={fr.cx('fr-text--xs', 'fr-mb-0')} style={{ display: 'block', fontWeight: 'normal' }}>
          {i.email}
        </span>
      </th>
      <td>{i.organisation}</td>
      <td>
        {CLUB_INSCRIPTION_STATUT_LABELS[i.statut]}
        {i.position !== null ? ` (${i.position})` : ''}
      </td>
      <td>{formatDateTime(i.inscritLe)}</td>
      <td>
        {i.statut === 'inscrit' ? (
          <div className={fr.cx('fr-checkbox-group', 'fr-checkbox-group--sm')}>
            <input type="checkbox" id={id} checked={i.presence === true} disabled={pending} onChange={(event) => onPresence(event.currentTarget.checked)} />
            <label className="fr-label" htmlFor={id}>
              Présent<span className="fr-sr-only">{` : ${i.nom}`}</span>
            </label>
          </div>
        ) : (
          '–'
        )}
      </td>
    </tr>
  );
}
