import { useTestApp } from '../../test/test-app';
import { JobsService } from '../jobs/jobs.service';
import { PURGE_SESSIONS_JOB } from '../jobs/maintenance.jobs';

const TOKEN = 'metrics-test-token-0123456789abcdef';

/** One sample line of the exposition, by metric name and labels (in any order). */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(m[3]);
  }
  return null;
}

describe('/metrics', () => {
  describe('with a token, loopback allowed (the default)', () => {
    const t = useTestApp({ METRICS_TOKEN: TOKEN });

    it('times requests by route pattern, method and status, and reports the pools, the queue and the process', async () => {
      const chef = await t.signIn('chef_de_projet');
      await chef.agent.get('/api/communes/23001').expect(200);
      await chef.agent.get('/api/communes/23002').expect(200);
      await chef.agent.get('/api/communes/99999').expect(404);
      await t.http().get('/api/nothing-here').expect(404);
      await t.app.get(JobsService).send(PURGE_SESSIONS_JOB, {}, { startAfter: new Date(Date.now() + 3_600_000) });

      const res = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
      expect(res.headers['cache-control']).toBe('no-store');
      const text = res.text;
      expect(sample(text, 'http_request_duration_seconds_count', { route: '/api/communes/:insee', method: 'GET', status: '200' })).toBe(2);
      expect(sample(text, 'http_request_duration_seconds_count', { route: '/api/communes/:insee', method: 'GET', status: '404' })).toBe(1);
      expect(sample(text, 'http_request_duration_seconds_count', { route: '/api/auth/login', method: 'POST', status: '200' })).toBe(1);
      expect(sample(text, 'http_request_duration_seconds_count', { route: 'unmatched', method: 'GET', status: '404' })).toBe(1);
      expect(sample(text, 'http_request_duration_seconds_bucket', { route: '/api/communes/:insee', status: '200', le: '+Inf' })).toBe(2);
      // The raw URLs never become labels.
      expect(text).not.toContain('23001');
      expect(text).not.toContain('nothing-here');

      expect(sample(text, 'suivi_pvd_db_pool_connections', { pool: 'app' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'suivi_pvd_db_pool_idle_connections', { pool: 'app' })).not.toBeNull();
      expect(sample(text, 'suivi_pvd_db_pool_waiting_clients', { pool: 'app' })).toBe(0);
      expect(sample(text, 'suivi_pvd_db_pool_connections', { pool: 'jobs' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'suivi_pvd_job_queue_jobs', { queue: PURGE_SESSIONS_JOB, state: 'created' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'suivi_pvd_job_queue_jobs', { queue: PURGE_SESSIONS_JOB, state: 'active' })).toBe(0);
      expect(text).toMatch(/^# TYPE suivi_pvd_import_duration_seconds histogram$/m);
      expect(sample(text, 'process_resident_memory_bytes', {})).toBeGreaterThan(0);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    });

    it('refuses a wrong token, and a request relayed by a proxy TRUST_PROXY does not name', async () => {
      const wrong = await t.http().get('/metrics').set('Authorization', 'Bearer not-the-token-0123456789').expect(401);
      expect(wrong.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Jeton de métriques invalide.' });
      await t.http().get('/metrics').set('Authorization', TOKEN).expect(401);
      const relayed = await t.http().get('/metrics').set('X-Forwarded-For', '203.0.113.7').expect(403);
      expect(relayed.body.code).toBe('FORBIDDEN');
      await t.http().get('/metrics').set('X-Forwarded-For', '203.0.113.7').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      // Loopback, without a token.
      await t.http().get('/metrics').expect(200);
    });
  });

  describe('token only (METRICS_ALLOW=none)', () => {
    const t = useTestApp({ METRICS_TOKEN: TOKEN, METRICS_ALLOW: 'none' });

    it('is refused without the token, even from loopback', async () => {
      const res = await t.http().get('/metrics').expect(403);
      expect(res.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.stringContaining('jeton') });
      expect(res.text).not.toContain('http_request_duration_seconds');
      await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    });
  });

  describe('behind a trusted proxy, without token', () => {
    const t = useTestApp({ TRUST_PROXY: 'loopback', METRICS_ALLOW: '10.0.0.0/8' });

    it('judges the client the proxy names', async () => {
      await t.http().get('/metrics').set('X-Forwarded-For', '10.1.2.3').expect(200);
      await t.http().get('/metrics').set('X-Forwarded-For', '203.0.113.7').expect(403);
      // The proxy itself (loopback) is not in METRICS_ALLOW.
      await t.http().get('/metrics').expect(403);
      await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(401);
    });
  });
});
