import { Mailer } from './mailer.service';
import { CSRF, TEST_PASSWORD, useTestApp } from '../../test/test-app';

const unique = (prefix: string) => `${prefix}.${Math.random().toString(36).slice(2, 10)}@test.invalid`;
const subjects = (body: { items: { subject: string }[] }) => body.items.map((e) => e.subject);
const recipients = (body: { items: { to: string[] }[] }) => body.items.flatMap((e) => e.to);

describe('development mailbox (DEV_MAILBOX=true)', () => {
  const t = useTestApp({ DEV_MAILBOX: 'true' });
  const mailer = () => t.app.get(Mailer);
  const sink = () => {
    const s = mailer().sink();
    if (!s) throw new Error('SMTP sink expected in tests');
    return s;
  };
  beforeEach(() => sink().clear());

  it('no longer lets a préfecture take over an administrator account through the reset link (issue 12)', async () => {
    const admin = await t.signIn('administrateur');
    const prefecture = await t.signIn('prefecture_instructeur');

    // 1. The préfecture asks a password reset for the administrator, and invites nobody.
    await prefecture.agent.post('/api/auth/reinitialisation/demande').set(CSRF).send({ email: admin.user.email }).expect(202);
    // …and an administrator invitation is pending too.
    const pending = unique('futur.admin');
    await admin.agent
      .post('/api/comptes/invitations')
      .set(CSRF)
      .send({ email: pending, displayName: 'Futur administrateur', organisation: { type: 'anct' }, role: 'administrateur' })
      .expect(201);
    await sink().waitFor((m) => m.to.includes(admin.user.email), 5000);
    await sink().waitFor((m) => m.to.includes(pending), 5000);

    // 2. It reads the mailbox: nothing addressed to anyone else, whatever it asks.
    const all = await prefecture.agent.get('/api/dev/emails').expect(200);
    expect(all.body.items).toEqual([]);
    const targeted = await prefecture.agent.get('/api/dev/emails').query({ to: admin.user.email }).expect(200);
    expect(targeted.body.items).toEqual([]);
    expect(JSON.stringify([all.body, targeted.body])).not.toContain('jeton=');

    // 3. It cannot empty the mailbox to hide the reset from the administrator.
    const refused = await prefecture.agent.delete('/api/dev/emails').set(CSRF).expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('administrateur') });

    // 4. The administrator's password still opens their account; their own mail is theirs to read.
    await t.http().post('/api/auth/login').set(CSRF).send({ email: admin.user.email, password: TEST_PASSWORD }).expect(200);
    const own = await admin.agent.get('/api/dev/emails').query({ to: admin.user.email }).expect(200);
    expect(subjects(own.body)).toEqual(['Réinitialisation de votre mot de passe Suivi PVD']);
  });

  it('shows a chef de projet only the emails addressed to them', async () => {
    const chef = await t.signIn('chef_de_projet');
    await mailer().send({ to: `Chef <${chef.user.email.toUpperCase()}>`, subject: 'Pour le chef', text: 'a' });
    await mailer().send({ to: 'autre@exemple.fr', subject: 'Pour un autre', text: 'b' });
    await mailer().send({ to: ['autre@exemple.fr', chef.user.email], subject: 'Pour les deux', text: 'c' });

    const mine = await chef.agent.get('/api/dev/emails').expect(200);
    expect(subjects(mine.body)).toEqual(['Pour le chef', 'Pour les deux']);
    const other = await chef.agent.get('/api/dev/emails').query({ to: 'autre@exemple.fr' }).expect(200);
    expect(subjects(other.body)).toEqual(['Pour les deux']); // only because it is addressed to them too
    await chef.agent.delete('/api/dev/emails').set(CSRF).expect(403);
    expect(sink().messages()).toHaveLength(3);
  });

  it('lets an administrator read every email, filter by recipient and empty the mailbox', async () => {
    const admin = await t.signIn('administrateur');
    await mailer().send({ to: 'Agent <Agent@Exemple.fr>', subject: 'Pour l’agent', text: 'a', html: '<b>a</b>' });
    await mailer().send({ to: 'autre@exemple.fr', subject: 'Pour un autre', text: 'b' });

    const all = await admin.agent.get('/api/dev/emails').expect(200);
    expect(subjects(all.body)).toEqual(['Pour l’agent', 'Pour un autre']);
    expect(all.body.items[0]).toEqual({
      id: expect.any(String),
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      from: '"Suivi PVD" <ne-pas-repondre@suivi-pvd.invalid>',
      to: ['Agent@exemple.fr'], // nodemailer lowercases the domain of envelope addresses
      subject: 'Pour l’agent',
      text: 'a',
      html: '<b>a</b>',
    });
    const filtered = await admin.agent.get('/api/dev/emails').query({ to: 'agent@exemple.fr' }).expect(200);
    expect(recipients(filtered.body)).toEqual(['Agent@exemple.fr']);

    await admin.agent.delete('/api/dev/emails').set(CSRF).expect(204);
    expect(sink().messages()).toEqual([]);
  });

  it('answers nobody without a session', async () => {
    await mailer().send({ to: 'autre@exemple.fr', subject: 'Secret', text: 'jeton=x' });
    await t.http().get('/api/dev/emails').expect(401);
    await t.http().delete('/api/dev/emails').set(CSRF).expect(401);
    expect(sink().messages()).toHaveLength(1);
  });
});

describe('development mailbox left off (DEV_MAILBOX unset, no demo data)', () => {
  const t = useTestApp();

  it('does not exist, even for an administrator', async () => {
    const admin = await t.signIn('administrateur');
    await admin.agent.get('/api/dev/emails').expect(404);
    await admin.agent.delete('/api/dev/emails').set(CSRF).expect(404);
  });
});
