import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compileFunction } from 'node:vm';
import { importEsm } from '../core/auth/proconnect/esm';
import { PROCONNECT_DEFAULT_SCOPES } from '../core/auth/proconnect/proconnect.config';

/**
 * A local OpenID provider standing in for ProConnect in tests: the npm package `oidc-provider`
 * (which ProConnect itself is built on), in-process, on 127.0.0.1, configured like ProConnect:
 * authorization code flow, `client_secret_post`, RS256 ID token, userinfo as an RS256-signed JWT,
 * one scope per claim, RP-initiated logout with `id_token_hint` + `state`.
 *
 * Its login page works in a browser (Playwright) and over plain HTTP (`login()`): one field taking
 * the account's `sub` or email, no password, no consent screen (ProConnect shows none to agents).
 * Logout does not ask for confirmation either. Test-only: never import it from application code.
 */

/** The claims ProConnect sends for an agent (userinfo), keyed as on the wire. */
export interface TestOidcAccount {
  sub: string;
  email: string;
  given_name: string | null;
  usual_name: string | null;
  siret: string | null;
  idp_id: string | null;
  uid: string | null;
}

export interface TestOidcProviderOptions {
  /** Default `suivi-pvd-test`. */
  clientId?: string;
  /** Default: random. */
  clientSecret?: string;
  /** Default `http://localhost:3000/api/auth/proconnect/callback`. */
  redirectUri?: string;
  /** Default `http://localhost:3000/`. */
  postLogoutRedirectUri?: string;
  /** Default 0: a free port. Fix it when the issuer URL must be known before start (Playwright). */
  port?: number;
  /** Initial current account (default: a test agent with a SIRET). */
  account?: TestOidcAccount;
  /** Register the client for JWT userinfo (default true, as ProConnect). False: plain JSON userinfo. */
  jwtUserinfo?: boolean;
  /**
   * Log in any email typed in the form, as an agent without SIRET (default false: known accounts
   * only). ProConnect authenticates agents the platform may not know: the stand-in does too.
   */
  acceptAnyEmail?: boolean;
}

export interface TestOidcRequest {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** PROCONNECT_* variables pointing the application at this provider (e.g. for createTestApp). */
  env: Record<string, string>;
  /** Every request served, in order (to assert, say, that userinfo answered `application/jwt`). */
  requests: TestOidcRequest[];
  /** Adds or replaces an account (by `sub`) and makes it the current one, used by `login()`. */
  setAccount(account: TestOidcAccount): void;
  /**
   * Follows `authorizationUrl` like a browser would (manual redirects, its own cookie jar), logs in
   * as `account` (default: the current one) and returns the redirect back to the client: the
   * `redirect_uri` with `code` and `state` (or `error`).
   */
  login(authorizationUrl: string, account?: TestOidcAccount): Promise<URL>;
  /** Follows an end-session URL with the cookies of the last `login()`; returns the post-logout redirect. */
  logout(endSessionUrl: string): Promise<URL>;
  stop(): Promise<void>;
}

export const DEFAULT_TEST_ACCOUNT: TestOidcAccount = {
  sub: 'agent-test-sub',
  email: 'Camille.Agent@Commune-Test.fr',
  given_name: 'Camille',
  usual_name: 'Agent',
  siret: '21230001000015',
  idp_id: 'fia1v2',
  uid: '1',
};

// --- The few parts of oidc-provider's API used here (the package ships no TypeScript types). ---
interface OidcGrant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface OidcInteraction {
  uid: string;
  prompt: { name: string };
  params: Record<string, unknown>;
  session?: { accountId?: string };
}
interface OidcProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<OidcInteraction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  Grant: {
    new (properties: { accountId?: string; clientId: string }): OidcGrant;
    find(id: string): Promise<OidcGrant | undefined>;
  };
}
interface OidcProviderModule {
  default: new (issuer: string, configuration: Record<string, unknown>) => OidcProviderInstance;
}
interface OidcContext {
  oidc: {
    provider: OidcProviderInstance;
    client?: { clientId: string };
    session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    result?: { consent?: { grantId?: string } };
    params?: { scope?: unknown };
  };
  body?: unknown;
}

