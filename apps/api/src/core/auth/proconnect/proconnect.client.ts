import { randomBytes, timingSafeEqual } from 'node:crypto';
import type * as OpenIdClient from 'openid-client';
import { importEsm } from './esm';
import type { ProConnectConfig } from './proconnect.config';
import { ProConnectError, type ProConnectErrorReason } from './proconnect.error';

type OpenIdClientModule = typeof OpenIdClient;

/** The agent as ProConnect describes them, from the verified userinfo JWT. */
export interface ProConnectIdentity {
  /** Differs per identity provider for the same person: match users on `email`, not on this. */
  sub: string;
  /** Lower-cased. */
  email: string;
  givenName: string | null;
  usualName: string | null;
  /** The agent's organisation (14 digits). */
  siret: string | null;
  /** The identity provider the agent used. */
  idpId: string | null;
  uid: string | null;
}

/** What to keep server-side between the redirect to ProConnect and the callback (single use). */
export interface ProConnectLoginChecks {
  state: string;
  nonce: string;
  /** Present when ProConnect advertises PKCE (S256). */
  codeVerifier?: string;
}

export interface ProConnectAuthorizationRequest extends ProConnectLoginChecks {
  /** Where to redirect the browser. */
  url: string;
}

export interface ProConnectLoginResult {
  claims: ProConnectIdentity;
  /** Keep it with the session: ProConnect's logout needs it as `id_token_hint`. */
  idToken: string;
}

export interface ProConnectDiscoverOptions {
  /** Per-request timeout towards ProConnect, in seconds (default 10). */
  timeoutSeconds?: number;
  /** Replaces `fetch` for every call to ProConnect (tests use it to tamper with answers). */
  fetch?: OpenIdClient.CustomFetch;
}

/**
 * ProConnect (OpenID Connect) relying party: authorization code flow with mandatory `state` and
 * `nonce`, PKCE when the provider advertises it, `client_secret_post`, signed ID token and signed
 * userinfo JWT, both verified against the provider's JWKS, and RP-initiated logout.
 *
 * Framework-free: a Nest provider wraps it (`ProConnectClient.discover(config)` once, lazily).
 * Built on `openid-client` v6, loaded with `importEsm` (see esm.ts for why).
 */
export class ProConnectClient {
  private constructor(
    private readonly lib: OpenIdClientModule,
    private readonly server: OpenIdClient.Configuration,
    private readonly config: ProConnectConfig,
  ) {}

