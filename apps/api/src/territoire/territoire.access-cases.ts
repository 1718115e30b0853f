import { scopeCovers, scopeOf, type Membership } from '@suivi-pvd/domain';
import { defineArea, INSEE, nextNumber, TERRITORY, type RecordKey } from '../test/access-matrix.support';
import { CSRF } from '../test/test-app';


interface Records {
  pvd: Record<RecordKey, string>;
  ort: Record<RecordKey, string>;
  operation: Record<RecordKey, string>;
  version(table: 'ort' | 'operation_habitat', id: string): Promise<number>;
}

const ORT_INPUT = (record: RecordKey) => ({ libelle: `ORT de la matrice ${nextNumber()}`, statut: 'en_preparation', communes: [INSEE[record]] });
const OPERATION_INPUT = (record: RecordKey) => ({
  type: 'opah_rr',
  libelle: `OPAH de la matrice ${nextNumber()}`,
  maitreOuvrageType: 'commune',
  maitreOuvrageCode: INSEE[record],
  phase: 'etude_pre_operationnelle',
  communes: [INSEE[record]],
  objectifs: [],
});
/** Creating over a commune: allowed where the caller may modify dossiers, else the commune is outside their territory (403). */
const createAnswer = (m: Membership, record: RecordKey) => (scopeCovers(scopeOf(m), TERRITORY[record]) ? 201 : 403);

/** The access-matrix cases of this area's routes (merged by core/access-matrix.int-spec.ts): an ORT and an operation over each record's commune. */
export const territoireAccessCases = defineArea<Records>({
  setup: async ({ dataSource, pvd }) => {
    const ort = {} as Record<RecordKey, string>;
    const operation = {} as Record<RecordKey, string>;
    for (const record of ['a', 'b', 'c'] as const) {
      const [o] = await dataSource.query(`INSERT INTO ort (libelle, statut) VALUES ($1, 'en_preparation') RETURNING id`, [`ORT ${record}`]);
      await dataSource.query('INSERT INTO ort_commune (ort_id, commune_insee) VALUES ($1, $2)', [o.id, INSEE[record]]);
      ort[record] = o.id;
      const [op] = await dataSource.query(
        `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase) VALUES ('opah', $1, 'commune', $2, 'etude_pre_operationnelle') RETURNING id`,
        [`OPAH ${record}`, INSEE[record]],
      );
      await dataSource.query('INSERT INTO operation_habitat_commune (operation_id, commune_insee) VALUES ($1, $2)', [op.id, INSEE[record]]);
      operation[record] = op.id;
    }
    return {
      pvd,
      ort,
      operation,
      version: async (table, id) => (await dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version,
    };
  },
  cases: {
    'GET /api/pvd/:id/ort': { send: (a, r, record) => a.get(`/api/pvd/${r.pvd[record]}/ort`), ok: 200, scoped: true },
    'POST /api/orts': { send: (a, _r, record) => a.post('/api/orts').set(CSRF).send(ORT_INPUT(record)), ok: 201, scoped: true, expected: createAnswer },
    'PUT /api/orts/:id': {
      send: async (a, r, record) => a.put(`/api/orts/${r.ort[record]}`).set(CSRF).send({ ...ORT_INPUT(record), version: await r.version('ort', r.ort[record]) }),
      ok: 200,
      scoped: true,
    },
    'GET /api/operations-habitat': {
      send: (a) => a.get('/api/operations-habitat?pageSize=200'),
      ok: 200,
      listed: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
      listedIds: (r) => r.operation,
    },
    'POST /api/operations-habitat': {
      send: (a, _r, record) => a.post('/api/operations-habitat').set(CSRF).send(OPERATION_INPUT(record)),
      ok: 201,
      scoped: true,
      expected: createAnswer,
    },
    'GET /api/operations-habitat/:id': { send: (a, r, record) => a.get(`/api/operations-habitat/${r.operation[record]}`), ok: 200, scoped: true },
    'PUT /api/operations-habitat/:id': {
      send: async (a, r, record) =>
        a
          .put(`/api/operations-habitat/${r.operation[record]}`)
          .set(CSRF)
          .send({ ...OPERATION_INPUT(record), version: await r.version('operation_habitat', r.operation[record]) }),
      ok: 200,
      scoped: true,
    },
  },
});
