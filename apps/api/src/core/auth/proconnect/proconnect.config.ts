import { ConfigError } from '../../config/config-error';

/** The scopes ProConnect serves, one per claim, that the application needs. */
export const PROCONNECT_DEFAULT_SCOPES = 'openid email given_name usual_name uid siret idp_id';

/** Algorithms ProConnect can sign the ID token and the userinfo JWT with (asymmetric ones). */
export const PROCONNECT_SIGNING_ALGS = ['RS256', 'ES256'] as const;
export type ProConnectSigningAlg = (typeof PROCONNECT_SIGNING_ALGS)[number];

export interface ProConnectConfig {
  /** e.g. https://auth.agentconnect.gouv.fr/api/v2 (discovery at `<issuer>/.well-known/openid-configuration`). */
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Must match, byte for byte, the redirect_uri registered with ProConnect. */
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** Space-separated; always contains `openid`. */
  scopes: string;
  /** Optional `acr_values` sent with the authorization request (e.g. `eidas1`). */
  acrValues: string | null;
  /** Algorithm of the ID token and userinfo signatures, as registered with ProConnect. */
  signingAlg: ProConnectSigningAlg;
  /** Send PKCE (S256) when the provider advertises it (PROCONNECT_PKCE, default true). */
  pkce: boolean;
  /** Plain-HTTP issuer allowed: only for the local test provider, refused in production. */
  allowInsecure: boolean;
}

const REQUIRED = [
  'PROCONNECT_ISSUER',
  'PROCONNECT_CLIENT_ID',
  'PROCONNECT_CLIENT_SECRET',
  'PROCONNECT_REDIRECT_URI',
  'PROCONNECT_POST_LOGOUT_REDIRECT_URI',
] as const;

/**
 * ProConnect settings from the environment. Returns null (ProConnect disabled, the default) when
 * none of the required variables is set; throws a `ConfigError` naming each missing or bad variable
 * when the configuration is partial or invalid, so a half-configured deployment fails at start.
 */
export function loadProConnectConfig(env: NodeJS.ProcessEnv = process.env): ProConnectConfig | null {
  const value = (name: string): string | null => env[name]?.trim() || null;
  const present = REQUIRED.filter((name) => value(name) !== null);
  if (present.length === 0) return null;

  const problems: string[] = [];
  for (const name of REQUIRED) {
    if (value(name) === null) {
      problems.push(`${name} is required when ProConnect is configured (set: ${present.join(', ')}); unset them all to disable ProConnect`);
    }
  }

  const bool = (name: string, fallback: boolean): boolean => {
    const raw = value(name);
    if (raw === null) return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}="${raw}" must be true or false`);
    return fallback;
  };
  const allowInsecure = bool('PROCONNECT_ALLOW_INSECURE', false);
  const pkce = bool('PROCONNECT_PKCE', true);
  if (allowInsecure && env.NODE_ENV === 'production') {
    problems.push('PROCONNECT_ALLOW_INSECURE=true is for local tests and development only, not in production');
  }

  const url = (name: string, httpAllowed: boolean): URL | null => {
    const raw = value(name);
    if (raw === null) return null;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      problems.push(`${name}="${raw}" is not an absolute URL`);
      return null;
    }
    if (parsed.protocol !== 'https:' && !(httpAllowed && parsed.protocol === 'http:')) {
      problems.push(
        `${name}="${raw}" must use https://` + (name === 'PROCONNECT_ISSUER' ? ' (or set PROCONNECT_ALLOW_INSECURE=true for a local test provider)' : ' or http://'),
      );
      return null;
    }
    if (parsed.search || parsed.hash) {
      problems.push(`${name}="${raw}" must not contain a query string or a fragment`);
      return null;
    }
    return parsed;
  };
  const issuer = url('PROCONNECT_ISSUER', allowInsecure);
  // The application's own URLs may be plain HTTP (localhost in development); ProConnect checks them
  // against its registration anyway.
  const redirectUri = url('PROCONNECT_REDIRECT_URI', true);
  const postLogoutRedirectUri = url('PROCONNECT_POST_LOGOUT_REDIRECT_URI', true);

  const scopes = (value('PROCONNECT_SCOPES') ?? PROCONNECT_DEFAULT_SCOPES).split(/\s+/).filter(Boolean);
  if (!scopes.includes('openid')) problems.push(`PROCONNECT_SCOPES="${scopes.join(' ')}" must contain "openid"`);
  if (!scopes.includes('email')) problems.push(`PROCONNECT_SCOPES="${scopes.join(' ')}" must contain "email" (users are matched on their email)`);

  const alg = value('PROCONNECT_SIGNING_ALG') ?? 'RS256';
  if (!(PROCONNECT_SIGNING_ALGS as readonly string[]).includes(alg)) {
    problems.push(`PROCONNECT_SIGNING_ALG="${alg}" must be one of: ${PROCONNECT_SIGNING_ALGS.join(', ')}`);
  }

  if (problems.length > 0 || !issuer || !redirectUri || !postLogoutRedirectUri) throw new ConfigError(problems);
  return {
    issuer,
    clientId: value('PROCONNECT_CLIENT_ID') as string,
    clientSecret: value('PROCONNECT_CLIENT_SECRET') as string,
    // Kept as typed: ProConnect compares redirect URIs as strings (a trailing slash matters).
    redirectUri: value('PROCONNECT_REDIRECT_URI') as string,
    postLogoutRedirectUri: value('PROCONNECT_POST_LOGOUT_REDIRECT_URI') as string,
    scopes: [...new Set(scopes)].join(' '),
    acrValues: value('PROCONNECT_ACR_VALUES'),
    signingAlg: alg as ProConnectSigningAlg,
    pkce,
    allowInsecure,
  };
}
