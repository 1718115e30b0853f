import { defineArea, type RecordKey } from '../test/access-matrix.support';

interface Records {
  pvd: Record<RecordKey, string>;
}

/**
 * The activity feeds: one entry per record's dossier (written straight into the log; the trigger
 * stores its territory). The territorial feed lists the dossiers of the caller's scope only (a
 * préfecture of the Creuse never reads Altkirch's); the dossier's feed is its readers' (404
 * elsewhere); partners are refused by the guard (no `pvd:lire`).
 */
export const activiteAccessCases = defineArea<Records>({
  setup: async ({ dataSource, pvd }) => {
    for (const id of Object.values(pvd)) {
      await dataSource.query(
        `INSERT INTO audit_log (actor_label, action, entity_type, entity_id, after, pvd_id) VALUES ('matrice', 'mission.creee', 'mission', gen_random_uuid()::text, '{"intitule":"Matrice"}', $1)`,
        [id],
      );
    }
    return { pvd };
  },
  cases: {
    'GET /api/activite': {
      send: (a) => a.get('/api/activite?pageSize=200&type=mission'),
      ok: 200,
      listed: (body) => (body as { items: { pvdId: string }[] }).items.map((i) => i.pvdId),
    },
    'GET /api/activite/export': { send: (a) => a.get('/api/activite/export?format=csv'), ok: 200 },
    'GET /api/pvd/:id/activite': { send: (a, r, record) => a.get(`/api/pvd/${r.pvd[record]}/activite`), ok: 200, scoped: true },
    'GET /api/pvd/:id/activite/export': { send: (a, r, record) => a.get(`/api/pvd/${r.pvd[record]}/activite/export?format=csv`), ok: 200, scoped: true },
  },
});
