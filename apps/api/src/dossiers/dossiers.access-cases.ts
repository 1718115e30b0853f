import { defineArea, dossierAnswer, dossierLectureOf, type RecordKey } from '../test/access-matrix.support';

interface Records {
  pvd: Record<RecordKey, string>;
}

/**
 * The dossiers and the PVD list: read whole by the dossier's readers, in summary by the partner
 * where its organisation funds something (records a and b: `FUNDED_BY_PARTNER`), refused to it
 * elsewhere (403); the history is the readers' only (the partner is refused by the guard).
 */
export const dossiersAccessCases = defineArea<Records>({
  setup: async ({ pvd }) => ({ pvd }),
  cases: {
    'GET /api/pvd': {
      send: (a) => a.get('/api/pvd?pageSize=200'),
      ok: 200,
      listed: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
      listedFor: (m, record) => dossierLectureOf(m, record) !== null,
    },
    'GET /api/pvd/export': { send: (a) => a.get('/api/pvd/export?format=csv'), ok: 200 },
    'GET /api/pvd/aires': { send: (a) => a.get('/api/pvd/aires'), ok: 200 },
    'GET /api/pvd/:id': { send: (a, r, record) => a.get(`/api/pvd/${r.pvd[record]}`), ok: 200, scoped: true, expected: dossierAnswer(200) },
    'GET /api/pvd/:id/dossier': { send: (a, r, record) => a.get(`/api/pvd/${r.pvd[record]}/dossier`), ok: 200, scoped: true, expected: dossierAnswer(200) },
    'GET /api/pvd/:id/dossier/apercu': { send: (a, r, record) => a.get(`/api/pvd/${r.pvd[record]}/dossier/apercu`), ok: 200, scoped: true, expected: dossierAnswer(200) },
    'GET /api/pvd/:id/historique': { send: (a, r, record) => a.get(`/api/pvd/${r.pvd[record]}/historique`), ok: 200, scoped: true },
    'GET /api/pvd/:id/historique/export': { send: (a, r, record) => a.get(`/api/pvd/${r.pvd[record]}/historique/export?format=csv`), ok: 200, scoped: true },
  },
});
