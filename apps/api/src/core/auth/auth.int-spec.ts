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

  it('lets many people behind one address sign in at the same moment (no 429 within the free attempts)', async () => {
    // Concurrent attempts each read their transaction's clock: one may start before another's
    // write of the bucket, and must still pass while the free attempts are not used up.
    for (let round = 0; round < 3; round++) {
      const agents = await Promise.all(Array.from({ length: 12 }, () => t.signIn('chef_de_projet')));
      expect(agents).toHaveLength(12);
    }
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

  it('ignores X-Forwarded-For by default: a client cannot change its address to escape the delays (issue 12)', async () => {
    const { user } = await t.signIn('elu_lecteur');
    for (let i = 0; i < 5; i++) {
      await t.http().post('/api/auth/login').set(CSRF).set('X-Forwarded-For', `203.0.113.${i}`).send({ email: user.email, password: `wrong-${i}` }).expect(401);
    }
    const blocked = await t.http().post('/api/auth/login').set(CSRF).set('X-Forwarded-For', '198.51.100.7').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
    expect(blocked.body).toEqual({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message: 'Trop de tentatives de connexion. Réessayez dans 1 seconde.' });
    expect(blocked.headers['retry-after']).toBe('1');
    const [row] = await t.dataSource.query(`SELECT ip FROM audit_log WHERE action = 'auth.login_blocked' AND entity_id = $1`, [user.email]);
    expect(row.ip).toMatch(/127\.0\.0\.1|::1/);
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

describe('sign-in delays behind a trusted proxy (TRUST_PROXY=loopback: X-Forwarded-For names the client)', () => {
  const t = useTestApp({ TRUST_PROXY: 'loopback' });
  let sequence = 0;
  /** A client address not used before in this file. */
  const newClient = () => `203.0.113.${++sequence}`;
  const login = (client: string, email: string, password: string) =>
    t.http().post('/api/auth/login').set(CSRF).set('X-Forwarded-For', client).send({ email, password });
  /** Moves the last attempt of a bucket back in time, as if the client had waited. */
  const wait = (seconds: number) =>
    t.dataSource.query(`UPDATE rate_limit_bucket SET window_start = window_start - make_interval(secs => $1) WHERE key LIKE 'password:%'`, [seconds]);

  it('slows the client that failed, while the right password from another client works (issue 12)', async () => {
    const { user } = await t.signIn('elu_lecteur');
    const [attacker, owner] = [newClient(), newClient()];
    for (let i = 0; i < 5; i++) await login(attacker, user.email, `wrong-${i}`).expect(401);

    // The attacker's client waits, even with the right password…
    const blocked = await login(attacker, user.email, TEST_PASSWORD).expect(429);
    expect(blocked.body).toEqual({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message: 'Trop de tentatives de connexion. Réessayez dans 1 seconde.' });
    expect(blocked.headers['retry-after']).toBe('1');

    // …while the account's owner, from their own client, signs in at once.
    await login(owner, user.email, TEST_PASSWORD).expect(200);
    await login(owner, user.email, 'typo').expect(401);
    await login(owner, user.email, TEST_PASSWORD).expect(200);

    // The attacker's delays double: 1 s, then 2 s, then 4 s…
    await wait(1);
    await login(attacker, user.email, 'wrong-5').expect(401);
    const longer = await login(attacker, user.email, 'wrong-6').expect(429);
    expect(longer.headers['retry-after']).toBe('2');
    await wait(2);
    await login(attacker, user.email, 'wrong-6').expect(401);
    const longest = await login(attacker, user.email, 'wrong-7').expect(429);
    expect(longest.headers['retry-after']).toBe('4');
    expect(longest.body.message).toBe('Trop de tentatives de connexion. Réessayez dans 4 secondes.');
  });

  it('caps the delay and forgets failures an hour after the last one', async () => {
    const { user } = await t.signIn('elu_lecteur');
    const client = newClient();
    await t.dataSource.query(`INSERT INTO rate_limit_bucket (key, window_start, hits) VALUES ($1, now(), 40)`, [`password:pair:${user.email} ${client}`]);
    const capped = await login(client, user.email, TEST_PASSWORD).expect(429);
    expect(Number(capped.headers['retry-after'])).toBe(900);
    expect(capped.body.message).toBe('Trop de tentatives de connexion. Réessayez dans 15 minutes.');
    await wait(3600);
    await login(client, user.email, TEST_PASSWORD).expect(200);
  });

  it('answers the same for an address without an account, so the delays reveal nothing', async () => {
    const client = newClient();
    for (let i = 0; i < 5; i++) await login(client, 'ghost@test.invalid', 'x').expect(401);
    const ghost = await login(client, 'ghost@test.invalid', 'x').expect(429);
    expect(ghost.body.message).toBe('Trop de tentatives de connexion. Réessayez dans 1 seconde.');
  });

  it('counts parallel guesses before checking them, so they cannot all slip in', async () => {
    const { user } = await t.signIn('elu_lecteur');
    const client = newClient();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(client, user.email, `parallel-${i}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(6);
  });

  it('slows a client trying many accounts (30 free failures), not the other clients', async () => {
    const { user } = await t.signIn('elu_lecteur');
    const sprayer = newClient();
    for (let i = 0; i < 30; i++) await login(sprayer, `spray.${i}@test.invalid`, 'Printemps2026!').expect(401);
    const slowed = await login(sprayer, 'spray.30@test.invalid', 'Printemps2026!').expect(429);
    expect(slowed.headers['retry-after']).toBe('1');
    await login(sprayer, user.email, TEST_PASSWORD).expect(429);
    await login(newClient(), user.email, TEST_PASSWORD).expect(200);
  });

  it('slows password changes the same way: 5 wrong current passwords, then delays (issue 12)', async () => {
    const { agent, user } = await t.signIn('chef_de_projet');
    const client = newClient();
    const change = (currentPassword: string) =>
      agent.post('/api/auth/mot-de-passe').set(CSRF).set('X-Forwarded-For', client).send({ currentPassword, newPassword: 'une toute nouvelle phrase de passe' });
    for (let i = 0; i < 5; i++) {
      const wrong = await change(`pas-le-bon-${i}`).expect(400);
      expect(wrong.body.code).toBe('PASSWORD_INCORRECT');
    }
    const blocked = await change(TEST_PASSWORD).expect(429);
    expect(blocked.body).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: 'Trop de tentatives avec un mot de passe actuel incorrect. Réessayez dans 1 seconde.',
    });
    expect(blocked.headers['retry-after']).toBe('1');
    const [{ password_changed_at }] = await t.dataSource.query('SELECT password_changed_at FROM app_user WHERE id = $1', [user.id]);
    expect(password_changed_at).toBeNull();
    // After the wait, the right current password changes it.
    await wait(1);
    await change(TEST_PASSWORD).expect(200);
  });
});
