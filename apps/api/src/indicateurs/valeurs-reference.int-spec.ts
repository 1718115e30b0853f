import { CSRF, useTestApp, type SignedInClient } from '../test/test-app';

describe('reference values', () => {
  const t = useTestApp();
  let anct: SignedInClient;

  beforeAll(async () => {
    anct = await t.signIn('anct_directeur');
  });

  it('the ANCT enters a dated value that a share then reads, audited', async () => {
    const created = await anct.agent
      .post('/api/valeurs-reference')
      .set(CSRF)
      .send({ cle: 'france_services_total', zoneType: 'nation', dateValeur: '2023-12-31', valeur: 2800, source: 'ANCT 12/2023' })
      .expect(201);
    expect(created.body).toMatchObject({ cle: 'france_services_total', zoneType: 'nation', zoneCode: '', valeur: 2800, source: 'ANCT 12/2023' });
    const t11 = await anct.agent.get('/api/indicateurs/T11?date=2024-01-01').expect(200);
    expect(t11.body.parts[0].denominateur).toEqual({ libelle: 'France services ouvertes dans la zone (toutes communes)', valeur: 2800 });
    const before = await anct.agent.get('/api/indicateurs/T11?date=2023-12-30').expect(200);
    expect(before.body.parts[0].denominateur.valeur).toBeNull();
    const [audit] = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [created.body.id]);
    expect(audit.action).toBe('valeur_reference.ajoutee');
    await anct.agent
      .post('/api/valeurs-reference')
      .set(CSRF)
      .send({ cle: 'france_services_total', zoneType: 'nation', dateValeur: '2023-12-31', valeur: 2900, source: 'ANCT' })
      .expect(409);
    await anct.agent.delete(`/api/valeurs-reference/${created.body.id}`).set(CSRF).expect(204);
    expect((await anct.agent.get('/api/valeurs-reference').expect(200)).body.items).toEqual([]);
  });

  it('refuses bad values with the field', async () => {
    const res = await anct.agent
      .post('/api/valeurs-reference')
      .set(CSRF)
      .send({ cle: 'maprimerenov_total', zoneType: 'departement', zoneCode: '99', dateValeur: '2023-12-31', valeur: 5, source: 'Anah' })
      .expect(400);
    expect(res.body.fields).toEqual({ zoneCode: ['Département inconnu.'] });
    const neg = await anct.agent.post('/api/valeurs-reference').set(CSRF).send({ cle: 'x', zoneType: 'nation', dateValeur: '2023-13-01', valeur: -1, source: 'A' }).expect(400);
    expect(Object.keys(neg.body.fields).sort()).toEqual(['cle', 'dateValeur', 'valeur']);
  });

  it('imports a file all or nothing, and the MaPrimeRénov’ map reads the values of each département', async () => {
    const file = (lines: string[]) => Buffer.from(['cle;zone_type;zone_code;date_valeur;valeur;source', ...lines].join('\n'));
    const bad = await anct.agent
      .post('/api/valeurs-reference/import')
      .set(CSRF)
      .attach('fichier', file(['maprimerenov_total;departement;23;31/12/2023;1 000 000,00;Anah 12/2023', 'maprimerenov_total;departement;2Z;31/12/2023;12;Anah']), 'v.csv')
      .expect(201);
    expect(bad.body).toEqual({ crees: 0, inchanges: 0, erreurs: [{ ligne: 3, champ: 'zoneCode', message: 'Code de région ou de département attendu (« 75 », « 2A », « 971 »).' }], totalErreurs: 1 });
    expect((await anct.agent.get('/api/valeurs-reference').expect(200)).body.items).toEqual([]);
    const ok = await anct.agent
      .post('/api/valeurs-reference/import')
      .set(CSRF)
      .attach('fichier', file(['maprimerenov_total;departement;23;31/12/2023;1 000 000,00;Anah 12/2023', 'maprimerenov_total;departement;68;31/12/2023;2000000;Anah 12/2023']), 'v.csv')
      .expect(201);
    expect(ok.body).toMatchObject({ crees: 2, inchanges: 0, totalErreurs: 0 });
    const again = await anct.agent
      .post('/api/valeurs-reference/import')
      .set(CSRF)
      .attach('fichier', file(['maprimerenov_total;departement;23;2023-12-31;1000000;Anah 12/2023']), 'v.csv')
      .expect(201);
    expect(again.body).toMatchObject({ crees: 0, inchanges: 1 });

    // 15,000 € of MaPrimeRénov' in Ahun, a PVD commune: 1.5 % of the Creuse's total.
    const [pvd] = await t.dataSource.query(`INSERT INTO pvd (id_pvd) VALUES ('VR-A') RETURNING id`);
    await t.dataSource.query(`INSERT INTO pvd_commune_periode (commune_insee, pvd_id, debut, motif_debut) VALUES ('23001', $1, '2021-01-01', 'selection')`, [pvd.id]);
    const [mpr] = await t.dataSource.query(`SELECT id FROM dispositif WHERE code = 'maprimerenov'`);
    await t.dataSource.query(
      `INSERT INTO ligne_financement (dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_engagement) VALUES ($1, 'commune', '23001', 'MPR', 1500000, 'engage', '2023-06-01')`,
      [mpr.id],
    );
    const p6 = await anct.agent.get('/api/indicateurs/P6?date=2024-01-01&ventilation=departement').expect(200);
    expect(p6.body.ventilations[0].lignes).toEqual([{ cle: '23', libelle: 'Creuse', valeur: 15_000, part: 1.5 }]);
    const p6Dep = await anct.agent.get('/api/indicateurs/P6?date=2024-01-01&portee=departement&code=23').expect(200);
    expect(p6Dep.body.parts[0]).toMatchObject({ valeur: 1.5, denominateur: { valeur: 1_000_000 } });
  });

  it('answers 4xx, never 5xx, to extreme numbers', async () => {
    for (const valeur of [-2e-323, 5e-324, 1e-320, -0, 1e12 + 0.5, 0.001]) {
      const res = await anct.agent.post('/api/valeurs-reference').set(CSRF).send({ cle: 'france_services_total', zoneType: 'nation', dateValeur: '2019-01-01', valeur, source: 'x' });
      expect([valeur, res.status < 500]).toEqual([valeur, true]);
      if (res.status === 201) await anct.agent.delete(`/api/valeurs-reference/${res.body.id}`).set(CSRF).expect(204);
    }
  });

  it('only the ANCT writes them', async () => {
    const prefecture = await t.signIn('prefecture_instructeur');
    await prefecture.agent.get('/api/valeurs-reference').expect(200);
    await prefecture.agent.post('/api/valeurs-reference').set(CSRF).send({ cle: 'france_services_total', zoneType: 'nation', dateValeur: '2023-12-31', valeur: 1, source: 'x' }).expect(403);
  });
});