export async function startTestOidcProvider(options: TestOidcProviderOptions = {}): Promise<TestOidcProvider> {
  const { default: Provider } = await importEsm<OidcProviderModule>('oidc-provider');
  const clientId = options.clientId ?? 'suivi-pvd-test';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const redirectUri = options.redirectUri ?? 'http://localhost:3000/api/auth/proconnect/callback';
  const postLogoutRedirectUri = options.postLogoutRedirectUri ?? 'http://localhost:3000/';

  const accounts = new Map<string, TestOidcAccount>();
  let current: TestOidcAccount | null = null;
  const setAccount = (account: TestOidcAccount) => {
    accounts.set(account.sub, account);
    current = account;
  };
  setAccount(options.account ?? DEFAULT_TEST_ACCOUNT);
  /** The login field takes a `sub` or an email (case-insensitive). */
  const findByLogin = (login: string): TestOidcAccount | undefined => {
    const known = accounts.get(login) ?? [...accounts.values()].find((account) => account.email.toLowerCase() === login.trim().toLowerCase());
    if (known || !options.acceptAnyEmail || !/^[^\s@]+@[^\s@]+$/.test(login.trim())) return known;
    const email = login.trim();
    const agent: TestOidcAccount = { sub: `agent-${email.toLowerCase()}`, email, given_name: null, usual_name: null, siret: null, idp_id: 'fia1v2', uid: null };
    accounts.set(agent.sub, agent);
    return agent;
  };

  // The port must be known before the provider is built: its issuer contains it.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const claimScopes = PROCONNECT_DEFAULT_SCOPES.split(' ').filter((scope) => scope !== 'openid');

  const provider = new Provider(issuer, toMainRealm({
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [postLogoutRedirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'RS256',
        ...(options.jwtUserinfo === false ? {} : { userinfo_signed_response_alg: 'RS256' }),
      },
    ],
    jwks: { keys: [{ ...signingKey, alg: 'RS256', use: 'sig', kid: 'test-signing-key' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // ProConnect's lifetimes: code 30 s, access token 60 s; sessions 12 h.
    ttl: { AuthorizationCode: 30, AccessToken: 60, IdToken: 3600, Interaction: 600, Grant: 12 * 3600, Session: 12 * 3600 },
    // ProConnect: one scope per claim.
    scopes: ['openid', ...claimScopes],
    claims: { openid: ['sub'], ...Object.fromEntries(claimScopes.map((scope) => [scope, [scope]])) },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource },
    },
    interactions: { url: (_ctx: OidcContext, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: OidcContext, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return toMainRealm({
        accountId: account.sub,
        // oidc-provider keeps only the claims of the granted scopes.
        claims: async () => toMainRealm(Object.fromEntries(Object.entries(account).filter(([, value]) => value !== null))),
      });
    },
    // No consent screen: every login grants the scopes requested.
    async loadExistingGrant(ctx: OidcContext) {
      const { client, session, result, params } = ctx.oidc;
      if (!client || !session) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const grant = (grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined) ?? new ctx.oidc.provider.Grant(toMainRealm({ clientId: client.clientId, accountId: session.accountId }));
      grant.addOIDCScope(typeof params?.scope === 'string' ? params.scope : 'openid');
      await grant.save();
      return grant;
    },
  }));
  const oidcCallback = provider.callback();

  const requests: TestOidcRequest[] = [];
  handler = (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    res.on('finish', () => {
      const contentType = res.getHeader('content-type');
      requests.push({ method: req.method ?? 'GET', path: url.pathname, status: res.statusCode, contentType: typeof contentType === 'string' ? contentType : null });
    });
    const interaction = /^\/interaction\/([\w-]+)(\/abort)?$/.exec(url.pathname);
    if (!interaction) {
      oidcCallback(req, res);
      return;
    }
    handleInteraction(req, res, interaction[2] === '/abort').catch((error: unknown) => {
      if (!res.headersSent) sendHtml(res, 500, page('Erreur', `<p>${escapeHtml(String(error))}</p>`));
    });
  };

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, abort: boolean): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (abort) {
      await provider.interactionFinished(req, res, toMainRealm({ error: 'access_denied', error_description: "L'agent a annulé la connexion" }), toMainRealm({ mergeWithLastSubmission: false }));
      return;
    }
    if (req.method === 'GET') {
      const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : (current?.email ?? '');
      sendHtml(res, 200, loginPage(details.uid, hint));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    const login = form.get('login') ?? '';
    const account = findByLogin(login);
    if (!account) {
      sendHtml(res, 400, loginPage(details.uid, login, `Aucun compte de test ne correspond à « ${login} ».`));
      return;
    }
    await provider.interactionFinished(req, res, toMainRealm({ login: { accountId: account.sub } }), toMainRealm({ mergeWithLastSubmission: false }));
  }

  let lastJar = new CookieJar();

  /** Follows redirects by hand, submitting the login form when it shows up, until `isDone(url)`. */
  async function browse(start: URL, jar: CookieJar, isDone: (url: URL) => boolean, onPage: (url: URL, html: string) => Promise<Response> | null): Promise<URL> {
    let url = start;
    let response = await jar.fetch(url);
    for (let step = 0; step < 15; step++) {
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url);
        if (isDone(url)) return url;
        response = await jar.fetch(url);
        continue;
      }
      const html = await response.text();
      const next = response.status === 200 ? onPage(url, html) : null;
      if (!next) throw new Error(`Test OpenID provider: unexpected ${response.status} at ${url.href}: ${html.slice(0, 500)}`);
      response = await next;
    }
    throw new Error(`Test OpenID provider: too many redirects from ${start.href}`);
  }

  const sameEndpoint = (a: URL, b: string) => {
    const target = new URL(b);
    return a.origin === target.origin && a.pathname === target.pathname;
  };

  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    postLogoutRedirectUri,
    env: {
      PROCONNECT_ISSUER: issuer,
      PROCONNECT_CLIENT_ID: clientId,
      PROCONNECT_CLIENT_SECRET: clientSecret,
      PROCONNECT_REDIRECT_URI: redirectUri,
      PROCONNECT_POST_LOGOUT_REDIRECT_URI: postLogoutRedirectUri,
      PROCONNECT_ALLOW_INSECURE: 'true',
    },
    requests,
    setAccount,
    async login(authorizationUrl, account) {
      if (account) setAccount(account);
      const who = account ?? current;
      if (!who) throw new Error('Test OpenID provider: no account, call setAccount() first');
      const jar = new CookieJar();
      lastJar = jar;
      return browse(new URL(authorizationUrl), jar, (url) => sameEndpoint(url, redirectUri), (url, html) =>
        url.pathname.startsWith('/interaction/') && html.includes('name="login"') ? jar.fetch(url, { login: who.sub }) : null,
      );
    },
    async logout(endSessionUrl) {
      const jar = lastJar;
      return browse(new URL(endSessionUrl), jar, (url) => sameEndpoint(url, postLogoutRedirectUri), (url, html) => {
        // The logout page (logoutSource below): submit its form with logout=yes.
        const action = /<form id="op\.logoutForm"[^>]*action="([^"]+)"/.exec(html)?.[1];
        const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
        return action && xsrf ? jar.fetch(new URL(decodeHtml(action), url), { xsrf, logout: 'yes' }) : null;
      });
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * Under Jest, test code runs in a `vm` context while oidc-provider (loaded by `importEsm`) lives in
 * the main one, and it rejects objects whose prototype is not *its* `Object.prototype` ("must be a
 * plain object", "must be an own property"). Everything handed to it is rebuilt with the main
 * context's `Object` and `Array`; functions pass as they are. Outside Jest this is a plain copy.
 */
const mainRealm = compileFunction('return { Object, Array }', [])() as { Object: ObjectConstructor; Array: ArrayConstructor };
function toMainRealm<T>(value: T): T {
  if (Array.isArray(value)) return mainRealm.Array.from(value, (item: unknown) => toMainRealm(item)) as T;
  if (typeof value === 'object' && value !== null) {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype === Object.prototype || prototype === mainRealm.Object.prototype || prototype === null) {
      return mainRealm.Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toMainRealm(item)])) as T;
    }
  }
  return value;
}

