import { startTestOidcProvider, type TestOidcAccount, type TestOidcProvider } from '../../../test/oidc-provider';
import { ProConnectClient } from './proconnect.client';
import { loadProConnectConfig, type ProConnectConfig } from './proconnect.config';
import { ProConnectError } from './proconnect.error';

const AGENT: TestOidcAccount = {
  sub: 'sub-fia1-42',
  email: 'Dominique.Martin@Mairie-Guéret.fr',
  given_name: 'Dominique',
  usual_name: 'Martin',
  siret: '21230096100010',
  idp_id: 'fia1v2',
  uid: '42',
};

/** The configuration a test provider's PROCONNECT_* variables give. */
function configFor(env: Record<string, string>): ProConnectConfig {
  const config = loadProConnectConfig(env);
  if (!config) throw new Error('ProConnect configuration expected');
  return config;
}

/** Payload of a compact JWS, decoded without verification (assertions only). */
function jwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function expectProConnectError(promise: Promise<unknown>, reason: ProConnectError['reason']): Promise<ProConnectError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProConnectError);
  const proConnectError = error as ProConnectError;
  expect({ reason: proConnectError.reason, detail: proConnectError.detail }).toEqual({ reason, detail: expect.any(String) });
  return proConnectError;
}

describe('ProConnectClient against a local oidc-provider', () => {
  let provider: TestOidcProvider;
  let config: ProConnectConfig;
  let client: ProConnectClient;

  beforeAll(async () => {
    provider = await startTestOidcProvider({ account: AGENT });
    config = configFor(provider.env);
    client = await ProConnectClient.discover(config);
  });
  afterAll(async () => {
    await provider?.stop();
  });

  it('logs an agent in: authorization URL, callback, signed ID token and signed userinfo JWT', async () => {
    const request = await client.authorizationRequest();
    const url = new URL(request.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${provider.issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: provider.clientId,
      response_type: 'code',
      redirect_uri: provider.redirectUri,
      scope: 'openid email given_name usual_name uid siret idp_id',
      state: request.state,
      nonce: request.nonce,
      code_challenge: expect.any(String),
      code_challenge_method: 'S256',
    });
    expect(request.state.length).toBeGreaterThanOrEqual(32);
    expect(request.nonce.length).toBeGreaterThanOrEqual(32);
    expect(request.state).not.toBe(request.nonce);
    expect(request.codeVerifier).toEqual(expect.any(String));

    const callback = await provider.login(request.url);
    expect(`${callback.origin}${callback.pathname}`).toBe(provider.redirectUri);
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('code')).toEqual(expect.any(String));

    const result = await client.handleCallback(callback, request);
    expect(result.claims).toEqual({
      sub: 'sub-fia1-42',
      email: 'dominique.martin@mairie-guéret.fr',
      givenName: 'Dominique',
      usualName: 'Martin',
      siret: '21230096100010',
      idpId: 'fia1v2',
      uid: '42',
    });
    expect(jwtPayload(result.idToken)).toMatchObject({ iss: provider.issuer, aud: provider.clientId, sub: 'sub-fia1-42', nonce: request.nonce });

    const userinfo = provider.requests.filter((r) => r.path === '/me');
    expect(userinfo).toEqual([expect.objectContaining({ status: 200, contentType: expect.stringMatching(/^application\/jwt/) })]);
  });

  it('maps missing optional claims to null', async () => {
    provider.setAccount({ sub: 'sub-2', email: 'Sans.Siret@Exemple.fr', given_name: null, usual_name: null, siret: null, idp_id: null, uid: null });
    const request = await client.authorizationRequest();
    const result = await client.handleCallback(await provider.login(request.url), request);
    expect(result.claims).toEqual({ sub: 'sub-2', email: 'sans.siret@exemple.fr', givenName: null, usualName: null, siret: null, idpId: null, uid: null });
    provider.setAccount(AGENT);
  });

  it('can do without PKCE (PROCONNECT_PKCE=false)', async () => {
    const withoutPkce = await ProConnectClient.discover(configFor({ ...provider.env, PROCONNECT_PKCE: 'false' }));
    const request = await withoutPkce.authorizationRequest();
    expect(request.codeVerifier).toBeUndefined();
    expect(new URL(request.url).searchParams.has('code_challenge')).toBe(false);
    await expect(withoutPkce.handleCallback(await provider.login(request.url), request)).resolves.toMatchObject({ claims: { siret: AGENT.siret } });
  });

  it('rejects a callback whose state is not the stored one, before any call to the provider', async () => {
    const request = await client.authorizationRequest();
    const callback = await provider.login(request.url);
    const before = provider.requests.length;
    await expectProConnectError(client.handleCallback(callback, { ...request, state: 'another-state-another-state-another-state' }), 'state_mismatch');
    const missing = new URL(callback);
    missing.searchParams.delete('state');
    await expectProConnectError(client.handleCallback(missing, request), 'state_mismatch');
    expect(provider.requests.length).toBe(before);
    // The untouched callback still works: nothing was consumed.
    await expect(client.handleCallback(callback, request)).resolves.toMatchObject({ claims: { sub: AGENT.sub } });
  });

  it('rejects an ID token whose nonce is not the stored one', async () => {
    const request = await client.authorizationRequest();
    const callback = await provider.login(request.url);
    await expectProConnectError(client.handleCallback(callback, { ...request, nonce: 'a-replayed-nonce-a-replayed-nonce-a-replayed' }), 'nonce_mismatch');
  });

  it('rejects a tampered, reused or missing code (provider_error / invalid_callback)', async () => {
    const request = await client.authorizationRequest();
    const callback = await provider.login(request.url);
    const tampered = new URL(callback);
    tampered.searchParams.set('code', `${callback.searchParams.get('code')}x`);
    const error = await expectProConnectError(client.handleCallback(tampered, request), 'provider_error');
    expect(error.providerError).toBe('invalid_grant');
    expect(error.message).toMatch(/ProConnect/);

    await client.handleCallback(callback, request);
    await expectProConnectError(client.handleCallback(callback, request), 'provider_error');

    const noCode = new URL(callback);
    noCode.searchParams.delete('code');
    await expectProConnectError(client.handleCallback(noCode, request), 'invalid_callback');
  });

  it('rejects a code exchanged without the PKCE verifier it was issued for', async () => {
    const request = await client.authorizationRequest();
    const callback = await provider.login(request.url);
    await expectProConnectError(client.handleCallback(callback, { ...request, codeVerifier: 'x'.repeat(43) }), 'provider_error');
  });

  it('reports an error sent back by the provider (the agent cancelled)', async () => {
    const request = await client.authorizationRequest();
    const callback = new URL(provider.redirectUri);
    callback.searchParams.set('error', 'access_denied');
    callback.searchParams.set('state', request.state);
    callback.searchParams.set('iss', provider.issuer);
    const error = await expectProConnectError(client.handleCallback(callback, request), 'provider_error');
    expect(error.providerError).toBe('access_denied');
  });

  it('builds the logout URL with id_token_hint, state and post_logout_redirect_uri, which the provider honours', async () => {
    const request = await client.authorizationRequest();
    const { idToken } = await client.handleCallback(await provider.login(request.url), request);
    const logoutState = 'logout-state-logout-state-logout-state-0001';
    const url = new URL(client.logoutUrl(idToken, logoutState));
    expect(`${url.origin}${url.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: provider.clientId,
      id_token_hint: idToken,
      state: logoutState,
      post_logout_redirect_uri: provider.postLogoutRedirectUri,
    });

    const back = await provider.logout(url.href);
    expect(back.href).toBe(`${provider.postLogoutRedirectUri}?state=${logoutState}`);

    const generated = client.logoutRequest(idToken);
    expect(new URL(generated.url).searchParams.get('state')).toBe(generated.state);
  });

  describe('signature checks (answers tampered in transit)', () => {
    /** A client whose fetch rewrites the payload of JWTs in answers from `path`, keeping the signature. */
    async function tamperingClient(path: string, rewrite: (payload: Record<string, unknown>) => Record<string, unknown>): Promise<ProConnectClient> {
      const reencode = (jwt: string) => {
        const [header, , signature] = jwt.split('.');
        return `${header}.${Buffer.from(JSON.stringify(rewrite(jwtPayload(jwt)))).toString('base64url')}.${signature}`;
      };
      return ProConnectClient.discover(config, {
        fetch: async (url, init) => {
          const response = await fetch(url, init);
          if (new URL(url).pathname !== path || response.status !== 200) return response;
          const type = response.headers.get('content-type') ?? '';
          const body = await response.text();
          const tampered = type.startsWith('application/jwt')
            ? reencode(body)
            : JSON.stringify({ ...(JSON.parse(body) as Record<string, unknown>), id_token: reencode((JSON.parse(body) as { id_token: string }).id_token) });
          return new Response(tampered, { status: 200, headers: { 'content-type': type } });
        },
      });
    }

    it('rejects a userinfo JWT whose content was changed', async () => {
      const tampering = await tamperingClient('/me', (payload) => ({ ...payload, email: 'intrus@exemple.fr', siret: '00000000000000' }));
      const request = await tampering.authorizationRequest();
      const error = await expectProConnectError(tampering.handleCallback(await provider.login(request.url), request), 'invalid_userinfo');
      expect(error.detail).toMatch(/signature verification failed/);
    });

    it('rejects an ID token whose content was changed', async () => {
      const tampering = await tamperingClient('/token', (payload) => ({ ...payload, sub: 'someone-else' }));
      const request = await tampering.authorizationRequest();
      const error = await expectProConnectError(tampering.handleCallback(await provider.login(request.url), request), 'invalid_id_token');
      expect(error.detail).toMatch(/signature verification failed/);
    });
  });

  it('refuses a provider that answers userinfo as plain JSON', async () => {
    const plain = await startTestOidcProvider({ account: AGENT, jwtUserinfo: false });
    try {
      const plainClient = await ProConnectClient.discover(configFor(plain.env));
      const request = await plainClient.authorizationRequest();
      await expectProConnectError(plainClient.handleCallback(await plain.login(request.url), request), 'invalid_userinfo');
    } finally {
      await plain.stop();
    }
  });

  it('reports an unreachable provider', async () => {
    const stopped = await startTestOidcProvider();
    const env = stopped.env;
    await stopped.stop();
    await expectProConnectError(ProConnectClient.discover(configFor(env)), 'provider_unreachable');
  });
});
