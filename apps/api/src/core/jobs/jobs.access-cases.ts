import { defineArea } from '../../test/access-matrix.support';
import { CSRF } from '../../test/test-app';
import { PURGE_SESSIONS_JOB } from './maintenance.jobs';

interface Records {
  /** A failed job, fresh for each call (a retried job is no longer failed). */
  failedJob(): Promise<string>;
}

/** The access-matrix cases of the background jobs' routes (merged by core/access-matrix.int-spec.ts): administrators only. */
export const jobsAccessCases = defineArea<Records>({
  setup: async ({ dataSource }) => ({
    failedJob: async () => {
      const [job] = await dataSource.query(
        `INSERT INTO pgboss.job (name, data, state, retry_count, retry_limit, started_on, completed_on, output, policy)
         VALUES ($1, '{}', 'failed', 3, 3, now(), now(), '{"message": "Échec de la matrice"}', 'stately') RETURNING id`,
        [PURGE_SESSIONS_JOB],
      );
      return job.id as string;
    },
  }),
  cases: {
    'GET /api/jobs': { send: (a) => a.get('/api/jobs?state=failed'), ok: 200 },
    'POST /api/jobs/:id/reprise': { send: async (a, r) => a.post(`/api/jobs/${await r.failedJob()}/reprise`).set(CSRF), ok: 200 },
  },
});
