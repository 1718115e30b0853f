import { DEFAULT_MAIL_FROM, loadMailConfig, MailConfigError, readMailConfig } from './mail.config';

function problemsOf(env: NodeJS.ProcessEnv, nodeEnv: 'development' | 'production' | 'test' = 'development'): string[] {
  return readMailConfig(env, nodeEnv).problems;
}

describe('loadMailConfig', () => {
  it.each(['development', 'test'] as const)('uses the embedded sink without SMTP_URL in %s, its mailbox off unless asked', (nodeEnv) => {
    expect(loadMailConfig({}, nodeEnv)).toEqual({ mode: 'sink', sinkPort: 0, from: DEFAULT_MAIL_FROM, devMailbox: false });
    expect(loadMailConfig({}, nodeEnv, true)).toMatchObject({ mode: 'sink', devMailbox: true });
    expect(loadMailConfig({ DEV_MAILBOX: 'true' }, nodeEnv)).toMatchObject({ mode: 'sink', devMailbox: true });
    expect(loadMailConfig({ DEV_MAILBOX: 'false' }, nodeEnv, true)).toMatchObject({ mode: 'sink', devMailbox: false });
  });

  it('refuses DEV_MAILBOX=true in production', () => {
    expect(problemsOf({ DEV_MAILBOX: 'true', SMTP_URL: 'smtp://relay:25' }, 'production')).toEqual([expect.stringMatching(/^DEV_MAILBOX=true is refused in production/)]);
  });

  it('treats a blank SMTP_URL as unset', () => {
    expect(loadMailConfig({ SMTP_URL: '  ' }, 'development').mode).toBe('sink');
  });

  it('requires SMTP_URL in production, naming the variable', () => {
    expect(() => loadMailConfig({}, 'production')).toThrow(MailConfigError);
    expect(() => loadMailConfig({}, 'production')).toThrow(/SMTP_URL is required in production/);
  });

  it.each(['smtp://user:secret@mail.example.fr:587', 'smtps://mail.example.fr:465', 'smtp://mail.example.fr'])('accepts SMTP_URL=%s', (url) => {
    expect(loadMailConfig({ SMTP_URL: url }, 'production')).toEqual({ mode: 'smtp', smtpUrl: url, from: DEFAULT_MAIL_FROM });
  });

  it('uses SMTP_URL in development too (no sink, no dev mailbox)', () => {
    expect(loadMailConfig({ SMTP_URL: 'smtp://localhost:1025' }, 'development')).toEqual({
      mode: 'smtp',
      smtpUrl: 'smtp://localhost:1025',
      from: DEFAULT_MAIL_FROM,
    });
  });

  it('rejects an unparseable SMTP_URL without echoing it (it may hold a password)', () => {
    const problems = problemsOf({ SMTP_URL: 'smtp://user:s3cret@mail example.fr' }, 'production');
    expect(problems).toEqual([expect.stringMatching(/^SMTP_URL is not a valid URL/)]);
    expect(problems.join()).not.toContain('s3cret');
  });

  it('does not take the user name of a scheme-less URL for a scheme', () => {
    const problems = problemsOf({ SMTP_URL: 'user:s3cret@mail.example.fr' });
    expect(problems).toEqual(['SMTP_URL must start with smtp:// or smtps://']);
  });

  it('rejects another scheme, without echoing the credentials', () => {
    const problems = problemsOf({ SMTP_URL: 'http://user:s3cret@mail.example.fr' });
    expect(problems).toEqual(['SMTP_URL must start with smtp:// or smtps:// (got "http://…")']);
  });

  it('rejects a password without a user name', () => {
    expect(problemsOf({ SMTP_URL: 'smtp://:s3cret@mail.example.fr' })).toEqual(['SMTP_URL has a password but no user name']);
  });

  it.each(['Équipe PVD <contact@exemple.fr>', 'contact@exemple.fr', '"PVD, équipe" <contact@exemple.fr>'])('accepts MAIL_FROM=%s', (from) => {
    expect(loadMailConfig({ MAIL_FROM: from }, 'test').from).toBe(from);
  });

  it.each(['contact', 'PVD <contact>', 'a@b@c.fr', '<>'])('rejects MAIL_FROM=%s', (from) => {
    expect(problemsOf({ MAIL_FROM: from })).toEqual([expect.stringMatching(/^MAIL_FROM=".*" must be an email address/)]);
  });

  it('reads MAIL_SINK_PORT and rejects a bad one', () => {
    expect(loadMailConfig({ MAIL_SINK_PORT: '1025' }, 'development')).toMatchObject({ mode: 'sink', sinkPort: 1025 });
    expect(problemsOf({ MAIL_SINK_PORT: '70000' })).toEqual([expect.stringMatching(/^MAIL_SINK_PORT="70000" must be an integer/)]);
  });

  it('lists every problem at once, one line each', () => {
    let error: unknown;
    try {
      loadMailConfig({ MAIL_FROM: 'nobody' }, 'production');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MailConfigError);
    expect((error as MailConfigError).problems).toHaveLength(2);
    expect((error as MailConfigError).message).toMatch(/^Invalid configuration:\n {2}- MAIL_FROM=.*\n {2}- SMTP_URL is required/);
  });
});
