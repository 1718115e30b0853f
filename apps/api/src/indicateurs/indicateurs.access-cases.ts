import { porteeAutorisee, type Membership } from '@suivi-pvd/domain';
import type { DataSource } from 'typeorm';
import { defineArea, nextNumber, TERRITORY, type RecordKey } from '../test/access-matrix.support';
import { CSRF } from '../test/test-app';

interface Records {
  pvd: Record<RecordKey, string>;
  dataSource: DataSource;
}

/** A day not used before in this run, for reference values that must not collide. */
const freshDay = () => {
  const n = nextNumber();
  return `20${String(10 + Math.floor(n / 300)).padStart(2, '0')}-${String(1 + Math.floor((n % 300) / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
};

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
  setup: async ({ pvd, dataSource }) => ({ pvd, dataSource }),
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
    'GET /api/valeurs-reference': { send: (a) => a.get('/api/valeurs-reference'), ok: 200 },
    'POST /api/valeurs-reference': {
      send: (a) => a.post('/api/valeurs-reference').set(CSRF).send({ cle: 'france_services_total', zoneType: 'nation', dateValeur: freshDay(), valeur: 1, source: 'Matrice' }),
      ok: 201,
    },
    'POST /api/valeurs-reference/import': {
      send: (a) =>
        a
          .post('/api/valeurs-reference/import')
          .set(CSRF)
          .attach('fichier', Buffer.from(`cle;zone_type;zone_code;date_valeur;valeur;source\nfrance_services_total;nation;;${freshDay()};3;Matrice\n`), 'v.csv'),
      ok: 201,
    },
    'DELETE /api/valeurs-reference/:id': {
      send: async (a, r) => {
        const [row] = await r.dataSource.query(
          `INSERT INTO valeur_reference (cle, zone_type, zone_code, date_valeur, valeur, source) VALUES ('france_services_total', 'nation', '', $1, 1, 'Matrice') RETURNING id`,
          [freshDay()],
        );
        return a.delete(`/api/valeurs-reference/${row.id}`).set(CSRF);
      },
      ok: 204,
    },
  },
});
