import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConvention, createPvd, CSRF, useTestApp } from '../test/test-app';

const DAY = 24 * 3600 * 1000;

/**
 * The dossier page's first screen in one call: the dossier as `/dossier` reads it, and how many
 * records each section holds, each count the total of the section's own list for the caller, in one
 * statement over the dossier's rows after the access check (the posts' alerts keep their own rule).
 */
describe('the dossier’s first screen (aperçu)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-apercu-sql-'));
  const t = useTestApp(() => {
    // Read when the app is built: the statements of one request, to count them.
    process.env.BENCH_RECORD_SQL_DIR = dir;
    return {};
  });
  afterAll(() => {
    delete process.env.BENCH_RECORD_SQL_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  const idOf = async (sql: string, params: unknown[] = []) => (await t.dataSource.query(sql, params))[0].id as string;
  let ahun = '';
  let altkirch = '';

  beforeAll(async () => {
    ahun = (await createPvd(t.dataSource, ['23001'], { dateConventionAdhesion: '2026-06-30' })).id;
    altkirch = (await createPvd(t.dataSource, ['68004'])).id;
    const chef = (await t.signIn('chef_de_projet')).agent; // Ahun
    const [{ epci_siren: epci }] = await t.dataSource.query(`SELECT epci_siren FROM commune WHERE insee = '23001'`);
    const cerema = await idOf(`SELECT id FROM financeur WHERE code = 'cerema'`);
    const bdt = await idOf(`SELECT id FROM financeur WHERE code = 'banque_des_territoires'`);
    const dispositif = await idOf(`SELECT id FROM dispositif WHERE code = 'bdt_pret_renouvellement'`);
    await t.dataSource.query(`INSERT INTO mission (pvd_id, financeur_id, nature, intitule, statut) VALUES ($1, $2, 'etude', 'Étude', 'demandee'), ($1, $2, 'etude', 'Diagnostic', 'demandee')`, [ahun, cerema]);
    await t.dataSource.query(`INSERT INTO mission (pvd_id, financeur_id, nature, intitule, statut) VALUES ($1, $2, 'etude', 'Ailleurs', 'demandee')`, [altkirch, cerema]);
    await t.dataSource.query(
      `INSERT INTO ligne_financement (dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_demande)
       VALUES ($1, 'commune', '23001', 'Halles', 100000, 'demande', '2025-01-15'), ($1, 'epci', $2, 'Voirie', 200000, 'engage', '2025-01-15'),
              ($1, 'commune', '68004', 'Ailleurs', 50000, 'demande', '2025-01-15')`,
      [dispositif, epci],
    );
    const operation = await idOf(
      `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase, financeur_id) VALUES ('opah', 'OPAH d’Ahun', 'commune', '23001', 'etude_pre_operationnelle', $1) RETURNING id`,
      [bdt],
    );
    await t.dataSource.query(`INSERT INTO operation_habitat_commune (operation_id, commune_insee) VALUES ($1, '23001')`, [operation]);
    const ort = await idOf(`INSERT INTO ort (libelle, statut) VALUES ('ORT d’Ahun', 'en_preparation') RETURNING id`);
    await t.dataSource.query(`INSERT INTO ort_commune (ort_id, commune_insee) VALUES ($1, '23001')`, [ort]);
    const micro = await idOf(`SELECT id FROM demarche WHERE code = 'micro_folie'`);
    await chef.post(`/api/demarches/${micro}/participations`).set(CSRF).send({ communeInsee: '23001', attributs: { forme: 'mobile' } }).expect(201);
    await chef.put(`/api/pvd/${ahun}/contacts/elu_referent`).set(CSRF).send({ version: 0, nom: 'Jean Moreau', qualite: 'Maire' }).expect(200);
    const poste = await idOf(`INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code) VALUES ($1, 'Cheffe de projet', 'commune', '23001') RETURNING id`, [ahun]);
    await t.dataSource.query(`INSERT INTO poste_titulaire (poste_id, nom, date_debut) VALUES ($1, 'Claire Titulaire', '2022-01-01')`, [poste]);
    await createConvention(t.dataSource, ahun, { type: 'cadre', etat: 'a_completer', etatDepuis: new Date(Date.now() - 40 * DAY) });
  });

  it('answers what the dossier answers, with each section’s count equal to its list’s total, in a few statements', async () => {
    const chef = (await t.signIn('chef_de_projet')).agent;
    const apercu = await chef.get(`/api/pvd/${ahun}/dossier/apercu`).set('x-bench-record-sql', 'apercu').expect(200);
    const dossier = await chef.get(`/api/pvd/${ahun}/dossier`).expect(200);
    const { effectifs, ...rest } = apercu.body;
    expect(rest).toEqual(dossier.body);
    expect(rest.contacts.find((c: { fonction: string }) => c.fonction === 'elu_referent')).toMatchObject({ nom: 'Jean Moreau', version: 1 });
    expect(rest.conventions.cadre).toMatchObject({ etat: 'a_completer', titre: 'Convention-cadre' });
    expect(rest.alertes.map((a: { code: string }) => a.code)).toContain('A_COMPLETER_SANS_REPONSE');
    expect(rest.postes).toEqual([{ id: expect.any(String), intitule: 'Cheffe de projet', pourvu: true }]);
    expect(rest.echeanceConventionCadre).toMatchObject({ kind: 'a_venir', dateLimite: '2027-12-30' });

    const list = async (url: string) => (await chef.get(url).expect(200)).body;
    const expected = {
      postes: (await list(`/api/pvd/${ahun}/postes`)).postes.length,
      missions: (await list(`/api/missions?pvdId=${ahun}`)).total,
      ort: (await list(`/api/pvd/${ahun}/ort`)).orts.length,
      operationsHabitat: (await list(`/api/operations-habitat?pvdId=${ahun}`)).total,
      financements: (await list(`/api/financements/lignes?pvdId=${ahun}`)).total,
      demarches: (await list(`/api/pvd/${ahun}/demarches`)).items.length,
      historique: (await list(`/api/pvd/${ahun}/historique`)).total,
    };
    expect(expected).toEqual({ postes: 1, missions: 2, ort: 1, operationsHabitat: 1, financements: 2, demarches: 1, historique: expect.any(Number) });
    expect(expected.historique).toBeGreaterThanOrEqual(2); // the participation and the contact
    expect(effectifs).toEqual(expected);

    // Besides the session check and the posts' alerts (their own rule, over the dossier's posts):
    // the access check on the stored territory, and the one statement of the first screen.
    await new Promise((done) => setTimeout(done, 100));
    const statements: { sql: string }[] = JSON.parse(readFileSync(join(dir, 'apercu.json'), 'utf8'));
    const session = (sql: string) => sql.includes('FROM user_session') || sql.startsWith('SELECT m.user_id');
    const postsRule = (sql: string) => /FROM (programme_parametre ORDER|poste_\w+ WHERE poste_id|demande_cofinancement WHERE poste_id|poste po JOIN pvd p)/.test(sql.replace(/\s+/g, ' '));
    const own = statements.filter((s) => !session(s.sql) && !postsRule(s.sql)).map((s) => s.sql.replace(/\s+/g, ' ').trim().slice(0, 40));
    expect(own).toEqual(['SELECT array_agg(DISTINCT c.insee) AS co', 'SELECT p.id, p.id_pvd, p.epci_siren, e.n']);
    expect(statements.length).toBeLessThanOrEqual(10);
  });

  it('is read by the dossier’s readers only: 404 elsewhere, a partner’s summary where it funds something, without contacts nor its lists’ counts', async () => {
    const prefecture68 = (await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: '68' })).agent;
    expect((await prefecture68.get(`/api/pvd/${ahun}/dossier/apercu`).expect(404)).body.code).toBe('PVD_NOT_FOUND');
    const prefecture = (await t.signIn('prefecture_instructeur')).agent; // the Creuse
    const read = await prefecture.get(`/api/pvd/${ahun}/dossier/apercu`).expect(200);
    expect(read.body.droits).toMatchObject({ lecture: 'complete', contacts: ['referent_prefecture'] });
    expect(read.body.effectifs).toMatchObject({ missions: 2, financements: 2 });
    await prefecture.get('/api/pvd/not-a-uuid/dossier/apercu').expect(400);

    const partnerSignedIn = await t.signIn('partenaire');
    await t.dataSource.query(`UPDATE financeur SET organisation_id = $1 WHERE code = 'cerema'`, [partnerSignedIn.user.organisationId]);
    const partner = partnerSignedIn.agent;
    const resume = await partner.get(`/api/pvd/${ahun}/dossier/apercu`).expect(200);
    expect(resume.body.droits).toMatchObject({ lecture: 'resume', modifier: false, contacts: [] });
    expect(resume.body.contacts).toEqual([]);
    expect(resume.body.alertes.map((a: { code: string }) => a.code)).toEqual(['A_COMPLETER_SANS_REPONSE']);
    expect(resume.body.effectifs).toEqual({ postes: 1, missions: null, ort: 1, operationsHabitat: null, financements: null, demarches: null, historique: null });
    const [correze] = await t.dataSource.query(`SELECT insee FROM commune WHERE departement_code = '19' ORDER BY insee LIMIT 1`);
    const nothing = (await createPvd(t.dataSource, [correze.insee])).id;
    await partner.get(`/api/pvd/${nothing}/dossier/apercu`).expect(403);
  });
});
