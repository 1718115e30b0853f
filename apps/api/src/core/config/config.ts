import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { loadProConnectConfig, ProConnectConfig } from '../auth/proconnect/proconnect.config';
import { DEFAULT_TABLE_LIMITS, type TableLimits } from '../files/table-limits';
import { MailConfig, readMailConfig } from '../mail/mail.config';
import { ConfigError } from './config-error';

/**
 * Configuration read once from the environment and validated at start. A bad value stops the
 * process with a message naming the variable, never a stack trace from deep inside a library.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** When null, an embedded PostgreSQL is started. */
  databaseUrl: string | null;
  embeddedPg: { dataDir: string; port: number };
  /** Reads with parameters as named prepared statements (DB_PREPARED_STATEMENTS, default true). */
  preparedStatements: boolean;
  demoSeed: boolean;
  loadReferentiel: boolean;
  /** Folder of the built web app, served by the API when it exists. */
  webDistDir: string;
  /** HTTPS-only headers (HSTS, upgrade-insecure-requests); off for plain HTTP hosts. */
  httpsHeaders: boolean;
  cookieSecure: boolean;
  sessionTtlHours: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxUploadBytes: number;
  /** What one imported table may hold (lines, columns, cell length, unpacked size). */
  importLimits: TableLimits;
  /** Where the contents of uploaded documents are kept: a local folder (the default) or an S3 bucket. */
  documentStore: DocumentStoreConfig;
  mail: MailConfig;
  /** Address of the web app as users reach it, for links in emails. */
  publicUrl: string;
  /**
   * LINK_SECRET: key of the HMAC that signs the links of emails that work without signing in
   * (unsubscribe). Required in production; a fixed development value elsewhere.
   */
  linkSecret: string;
  /** Null: ProConnect is off (the default). */
  proconnect: ProConnectConfig | null;
  jobs: JobsConfig;
  /**
   * Express's `trust proxy`: false (the default) uses the socket's address as the client's;
   * a hop count, or the addresses/CIDRs of the reverse proxies whose X-Forwarded-For is believed.
   */
  trustProxy: TrustProxy;
  /** The Point d'avancement as PDF, rendered by headless Chromium from the web page. */
  rapport: RapportConfig;
  /** Who may read `/metrics` (Prometheus). */
  metrics: MetricsConfig;
  /** WORKER_HTTP_PORT: where a worker process (`npm run worker`) serves its /metrics and probes; null: none. */
  workerHttpPort: number | null;
}

export interface MetricsConfig {
  /** METRICS_TOKEN: with it, `/metrics` answers any client sending `Authorization: Bearer <token>`. */
  token: string | null;
  /**
   * METRICS_ALLOW: addresses/CIDRs (and loopback, linklocal, uniquelocal) that may read
   * `/metrics` without the token; default loopback. Empty (`none`): the token only.
   */
  allow: string[];
}

export interface RapportConfig {
  /** Chromium's executable (CHROMIUM_PATH, default Debian's /usr/bin/chromium). */
  chromiumPath: string;
  /**
   * The platform's address as the renderer reaches it (INTERNAL_URL); null: the API's own
   * listening address, else http://127.0.0.1:$PORT (a worker process without HTTP needs it set).
   */
  internalUrl: string | null;
}

export type TrustProxy = false | number | string[];

/** DOCUMENTS_STORAGE=disk (default): files under DOCUMENTS_DIR; s3: objects of a bucket of any provider of the S3 API. */
export type DocumentStoreConfig = { kind: 'disk'; dir: string } | S3StoreConfig;

export interface S3StoreConfig {
  kind: 's3';
  bucket: string;
  /** Prepended to every key (`documents/`), empty by default; ends with `/` when set. */
  prefix: string;
  /** Null: AWS itself (the region's endpoint). */
  endpoint: string | null;
  region: string;
  /** `https://endpoint/bucket/key` rather than `https://bucket.endpoint/key` (MinIO and most self-hosted stores). */
  forcePathStyle: boolean;
  /** Null (both): the SDK's usual chain (AWS_ACCESS_KEY_ID…, a profile, the instance's role). */
  accessKeyId: string | null;
  secretAccessKey: string | null;
}

