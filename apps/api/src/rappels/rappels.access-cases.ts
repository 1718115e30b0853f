import { defineArea } from '../test/access-matrix.support';
import { CSRF } from '../test/test-app';

/** The access-matrix cases of the reminders' route (merged by core/access-matrix.int-spec.ts): administrators only. */
export const rappelsAccessCases = defineArea<Record<string, never>>({
  setup: async () => ({}),
  cases: {
    // A day far in the past: the check it queues finds nothing to send.
    'POST /api/rappels/verification': { send: (a) => a.post('/api/rappels/verification').set(CSRF).send({ date: '2020-01-15' }), ok: 202 },
  },
});
