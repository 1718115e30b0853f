import { DEMO_INDICATEURS_PUBLICS } from './demo-club-public';
import { unnamedAuditedFields } from '../test/audit-coverage';
import { CSRF, useTestApp } from '../test/test-app';
import { DEMO_JOURNEY_ADHESION, DEMO_JOURNEY_COMMUNE } from './demo-conventions';
import { DEMO_MOTIF_DEPASSEMENT } from './demo-ingenierie';
import { implausibleRecords } from './demo-plausibilite';
import { DEMO_ACCOUNTS, DEMO_DEPARTEMENTS, DEMO_PASSWORD, DemoSeedService } from './demo-seed.service';

describe('demo data', () => {
  const t = useTestApp();

  it('seeds an empty database once, with PVDs in every demo département and one account per kind of user', async () => {
    const seed = t.app.get(DemoSeedService);
    expect(await seed.seedIfEmpty()).toBe(true);
    const perDepartement: { departement_code: string; n: number }[] = await t.dataSource.query(
      `SELECT c.departement_code, count(*)::int AS n FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee
        GROUP BY c.departement_code ORDER BY 1`,
    );
    expect(perDepartement.map((d) => d.departement_code).sort()).toEqual([...DEMO_DEPARTEMENTS].sort());
    const total = perDepartement.reduce((s, d) => s + d.n, 0);
    expect(total).toBeGreaterThan(250);
    const [regions] = await t.dataSource.query(
      'SELECT count(DISTINCT c.region_code)::int AS n FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee',
    );
    expect(regions.n).toBeGreaterThanOrEqual(8);
    // No chef-lieu de département among them, and every commune in the population band.
    const [outside] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee
         JOIN departement d ON d.code = c.departement_code
        WHERE c.insee = d.chef_lieu OR c.population NOT BETWEEN 1000 AND 19999`,
    );
    expect(outside.n).toBe(0);

    for (const account of DEMO_ACCOUNTS) {
      const res = await t.http().post('/api/auth/login').set(CSRF).send({ email: account.email, password: DEMO_PASSWORD }).expect(200);
      expect(res.body.memberships.map((m: { role: string }) => m.role)).toEqual([account.role]);
    }
    const ahun = await t.http().get('/api/communes/23001').expect(401);
    expect(ahun.body.code).toBe('UNAUTHENTICATED');

    // Conventions in every state the préfecture of the Creuse has to deal with; none yet for the journey's commune.
    const prefecture = await t.http().post('/api/auth/login').set(CSRF).send({ email: 'prefecture.creuse@demo.test', password: DEMO_PASSWORD });
    const cookie = prefecture.headers['set-cookie'];
    const work = await t.http().get('/api/conventions/a-traiter?pageSize=200').set('Cookie', cookie).expect(200);
    expect(work.body.parMotif.a_instruire).toBeGreaterThanOrEqual(1);
    expect(work.body.parMotif.cadre_en_retard).toBeGreaterThanOrEqual(1);
    expect(work.body.items.every((i: { departementCode: string }) => i.departementCode === '23')).toBe(true);
    const [journey] = await t.dataSource.query(
      `SELECT p.date_convention_adhesion::text AS adhesion,
              (SELECT array_agg(k.type || ':' || k.etat || ':' || coalesce(k.date_signature::text, '')) FROM convention k WHERE k.pvd_id = p.id) AS conventions
         FROM pvd p JOIN pvd_commune pc ON pc.pvd_id = p.id WHERE pc.commune_insee = $1`,
      [DEMO_JOURNEY_COMMUNE],
    );
    // Its convention d'adhésion is there, signed on the dossier's date; the convention-cadre is the journey's to write.
    expect(journey).toEqual({ adhesion: DEMO_JOURNEY_ADHESION, conventions: [`adhesion:signee:${DEMO_JOURNEY_ADHESION}`] });
    const states: { etat: string }[] = await t.dataSource.query(`SELECT DISTINCT etat FROM convention`);
    expect(states.map((r) => r.etat).sort()).toEqual(['a_completer', 'deposee', 'en_instruction', 'signee']);

    // Chef de projet posts with their alerts for the préfecture; none on Ahun (the journey enters it).
    const postes = await t.http().get('/api/postes/alertes?pageSize=200').set('Cookie', cookie).expect(200);
    expect(postes.body.parMotif.POSTE_VACANT).toBeGreaterThanOrEqual(1);
    expect(postes.body.items.every((i: { departementCode: string }) => i.departementCode === '23')).toBe(true);
    const [ahunPostes] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM poste po JOIN pvd_commune pc ON pc.pvd_id = po.pvd_id WHERE pc.commune_insee = $1`,
      [DEMO_JOURNEY_COMMUNE],
    );
    expect(ahunPostes.n).toBe(0);
    // Every demo post of the Creuse passes the checks a user's entry does: its subsidy computes, with the Anah where an OPAH-RU runs.
    const creuse: { id: string; operation_type: string | null }[] = await t.dataSource.query(
      `SELECT po.id, po.operation_type FROM poste po JOIN pvd_commune pc ON pc.pvd_id = po.pvd_id JOIN commune c ON c.insee = pc.commune_insee WHERE c.departement_code = '23'`,
    );
    expect(creuse.length).toBeGreaterThan(10);
    for (const p of creuse) {
      const poste = await t.http().get(`/api/postes/${p.id}`).set('Cookie', cookie).expect(200);
      expect(poste.body.subvention.total).toBeGreaterThan(0);
      expect(poste.body.subvention.parFinanceur.anah > 0).toBe(p.operation_type === 'opah_ru');
    }
    // The demo partner sees the Banque des Territoires' missions only.
    const partner = await t.http().post('/api/auth/login').set(CSRF).send({ email: 'partenaire@demo.test', password: DEMO_PASSWORD });
    const missions = await t.http().get('/api/missions?pageSize=200').set('Cookie', partner.headers['set-cookie']).expect(200);
    expect(missions.body.total).toBeGreaterThan(50);
    expect(new Set(missions.body.items.map((m: { financeurNom: string }) => m.financeurNom))).toEqual(new Set(['Banque des Territoires']));

    // Thematic support: habitat operations over three communes each, financing lines, ORT, schemes; none for Ahun.
    const [thematique] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM operation_habitat) AS operations, (SELECT count(*)::int FROM operation_habitat_commune) AS communes,
              (SELECT count(*)::int FROM ligne_financement) AS lignes, (SELECT count(*)::int FROM ort) AS ort,
              (SELECT count(*)::int FROM demarche_participation) AS participations,
              (SELECT count(*)::int FROM ligne_financement WHERE beneficiaire_code = $1) AS ahun`,
      [DEMO_JOURNEY_COMMUNE],
    );
    expect(thematique.operations).toBeGreaterThan(50);
    expect(thematique.communes).toBe(thematique.operations * 3);
    expect(thematique).toMatchObject({ ahun: 0 });
    expect(thematique.lignes).toBeGreaterThan(500);
    expect(thematique.ort).toBeGreaterThan(50);
    expect(thematique.participations).toBeGreaterThan(100);

    // Public figures: the national page shows those the demo's ANCT made public, Ahun's page its statuses.
    const programme = await t.http().get('/api/public/programme').expect(200);
    expect(programme.body.indicateurs.map((i: { id: string }) => i.id)).toEqual([...DEMO_INDICATEURS_PUBLICS]);
    const [publicPvd] = await t.dataSource.query('SELECT p.id_pvd FROM pvd p JOIN pvd_commune pc ON pc.pvd_id = p.id WHERE pc.commune_insee = $1', [DEMO_JOURNEY_COMMUNE]);
    const publicPage = await t.http().get(`/api/public/pvd/${publicPvd.id_pvd}`).expect(200);
    expect(publicPage.body.nom).toBe('Ahun');

    // Every demo amount passes the plausibility rules a user's entry goes through, with its reason where one is needed.
    expect(await implausibleRecords(t.dataSource)).toEqual([]);
    const [checked] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM demande_cofinancement) AS demandes, (SELECT count(*)::int FROM demande_cofinancement WHERE motif_depassement = $1) AS motivees`,
      [DEMO_MOTIF_DEPASSEMENT],
    );
    expect(checked.demandes).toBeGreaterThan(500);
    expect(checked.motivees).toBeGreaterThanOrEqual(1);
    // The check sees what the rules refuse: a grant above its request, an absurd commitment, a reason removed.
    const [demande] = await t.dataSource.query('SELECT id FROM demande_cofinancement WHERE montant_accorde IS NOT NULL LIMIT 1');
    await t.dataSource.query('UPDATE demande_cofinancement SET montant_accorde = montant_demande + 4000000 WHERE id = $1', [demande.id]);
    const [operation] = await t.dataSource.query('SELECT id FROM operation_habitat LIMIT 1');
    await t.dataSource.query('UPDATE operation_habitat SET engagement_anah = 99999999999900 WHERE id = $1', [operation.id]);
    const [motivee] = await t.dataSource.query('SELECT id FROM demande_cofinancement WHERE motif_depassement IS NOT NULL LIMIT 1');
    await t.dataSource.query('UPDATE demande_cofinancement SET motif_depassement = NULL WHERE id = $1', [motivee.id]);
    expect(await implausibleRecords(t.dataSource)).toEqual(
      expect.arrayContaining([
        { entity: 'demande_cofinancement', id: demande.id, codes: ['ACCORD_AU_DELA_DE_LA_DEMANDE'] },
        { entity: 'operation_habitat', id: operation.id, codes: ['MONTANT_INVRAISEMBLABLE'] },
        { entity: 'demande_cofinancement', id: motivee.id, codes: ['DEMANDE_AU_DELA_DU_CALCUL'] },
      ]),
    );

    expect(await seed.seedIfEmpty()).toBe(false);
    const [after] = await t.dataSource.query('SELECT count(*)::int AS n FROM pvd_commune');
    expect(after.n).toBe(total);
  });

  it('names every field its audit writers stored', async () => {
    expect(await unnamedAuditedFields(t.dataSource)).toEqual([]);
  });
});