/** Bucket names as S3 accepts them: 3 to 63 lowercase letters, digits, dots and hyphens. */
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The document store from DOCUMENTS_STORAGE, DOCUMENTS_DIR and the S3_* variables. */
export function readDocumentStore(env: NodeJS.ProcessEnv, problems: string[], bool: (name: string, fallback: boolean) => boolean): DocumentStoreConfig {
  const value = (name: string) => env[name]?.trim() || null;
  const kind = value('DOCUMENTS_STORAGE') ?? 'disk';
  const dir = resolve(repoRoot(), value('DOCUMENTS_DIR') ?? '.data/documents');
  if (kind === 'disk') {
    if (value('S3_BUCKET')) problems.push('S3_BUCKET is set but DOCUMENTS_STORAGE is disk: set DOCUMENTS_STORAGE=s3 to keep the documents in that bucket, or unset S3_BUCKET');
    return { kind, dir };
  }
  if (kind !== 's3') {
    problems.push(`DOCUMENTS_STORAGE="${kind}" must be one of: disk, s3`);
    return { kind: 'disk', dir };
  }
  const bucket = value('S3_BUCKET');
  if (!bucket) problems.push('S3_BUCKET is required with DOCUMENTS_STORAGE=s3');
  else if (!BUCKET_PATTERN.test(bucket)) problems.push(`S3_BUCKET="${bucket}" must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens`);
  const endpoint = value('S3_ENDPOINT')?.replace(/\/+$/, '') ?? null;
  if (endpoint && !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(endpoint)) problems.push(`S3_ENDPOINT="${endpoint}" must be an http(s) address (e.g. https://s3.fr-par.scw.cloud or http://minio:9000)`);
  const rawPrefix = value('S3_PREFIX')?.replace(/^\/+/, '') ?? '';
  const prefix = rawPrefix === '' || rawPrefix.endsWith('/') ? rawPrefix : `${rawPrefix}/`;
  if (prefix && !/^[A-Za-z0-9._\-/]+$/.test(prefix)) problems.push(`S3_PREFIX="${rawPrefix}" may only hold letters, digits, '.', '_', '-' and '/'`);
  const accessKeyId = value('S3_ACCESS_KEY_ID');
  const secretAccessKey = value('S3_SECRET_ACCESS_KEY');
  if (!accessKeyId !== !secretAccessKey) problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS SDK\'s usual credentials');
  return {
    kind,
    bucket: bucket ?? '',
    prefix,
    endpoint,
    region: value('S3_REGION') ?? 'us-east-1',
    // Self-hosted stores (an S3_ENDPOINT) rarely have a DNS name per bucket.
    forcePathStyle: bool('S3_FORCE_PATH_STYLE', endpoint !== null),
    accessKeyId,
    secretAccessKey,
  };
}

/** Names Express (proxy-addr) accepts for address ranges. */
const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrCidr(value: string): boolean {
  if (TRUST_PROXY_NAMES.includes(value)) return true;
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset or `false` (use the socket address), a hop count (`1`: one proxy in front),
 * or a comma list of proxy addresses, CIDRs and the names loopback, linklocal, uniquelocal.
 * `true` (believe any X-Forwarded-For) is refused: every client could then choose its address.
 */
/**
 * METRICS_ALLOW: a comma list of addresses, CIDRs and the names loopback, linklocal, uniquelocal
 * allowed to read /metrics without the token; unset: loopback; `none`: nobody (token only).
 */
export function readMetricsAllow(raw: string | undefined, problems: string[]): string[] {
  const value = raw?.trim() ?? '';
  if (value === '') return ['loopback'];
  if (value.toLowerCase() === 'none') return [];
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (entries.length === 0 || bad.length > 0) {
    problems.push(`METRICS_ALLOW="${value}" must be none or a comma list of addresses or CIDRs (e.g. loopback,10.0.0.0/8)${bad.length ? `: not an address: ${bad.join(', ')}` : ''}`);
    return ['loopback'];
  }
  return entries;
}

export function readTrustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
    if (hops === 0) return false;
    problems.push(`TRUST_PROXY="${value}" must be a number of proxies between 1 and 10, or a list of proxy addresses`);
    return false;
  }
  if (value.toLowerCase() === 'true') {
    problems.push('TRUST_PROXY=true would let every client choose its address (X-Forwarded-For): give the number of proxies in front (e.g. 1) or their addresses');
    return false;
  }
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (entries.length === 0 || bad.length > 0) {
    problems.push(
      `TRUST_PROXY="${value}" must be false, a number of proxies, or a comma list of proxy addresses or CIDRs (e.g. 10.0.0.0/8,127.0.0.1)${bad.length ? `: not an address: ${bad.join(', ')}` : ''}`,
    );
    return false;
  }
  return entries;
}

/** Whether HOST only listens on this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The job queue (pg-boss, in the app's database). */
export interface JobsConfig {
  /** Whether this process runs job handlers (JOBS_WORKER, default true); false: it only enqueues. */
  worker: boolean;
  /** How often an idle worker looks for new jobs (JOBS_POLLING_MS; 500 at least, as pg-boss requires). */
  pollingMs: number;
  /**
   * How often the processes that run jobs look at the schedules (JOBS_SCHEDULE_CHECK_SECONDS,
   * 1–45, default 30): one of them at a time, whatever their number, sends what is due.
   */
  scheduleCheckSeconds: number;
}

export { ConfigError };

