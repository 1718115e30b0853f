import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { formatDateTime } from '@suivi-pvd/ui';
import { LinkifiedText } from '@suivi-pvd/ui';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useClearDevEmails, useDevEmails } from './data/dev-emails.hooks';

/**
 * Emails captured by the local SMTP sink (development and demo instances only), so that a
 * demo user can open invitation and reset links. The API shows administrators every email and
 * everyone else only their own; only administrators may empty the mailbox.
 */
export function DevEmailsTab({ administrator }: { administrator: boolean }) {
  const emails = useDevEmails(true);
  const clear = useClearDevEmails();
  const items = emails.data ? [...emails.data.items].reverse() : [];

  return (
    <>
      <h2 className={fr.cx('fr-h4')}>Courriels de développement</h2>
      <Alert
        className={fr.cx('fr-mb-3w')}
        severity="info"
        small
        description={
          administrator
            ? "Sur cette instance de démonstration, les courriels ne sont pas envoyés : ils sont conservés ici, du plus récent au plus ancien, jusqu'au redémarrage du serveur."
            : "Sur cette instance de démonstration, les courriels ne sont pas envoyés : ceux qui vous sont adressés sont conservés ici, du plus récent au plus ancien, jusqu'au redémarrage du serveur."
        }
      />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-btns-group--icon-left')}>
        <li>
          <Button
            priority="secondary"
            iconId="fr-icon-refresh-line"
            disabled={emails.isFetching}
            onClick={() => void emails.refetch()}
          >
            Actualiser
          </Button>
        </li>
        {administrator && (
          <li>
            <Button
              priority="tertiary"
              iconId="fr-icon-delete-line"
              disabled={clear.isPending || items.length === 0}
              onClick={() => clear.mutate()}
            >
              Vider la boîte
            </Button>
          </li>
        )}
      </ul>
      {emails.isPending && <LoadingView label="Chargement des courriels…" />}
      {emails.isError && (
        <QueryErrorAlert
          title="Les courriels n'ont pas pu être chargés"
          error={emails.error}
          onRetry={() => void emails.refetch()}
        />
      )}
      {emails.data && (
        <section aria-busy={emails.isFetching} aria-label="Courriels reçus">
          <p role="status" aria-live="polite">
            {items.length === 0
              ? 'Aucun courriel.'
              : `${items.length} courriel${items.length > 1 ? 's' : ''}.`}
          </p>
          <ul style={{ listStyle: 'none', paddingLeft: 0 }}>
            {items.map((email) => (
              <li key={email.id} className={fr.cx('fr-mb-3w')}>
                <article
                  aria-labelledby={`courriel-${email.id}`}
                  className={fr.cx('fr-p-3w')}
                  style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}
                >
                  <h3 id={`courriel-${email.id}`} className={fr.cx('fr-h6', 'fr-mb-1w')}>
                    {email.subject}
                  </h3>
                  <p className={fr.cx('fr-text--sm', 'fr-mb-2w')}>
                    À : {email.to.join(', ')} – reçu le {formatDateTime(email.receivedAt) ?? email.receivedAt}
                  </p>
                  <LinkifiedText text={email.text} className={fr.cx('fr-mb-0')} />
                </article>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
