import { DEV_LINK_SECRET } from '../core/config/config';
import { defineArea } from '../test/access-matrix.support';
import { CSRF } from '../test/test-app';
import { unsubscribeToken } from './unsubscribe-token';

interface Records {
  /** A notification of another account: nobody else reads or marks it. */
  othersNotification: string;
  /** That account's unsubscribe token (the link works without a session, for anyone holding it). */
  token: string;
}

/**
 * Notifications: every signed-in user reads and marks their own, and only their own (another
 * account's notification does not exist for them: 404); preferences are the caller's own. The
 * unsubscribe link is public: the signed token is its only authority.
 */
export const notificationsAccessCases = defineArea<Records>({
  setup: async ({ dataSource }) => {
    const [user] = await dataSource.query(`INSERT INTO app_user (email, display_name) VALUES ('notifications.matrice@test.invalid', 'Autre compte') RETURNING id`);
    const [notification] = await dataSource.query(
      `INSERT INTO notification (recipient_id, kind, item_type, item_id, item_label, item_path, title, delivery)
       VALUES ($1, 'message', 'dossier', 'x', 'Ahun', '/pvd/x', 'Pour un autre', 'aucun') RETURNING id`,
      [user.id],
    );
    return { othersNotification: notification.id, token: unsubscribeToken(DEV_LINK_SECRET, user.id, 'message') };
  },
  cases: {
    'GET /api/notifications': { send: (a) => a.get('/api/notifications'), ok: 200 },
    'GET /api/notifications/non-lues': { send: (a) => a.get('/api/notifications/non-lues'), ok: 200 },
    'POST /api/notifications/lues': { send: (a) => a.post('/api/notifications/lues').set(CSRF), ok: 200 },
    'POST /api/notifications/:id/lue': { send: (a, r) => a.post(`/api/notifications/${r.othersNotification}/lue`).set(CSRF), ok: 404, expected: () => 404 },
    'GET /api/notifications/preferences': { send: (a) => a.get('/api/notifications/preferences'), ok: 200 },
    'PUT /api/notifications/preferences/:kind': {
      send: async (a) => {
        const current = await a.get('/api/notifications/preferences');
        const items: { kind: string; version: number }[] = current.body?.items ?? [];
        const version = items.find((p) => p.kind === 'message')?.version ?? 0;
        return a.put('/api/notifications/preferences/message').set(CSRF).send({ delivery: 'hebdomadaire', version });
      },
      ok: 200,
    },
    'GET /api/notifications/desabonnement': { send: (a, r) => a.get(`/api/notifications/desabonnement?jeton=${encodeURIComponent(r.token)}`), ok: 200 },
    'POST /api/notifications/desabonnement': { send: (a, r) => a.post(`/api/notifications/desabonnement?jeton=${encodeURIComponent(r.token)}`), ok: 200 },
  },
});
