import { defineArea, INSEE, nextNumber, type MatrixContext, type RecordKey } from '../test/access-matrix.support';
import { CSRF } from '../test/test-app';


interface DemarchesRecords {
  pvd: Record<RecordKey, string>;
  /** The scheme whose participations are listed (one per record), and the one the writes go to. */
  listee: string;
  saisie: string;
  /** A scheme the ANCT edits. */
  editee: string;
  participation: Record<RecordKey, string>;
  version(table: 'demarche' | 'demarche_participation', id: string): Promise<number>;
  /** A fresh participation of the record's commune, for the deletion. */
  fresh(record: RecordKey): Promise<{ id: string; version: number }>;
}

/**
 * The access-matrix cases of this area's routes (merged by core/access-matrix.int-spec.ts).
 * Participations are written with `territoire:saisir`: a chef de projet over their communes, the
 * ANCT anywhere (the expected answers follow from the permission table and the scope).
 */
export const demarchesAccessCases = defineArea<DemarchesRecords>({
  setup: async ({ dataSource, pvd }: MatrixContext) => {
    const id = async (code: string) => (await dataSource.query('SELECT id FROM demarche WHERE code = $1', [code]))[0].id as string;
    const [listee, saisie] = [await id('micro_folie'), await id('france_services')];
    const [{ id: editee }] = await dataSource.query(`INSERT INTO demarche (code, nom, attributs) VALUES ('matrice', 'Dispositif de la matrice', '[]') RETURNING id`);
    const insert = async (demarcheId: string, insee: string) =>
      (await dataSource.query(`INSERT INTO demarche_participation (demarche_id, commune_insee, attributs) VALUES ($1, $2, $3) RETURNING id, version`, [demarcheId, insee, JSON.stringify({ forme: 'fixe' })]))[0] as {
        id: string;
        version: number;
      };
    const participation = { a: (await insert(listee, INSEE.a)).id, b: (await insert(listee, INSEE.b)).id, c: (await insert(listee, INSEE.c)).id };
    return {
      pvd,
      listee,
      saisie,
      editee,
      participation,
      version: async (table, rowId) => (await dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [rowId]))[0].version,
      fresh: (record) => insert(saisie, INSEE[record]),
    };
  },
  cases: {
    'GET /api/demarches': { send: (a) => a.get('/api/demarches'), ok: 200 },
    'POST /api/demarches': { send: (a) => a.post('/api/demarches').set(CSRF).send({ nom: `Dispositif ${nextNumber()}`, attributs: [] }), ok: 201 },
    'PATCH /api/demarches/:id': {
      send: async (a, r) => a.patch(`/api/demarches/${r.editee}`).set(CSRF).send({ description: `Description ${nextNumber()}`, version: await r.version('demarche', r.editee) }),
      ok: 200,
    },
    'GET /api/demarches/:id/participations': {
      send: (a, r) => a.get(`/api/demarches/${r.listee}/participations?pageSize=200`),
      ok: 200,
      listed: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
      listedIds: (r) => r.participation,
    },
    'GET /api/demarches/:id/participations/export': { send: (a, r) => a.get(`/api/demarches/${r.listee}/participations/export?format=csv`), ok: 200 },
    'POST /api/demarches/:id/participations': {
      send: (a, r, record) => a.post(`/api/demarches/${r.saisie}/participations`).set(CSRF).send({ communeInsee: INSEE[record], attributs: { forme: 'itinérante' } }),
      ok: 201,
      scoped: true,
    },
    'GET /api/pvd/:id/demarches': { send: (a, r, record) => a.get(`/api/pvd/${r.pvd[record]}/demarches`), ok: 200, scoped: true },
    'PUT /api/participations/:id': {
      send: async (a, r, record) =>
        a
          .put(`/api/participations/${r.participation[record]}`)
          .set(CSRF)
          .send({ dateDebut: `20${10 + (nextNumber() % 80)}-01-01`, attributs: { forme: 'mobile' }, version: await r.version('demarche_participation', r.participation[record]) }),
      ok: 200,
      scoped: true,
    },
    'DELETE /api/participations/:id': {
      send: async (a, r, record) => {
        const p = await r.fresh(record);
        return a.delete(`/api/participations/${p.id}?version=${p.version}`).set(CSRF);
      },
      ok: 204,
      scoped: true,
    },
  },
});
