import type { DataSource } from 'typeorm';
import { defineArea, type RecordKey } from '../test/access-matrix.support';
import { CSRF } from '../test/test-app';

interface Records {
  dataSource: DataSource;
  idPvd: Record<RecordKey, string>;
}

/**
 * Public pages and open data: anyone, signed in or not, whatever the role or territory (the
 * `anonymous` answer is checked without a session). The choice of public figures: read with
 * the indicators, changed by the ANCT (`programme:parametrer`).
 */
export const publicAccessCases = defineArea<Records>({
  setup: async ({ dataSource, pvd }) => {
    const rows: { id: string; id_pvd: string }[] = await dataSource.query('SELECT id, id_pvd FROM pvd WHERE id = ANY($1::uuid[])', [[pvd.a, pvd.b, pvd.c]]);
    const idOf = (id: string) => rows.find((r) => r.id === id)?.id_pvd ?? 'inconnu';
    return { dataSource, idPvd: { a: idOf(pvd.a), b: idOf(pvd.b), c: idOf(pvd.c) } };
  },
  cases: {
    'GET /api/public/programme': { send: (a) => a.get('/api/public/programme'), ok: 200, anonymous: 200 },
    'GET /api/public/pvd': { send: (a) => a.get('/api/public/pvd?departement=23'), ok: 200, anonymous: 200 },
    // Every record, whoever asks: a public page is the same for all.
    'GET /api/public/pvd/:idPvd': { send: (a, r, record) => a.get(`/api/public/pvd/${r.idPvd[record]}`), ok: 200, expected: () => 200, anonymous: 200 },
    'GET /api/public/donnees/pvd.csv': { send: (a) => a.get('/api/public/donnees/pvd.csv'), ok: 200, anonymous: 200 },
    'GET /api/public/donnees/pvd.json': { send: (a) => a.get('/api/public/donnees/pvd.json'), ok: 200, anonymous: 200 },
    'GET /api/public/donnees/pvd.schema.json': { send: (a) => a.get('/api/public/donnees/pvd.schema.json'), ok: 200, anonymous: 200 },
    'GET /api/indicateurs-publics': { send: (a) => a.get('/api/indicateurs-publics'), ok: 200 },
    'PUT /api/indicateurs-publics': {
      send: async (a, r) => {
        const [{ version }] = await r.dataSource.query('SELECT version FROM indicateur_public_liste WHERE id = 1');
        return a.put('/api/indicateurs-publics').set(CSRF).send({ indicateurs: ['P1', 'P3'], version });
      },
      ok: 200,
    },
  },
});
