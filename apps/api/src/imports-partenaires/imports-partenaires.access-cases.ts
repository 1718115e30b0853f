import { defineArea, type RecordKey } from '../test/access-matrix.support';
import { CSRF } from '../test/test-app';

interface Records {
  /** An import of the matrix's partner organisation (a, b) and of another partner organisation (c). */
  importId: Record<RecordKey, string>;
}

/**
 * The matrix's partner imports (202): a line naming another funder's dispositif is rejected in
 * the report (imports-partenaires.int-spec.ts checks the lines); it reads its organisation's
 * imports, and gets 404 for another organisation's.
 */
const FILE = Buffer.from('reference;dispositif;beneficiaire;projet;montant;statut;date_demande\nMATRIX-1;dsil;23001;Projet;1 000;demandé;01/01/2024\n');

export const importsPartenairesAccessCases = defineArea<Records>({
  setup: async ({ dataSource, partnerOrganisationId }) => {
    const [other] = await dataSource.query(`INSERT INTO organisation (type, nom) VALUES ('partenaire', 'Autre partenaire (matrice)') RETURNING id`);
    const insert = async (organisationId: string) =>
      (await dataSource.query(`INSERT INTO import_partenaire (type, organisation_id, nom_fichier, statut) VALUES ('financements', $1, 'matrice.csv', 'termine') RETURNING id`, [organisationId]))[0].id as string;
    const mine = await insert(partnerOrganisationId);
    return { importId: { a: mine, b: mine, c: await insert(other.id) } };
  },
  cases: {
    'POST /api/imports-partenaires': {
      send: (a) => a.post('/api/imports-partenaires').set(CSRF).field('type', 'financements').attach('fichier', FILE, 'matrice.csv'),
      ok: 202,
    },
    'GET /api/imports-partenaires': { send: (a) => a.get('/api/imports-partenaires'), ok: 200 },
    'GET /api/imports-partenaires/export': { send: (a) => a.get('/api/imports-partenaires/export?format=csv'), ok: 200 },
    'GET /api/imports-partenaires/modeles/:type': { send: (a) => a.get('/api/imports-partenaires/modeles/financements?format=csv'), ok: 200 },
    'GET /api/imports-partenaires/:id': {
      send: (a, r, record) => a.get(`/api/imports-partenaires/${r.importId[record]}`),
      ok: 200,
      scoped: true,
      expected: (_m, record) => (record === 'c' ? 404 : 200),
    },
    'GET /api/imports-partenaires/:id/lignes': {
      send: (a, r, record) => a.get(`/api/imports-partenaires/${r.importId[record]}/lignes?page=2&pageSize=10`),
      ok: 200,
      scoped: true,
      expected: (_m, record) => (record === 'c' ? 404 : 200),
    },
  },
});
