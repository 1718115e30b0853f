import { ConfigError } from '../../config/config-error';
import { loadProConnectConfig, PROCONNECT_DEFAULT_SCOPES } from './proconnect.config';

const FULL = {
  PROCONNECT_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2',
  PROCONNECT_CLIENT_ID: 'client-id',
  PROCONNECT_CLIENT_SECRET: 'client-secret',
  PROCONNECT_REDIRECT_URI: 'http://localhost:3000/api/auth/proconnect/callback',
  PROCONNECT_POST_LOGOUT_REDIRECT_URI: 'http://localhost:3000/connexion',
};

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadProConnectConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadProConnectConfig', () => {
  it('is disabled (null) by default', () => {
    expect(loadProConnectConfig({})).toBeNull();
    expect(loadProConnectConfig({ NODE_ENV: 'production', PROCONNECT_SCOPES: 'openid email', PROCONNECT_ISSUER: '  ' })).toBeNull();
  });

  it('reads a full configuration with ProConnect defaults', () => {
    expect(loadProConnectConfig({ ...FULL })).toEqual({
      issuer: new URL('https://auth.agentconnect.gouv.fr/api/v2'),
      clientId: 'client-id',
      clientSecret: 'client-secret',
      redirectUri: 'http://localhost:3000/api/auth/proconnect/callback',
      postLogoutRedirectUri: 'http://localhost:3000/connexion',
      scopes: PROCONNECT_DEFAULT_SCOPES,
      acrValues: null,
      signingAlg: 'RS256',
      pkce: true,
      allowInsecure: false,
    });
    expect(PROCONNECT_DEFAULT_SCOPES).toBe('openid email given_name usual_name uid siret idp_id');
  });

  it('reads the optional settings', () => {
    const config = loadProConnectConfig({
      ...FULL,
      PROCONNECT_SCOPES: ' openid  email siret openid ',
      PROCONNECT_ACR_VALUES: 'eidas1',
      PROCONNECT_SIGNING_ALG: 'ES256',
      PROCONNECT_PKCE: 'false',
      PROCONNECT_ALLOW_INSECURE: 'true',
      PROCONNECT_ISSUER: 'http://127.0.0.1:4010',
    });
    expect(config).toMatchObject({ scopes: 'openid email siret', acrValues: 'eidas1', signingAlg: 'ES256', pkce: false, allowInsecure: true, issuer: new URL('http://127.0.0.1:4010') });
  });

  it('names every missing variable of a partial configuration', () => {
    const { PROCONNECT_CLIENT_SECRET: _secret, PROCONNECT_POST_LOGOUT_REDIRECT_URI: _logout, ...partial } = FULL;
    const found = problems(partial);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^PROCONNECT_CLIENT_SECRET is required/);
    expect(found[1]).toMatch(/^PROCONNECT_POST_LOGOUT_REDIRECT_URI is required/);
    expect(() => loadProConnectConfig({ PROCONNECT_CLIENT_ID: 'x' })).toThrow(/PROCONNECT_ISSUER is required/);
  });

  it('refuses a plain-HTTP issuer unless PROCONNECT_ALLOW_INSECURE=true, and never in production', () => {
    expect(problems({ ...FULL, PROCONNECT_ISSUER: 'http://127.0.0.1:4010' })).toEqual([expect.stringMatching(/^PROCONNECT_ISSUER="http:\/\/127\.0\.0\.1:4010" must use https:\/\/.*PROCONNECT_ALLOW_INSECURE/)]);
    expect(problems({ ...FULL, NODE_ENV: 'production', PROCONNECT_ALLOW_INSECURE: 'true' })).toEqual([expect.stringMatching(/^PROCONNECT_ALLOW_INSECURE=true is for local tests/)]);
    expect(problems({ ...FULL, PROCONNECT_ALLOW_INSECURE: 'maybe' })).toEqual(['PROCONNECT_ALLOW_INSECURE="maybe" must be true or false']);
  });

  it('refuses malformed URLs, scopes without openid or email, and unknown algorithms', () => {
    expect(problems({ ...FULL, PROCONNECT_REDIRECT_URI: '/api/auth/proconnect/callback' })).toEqual([expect.stringMatching(/^PROCONNECT_REDIRECT_URI=.* is not an absolute URL/)]);
    expect(problems({ ...FULL, PROCONNECT_POST_LOGOUT_REDIRECT_URI: 'ftp://example.fr/' })).toEqual([expect.stringMatching(/^PROCONNECT_POST_LOGOUT_REDIRECT_URI=.* must use https:\/\/ or http:\/\//)]);
    expect(problems({ ...FULL, PROCONNECT_ISSUER: 'https://proconnect.example/api/v2?x=1' })).toEqual([expect.stringMatching(/must not contain a query string/)]);
    expect(problems({ ...FULL, PROCONNECT_SCOPES: 'email siret' })).toEqual([expect.stringMatching(/must contain "openid"/)]);
    expect(problems({ ...FULL, PROCONNECT_SCOPES: 'openid siret' })).toEqual([expect.stringMatching(/must contain "email"/)]);
    expect(problems({ ...FULL, PROCONNECT_SIGNING_ALG: 'HS256' })).toEqual(['PROCONNECT_SIGNING_ALG="HS256" must be one of: RS256, ES256']);
  });
});
