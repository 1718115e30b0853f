import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: null,
      demoSeed: true,
      loadReferentiel: true,
      httpsHeaders: false,
      cookieSecure: false,
    });
    expect(config.embeddedPg.dataDir).toMatch(/\.data\/pg$/);
  });

  it('prepares reads unless DB_PREPARED_STATEMENTS says false, and refuses another word', () => {
    expect(loadConfig({}).preparedStatements).toBe(true);
    expect(loadConfig({ DB_PREPARED_STATEMENTS: 'false' }).preparedStatements).toBe(false);
    expect(() => loadConfig({ DB_PREPARED_STATEMENTS: 'non' })).toThrow(/DB_PREPARED_STATEMENTS="non" must be true or false/);
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DEMO_SEED: 'maybe', NODE_ENV: 'staging', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT="eighty" must be an integer between 1 and 65535');
    expect(message).toContain('DEMO_SEED="maybe" must be true or false');
    expect(message).toContain('NODE_ENV="staging" must be one of: development, production, test');
    expect(message).toContain('DATABASE_URL must start with postgres://');
  });

  it('requires a database in production, and seeds no demo data there by default', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL is required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/pvd' })).toThrow(/SMTP_URL/);
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/pvd', SMTP_URL: 'smtp://relay:25', LINK_SECRET: 'x'.repeat(32) });
    expect(config).toMatchObject({ demoSeed: false, cookieSecure: true, databaseUrl: 'postgres://u:p@db:5432/pvd', mail: { mode: 'smtp' } });
  });

  it('builds links from PUBLIC_URL, or from the port', () => {
    expect(loadConfig({ PORT: '3100' }).publicUrl).toBe('http://localhost:3100');
    expect(loadConfig({ PUBLIC_URL: 'https://suivi-pvd.example.fr/' }).publicUrl).toBe('https://suivi-pvd.example.fr');
    expect(() => loadConfig({ PUBLIC_URL: 'suivi-pvd.fr' })).toThrow(/PUBLIC_URL/);
  });

  describe('document store', () => {
    it('keeps documents on the local disk by default', () => {
      const { documentStore } = loadConfig({});
      expect(documentStore).toMatchObject({ kind: 'disk' });
      expect(documentStore.kind === 'disk' && documentStore.dir).toMatch(/\.data\/documents$/);
      expect(loadConfig({ DOCUMENTS_DIR: '/srv/documents' }).documentStore).toEqual({ kind: 'disk', dir: '/srv/documents' });
    });

    it('reads an S3-compatible store, path-style when an endpoint is given', () => {
      expect(
        loadConfig({
          DOCUMENTS_STORAGE: 's3',
          S3_BUCKET: 'suivi-pvd-documents',
          S3_ENDPOINT: 'http://minio:9000/',
          S3_PREFIX: '/prod',
          S3_ACCESS_KEY_ID: 'key',
          S3_SECRET_ACCESS_KEY: 'secret',
        }).documentStore,
      ).toEqual({
        kind: 's3',
        bucket: 'suivi-pvd-documents',
        prefix: 'prod/',
        endpoint: 'http://minio:9000',
        region: 'us-east-1',
        forcePathStyle: true,
        accessKeyId: 'key',
        secretAccessKey: 'secret',
      });
      // AWS itself: its endpoint from the region, virtual-hosted buckets, the SDK's own credentials.
      expect(loadConfig({ DOCUMENTS_STORAGE: 's3', S3_BUCKET: 'pvd', S3_REGION: 'eu-west-3' }).documentStore).toEqual({
        kind: 's3',
        bucket: 'pvd',
        prefix: '',
        endpoint: null,
        region: 'eu-west-3',
        forcePathStyle: false,
        accessKeyId: null,
        secretAccessKey: null,
      });
    });

    it('names each bad store variable', () => {
      expect(() => loadConfig({ DOCUMENTS_STORAGE: 'ftp' })).toThrow('DOCUMENTS_STORAGE="ftp" must be one of: disk, s3');
      expect(() => loadConfig({ DOCUMENTS_STORAGE: 's3' })).toThrow('S3_BUCKET is required with DOCUMENTS_STORAGE=s3');
      expect(() => loadConfig({ DOCUMENTS_STORAGE: 's3', S3_BUCKET: 'Mon_Bucket' })).toThrow('S3_BUCKET="Mon_Bucket" must be a bucket name');
      expect(() => loadConfig({ DOCUMENTS_STORAGE: 's3', S3_BUCKET: 'pvd', S3_ENDPOINT: 'minio:9000' })).toThrow('S3_ENDPOINT="minio:9000" must be an http(s) address');
      expect(() => loadConfig({ DOCUMENTS_STORAGE: 's3', S3_BUCKET: 'pvd', S3_ACCESS_KEY_ID: 'key' })).toThrow('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
      expect(() => loadConfig({ DOCUMENTS_STORAGE: 's3', S3_BUCKET: 'pvd', S3_PREFIX: 'a b' })).toThrow('S3_PREFIX="a b" may only hold');
      // A bucket given without choosing S3 would silently keep the documents on disk.
      expect(() => loadConfig({ S3_BUCKET: 'pvd' })).toThrow('S3_BUCKET is set but DOCUMENTS_STORAGE is disk');
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: null, port: 3000 });
  });

  it('listens on loopback outside production unless HOST says otherwise, and on every interface in production', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/pvd', SMTP_URL: 'smtp://relay:25', LINK_SECRET: 'x'.repeat(32) };
    expect(loadConfig(production).host).toBe('0.0.0.0');
  });

  describe('DEV_MAILBOX', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/pvd', SMTP_URL: 'smtp://relay:25', LINK_SECRET: 'x'.repeat(32) };
    const mailbox = (env: NodeJS.ProcessEnv) => {
      const { mail } = loadConfig(env);
      return mail.mode === 'sink' && mail.devMailbox;
    };

    it('is on by default only for a loopback instance with demo data and no SMTP relay', () => {
      expect(mailbox({})).toBe(true);
      expect(mailbox({ HOST: '::1' })).toBe(true);
      expect(mailbox({ HOST: '0.0.0.0' })).toBe(false);
      expect(mailbox({ HOST: '192.168.1.10' })).toBe(false);
      expect(mailbox({ DEMO_SEED: 'false' })).toBe(false);
      expect(mailbox({ SMTP_URL: 'smtp://localhost:1025' })).toBe(false);
      expect(loadConfig(production).mail).toEqual({ mode: 'smtp', smtpUrl: 'smtp://relay:25', from: expect.any(String) });
    });

    it('is on when set, whatever the host, and off when unset to false', () => {
      expect(mailbox({ DEV_MAILBOX: 'true', HOST: '0.0.0.0', DEMO_SEED: 'false' })).toBe(true);
      expect(mailbox({ DEV_MAILBOX: 'false' })).toBe(false);
    });

    it('is refused in production and beside SMTP_URL, with a message naming it', () => {
      expect(() => loadConfig({ ...production, DEV_MAILBOX: 'true' })).toThrow(/DEV_MAILBOX=true is refused in production/);
      expect(() => loadConfig({ DEV_MAILBOX: 'true', SMTP_URL: 'smtp://localhost:1025' })).toThrow(/DEV_MAILBOX=true needs the local SMTP sink/);
      expect(() => loadConfig({ DEV_MAILBOX: 'peut-être' })).toThrow(/DEV_MAILBOX="peut-être" must be true or false/);
      expect(loadConfig({ ...production, DEV_MAILBOX: 'false' }).mail.mode).toBe('smtp');
    });
  });

  describe('METRICS_TOKEN and METRICS_ALLOW', () => {
    it('lets loopback read /metrics without a token by default', () => {
      expect(loadConfig({}).metrics).toEqual({ token: null, allow: ['loopback'] });
    });

    it('reads a token and a list of networks, or none', () => {
      const config = loadConfig({ METRICS_TOKEN: ' 0123456789abcdef0123 ', METRICS_ALLOW: 'loopback, 10.0.0.0/8,fd00::/8' });
      expect(config.metrics).toEqual({ token: '0123456789abcdef0123', allow: ['loopback', '10.0.0.0/8', 'fd00::/8'] });
      expect(loadConfig({ METRICS_ALLOW: 'none' }).metrics.allow).toEqual([]);
    });

    it.each([
      [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN must be at least 16 characters/],
      [{ METRICS_TOKEN: 'with a space inside it' }, /METRICS_TOKEN/],
      [{ METRICS_ALLOW: 'prometheus.internal' }, /METRICS_ALLOW="prometheus.internal".*not an address: prometheus.internal/],
      [{ METRICS_ALLOW: '10.0.0.0/40' }, /METRICS_ALLOW/],
    ])('refuses %p, naming the variable', (env, message) => {
      expect(() => loadConfig(env)).toThrow(message);
    });
  });

  describe('TRUST_PROXY', () => {
    it('is off by default: the socket address is the client', () => {
      expect(loadConfig({}).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    });

    it('takes a hop count or a list of proxy addresses and CIDRs', () => {
      expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
      expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, 127.0.0.1 ,::1,fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback']);
    });

    it.each(['true', '11', 'proxy.example.fr', '10.0.0.0/33', '10.0.0.1/8/2', '1.2.3', ','])('refuses TRUST_PROXY=%s, naming it', (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    });
  });
});
