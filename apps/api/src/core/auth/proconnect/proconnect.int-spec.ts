import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DEFAULT_TEST_ACCOUNT, startTestOidcProvider, TestOidcProvider } from '../../../test/oidc-provider';
import { CSRF, useTestApp } from '../../../test/test-app';

describe('sign-in with ProConnect (against a local OpenID provider configured like ProConnect)', () => {
  let op: TestOidcProvider;
  beforeAll(async () => {
    op = await startTestOidcProvider({
      redirectUri: 'http://localhost:3000/api/auth/proconnect/callback',
      postLogoutRedirectUri: 'http://localhost:3000/api/auth/proconnect/deconnexion/retour',
    });
  });
  afterAll(() => op?.stop());
  const t = useTestApp(() => op.env);

  /** Starts a login with the agent, lets the provider authenticate `email`, and follows the callback. */
  async function proconnectLogin(agent: TestAgent, email: string, siret: string | null = '21230001000014') {
    const start = await agent.get('/api/auth/proconnect/connexion?redirection=/communes/23001').expect(302);
    expect(start.headers.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const location = new URL(start.headers.location);
    expect(location.searchParams.get('state')).toHaveLength(43);
    expect(location.searchParams.get('nonce')).toHaveLength(43);
    expect(location.searchParams.get('scope')).toBe('openid email given_name usual_name uid siret idp_id');
    const callback = await op.login(start.headers.location, { ...DEFAULT_TEST_ACCOUNT, sub: `sub-${email}`, email, siret });
    return agent.get(`${callback.pathname}${callback.search}`);
  }

  it('says it is enabled', async () => {
    const res = await t.http().get('/api/auth/proconnect/statut').expect(200);
    expect(res.body).toEqual({ enabled: true });
  });

  it('opens a session for the account with the same email, back on the page asked for, and records it', async () => {
    const { user } = await t.signIn('prefecture_instructeur');
    const browser = request.agent(t.app.getHttpServer());
    const back = await proconnectLogin(browser, user.email.toUpperCase());
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe('/communes/23001');
    const me = await browser.get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({ email: user.email, authMethod: 'proconnect', memberships: [{ role: 'prefecture_instructeur' }] });
    const [audit] = await t.dataSource.query(`SELECT after FROM audit_log WHERE action = 'auth.login' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [user.id]);
    expect(audit.after).toMatchObject({ methode: 'ProConnect', siret: '21230001000014' });
    // The ProConnect ID token is kept with the session, for logout.
    const [session] = await t.dataSource.query(`SELECT auth_method, id_token FROM user_session WHERE user_id = $1 AND auth_method = 'proconnect'`, [user.id]);
    expect(session.id_token).toMatch(/^ey/);
  });

  it('recognises the agent’s organisation from the SIRET an administrator recorded', async () => {
    const { user } = await t.signIn('prefecture_instructeur');
    const admin = await t.signIn('administrateur');
    const [org] = (await admin.agent.get('/api/organisations?q=Creuse').expect(200)).body.filter((o: { type: string }) => o.type === 'prefecture');
    await admin.agent.patch(`/api/organisations/${org.id}/siret`).set(CSRF).send({ siret: '17230001900011', version: org.version }).expect(204);
    const stale = await admin.agent.patch(`/api/organisations/${org.id}/siret`).set(CSRF).send({ siret: '17230001900011', version: org.version }).expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const browser = request.agent(t.app.getHttpServer());
    await proconnectLogin(browser, user.email, '17230001900011');
    const [audit] = await t.dataSource.query(`SELECT after FROM audit_log WHERE action = 'auth.login' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [user.id]);
    expect(audit.after).toMatchObject({ siret: '17230001900011', organisationReconnue: 'Préfecture – Creuse (23)' });
  });

  it('refuses an agent without an account, without creating one', async () => {
    const browser = request.agent(t.app.getHttpServer());
    const back = await proconnectLogin(browser, 'inconnu@agent.gouv.fr');
    expect(back.headers.location).toBe('/connexion?erreur=compte-inconnu');
    await browser.get('/api/auth/me').expect(401);
    const [count] = await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE email = 'inconnu@agent.gouv.fr'`);
    expect(count.n).toBe(0);
  });

  it('uses a callback once, and refuses one from another browser (state bound to the cookie)', async () => {
    const { user } = await t.signIn('anct_directeur');
    const browser = request.agent(t.app.getHttpServer());
    const start = await browser.get('/api/auth/proconnect/connexion').expect(302);
    const callback = await op.login(start.headers.location, { ...DEFAULT_TEST_ACCOUNT, email: user.email });
    // Another browser presenting the same callback URL has no pending request.
    const stranger = await request.agent(t.app.getHttpServer()).get(`${callback.pathname}${callback.search}`).expect(302);
    expect(stranger.headers.location).toBe('/connexion?erreur=session-expiree');
    const first = await browser.get(`${callback.pathname}${callback.search}`).expect(302);
    expect(first.headers.location).toBe('/');
    const replay = await request.agent(t.app.getHttpServer()).get(`${callback.pathname}${callback.search}`).expect(302);
    expect(replay.headers.location).toBe('/connexion?erreur=session-expiree');
  });

  it('logs out of ProConnect too, with id_token_hint, and comes back with the state checked', async () => {
    const { user } = await t.signIn('sgar_lecteur');
    const browser = request.agent(t.app.getHttpServer());
    await proconnectLogin(browser, user.email);
    const res = await browser.post('/api/auth/proconnect/deconnexion').set(CSRF).expect(200);
    const logoutUrl = new URL(res.body.redirectUrl);
    expect(logoutUrl.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(logoutUrl.searchParams.get('post_logout_redirect_uri')).toBe('http://localhost:3000/api/auth/proconnect/deconnexion/retour');
    await browser.get('/api/auth/me').expect(401);
    const back = await op.logout(res.body.redirectUrl);
    const done = await browser.get(`${back.pathname}${back.search}`).expect(302);
    expect(done.headers.location).toBe('/connexion?deconnexion=ok');
  });

  it('answers a password session’s ProConnect logout with no redirect', async () => {
    const { agent } = await t.signIn('elu_lecteur');
    const res = await agent.post('/api/auth/proconnect/deconnexion').set(CSRF).expect(200);
    expect(res.body).toEqual({ redirectUrl: null });
    await agent.get('/api/auth/me').expect(401);
  });
});

describe('ProConnect when not configured', () => {
  const t = useTestApp();

  it('is off: the status says so and the login route answers 404', async () => {
    expect((await t.http().get('/api/auth/proconnect/statut').expect(200)).body).toEqual({ enabled: false });
    const res = await t.http().get('/api/auth/proconnect/connexion').expect(404);
    expect(res.body.code).toBe('PROCONNECT_DISABLED');
  });
});