  /** Reads the provider's discovery document. Throws `ProConnectError` ('provider_unreachable', 'unsupported_provider'). */
  static async discover(config: ProConnectConfig, options: ProConnectDiscoverOptions = {}): Promise<ProConnectClient> {
    const lib = await importEsm<OpenIdClientModule>('openid-client');
    // Non-repudiation checks make openid-client verify the signatures of the ID token and of the
    // userinfo JWT with the provider's JWKS (by default it trusts the TLS channel and skips them).
    const execute = [lib.enableNonRepudiationChecks];
    if (config.allowInsecure) execute.unshift(lib.allowInsecureRequests);
    const discoveryOptions: OpenIdClient.DiscoveryRequestOptions = { execute, timeout: options.timeoutSeconds ?? 10 };
    if (options.fetch) discoveryOptions[lib.customFetch] = options.fetch;

    let server: OpenIdClient.Configuration;
    try {
      server = await lib.discovery(
        config.issuer,
        config.clientId,
        {
          client_secret: config.clientSecret,
          id_token_signed_response_alg: config.signingAlg,
          // With this, a plain JSON userinfo answer is refused: ProConnect must answer `application/jwt`.
          userinfo_signed_response_alg: config.signingAlg,
        },
        lib.ClientSecretPost(config.clientSecret),
        discoveryOptions,
      );
    } catch (error) {
      throw toProConnectError(error, 'provider_unreachable', 'discovery');
    }
    const metadata = server.serverMetadata();
    for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri'] as const) {
      if (!metadata[endpoint]) throw new ProConnectError('unsupported_provider', `discovery document has no ${endpoint}`);
    }
    return new ProConnectClient(lib, server, config);
  }

  /** True when PKCE is on (PROCONNECT_PKCE) and the provider advertises S256: then every login uses it. */
  get usesPkce(): boolean {
    return this.config.pkce && this.server.serverMetadata().supportsPKCE('S256');
  }

  /** Builds the URL to send the browser to, with fresh random `state`, `nonce` (and PKCE verifier). */
  async authorizationRequest(): Promise<ProConnectAuthorizationRequest> {
    const state = randomToken();
    const nonce = randomToken();
    const parameters: Record<string, string> = {
      response_type: 'code',
      redirect_uri: this.config.redirectUri,
      scope: this.config.scopes,
      state,
      nonce,
    };
    if (this.config.acrValues) parameters.acr_values = this.config.acrValues;
    let codeVerifier: string | undefined;
    if (this.usesPkce) {
      codeVerifier = this.lib.randomPKCECodeVerifier();
      parameters.code_challenge = await this.lib.calculatePKCECodeChallenge(codeVerifier);
      parameters.code_challenge_method = 'S256';
    }
    const url = this.lib.buildAuthorizationUrl(this.server, parameters).href;
    return codeVerifier ? { url, state, nonce, codeVerifier } : { url, state, nonce };
  }

  /**
   * Completes the login from the callback URL. Only its query string is read (`code`, `state`, or
   * `error`); the `redirect_uri` sent to the token endpoint is always the configured one, so a URL
   * rebuilt behind a proxy is fine. Checks `state`, exchanges the code (PKCE verifier if any),
   * verifies the ID token (signature, issuer, audience, expiry, `nonce`), then fetches userinfo,
   * which must be a JWT signed by the provider for the same `sub`.
   */
  async handleCallback(currentUrl: URL, expected: ProConnectLoginChecks): Promise<ProConnectLoginResult> {
    const query = currentUrl.searchParams;
    const returnedState = query.get('state');
    if (returnedState === null || !constantTimeEqual(returnedState, expected.state)) {
      throw new ProConnectError('state_mismatch', returnedState === null ? 'callback has no state' : 'callback state differs from the stored one');
    }
    if (!query.has('error') && !query.get('code')) {
      throw new ProConnectError('invalid_callback', 'callback has neither code nor error');
    }
    // Same query on the registered redirect URI: openid-client derives redirect_uri from this URL.
    const callbackUrl = new URL(this.config.redirectUri);
    for (const [key, value] of query) callbackUrl.searchParams.append(key, value);

    let tokens: OpenIdClient.TokenEndpointResponse & OpenIdClient.TokenEndpointResponseHelpers;
    try {
      tokens = await this.lib.authorizationCodeGrant(this.server, callbackUrl, {
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        pkceCodeVerifier: expected.codeVerifier,
        idTokenExpected: true,
      });
    } catch (error) {
      throw toProConnectError(error, 'invalid_id_token', 'token');
    }
    const idTokenClaims = tokens.claims();
    if (!tokens.id_token || !idTokenClaims) throw new ProConnectError('invalid_id_token', 'token response has no id_token');

    let userinfo: OpenIdClient.UserInfoResponse;
    try {
      userinfo = await this.lib.fetchUserInfo(this.server, tokens.access_token, idTokenClaims.sub);
    } catch (error) {
      throw toProConnectError(error, 'invalid_userinfo', 'userinfo');
    }
    return { claims: toIdentity(userinfo), idToken: tokens.id_token };
  }

  /** ProConnect's end-session URL: redirect the browser there, then check `state` on the way back. */
  logoutUrl(idToken: string, state: string): string {
    if (!this.server.serverMetadata().end_session_endpoint) {
      throw new ProConnectError('unsupported_provider', 'discovery document has no end_session_endpoint');
    }
    return this.lib.buildEndSessionUrl(this.server, {
      id_token_hint: idToken,
      state,
      post_logout_redirect_uri: this.config.postLogoutRedirectUri,
    }).href;
  }

  /** `logoutUrl` with a fresh random `state` (store it to check the post-logout redirect). */
  logoutRequest(idToken: string): { url: string; state: string } {
    const state = randomToken();
    return { url: this.logoutUrl(idToken, state), state };
  }
}

