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
});
