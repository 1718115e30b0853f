import { porteeAutorisee, type Membership } from '@suivi-pvd/domain';
import type { DataSource } from 'typeorm';
import { defineArea, type RecordKey } from '../test/access-matrix.support';
import { CSRF, TEST_PDF } from '../test/test-app';

/** One published, ready report per matrix record: A the Creuse, B its région (Nouvelle-Aquitaine), C the Haut-Rhin. */
const ZONE = {
  a: { type: 'departement', code: '23', region: '75' },
  b: { type: 'region', code: '75', region: '75' },
  c: { type: 'departement', code: '68', region: '44' },
} as const;

interface Records {
  rapport: Record<RecordKey, string>;
  dataSource: DataSource;
}

const insertRapport = async (db: DataSource, zone: (typeof ZONE)[RecordKey], publie: boolean): Promise<string> => {
  const [row] = await db.query(
    `INSERT INTO rapport (portee_type, portee_code, portee_libelle, date_donnees, statut, progression, contenu, taille, demande_par_libelle, genere_le, publie, publie_le)
     VALUES ($1, $2, $3, '2024-01-01', 'pret', 100, $4, $5, 'matrice@test.invalid', now(), $6, CASE WHEN $6 THEN now() END) RETURNING id`,
    [zone.type, zone.code, `Zone ${zone.code}`, TEST_PDF, TEST_PDF.length, publie],
  );
  return row.id;
};

/** Whether the membership reads the record's report (the indicators' scope rule): 200, else 404. */
const reads = (m: Membership, record: RecordKey) => {
  const z = ZONE[record];
  const territory = { communes: [], epciSirens: [], departementCodes: z.type === 'departement' ? [z.code] : [], regionCodes: [z.region] };
  return porteeAutorisee([m], { type: z.type, code: z.code }, territory);
};

/**
 * The Point d'avancement as PDF: the ANCT (`rapport:publier`) asks for it and publishes it; every
 * reader of indicators lists, reads and downloads the published reports of the zones they read
 * (404 outside), the ANCT every report.
 */
export const pilotageAccessCases = defineArea<Records>({
  setup: async ({ dataSource }) => ({
    dataSource,
    rapport: { a: await insertRapport(dataSource, ZONE.a, true), b: await insertRapport(dataSource, ZONE.b, true), c: await insertRapport(dataSource, ZONE.c, true) },
  }),
  cases: {
    'POST /api/rapports': { send: (a) => a.post('/api/rapports').set(CSRF).send({ portee: 'departement', code: '23', date: '2024-01-01' }), ok: 202 },
    'GET /api/rapports': {
      send: (a) => a.get('/api/rapports'),
      ok: 200,
      listed: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
      listedIds: (r) => r.rapport,
      listedFor: reads,
    },
    'GET /api/rapports/:id': { send: (a, r, record) => a.get(`/api/rapports/${r.rapport[record]}`), ok: 200, expected: (m, record) => (reads(m, record) ? 200 : 404) },
    'GET /api/rapports/:id/pdf': { send: (a, r, record) => a.get(`/api/rapports/${r.rapport[record]}/pdf`), ok: 200, expected: (m, record) => (reads(m, record) ? 200 : 404) },
    'POST /api/rapports/:id/publication': {
      send: async (a, r, record) => a.post(`/api/rapports/${await insertRapport(r.dataSource, ZONE[record], false)}/publication`).set(CSRF),
      ok: 200,
      expected: (m, record) => (reads(m, record) ? 200 : 404),
    },
  },
});
