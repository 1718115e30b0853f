import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { NOTIFICATION_KIND_LABELS } from '@suivi-pvd/domain';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { useUnsubscribe, useUnsubscribeInfo } from './data/notifications.hooks';

/**
 * The page of an email's unsubscribe link, without signing in. Opening it changes nothing (mail
 * clients prefetch links): the button confirms.
 */
export function UnsubscribeView({ token }: { token: string }) {
  useDocumentTitle('Se désabonner des courriels');
  const info = useUnsubscribeInfo(token);
  const unsubscribe = useUnsubscribe(token);

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
        <h1>Se désabonner des courriels</h1>
        {!token ? (
          <Alert severity="error" title="Lien incomplet" description="Ce lien ne contient pas de jeton. Ouvrez le lien complet depuis le courriel reçu." />
        ) : info.isPending ? (
          <LoadingView />
        ) : info.error ? (
          <QueryErrorAlert error={info.error} title="Ce lien de désabonnement n’est pas valide" />
        ) : info.data.done ? (
          <Alert
            severity="success"
            title="C’est fait"
            description={
              <>
                L’adresse {info.data.email} ne recevra plus {info.data.label}. Les notifications restent visibles dans l’application. Vous pouvez changer d’avis dans vos{' '}
                <a href="/notifications/preferences">préférences de notification</a> une fois connecté.
              </>
            }
          />
        ) : (
          <>
            <p>
              Voulez-vous que l’adresse <strong>{info.data.email}</strong> ne reçoive plus {info.data.label} ?
            </p>
            {info.data.kinds.length > 1 && (
              <ul>
                {info.data.kinds.map((k) => (
                  <li key={k}>{NOTIFICATION_KIND_LABELS[k]}</li>
                ))}
              </ul>
            )}
            {unsubscribe.error && <QueryErrorAlert error={unsubscribe.error} title="Le désabonnement a échoué" spacing="fr-mb-3w" />}
            <Button iconId="fr-icon-mail-close-line" disabled={unsubscribe.isPending} onClick={() => unsubscribe.mutate()}>
              Confirmer le désabonnement
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
