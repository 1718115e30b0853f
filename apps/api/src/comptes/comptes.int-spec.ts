import request from 'supertest';
import { Mailer } from '../core/mail/mailer.service';
import { startSmtpSink, type SmtpSink } from '../core/mail/smtp-sink';
import { waitForJob } from '../test/jobs';
import { CSRF, TEST_PASSWORD, useTestApp } from '../test/test-app';

const GOOD_PASSWORD = 'une phrase de passe solide';

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | null | undefined | false = null;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Condition not met in ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

describe('accounts: invitations, links, administration', () => {
  const t = useTestApp();
  const sink = () => {
    const s = t.app.get(Mailer).sink();
    if (!s) throw new Error('SMTP sink expected in tests');
    return s;
  };
  const linkToken = (text: string) => {
    const match = /jeton=([A-Za-z0-9_%-]+)/.exec(text);
    if (!match) throw new Error(`No link in: ${text}`);
    return decodeURIComponent(match[1]);
  };
  const unique = (prefix: string) => `${prefix}.${Math.random().toString(36).slice(2, 10)}@test.invalid`;

  it('lets an administrator invite a chef de projet, who chooses a password through the emailed link', async () => {
    const admin = await t.signIn('administrateur');
    const email = unique('invitee');
    const res = await admin.agent
      .post('/api/comptes/invitations')
      .set(CSRF)
      .send({ email: email.toUpperCase(), displayName: 'Lou Invitée', organisation: { type: 'commune', communeInsee: '23001' }, role: 'chef_de_projet' })
      .expect(201);
    expect(res.body).toMatchObject({ email, invitationSent: true });
    const mail = await sink().waitFor((m) => m.to.includes(email), 5000);
    expect(mail.subject).toBe('Invitation à rejoindre Suivi PVD');
    expect(mail.text).toContain('« Chef de projet PVD » pour Commune d’Ahun');
    const token = linkToken(mail.text);

    // Not yet active: no password, no login.
    await t.http().post('/api/auth/login').set(CSRF).send({ email, password: GOOD_PASSWORD }).expect(401);

    const weak = await t.http().post('/api/auth/invitation/acceptation').set(CSRF).send({ token, password: 'court' }).expect(400);
    expect(weak.body).toMatchObject({ code: 'PASSWORD_REJECTED', fields: { password: [expect.stringContaining('12 caractères')] } });

    const invitee = request.agent(t.app.getHttpServer());
    const accepted = await invitee.post('/api/auth/invitation/acceptation').set(CSRF).send({ token, password: GOOD_PASSWORD }).expect(200);
    expect(accepted.body).toMatchObject({ email, memberships: [{ role: 'chef_de_projet', communeInsee: '23001' }] });
    await invitee.get('/api/auth/me').expect(200);

    const reused = await t.http().post('/api/auth/invitation/acceptation').set(CSRF).send({ token, password: GOOD_PASSWORD }).expect(400);
    expect(reused.body.code).toBe('TOKEN_INVALID');
    const audit = await t.dataSource.query(`SELECT action, actor_label, ip FROM audit_log WHERE entity_id = $1 ORDER BY id`, [res.body.userId]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['compte.invitation', 'compte.activation']);
    expect(audit[0].actor_label).toBe(admin.user.email);
    expect(audit[0].ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it('lets a préfecture invite the people of its own communes only', async () => {
    const prefecture = await t.signIn('prefecture_instructeur');
    const ok = await prefecture.agent
      .post('/api/comptes/invitations')
      .set(CSRF)
      .send({ email: unique('elu'), displayName: 'Élu Ajain', organisation: { type: 'commune', communeInsee: '23002' }, role: 'elu_lecteur' })
      .expect(201);
    expect(ok.body.invitationSent).toBe(true);
    const outside = await prefecture.agent
      .post('/api/comptes/invitations')
      .set(CSRF)
      .send({ email: unique('x'), displayName: 'Chef Aigre', organisation: { type: 'commune', communeInsee: '16005' }, role: 'chef_de_projet' })
      .expect(403);
    expect(outside.body.code).toBe('INVITATION_OUT_OF_SCOPE');
    await prefecture.agent
      .post('/api/comptes/invitations')
      .set(CSRF)
      .send({ email: unique('x'), displayName: 'Collègue', organisation: { type: 'prefecture', departementCode: '23' }, role: 'prefecture_instructeur' })
      .expect(403);
    const chef = await t.signIn('chef_de_projet');
    const forbidden = await chef.agent
      .post('/api/comptes/invitations')
      .set(CSRF)
      .send({ email: unique('x'), displayName: 'Collègue', organisation: { type: 'commune', communeInsee: '23001' }, role: 'elu_lecteur' })
      .expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
  });

  it('refuses a role the organisation cannot give, and an unknown territory, field by field', async () => {
    const admin = await t.signIn('administrateur');
    const role = await admin.agent
      .post('/api/comptes/invitations')
      .set(CSRF)
      .send({ email: unique('x'), displayName: 'X Y', organisation: { type: 'commune', communeInsee: '23001' }, role: 'prefecture_instructeur' })
      .expect(400);
    expect(role.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED_IN_ORGANISATION', fields: { role: [expect.any(String)] } });
    const unknown = await admin.agent
      .post('/api/comptes/invitations')
      .set(CSRF)
      .send({ email: unique('x'), displayName: 'X Y', organisation: { type: 'commune', communeInsee: '23999' }, role: 'chef_de_projet' })
      .expect(404);
    expect(unknown.body.code).toBe('TERRITORY_NOT_FOUND');
    const missing = await admin.agent
      .post('/api/comptes/invitations')
      .set(CSRF)
      .send({ email: 'pas-une-adresse', displayName: 'X', organisation: { type: 'commune' }, role: 'chef_de_projet' })
      .expect(400);
    expect(Object.keys(missing.body.fields).sort()).toEqual(['displayName', 'email']);
  });

  it('gives an existing account the new role without a new password link', async () => {
    const admin = await t.signIn('administrateur');
    const existing = await t.signIn('elu_lecteur');
    const res = await admin.agent
      .post('/api/comptes/invitations')
      .set(CSRF)
      .send({ email: existing.user.email, displayName: 'ignored', organisation: { type: 'commune', communeInsee: '23002' }, role: 'chef_de_projet' })
      .expect(201);
    expect(res.body).toMatchObject({ userId: existing.user.id, invitationSent: false });
    const mail = await sink().waitFor((m) => m.to.includes(existing.user.email) && m.subject === 'Nouveau rôle dans Suivi PVD', 5000);
    expect(mail.text).not.toContain('jeton=');
    const me = await existing.agent.get('/api/auth/me').expect(200);
    expect(me.body.memberships.map((m: { communeInsee: string }) => m.communeInsee).sort()).toEqual(['23001', '23002']);
  });

  it('resets a password by emailed link, ending every older session; the request never tells whether the address exists', async () => {
    const { agent, user } = await t.signIn('sgar_lecteur');
    const known = await t.http().post('/api/auth/reinitialisation/demande').set(CSRF).send({ email: user.email }).expect(202);
    const unknown = await t.http().post('/api/auth/reinitialisation/demande').set(CSRF).send({ email: unique('ghost') }).expect(202);
    expect(known.body).toEqual(unknown.body);
    const mail = await sink().waitFor((m) => m.to.includes(user.email), 5000);
    const token = linkToken(mail.text);
    await t.http().post('/api/auth/reinitialisation/confirmation').set(CSRF).send({ token, password: GOOD_PASSWORD }).expect(204);
    await agent.get('/api/auth/me').expect(401);
    await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email, password: TEST_PASSWORD }).expect(401);
    await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email, password: GOOD_PASSWORD }).expect(200);
    const again = await t.http().post('/api/auth/reinitialisation/confirmation').set(CSRF).send({ token, password: GOOD_PASSWORD }).expect(400);
    expect(again.body.code).toBe('TOKEN_INVALID');
  });

  it('changes the password: the current one is checked, other sessions end, this one goes on', async () => {
    const { agent, user } = await t.signIn('anct_directeur');
    const other = request.agent(t.app.getHttpServer());
    await other.post('/api/auth/login').set(CSRF).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const wrong = await agent.post('/api/auth/mot-de-passe').set(CSRF).send({ currentPassword: 'faux', newPassword: GOOD_PASSWORD }).expect(400);
    expect(wrong.body).toMatchObject({ code: 'PASSWORD_INCORRECT', fields: { currentPassword: [expect.any(String)] } });
    await agent.post('/api/auth/mot-de-passe').set(CSRF).send({ currentPassword: TEST_PASSWORD, newPassword: GOOD_PASSWORD }).expect(200);
    await agent.get('/api/auth/me').expect(200);
    await other.get('/api/auth/me').expect(401);
  });

  it('lists accounts in the caller’s scope: everything for an administrator, its département for a préfecture', async () => {
    const admin = await t.signIn('administrateur');
    const prefecture = await t.signIn('prefecture_instructeur');
    const inCreuse = await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23002' });
    const inCharente = await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '16005' });
    const all = await admin.agent.get(`/api/comptes?q=${encodeURIComponent('chef_de_projet')}`).expect(200);
    const allIds = all.body.items.map((u: { id: string }) => u.id);
    expect(allIds).toEqual(expect.arrayContaining([inCreuse.user.id, inCharente.user.id]));
    const scoped = await prefecture.agent.get('/api/comptes?q=chef_de_projet').expect(200);
    const scopedIds = scoped.body.items.map((u: { id: string }) => u.id);
    expect(scopedIds).toContain(inCreuse.user.id);
    expect(scopedIds).not.toContain(inCharente.user.id);
    const orgs = await prefecture.agent.get('/api/organisations').expect(200);
    expect(orgs.body.map((o: { departementCode: string | null; communeInsee: string | null }) => o.communeInsee ?? o.departementCode)).not.toContain('16005');
    await inCreuse.agent.get('/api/comptes').expect(403);
  });

  it('deactivates an account with the version read, ending its sessions; a stale version gets 409 naming who changed it', async () => {
    const admin = await t.signIn('administrateur');
    const target = await t.signIn('elu_lecteur');
    const before = await admin.agent.get(`/api/comptes?q=${encodeURIComponent(target.user.email)}`).expect(200);
    const version = before.body.items[0].version;
    const done = await admin.agent.post(`/api/comptes/${target.user.id}/desactivation`).set(CSRF).send({ version }).expect(200);
    expect(done.body).toMatchObject({ active: false, version: version + 1 });
    await target.agent.get('/api/auth/me').expect(401);
    const stale = await admin.agent.post(`/api/comptes/${target.user.id}/reactivation`).set(CSRF).send({ version }).expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', message: expect.stringContaining(admin.user.email) });
    await admin.agent.post(`/api/comptes/${target.user.id}/reactivation`).set(CSRF).send({ version: version + 1 }).expect(200);
    const self = await admin.agent.post(`/api/comptes/${admin.user.id}/desactivation`).set(CSRF).send({ version: 1 }).expect(409);
    expect(self.body.code).toBe('CANNOT_DEACTIVATE_SELF');
    const prefecture = await t.signIn('prefecture_instructeur');
    await prefecture.agent.post(`/api/comptes/${target.user.id}/desactivation`).set(CSRF).send({ version: version + 2 }).expect(403);
  });

  it('changes a role within what the organisation allows, and records it', async () => {
    const admin = await t.signIn('administrateur');
    const target = await t.signIn('chef_de_projet');
    const [account] = (await admin.agent.get(`/api/comptes?q=${encodeURIComponent(target.user.email)}`).expect(200)).body.items;
    const membershipId = account.memberships[0].id;
    const bad = await admin.agent.patch(`/api/comptes/${target.user.id}/rattachements/${membershipId}`).set(CSRF).send({ role: 'anct_directeur', version: account.version }).expect(400);
    expect(bad.body.code).toBe('ROLE_NOT_ALLOWED_IN_ORGANISATION');
    const ok = await admin.agent.patch(`/api/comptes/${target.user.id}/rattachements/${membershipId}`).set(CSRF).send({ role: 'elu_lecteur', version: account.version }).expect(200);
    expect(ok.body.memberships[0].role).toBe('elu_lecteur');
    const me = await target.agent.get('/api/auth/me').expect(200);
    expect(me.body.permissions).not.toContain('pvd:modifier');
    const journal = await admin.agent.get('/api/journal?action=compte.role').expect(200);
    expect(journal.body.items[0]).toMatchObject({ action: 'compte.role', actor: admin.user.email, before: { role: 'chef_de_projet' }, after: { role: 'elu_lecteur' } });
    const prefecture = await t.signIn('prefecture_instructeur');
    await prefecture.agent.get('/api/journal').expect(403);
  });

  it('pages the journal by number or by cursor, the same entries either way', async () => {
    const admin = await t.signIn('administrateur');
    const rows: { n: number }[] = await t.dataSource.query(
      `INSERT INTO audit_log (at, actor_label, action, entity_type, entity_id, after)
       SELECT now(), 'Agent ' || i, 'test.pagination', 'test', i::text, jsonb_build_object('i', i) FROM generate_series(1, 120) AS i RETURNING 1 AS n`,
    );
    expect(rows).toHaveLength(120);
    const ids = (page: { body: { items: { id: string }[] } }) => page.body.items.map((e) => e.id);
    const p1 = await admin.agent.get('/api/journal?action=test.&page=1').expect(200);
    const p2 = await admin.agent.get('/api/journal?action=test.&page=2').expect(200);
    const p3 = await admin.agent.get('/api/journal?action=test.&page=3').expect(200);
    expect(ids(p1)).toHaveLength(50);
    expect(p1.body.suivant).toBe(ids(p1).at(-1));
    const c2 = await admin.agent.get(`/api/journal?action=test.&avant=${p1.body.suivant}`).expect(200);
    expect(ids(c2)).toEqual(ids(p2));
    const c3 = await admin.agent.get(`/api/journal?action=test.&avant=${c2.body.suivant}`).expect(200);
    expect(ids(c3)).toEqual(ids(p3));
    expect(ids(c3)).toHaveLength(20);
    expect(c3.body.suivant).toBeNull();
    // Newest first, no entry twice.
    const all = [...ids(p1), ...ids(c2), ...ids(c3)].map(Number);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(new Set(all).size).toBe(120);
    const bad = await admin.agent.get('/api/journal?avant=abc').expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['avant']);
    // Back towards the newest: `precedent` and `apres` give the page before, the newest page at the top.
    expect(p1.body.precedent).toBeNull();
    expect(c3.body.precedent).toBe(ids(c3)[0]);
    const b2 = await admin.agent.get(`/api/journal?action=test.&apres=${c3.body.precedent}`).expect(200);
    expect(ids(b2)).toEqual(ids(p2));
    expect(b2.body.precedent).toBe(ids(p2)[0]);
    const b1 = await admin.agent.get(`/api/journal?action=test.&apres=${b2.body.precedent}`).expect(200);
    expect(ids(b1)).toEqual(ids(p1));
    expect(b1.body.precedent).toBeNull();
    // Near the top, fewer than a page newer: the newest page, whole.
    const top = await admin.agent.get(`/api/journal?action=test.&apres=${ids(p1)[10]}`).expect(200);
    expect(ids(top)).toEqual(ids(p1));
    expect((await admin.agent.get(`/api/journal?avant=${ids(p1)[0]}&apres=${ids(p1)[1]}`).expect(400)).body.fields).toHaveProperty('apres');
    // The export runs from the newest entry (or `avant`) to the oldest: `apres` and `page` are refused, not ignored.
    expect((await admin.agent.get(`/api/journal/export?format=csv&apres=${ids(p1)[1]}`).expect(400)).body.fields).toHaveProperty('apres');
    expect((await admin.agent.get(`/api/journal/export?format=csv&page=2`).expect(400)).body.fields).toHaveProperty('page');
    // Numbered pages stop where they stop being cheap; deeper, the cursor, named in the message.
    await admin.agent.get('/api/journal?page=100').expect(200);
    const deep = await admin.agent.get('/api/journal?page=101').expect(400);
    expect(Object.keys(deep.body.fields)).toEqual(['page']);
    expect(deep.body.fields.page[0]).toMatch(/avant/);
  });

  // Last in this file: it stops the app's SMTP sink (the other tests read it).
  it('queues the invitation email: a mail outage neither fails the request nor loses the email, sent once with a working link', async () => {
    const admin = await t.signIn('administrateur');
    const original = sink() as SmtpSink;
    const port = original.port;
    await original.stop();
    let restarted: SmtpSink | null = null;
    try {
      const email = unique('panne');
      const res = await admin.agent
        .post('/api/comptes/invitations')
        .set(CSRF)
        .send({ email, displayName: 'Pat Panne', organisation: { type: 'commune', communeInsee: '23001' }, role: 'chef_de_projet' })
        .expect(201);
      expect(res.body).toMatchObject({ email, invitationSent: true });
      const userId: string = res.body.userId;
      // A password reset asked during the outage: the same answer as ever, the email waits too.
      const resetting = await t.signIn('sgar_lecteur');
      const known = await t.http().post('/api/auth/reinitialisation/demande').set(CSRF).send({ email: resetting.user.email }).expect(202);
      const unknown = await t.http().post('/api/auth/reinitialisation/demande').set(CSRF).send({ email: unique('ghost') }).expect(202);
      expect(known.body).toEqual(unknown.body);
      // The job carries ids only, and fails while the SMTP server is down; each attempt's token is revoked.
      const job = await eventually(async () => {
        const [row]: { id: string; state: string; retry_count: number; data: Record<string, unknown> }[] = await t.dataSource.query(
          `SELECT id, state::text AS state, retry_count, data FROM pgboss.job WHERE name = 'comptes.courriel' AND data->>'userId' = $1`,
          [userId],
        );
        return row && row.retry_count >= 2 ? row : null;
      });
      expect(Object.keys(job.data).filter((k) => !k.startsWith('_')).sort()).toEqual(['inviterId', 'kind', 'organisationId', 'role', 'userId']);
      expect(await t.dataSource.query('SELECT id FROM auth_token WHERE user_id = $1 AND used_at IS NULL', [userId])).toEqual([]);

      restarted = await startSmtpSink({ port });
      const done = await waitForJob(t.app, job.id, { timeoutMs: 30_000 });
      expect(done).toMatchObject({ state: 'completed', output: { etat: 'envoye' } });
      const mails = restarted.messages().filter((m) => m.to.includes(email));
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('Invitation à rejoindre Suivi PVD');
      expect(mails[0].text).toContain('« Chef de projet PVD » pour Commune d’Ahun');
      expect(await t.dataSource.query('SELECT id FROM auth_token WHERE user_id = $1 AND used_at IS NULL', [userId])).toHaveLength(1);
      await t.http().post('/api/auth/invitation/acceptation').set(CSRF).send({ token: linkToken(mails[0].text), password: GOOD_PASSWORD }).expect(200);
      const reset = await restarted.waitFor((m) => m.to.includes(resetting.user.email), 30_000);
      expect(reset.subject).toBe('Réinitialisation de votre mot de passe Suivi PVD');
      await t.http().post('/api/auth/reinitialisation/confirmation').set(CSRF).send({ token: linkToken(reset.text), password: GOOD_PASSWORD }).expect(204);
      // Still one email a moment later (no late retry).
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(restarted.messages().filter((m) => m.to.includes(email))).toHaveLength(1);
      expect(restarted.messages().filter((m) => m.to.includes(resetting.user.email))).toHaveLength(1);
    } finally {
      await restarted?.stop();
    }
  });
});
