import { renderNotificationEmail } from './notification-email.render';
import { unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

const SECRET = 'x'.repeat(40);
const USER = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('unsubscribe tokens', () => {
  it('round-trips a user and a kind or digest, and refuses anything altered', () => {
    const token = unsubscribeToken(SECRET, USER, 'convention_deposee');
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({ userId: USER, scope: 'convention_deposee' });
    expect(verifyUnsubscribeToken(SECRET, unsubscribeToken(SECRET, USER, 'quotidien'))).toEqual({ userId: USER, scope: 'quotidien' });
    expect(verifyUnsubscribeToken('y'.repeat(40), token)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, token.replace('convention_deposee', 'convention_signee'))).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, token.replace(USER, USER.replace('0f8', '1f8')))).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, `${token}.x`)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, '')).toBeNull();
  });
});

describe('notification emails', () => {
  const base = { displayName: 'Dominique <Bernard>', publicUrl: 'https://pvd.example.fr', unsubscribeUrl: (s: string) => `https://pvd.example.fr/notifications/desabonnement?jeton=${s}` };

  it('renders one notification with links to the item, the preferences and unsubscribe, HTML escaped', () => {
    const email = renderNotificationEmail({
      ...base,
      cadence: 'immediat',
      periode: null,
      notifications: [{ kind: 'convention_renvoyee', title: 'Convention renvoyée pour compléments', body: 'Précisez <le> plan.', itemLabel: 'Convention-cadre — Ahun', itemPath: '/conventions/c1', day: '2026-12-04' }],
    });
    expect(email.subject).toBe('Suivi PVD : Convention renvoyée pour compléments');
    expect(email.text).toContain('Voir : https://pvd.example.fr/conventions/c1');
    expect(email.text).toContain('Modifier vos préférences : https://pvd.example.fr/notifications/preferences');
    expect(email.text).toContain('jeton=convention_renvoyee');
    expect(email.html).toContain('Dominique &lt;Bernard&gt;');
    expect(email.html).toContain('Précisez &lt;le&gt; plan.');
    expect(email.unsubscribeScope).toBe('convention_renvoyee');
  });

  it('groups a digest by kind and never links outside the platform', () => {
    const email = renderNotificationEmail({
      ...base,
      cadence: 'hebdomadaire',
      periode: '2026-W49',
      notifications: [
        { kind: 'message', title: 'Nouveau message', body: null, itemLabel: 'Ahun', itemPath: '//evil.example/x', day: '2026-12-01' },
        { kind: 'echeance', title: 'Échéance', body: null, itemLabel: 'Ajain', itemPath: '/pvd/2', day: '2026-12-02' },
        { kind: 'message', title: 'Nouveau message', body: 'Bonjour', itemLabel: 'Ajain', itemPath: '/pvd/2', day: '2026-12-03' },
      ],
    });
    expect(email.subject).toBe('Suivi PVD : 3 notifications de la semaine');
    expect(email.text).toContain('Message sur un élément suivi (2)');
    expect(email.text).toContain('Échéance et rappel (1)');
    expect(email.text).toContain('https://pvd.example.fr/evil.example/x');
    expect(email.text).not.toContain('https://pvd.example.fr//evil');
    expect(email.unsubscribeScope).toBe('hebdomadaire');
  });
});
