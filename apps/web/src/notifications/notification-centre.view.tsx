import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { SegmentedControl } from '@codegouvfr/react-dsfr/SegmentedControl';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { NOTIFICATIONS_PAGE_SIZE, useMarkAllRead, useMarkRead, useNotifications, type NotificationItem } from './data/notifications.hooks';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** The caller's notifications, newest first: all or unread only, paginated, each linking to its item. */
export function NotificationCentreView() {
  useDocumentTitle('Notifications');
  const [searchParams, setSearchParams] = useSearchParams();
  const unreadOnly = searchParams.get('filtre') === 'non-lues';
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const { data, error, isPending, refetch } = useNotifications(unreadOnly, page);
  const markAll = useMarkAllRead();
  const pageCount = data ? Math.max(1, Math.ceil(data.total / NOTIFICATIONS_PAGE_SIZE)) : 1;
  const pageSearch = (n: number) => {
    const next = new URLSearchParams(searchParams);
    if (n > 1) next.set('page', String(n));
    else next.delete('page');
    return `?${next.toString()}`;
  };

  return (
    <>
      <h1>Notifications</h1>
      <div className={fr.cx('fr-mb-2w')} style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', alignItems: 'center', justifyContent: 'space-between' }}>
        <SegmentedControl
          legend="Afficher"
          hideLegend
          small
          segments={[
            { label: 'Toutes', nativeInputProps: { checked: !unreadOnly, onChange: () => setSearchParams({}) } },
            { label: `Non lues${data ? ` (${data.unread})` : ''}`, nativeInputProps: { checked: unreadOnly, onChange: () => setSearchParams({ filtre: 'non-lues' }) } },
          ]}
        />
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
          <Button priority="secondary" size="small" disabled={!data || data.unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
            Tout marquer comme lu
          </Button>
          <Button priority="tertiary" size="small" linkProps={{ to: '/notifications/preferences' }}>
            Préférences de courriel
          </Button>
        </div>
      </div>
      {markAll.error && <QueryErrorAlert error={markAll.error} title="Les notifications n’ont pas pu être marquées comme lues" spacing="fr-mb-3w" />}
      {isPending ? (
        <LoadingView />
      ) : error ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <p>{unreadOnly ? 'Aucune notification non lue.' : 'Aucune notification pour le moment.'}</p>
      ) : (
        <>
          <p className={fr.cx('fr-text--sm', 'fr-mb-1w')} aria-live="polite">
            {data.total} notification{data.total > 1 ? 's' : ''}, dont {data.unread} non lue{data.unread > 1 ? 's' : ''}
          </p>
          <ul className={fr.cx('fr-raw-list')} aria-label="Liste des notifications">
            {data.items.map((n) => (
              <NotificationRow key={n.id} notification={n} />
            ))}
          </ul>
          {pageCount > 1 && <Pagination className={fr.cx('fr-mt-3w')} count={pageCount} defaultPage={page} showFirstLast getPageLinkProps={(n) => ({ to: pageSearch(n) })} />}
        </>
      )}
    </>
  );
}

function NotificationRow({ notification: n }: { notification: NotificationItem }) {
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const unread = n.readAt === null;
  return (
    <li
      className={fr.cx('fr-p-2w', 'fr-mb-1w')}
      style={{ borderLeft: unread ? '4px solid var(--border-action-high-blue-france)' : '4px solid var(--border-default-grey)', background: unread ? 'var(--background-alt-blue-france)' : undefined }}
    >
      <p className={fr.cx('fr-text--xs', 'fr-mb-1v')}>
        {n.kindLabel} · {dateTime.format(new Date(n.createdAt))}
        {n.actorName ? ` · par ${n.actorName}` : ''}
        {unread && <span className={fr.cx('fr-badge', 'fr-badge--sm', 'fr-badge--new', 'fr-ml-1w')}>Non lue</span>}
      </p>
      <p className={fr.cx('fr-text--md', 'fr-text--bold', 'fr-mb-1v')}>
        <Link
          to={n.itemPath}
          onClick={(event) => {
            if (!unread) return;
            // Marked read on the way to the item.
            event.preventDefault();
            markRead.mutate(n.id, { onSettled: () => void navigate(n.itemPath) });
          }}
        >
          {n.title} — {n.itemLabel}
        </Link>
      </p>
      {n.body && (
        <p className={fr.cx('fr-text--sm', 'fr-mb-1v')} style={{ whiteSpace: 'pre-line' }}>
          {n.body}
        </p>
      )}
      {unread && (
        <Button priority="tertiary no outline" size="small" onClick={() => markRead.mutate(n.id)} disabled={markRead.isPending}>
          Marquer comme lue
          <span className={fr.cx('fr-sr-only')}> : {n.title}</span>
        </Button>
      )}
    </li>
  );
}
