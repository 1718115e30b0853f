import request from 'supertest';
import { CSRF, TEST_PASSWORD, useTestApp } from '../../test/test-app';

describe('sign-in with a session cookie', () => {
  const t = useTestApp();

  it('opens an httpOnly session, answers /me, and closes it on logout', async () => {
    const { agent, user } = await t.signIn('prefecture_instructeur');
    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({
      email: user.email,
      memberships: [{ organisationType: 'prefecture', role: 'prefecture_instructeur', departementCode: '23', organisationNom: 'Préfecture – Creuse (23)' }],
      permissions: expect.arrayContaining(['pvd:lire', 'convention:valider']),
    });
    expect(me.body.permissions).not.toContain('pvd:importer');

    await agent.post('/api/auth/logout').set(CSRF).expect(204);
    await agent.get('/api/auth/me').expect(401);
  });

  it('sets the cookie httpOnly and SameSite', async () => {
    const { user } = await t.signIn('anct_directeur');
    const res = await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/pvd_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const { user } = await t.signIn('anct_directeur');
    const wrong = await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email, password: 'nope' }).expect(401);
    const unknown = await t.http().post('/api/auth/login').set(CSRF).send({ email: 'nobody@test.invalid', password: 'nope' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('accepts the email whatever its case', async () => {
    const { user } = await t.signIn('anct_directeur');
    await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
  });

  it('refuses a deactivated account and drops its sessions at once', async () => {
    const { agent, user } = await t.signIn('anct_directeur');
    await t.dataSource.query('UPDATE app_user SET active = false WHERE id = $1', [user.id]);
    await agent.get('/api/auth/me').expect(401);
    await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email, password: TEST_PASSWORD }).expect(401);
  });

  it('refuses an expired session', async () => {
    const { agent, user } = await t.signIn('anct_directeur');
    await t.dataSource.query("UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1", [user.id]);
    await agent.get('/api/auth/me').expect(401);
  });

  it('refuses a mutating request without the CSRF header, even signed in', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.post('/api/auth/logout').expect(403);
    expect(res.body.code).toBe('CSRF_HEADER_MISSING');
    await agent.get('/api/auth/me').expect(200);
  });

  it('ignores a forged cookie', async () => {
    await request(t.app.getHttpServer()).get('/api/auth/me').set('Cookie', 'pvd_session=forged').expect(401);
  });

  it('blocks an address after 5 failed logins, correct password included, and says when to retry', async () => {
    const { user } = await t.signIn('elu_lecteur');
    for (let i = 0; i < 5; i++) {
      await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email, password: `wrong-${i}` }).expect(401);
    }
    const blocked = await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email, password: TEST_PASSWORD }).expect(429);
    expect(blocked.body).toEqual({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message: 'Trop de tentatives de connexion. Réessayez dans 15 minutes.' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    // An address without an account is blocked the same way: the answer tells nothing.
    for (let i = 0; i < 5; i++) {
      await t.http().post('/api/auth/login').set(CSRF).send({ email: 'ghost@test.invalid', password: 'x' }).expect(401);
    }
    const ghost = await t.http().post('/api/auth/login').set(CSRF).send({ email: 'ghost@test.invalid', password: 'x' }).expect(429);
    expect(ghost.body).toEqual(blocked.body);
    // Other accounts are not affected.
    await t.signIn('elu_lecteur');
  });

  it('forgets failures after a successful login', async () => {
    const { user } = await t.signIn('elu_lecteur');
    for (let i = 0; i < 4; i++) await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email, password: 'nope' }).expect(401);
    await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    for (let i = 0; i < 4; i++) await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email, password: 'nope' }).expect(401);
    await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });

  it('records logins and failed logins with time and client address', async () => {
    const { user } = await t.signIn('sgar_lecteur');
    await t.http().post('/api/auth/login').set(CSRF).send({ email: user.email, password: 'nope' }).expect(401);
    const rows = await t.dataSource.query(
      `SELECT action, actor_id, actor_label, ip, at FROM audit_log WHERE entity_id IN ($1, $2) ORDER BY id`,
      [user.id, user.email],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['auth.login', 'auth.login_failed']);
    expect(rows[0]).toMatchObject({ actor_id: user.id, actor_label: user.email, ip: expect.stringMatching(/127\.0\.0\.1|::1/) });
    expect(rows[1]).toMatchObject({ actor_id: null, actor_label: user.email });
  });
});
