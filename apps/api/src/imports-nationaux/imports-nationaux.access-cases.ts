import { defineArea } from '../test/access-matrix.support';
import { CSRF } from '../test/test-app';

interface Records {
  /** A finished national import, and a fresh previewed one for each confirmation. */
  importId: string;
  fresh(): Promise<string>;
}

/**
 * The ANCT's national imports (`national:importer`: the ANCT programme direction only, whatever
 * the record). The matrix's file names a PVD that does not exist: its line is rejected, nothing
 * is written (imports-nationaux.int-spec.ts checks the reports).
 */
const FILE = Buffer.from('pvd;type;date_signature\nPVD-MATRICE-INCONNUE;cadre;30/06/2022\n');

export const importsNationauxAccessCases = defineArea<Records>({
  setup: async ({ dataSource }) => {
    const insert = async (statut: string) =>
      (
        await dataSource.query(`INSERT INTO import_national (type, nom_fichier, fichier, statut, apercu) VALUES ('conventions', 'matrice.csv', $1, $2, NULL) RETURNING id`, [
          statut === 'apercu' ? FILE : null,
          statut,
        ])
      )[0].id as string;
    return { importId: await insert('termine'), fresh: () => insert('apercu') };
  },
  cases: {
    'POST /api/imports-nationaux': {
      send: (a) => a.post('/api/imports-nationaux').set(CSRF).field('type', 'conventions').attach('fichier', FILE, 'matrice.csv'),
      ok: 201,
    },
    'POST /api/imports-nationaux/:id/confirmation': {
      send: async (a, r) => a.post(`/api/imports-nationaux/${await r.fresh()}/confirmation`).set(CSRF),
      ok: 202,
    },
    'GET /api/imports-nationaux': { send: (a) => a.get('/api/imports-nationaux'), ok: 200 },
    'GET /api/imports-nationaux/modeles/:type': { send: (a) => a.get('/api/imports-nationaux/modeles/participations?format=csv&demarche=france_services'), ok: 200 },
    'GET /api/imports-nationaux/:id': { send: (a, r) => a.get(`/api/imports-nationaux/${r.importId}`), ok: 200 },
    'GET /api/imports-nationaux/:id/lignes': { send: (a, r) => a.get(`/api/imports-nationaux/${r.importId}/lignes?nature=erreur&page=1&pageSize=10`), ok: 200 },
  },
});
