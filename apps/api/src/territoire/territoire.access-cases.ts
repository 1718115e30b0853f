import { scopeCovers, scopeOf, type Membership } from '@suivi-pvd/domain';
import { defineArea, dossierAnswer, INSEE, nextNumber, TERRITORY, type RecordKey } from '../test/access-matrix.support';
import { CSRF } from '../test/test-app';


interface Records {
  pvd: Record<RecordKey, string>;
  ort: Record<RecordKey, string>;
  operation: Record<RecordKey, string>;
  /** The EPCI of each record's commune (as stored). */
  epci: Record<RecordKey, string>;
  /** An operation over Ahun and the record's commune, owned by Ahun (entered by someone who could). */
  mixed: Record<RecordKey, string>;
  /** An ORT over Ahun without a signing EPCI. */
  ortAhun: string;
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
/**
 * Creating over a commune: allowed where the caller's scope covers it (ORT: `territoire:saisir`, so the
 * ANCT anywhere; operations: `pvd:modifier`), else the commune is outside their territory (403).
 */
const createAnswer = (m: Membership, record: RecordKey) => (scopeCovers(scopeOf(m), TERRITORY[record]) ? 201 : 403);
/**
 * Naming the EPCI of the record's commune for a record over Ahun (maître d'ouvrage, signing EPCI):
 * only Ahun's own EPCI fits (the other EPCIs have no covered commune: 400, whoever names them).
 */
const epciOverAhunAnswer = (ok: number) => (m: Membership, record: RecordKey) => (!scopeCovers(scopeOf(m), TERRITORY.a) ? 403 : record === 'a' ? ok : 400);

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
    const epci = {} as Record<RecordKey, string>;
    const mixed = {} as Record<RecordKey, string>;
    for (const record of ['a', 'b', 'c'] as const) {
      epci[record] = (await dataSource.query('SELECT epci_siren FROM commune WHERE insee = $1', [INSEE[record]]))[0].epci_siren;
      const [op] = await dataSource.query(
        `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase) VALUES ('pig', $1, 'commune', '23001', 'etude_pre_operationnelle') RETURNING id`,
        [`PIG Ahun ${record}`],
      );
      await dataSource.query('INSERT INTO operation_habitat_commune (operation_id, commune_insee) SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING', [op.id, ['23001', INSEE[record]]]);
      mixed[record] = op.id;
    }
    const [ortAhun] = await dataSource.query(`INSERT INTO ort (libelle, statut) VALUES ('ORT d’Ahun', 'en_preparation') RETURNING id`);
    await dataSource.query(`INSERT INTO ort_commune (ort_id, commune_insee) VALUES ($1, '23001')`, [ortAhun.id]);
    return {
      pvd,
      ort,
      operation,
      epci,
      mixed,
      ortAhun: ortAhun.id,
      version: async (table, id) => (await dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version,
    };
  },
  cases: {
    // Part of the dossier's summary: the partner reads it where it funds something.
    'GET /api/pvd/:id/ort': { send: (a, r, record) => a.get(`/api/pvd/${r.pvd[record]}/ort`), ok: 200, scoped: true, expected: dossierAnswer(200) },
    'GET /api/orts': {
      send: (a) => a.get('/api/orts?pageSize=200'),
      ok: 200,
      listed: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
      listedIds: (r) => r.ort,
    },
    'GET /api/orts/export': { send: (a) => a.get('/api/orts/export?format=csv'), ok: 200 },
    'POST /api/orts': { send: (a, _r, record) => a.post('/api/orts').set(CSRF).send(ORT_INPUT(record)), ok: 201, scoped: true, expected: createAnswer },
    'PUT /api/orts/:id': {
      send: async (a, r, record) => a.put(`/api/orts/${r.ort[record]}`).set(CSRF).send({ ...ORT_INPUT(record), version: await r.version('ort', r.ort[record]) }),
      ok: 200,
      scoped: true,
    },
    // Places a record names (see namedPlaceCheck): the chef de projet of Ahun names the record's EPCI for an ORT over Ahun.
    'POST /api/orts — EPCI signataire': {
      send: (a, r, record) => a.post('/api/orts').set(CSRF).send({ ...ORT_INPUT('a'), epciSiren: r.epci[record] }),
      ok: 201,
      scoped: true,
      expected: epciOverAhunAnswer(201),
    },
    'PUT /api/orts/:id — EPCI signataire': {
      send: async (a, r, record) => a.put(`/api/orts/${r.ortAhun}`).set(CSRF).send({ ...ORT_INPUT('a'), epciSiren: r.epci[record], version: await r.version('ort', r.ortAhun) }),
      ok: 200,
      scoped: true,
      expected: epciOverAhunAnswer(200),
    },
    'GET /api/operations-habitat': {
      send: (a) => a.get('/api/operations-habitat?pageSize=200'),
      ok: 200,
      listed: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
      listedIds: (r) => r.operation,
    },
    'GET /api/operations-habitat/export': { send: (a) => a.get('/api/operations-habitat/export?format=csv'), ok: 200 },
    'POST /api/operations-habitat': {
      send: (a, _r, record) => a.post('/api/operations-habitat').set(CSRF).send(OPERATION_INPUT(record)),
      ok: 201,
      scoped: true,
      expected: createAnswer,
    },
    'POST /api/operations-habitat — maître d’ouvrage': {
      send: (a, r, record) => a.post('/api/operations-habitat').set(CSRF).send({ ...OPERATION_INPUT('a'), maitreOuvrageType: 'epci', maitreOuvrageCode: r.epci[record] }),
      ok: 201,
      scoped: true,
      expected: epciOverAhunAnswer(201),
    },
    // An operation over Ahun and the record's commune: Ahun's chef de projet names the other commune as owner (outside their territory: 403).
    'PUT /api/operations-habitat/:id — maître d’ouvrage': {
      send: async (a, r, record) =>
        a
          .put(`/api/operations-habitat/${r.mixed[record]}`)
          .set(CSRF)
          .send({ ...OPERATION_INPUT(record), communes: [...new Set(['23001', INSEE[record]])], version: await r.version('operation_habitat', r.mixed[record]) }),
      ok: 200,
      scoped: true,
      expected: (m, record) => (!scopeCovers(scopeOf(m), TERRITORY.a) ? 403 : scopeCovers(scopeOf(m), TERRITORY[record]) ? 200 : 403),
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
