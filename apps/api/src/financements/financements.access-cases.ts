import { ligneFinancementRights, type Membership } from '@suivi-pvd/domain';
import { defineArea, INSEE, nextNumber, TERRITORY, type RecordKey } from '../test/access-matrix.support';
import { CSRF } from '../test/test-app';


/**
 * Records: a financing line per matrix record, on its commune. Lines a and b are on a Banque des
 * Territoires dispositif (owned by the matrix's partner), c on the DSIL (the État's).
 */
interface Records {
  ligne: Record<RecordKey, string>;
  dispositif: Record<RecordKey, string>;
  partnerOrganisationId: string;
  /** A dispositif the ANCT edits, and its funder (the Anah). */
  dispositifEdite: string;
  financeur: string;
  version(table: 'ligne_financement' | 'dispositif', id: string): Promise<number>;
  /** A new line for the record, to delete. */
  fresh(record: RecordKey): Promise<string>;
}

const LIGNE = { projet: 'Projet de la matrice', montant: 100_000, statut: 'demande', dateDemande: '2025-01-15' };

/** The expected answer on a line, from the domain rule the API applies. */
const ligneAnswer = (need: 'lire' | 'ecrire', ok: number) => (m: Membership, record: RecordKey) => {
  const owner = record === 'c' ? null : records?.partnerOrganisationId ?? null;
  const rights = ligneFinancementRights([m], { type: 'commune', territory: TERRITORY[record] }, owner);
  return !rights.lire ? 404 : need === 'ecrire' && !rights.ecrire ? 403 : ok;
};
/** Creating: the beneficiary is referentiel data (public); not writable there answers 403. */
const createAnswer = (m: Membership, record: RecordKey) => (ligneAnswer('ecrire', 201)(m, record) === 201 ? 201 : 403);

/** Set by `setup`, for the `expected` functions that need the partner's organisation. */
let records: Records | undefined;

/** The access-matrix cases of this area's routes (merged by core/access-matrix.int-spec.ts). */
export const financementsAccessCases = defineArea<Records>({
  setup: async (ctx) => {
    const ids = async (code: string) => (await ctx.dataSource.query('SELECT id FROM dispositif WHERE code = $1', [code]))[0].id as string;
    const [bdt, dsil] = [await ids('bdt_pret_renouvellement'), await ids('dsil')];
    const dispositif = { a: bdt, b: bdt, c: dsil };
    const insert = async (record: RecordKey) =>
      (
        await ctx.dataSource.query(
          `INSERT INTO ligne_financement (dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_demande)
           VALUES ($1, 'commune', $2, 'Ligne de la matrice', 100000, 'demande', '2025-01-15') RETURNING id`,
          [dispositif[record], INSEE[record]],
        )
      )[0].id as string;
    const [{ id: financeur }] = await ctx.dataSource.query(`SELECT id FROM financeur WHERE code = 'anah'`);
    const [{ id: dispositifEdite }] = await ctx.dataSource.query(
      `INSERT INTO dispositif (code, nom, financeur_id, pilier, nature) VALUES ('matrice', 'Dispositif de la matrice', $1, 'thematique', 'subvention') RETURNING id`,
      [financeur],
    );
    records = {
      ligne: { a: await insert('a'), b: await insert('b'), c: await insert('c') },
      dispositif,
      partnerOrganisationId: ctx.partnerOrganisationId,
      dispositifEdite,
      financeur,
      version: async (table, id) => (await ctx.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version,
      fresh: insert,
    };
    return records;
  },
  cases: {
    'GET /api/financements/dispositifs': { send: (a) => a.get('/api/financements/dispositifs'), ok: 200 },
    'POST /api/financements/dispositifs': {
      send: (a, r) =>
        a
          .post('/api/financements/dispositifs')
          .set(CSRF)
          .send({ nom: `Dispositif ${nextNumber()}`, financeurId: r.financeur, pilier: 'ingenierie', nature: 'subvention', compteLogements: false, compteDossiers: false, actif: true }),
      ok: 201,
    },
    'PUT /api/financements/dispositifs/:id': {
      send: async (a, r) =>
        a
          .put(`/api/financements/dispositifs/${r.dispositifEdite}`)
          .set(CSRF)
          .send({ nom: `Dispositif de la matrice ${nextNumber()}`, financeurId: r.financeur, pilier: 'thematique', nature: 'subvention', compteLogements: false, compteDossiers: false, actif: true, version: await r.version('dispositif', r.dispositifEdite) }),
      ok: 200,
    },
    'GET /api/financements/lignes': {
      send: (a) => a.get('/api/financements/lignes?pageSize=200'),
      ok: 200,
      listed: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
      listedIds: (r) => r.ligne,
      listedFor: (m, record) => ligneAnswer('lire', 200)(m, record) === 200,
    },
    'GET /api/financements/lignes/export': { send: (a) => a.get('/api/financements/lignes/export?format=csv'), ok: 200 },
    'GET /api/financements/beneficiaires': { send: (a) => a.get('/api/financements/beneficiaires?q=ahun'), ok: 200 },
    'POST /api/financements/lignes': {
      send: (a, r, record) =>
        a.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: r.dispositif[record], beneficiaireType: 'commune', beneficiaireCode: INSEE[record] }),
      ok: 201,
      scoped: true,
      expected: createAnswer,
    },
    'GET /api/financements/lignes/:id': { send: (a, r, record) => a.get(`/api/financements/lignes/${r.ligne[record]}`), ok: 200, scoped: true, expected: ligneAnswer('lire', 200) },
    'PUT /api/financements/lignes/:id': {
      send: async (a, r, record) =>
        a
          .put(`/api/financements/lignes/${r.ligne[record]}`)
          .set(CSRF)
          .send({
            ...LIGNE,
            projet: `Projet ${nextNumber()}`,
            dispositifId: r.dispositif[record],
            beneficiaireType: 'commune',
            beneficiaireCode: INSEE[record],
            version: await r.version('ligne_financement', r.ligne[record]),
          }),
      ok: 200,
      scoped: true,
      expected: ligneAnswer('ecrire', 200),
    },
    'DELETE /api/financements/lignes/:id': {
      send: async (a, r, record) => {
        const id = await r.fresh(record);
        return a.delete(`/api/financements/lignes/${id}?version=1`).set(CSRF);
      },
      ok: 204,
      scoped: true,
      expected: ligneAnswer('ecrire', 204),
    },
  },
});