/** RP-initiated logout without a confirmation click: the form posts itself (a button without JS). */
async function logoutSource(ctx: OidcContext, form: string): Promise<void> {
  ctx.body = page(
    'Déconnexion',
    `${form}
    <p>Déconnexion en cours…</p>
    <input type="hidden" form="op.logoutForm" name="logout" value="yes">
    <button type="submit" form="op.logoutForm">Se déconnecter</button>
    <script>document.getElementById('op.logoutForm').submit();</script>`,
  );
}

function loginPage(uid: string, login: string, error?: string): string {
  return page(
    'Connexion ProConnect (test)',
    `<h1>Connexion ProConnect (fournisseur de test)</h1>
    ${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
    <form method="post" action="/interaction/${escapeHtml(uid)}" autocomplete="off">
      <label for="login">Identifiant (sub) ou adresse e-mail</label>
      <input id="login" name="login" type="text" required autofocus value="${escapeHtml(login)}">
      <button type="submit">Se connecter</button>
    </form>
    <p><a href="/interaction/${escapeHtml(uid)}/abort">Annuler</a></p>`,
  );
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function decodeHtml(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Just enough of a browser's cookie handling for one host: names, values, expiry. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** GET (no form) or POST of an urlencoded form, never following redirects. */
  async fetch(url: URL, form?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form).toString() : undefined, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.store(line);
    return response;
  }

  private store(setCookie: string): void {
    const [pair, ...attributes] = setCookie.split(';');
    const separator = pair.indexOf('=');
    if (separator <= 0) return;
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const expired = attributes.some((attribute) => {
      const [key, raw = ''] = attribute.trim().split('=');
      if (key.toLowerCase() === 'max-age') return Number(raw) <= 0;
      if (key.toLowerCase() === 'expires') return Date.parse(raw) <= Date.now();
      return false;
    });
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}