/** Repository root (the folder holding package-lock.json), from sources or from dist/. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(resolve(dir, 'package-lock.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push(`${name}="${value}" must be one of: ${allowed.join(', ')}`);
    return fallback;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}="${value}" must be an integer between ${min} and ${max}`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
    problems.push(`${name}="${value}" must be true or false`);
    return fallback;
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (!databaseUrl && nodeEnv === 'production') {
    problems.push('DATABASE_URL is required in production (the embedded PostgreSQL is for development and tests)');
  }
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgres:// or postgresql:// (got "${databaseUrl.slice(0, 20)}…")`);
  }
  // Outside production the platform listens on this machine only unless HOST says otherwise.
  const host = env.HOST?.trim() || (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1');
  const demoSeed = bool('DEMO_SEED', nodeEnv !== 'production');
  // The development mailbox is on by default only for `npm start` on loopback with demo data.
  const { mail, problems: mailProblems } = readMailConfig(env, nodeEnv, demoSeed && isLoopbackHost(host));
  problems.push(...mailProblems);
  const trustProxy = readTrustProxy(env.TRUST_PROXY, problems);
  const metricsAllow = readMetricsAllow(env.METRICS_ALLOW, problems);
  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && (metricsToken.length < 16 || /\s/.test(metricsToken))) problems.push('METRICS_TOKEN must be at least 16 characters, without spaces (e.g. openssl rand -hex 24)');
  const port = int('PORT', 3000, 1, 65535);
  const publicUrl = (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
  if (env.INTERNAL_URL?.trim() && !/^https?:\/\/[^/]+/.test(env.INTERNAL_URL.trim())) problems.push(`INTERNAL_URL="${env.INTERNAL_URL.trim()}" must be an http(s) address (e.g. http://127.0.0.1:3000)`);
  if (!/^https?:\/\/[^/]+/.test(publicUrl)) problems.push(`PUBLIC_URL="${publicUrl}" must be an http(s) address`);
  const linkSecret = env.LINK_SECRET?.trim() || (nodeEnv === 'production' ? '' : DEV_LINK_SECRET);
  if (!linkSecret) problems.push('LINK_SECRET is required in production: it signs the unsubscribe links of emails (at least 32 characters, e.g. openssl rand -hex 32)');
  else if (linkSecret.length < 32 || /\s/.test(linkSecret)) problems.push('LINK_SECRET must be at least 32 characters, without spaces (e.g. openssl rand -hex 32)');
  let proconnect: ProConnectConfig | null = null;
  try {
    proconnect = loadProConnectConfig({ ...env, NODE_ENV: nodeEnv });
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems);
    else throw error;
  }
  const config: AppConfig = {
    nodeEnv,
    host,
    port,
    databaseUrl,
    embeddedPg: {
      dataDir: resolve(repoRoot(), env.EMBEDDED_PG_DIR?.trim() || '.data/pg'),
      // Below Linux's ephemeral range (32768–60999), where an outgoing connection can hold a port.
      port: int('EMBEDDED_PG_PORT', 15432, 1024, 65535),
    },
    preparedStatements: bool('DB_PREPARED_STATEMENTS', true),
    demoSeed,
    loadReferentiel: bool('LOAD_REFERENTIEL', true),
    webDistDir: resolve(repoRoot(), env.WEB_DIST_DIR?.trim() || 'dist/web'),
    httpsHeaders: bool('HTTPS_HEADERS', false),
    cookieSecure: bool('COOKIE_SECURE', nodeEnv === 'production'),
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, nodeEnv === 'test' ? 'silent' : 'info'),
    maxUploadBytes: int('MAX_UPLOAD_MB', 10, 1, 200) * 1024 * 1024,
    importLimits: {
      maxLines: int('IMPORT_MAX_LINES', DEFAULT_TABLE_LIMITS.maxLines, 1, 1_000_000),
      maxColumns: int('IMPORT_MAX_COLUMNS', DEFAULT_TABLE_LIMITS.maxColumns, 1, 1000),
      maxCellChars: int('IMPORT_MAX_CELL_CHARS', DEFAULT_TABLE_LIMITS.maxCellChars, 1, 1_000_000),
      maxUnpackedBytes: int('IMPORT_MAX_UNPACKED_MB', DEFAULT_TABLE_LIMITS.maxUnpackedBytes / 1024 / 1024, 1, 1000) * 1024 * 1024,
      maxSharedStringsBytes: int('IMPORT_MAX_SHARED_STRINGS_MB', DEFAULT_TABLE_LIMITS.maxSharedStringsBytes / 1024 / 1024, 1, 1000) * 1024 * 1024,
    },
    documentStore: readDocumentStore(env, problems, bool),
    mail,
    publicUrl,
    linkSecret,
    proconnect,
    trustProxy,
    rapport: {
      chromiumPath: env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium',
      internalUrl: env.INTERNAL_URL?.trim().replace(/\/+$/, '') || null,
    },
    metrics: { token: metricsToken, allow: metricsAllow },
    workerHttpPort: env.WORKER_HTTP_PORT?.trim() ? int('WORKER_HTTP_PORT', 0, 1, 65535) : null,
    jobs: {
      worker: bool('JOBS_WORKER', true),
      pollingMs: int('JOBS_POLLING_MS', nodeEnv === 'test' ? 500 : 2000, 500, 60_000),
      scheduleCheckSeconds: int('JOBS_SCHEDULE_CHECK_SECONDS', 30, 1, 45),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** LINK_SECRET outside production when unset: links signed with it are worthless anywhere else. */
export const DEV_LINK_SECRET = 'suivi-pvd-development-link-secret-not-for-production';

/** The configuration of a process entry point: a bad setting ends the process with the message naming it. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
