/**
 * Mail settings, read from the environment. Pure: no I/O, no Nest, so that `config.ts` can merge
 * its problems into its own list and tests can call it with any environment.
 *
 * - `SMTP_URL`: `smtp://user:password@host:587` (STARTTLS when the server offers it) or
 *   `smtps://user:password@host:465` (TLS from the start). Nodemailer options may follow as query
 *   parameters. Required in production.
 * - `MAIL_FROM`: sender of every email, `Name <address>` or a bare address.
 * - `MAIL_SINK_PORT`: port of the embedded SMTP sink, used only when `SMTP_URL` is unset outside
 *   production (default 0: a random free port).
 * - `DEV_MAILBOX`: whether GET/DELETE /api/dev/emails read the sink's mailbox. Off unless set, or
 *   unless the caller says it is on by default (`npm start` on loopback with demo data); refused
 *   in production and with `SMTP_URL` (there is no sink to read then).
 */

export type MailNodeEnv = 'development' | 'production' | 'test';

export type MailConfig =
  | {
      /** A real SMTP server: emails leave the machine. */
      mode: 'smtp';
      smtpUrl: string;
      from: string;
    }
  | {
      /** The embedded SMTP sink: emails are captured in memory and never sent out. */
      mode: 'sink';
      /** 0 picks a random free port. */
      sinkPort: number;
      from: string;
      /** Whether GET/DELETE /api/dev/emails are registered (DEV_MAILBOX; never in production). */
      devMailbox: boolean;
    };

export const DEFAULT_MAIL_FROM = 'Suivi PVD <ne-pas-repondre@suivi-pvd.invalid>';

export class MailConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const BARE_ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const NAMED_ADDRESS = /^[^<>]*<([^<>]+)>$/;

function isValidFrom(value: string): boolean {
  const named = NAMED_ADDRESS.exec(value);
  return BARE_ADDRESS.test(named ? named[1].trim() : value);
}

/**
 * Checks SMTP_URL without ever echoing it: it usually holds a password. Returns a problem, or
 * null when the URL is usable.
 */
function smtpUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'SMTP_URL is not a valid URL (expected smtp://user:password@host:587 or smtps://user:password@host:465)';
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    // Name the scheme only when it is one (`http://…`); in `user:password@host` it is the user.
    const got = value.startsWith(`${url.protocol}//`) ? ` (got "${url.protocol}//…")` : '';
    return `SMTP_URL must start with smtp:// or smtps://${got}`;
  }
  if (!url.hostname) return 'SMTP_URL has no host name (expected smtp://user:password@host:587)';
  if (url.password && !url.username) return 'SMTP_URL has a password but no user name';
  return null;
}

const DEV_MAILBOX_DANGER = 'the development mailbox shows the invitation and password-reset links of every account';

/** DEV_MAILBOX as a boolean, or a problem. */
function readDevMailbox(env: NodeJS.ProcessEnv, problems: string[]): boolean | null {
  const raw = env.DEV_MAILBOX?.trim().toLowerCase();
  if (!raw) return null;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  problems.push(`DEV_MAILBOX="${env.DEV_MAILBOX}" must be true or false`);
  return null;
}

/**
 * Mail settings and the problems found; `problems` is empty when `mail` is usable.
 * `devMailboxByDefault`: whether the development mailbox is on when DEV_MAILBOX is unset (the
 * caller decides: `npm start` on a loopback address with demo data). Never on in production.
 */
export function readMailConfig(env: NodeJS.ProcessEnv, nodeEnv: MailNodeEnv, devMailboxByDefault = false): { mail: MailConfig; problems: string[] } {
  const problems: string[] = [];
  const devMailbox = readDevMailbox(env, problems);
  if (devMailbox && nodeEnv === 'production') {
    problems.push(`DEV_MAILBOX=true is refused in production: ${DEV_MAILBOX_DANGER}. Remove it.`);
  }

  const from = env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  if (!isValidFrom(from)) {
    problems.push(`MAIL_FROM="${from}" must be an email address, optionally with a name: Suivi PVD <ne-pas-repondre@exemple.fr>`);
  }

  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl) {
    const problem = smtpUrlProblem(smtpUrl);
    if (problem) problems.push(problem);
    if (devMailbox && nodeEnv !== 'production') {
      problems.push('DEV_MAILBOX=true needs the local SMTP sink, which SMTP_URL replaces: unset one of them');
    }
    return { mail: { mode: 'smtp', smtpUrl, from }, problems };
  }

  if (nodeEnv === 'production') {
    problems.push('SMTP_URL is required in production (the embedded SMTP sink, which sends nothing, is for development and tests)');
  }
  let sinkPort = 0;
  const rawPort = env.MAIL_SINK_PORT?.trim();
  if (rawPort) {
    const n = Number(rawPort);
    if (Number.isInteger(n) && n >= 0 && n <= 65535) sinkPort = n;
    else problems.push(`MAIL_SINK_PORT="${rawPort}" must be an integer between 0 and 65535 (0: a random free port)`);
  }
  const mailbox = nodeEnv !== 'production' && (devMailbox ?? devMailboxByDefault);
  return { mail: { mode: 'sink', sinkPort, from, devMailbox: mailbox }, problems };
}

/** Mail settings; throws a `MailConfigError` naming each faulty variable. */
export function loadMailConfig(env: NodeJS.ProcessEnv, nodeEnv: MailNodeEnv, devMailboxByDefault = false): MailConfig {
  const { mail, problems } = readMailConfig(env, nodeEnv, devMailboxByDefault);
  if (problems.length > 0) throw new MailConfigError(problems);
  return mail;
}

export const MAIL_CONFIG = Symbol('MAIL_CONFIG');
