import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { NOTIFICATION_DELIVERIES, NOTIFICATION_DELIVERY_LABELS, type NotificationDelivery } from '@suivi-pvd/domain';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { usePreferences, useSetPreference, type Preference } from './data/notifications.hooks';

/**
 * How each kind of notification reaches the user by email: a table of kinds × choices (radio
 * buttons, one group per kind), saved on change. In-app notifications are always kept.
 */
export function PreferencesView() {
  useDocumentTitle('Préférences de notification');
  const { data, error, isPending, refetch } = usePreferences();
  const save = useSetPreference();

  return (
    <>
      <h1>Préférences de notification</h1>
      <p>
        Les notifications restent toujours visibles dans le centre de notifications. Choisissez ici, pour chaque type, si vous recevez aussi un courriel : immédiatement,
        dans un résumé quotidien (chaque matin) ou hebdomadaire (le lundi matin), ou jamais.
      </p>
      {save.error && <QueryErrorAlert error={save.error} title="Votre choix n’a pas été enregistré" spacing="fr-mb-3w" />}
      {save.isSuccess && !save.isPending && <Alert className={fr.cx('fr-mb-3w')} severity="success" small description="Votre choix est enregistré." role="status" />}
      {isPending ? (
        <LoadingView />
      ) : error ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <div className={fr.cx('fr-table', 'fr-table--no-caption')}>
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>Envoi des courriels par type de notification</caption>
                  <thead>
                    <tr>
                      <th scope="col">Type de notification</th>
                      {NOTIFICATION_DELIVERIES.map((d) => (
                        <th key={d} scope="col">
                          {NOTIFICATION_DELIVERY_LABELS[d]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((p) => (
                      <PreferenceRow key={p.kind} preference={p} disabled={save.isPending} onChange={(delivery) => save.mutate({ kind: p.kind, delivery, version: p.version })} />
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

function PreferenceRow({ preference: p, disabled, onChange }: { preference: Preference; disabled: boolean; onChange: (delivery: NotificationDelivery) => void }) {
  const name = `preference-${p.kind}`;
  const headerId = `${name}-libelle`;
  return (
    <tr>
      <th scope="row" id={headerId}>
        {p.label}
        <br />
        <span className={fr.cx('fr-text--xs')}>{p.chosen ? `Par défaut : ${NOTIFICATION_DELIVERY_LABELS[p.defaultDelivery].toLowerCase()}` : 'Valeur par défaut de votre rôle'}</span>
      </th>
      {NOTIFICATION_DELIVERIES.map((d) => {
        const id = `${name}-${d}`;
        return (
          <td key={d}>
            <div className={fr.cx('fr-radio-group', 'fr-radio-group--sm')}>
              <input type="radio" id={id} name={name} value={d} checked={p.delivery === d} disabled={disabled} onChange={() => onChange(d)} aria-describedby={headerId} />
              {/* The label names the kind too, for assistive technologies (the row header is not read with each choice). */}
              <label className={fr.cx('fr-label')} htmlFor={id}>
                <span className={fr.cx('fr-sr-only')}>{p.label} : </span>
                {NOTIFICATION_DELIVERY_LABELS[d]}
              </label>
            </div>
          </td>
        );
      })}
    </tr>
  );
}
