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
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/pvd', SMTP_URL: 'smtp://relay:25' });
    expect(config).toMatchObject({ demoSeed: false, cookieSecure: true, databaseUrl: 'postgres://u:p@db:5432/pvd', mail: { mode: 'smtp' } });
  });

  it('builds links from PUBLIC_URL, or from the port', () => {
    expect(loadConfig({ PORT: '3100' }).publicUrl).toBe('http://localhost:3100');
    expect(loadConfig({ PUBLIC_URL: 'https://suivi-pvd.example.fr/' }).publicUrl).toBe('https://suivi-pvd.example.fr');
    expect(() => loadConfig({ PUBLIC_URL: 'suivi-pvd.fr' })).toThrow(/PUBLIC_URL/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: null, port: 3000 });
  });
});
