import { porteeAutorisee, type Membership } from '@suivi-pvd/domain';
import { defineArea, TERRITORY, type RecordKey } from '../test/access-matrix.support';

interface Records {
  pvd: Record<RecordKey, string>;
}

/** The département (and its région) of each matrix record. */
const DEPARTEMENT = { a: '23', b: '23', c: '68' } as const;

/** Whether the membership reads indicators of the record's PVD (its stored territory): 200, else 403. */
const pvdAnswer = (m: Membership, record: RecordKey) => (porteeAutorisee([m], { type: 'pvd', code: 'x' }, TERRITORY[record]) ? 200 : 403);
/** Whether it reads the record's département. */
const departementAnswer = (m: Membership, record: RecordKey) => {
  const t = { communes: [], epciSirens: [], departementCodes: [DEPARTEMENT[record]], regionCodes: TERRITORY[record].regionCodes };
  return porteeAutorisee([m], { type: 'departement', code: DEPARTEMENT[record] }, t) ? 200 : 403;
};

/**
 * Indicators: every role reads the catalogue; figures, dashboards, drill-downs and exports are
 * answered for a scope the caller's memberships cover (the rule `porteeAutorisee` of the domain),
 * 403 otherwise, whatever the parameters.
 */
export const indicateursAccessCases = defineArea<Records>({
  setup: async ({ pvd }) => ({ pvd }),
  cases: {
    'GET /api/indicateurs': { send: (a) => a.get('/api/indicateurs'), ok: 200 },
    'GET /api/indicateurs/zones': { send: (a) => a.get('/api/indicateurs/zones'), ok: 200 },
    'GET /api/indicateurs/tableau': {
      send: (a, _r, record) => a.get(`/api/indicateurs/tableau?section=programme&portee=departement&code=${DEPARTEMENT[record]}`),
      ok: 200,
      expected: departementAnswer,
    },
    'GET /api/indicateurs/:id': { send: (a, r, record) => a.get(`/api/indicateurs/P1?portee=pvd&code=${r.pvd[record]}`), ok: 200, expected: pvdAnswer },
    'GET /api/indicateurs/:id/detail': { send: (a, r, record) => a.get(`/api/indicateurs/P1/detail?portee=pvd&code=${r.pvd[record]}`), ok: 200, expected: pvdAnswer },
    'GET /api/indicateurs/:id/detail/export': {
      send: (a, _r, record) => a.get(`/api/indicateurs/I6/detail/export?format=csv&portee=departement&code=${DEPARTEMENT[record]}`),
      ok: 200,
      expected: departementAnswer,
    },
  },
});