/** 32 random bytes, base64url: 43 characters (ProConnect wants at least 32 for state and nonce). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares a stored secret with a received value without leaking the position of a difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function toIdentity(userinfo: OpenIdClient.UserInfoResponse): ProConnectIdentity {
  const text = (value: unknown): string | null => {
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') return null;
    return value.trim() || null;
  };
  const email = text(userinfo.email)?.toLowerCase() ?? null;
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new ProConnectError('invalid_userinfo', email ? 'userinfo email is malformed' : 'userinfo has no email (is the "email" scope granted?)');
  }
  return {
    sub: userinfo.sub,
    email,
    givenName: text(userinfo.given_name),
    usualName: text(userinfo.usual_name),
    siret: text(userinfo.siret)?.replace(/\s+/g, '') ?? null,
    idpId: text(userinfo.idp_id),
    uid: text(userinfo.uid),
  };
}

/** Fields of openid-client / oauth4webapi errors this module reads (duck-typed: the library may live in another realm). */
interface LibraryError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  error?: unknown;
  error_description?: unknown;
  claim?: unknown;
  attribute?: unknown;
  cause?: unknown;
}

/** Maps an openid-client error to a ProConnectError, with `fallback` for verification failures. */
function toProConnectError(error: unknown, fallback: ProConnectErrorReason, step: string): ProConnectError {
  if (error instanceof ProConnectError) return error;
  const describe = (text: string) => `${step}: ${text}`;
  const chain: LibraryError[] = [];
  for (let current: unknown = error; typeof current === 'object' && current !== null && chain.length < 5; current = (current as LibraryError).cause) {
    chain.push(current as LibraryError);
  }
  const top = chain[0] ?? {};
  // Duck-typed, not `instanceof Error`: under Jest the library and its errors live in another realm.
  const name = typeof top.name === 'string' ? top.name : '';
  const message = typeof top.message === 'string' ? top.message : String(error);
  const codes = new Set(chain.map((link) => link.code).filter((code): code is string => typeof code === 'string'));

  // OAuth error answered by the provider, in the callback (access_denied…) or at the token or
  // userinfo endpoint (invalid_grant for a bad, expired or reused code, invalid_client…).
  if (codes.has('OAUTH_AUTHORIZATION_RESPONSE_ERROR') || codes.has('OAUTH_RESPONSE_BODY_ERROR') || codes.has('OAUTH_WWW_AUTHENTICATE_CHALLENGE')) {
    const description = typeof top.error_description === 'string' ? ` (${top.error_description})` : '';
    return new ProConnectError('provider_error', describe(`${String(top.error ?? message)}${description}`), { cause: error });
  }
  if (chain.some((link) => link.claim === 'nonce')) {
    return new ProConnectError('nonce_mismatch', describe('ID token nonce differs from the stored one'), { cause: error });
  }
  if (chain.some((link) => link.attribute === 'state')) {
    return new ProConnectError('state_mismatch', describe('state differs from the stored one'), { cause: error });
  }
  // Network failures and timeouts (fetch throws TypeError "fetch failed", AbortSignal a TimeoutError),
  // and HTTP answers that are not OAuth at all (502 from a proxy…).
  const network =
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (name === 'TypeError' && /fetch failed/i.test(message)) ||
    codes.has('OAUTH_RESPONSE_IS_NOT_CONFORM') ||
    codes.has('OAUTH_RESPONSE_IS_NOT_JSON');
  if (network && !codes.has('OAUTH_JWT_USERINFO_EXPECTED')) {
    return new ProConnectError('provider_unreachable', describe(message), { cause: error });
  }
  if (step === 'discovery') {
    return new ProConnectError('unsupported_provider', describe(message), { cause: error });
  }
  // e.g. "invalid response encountered: JWT signature verification failed [OAUTH_INVALID_RESPONSE]"
  const messages = [...new Set(chain.map((link) => link.message).filter((text): text is string => typeof text === 'string' && text !== ''))];
  return new ProConnectError(fallback, describe(`${messages.join(': ') || message}${codes.size ? ` [${[...codes].join(', ')}]` : ''}`), { cause: error });
}
