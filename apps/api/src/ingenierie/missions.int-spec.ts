import { createPvd, CSRF, TEST_PDF, useTestApp } from '../test/test-app';

const MISSION = {
  nature: 'mesure_urgence_commerce',
  thematique: 'commerce',
  intitule: 'Manager de commerce – mesure d’urgence',
  prestataire: 'Cabinet Centre-Bourg',
  montantEngage: 2_000_000,
  montantVerse: 500_000,
  dateDebut: '2025-03-01',
  dateEngagement: '2025-02-15',
  statut: 'en_cours',
  referenceExterne: 'BDT-2025-0042',
};

describe('expertise missions', () => {
  const t = useTestApp();

  // A commune belongs to one PVD: the PVDs are created once for the file.
  const pvds = new Map<string, Promise<{ id: string }>>();
  const pvdOf = (insee: string) => pvds.get(insee) ?? pvds.set(insee, createPvd(t.dataSource, [insee])).get(insee) as Promise<{ id: string }>;

  async function financeur(code: string): Promise<string> {
    const [row] = await t.dataSource.query('SELECT id FROM financeur WHERE code = $1', [code]);
    return row.id;
  }

  /** A partner user whose organisation is linked to the Banque des Territoires. */
  async function bdtPartner() {
    const partner = await t.signIn('partenaire', { type: 'partenaire', nom: 'Banque des Territoires (test)' });
    await t.dataSource.query(`UPDATE financeur SET organisation_id = $1 WHERE code = 'banque_des_territoires'`, [partner.user.organisationId]);
    return partner.agent;
  }

  it('lets a partner write the missions it funds in any PVD, and nothing else', async () => {
    const ahun = await pvdOf('23001');
    const colmar = await pvdOf('68006');
    const partner = await bdtPartner();
    const bdt = await financeur('banque_des_territoires');
    const cerema = await financeur('cerema');

    const financeurs = await partner.get('/api/financeurs').expect(200);
    expect(financeurs.body.financeurs.filter((f: { saisissable: boolean }) => f.saisissable).map((f: { code: string }) => f.code)).toEqual(['banque_des_territoires']);
    expect(financeurs.body.organisationsPartenaires).toEqual([]);

    const created = await partner.post('/api/missions').set(CSRF).send({ ...MISSION, pvdId: ahun.id, financeurId: bdt }).expect(201);
    expect(created.body).toMatchObject({ pvdNom: 'Ahun', financeurNom: 'Banque des Territoires', montantEngage: 2_000_000, peutModifier: true, version: 1 });
    await partner.post('/api/missions').set(CSRF).send({ ...MISSION, referenceExterne: 'BDT-2025-0043', pvdId: colmar.id, financeurId: bdt }).expect(201);
    const notYours = await partner.post('/api/missions').set(CSRF).send({ ...MISSION, referenceExterne: null, pvdId: ahun.id, financeurId: cerema }).expect(403);
    expect(notYours.body).toMatchObject({ code: 'FINANCEUR_NOT_YOURS', fields: { financeurId: ['Choisissez votre organisation comme financeur.'] } });
    const duplicate = await partner.post('/api/missions').set(CSRF).send({ ...MISSION, pvdId: colmar.id, financeurId: bdt }).expect(409);
    expect(duplicate.body.fields).toEqual({ referenceExterne: ['Référence déjà utilisée pour ce financeur.'] });

    // The chef de projet of Ahun records a Cerema mission: the partner neither sees nor changes it.
    const chef = (await t.signIn('chef_de_projet')).agent;
    const cerema1 = await chef.post('/api/missions').set(CSRF).send({ ...MISSION, referenceExterne: null, nature: 'etude', pvdId: ahun.id, financeurId: cerema }).expect(201);
    await partner.get(`/api/missions/${cerema1.body.id}`).expect(404);
    await partner.put(`/api/missions/${cerema1.body.id}`).set(CSRF).send({ ...MISSION, financeurId: cerema, version: 1 }).expect(404);
    const mine = await partner.get('/api/missions').expect(200);
    expect(mine.body.items.map((m: { financeurNom: string }) => m.financeurNom)).toEqual(['Banque des Territoires', 'Banque des Territoires']);
    expect(mine.body.totaux).toEqual({ nombre: 2, financees: 2, montantEngage: 4_000_000, montantVerse: 1_000_000 });
    // …and the partner cannot move its mission to another funder; of the dossier it funds a mission in, it reads the summary only.
    const moved = await partner.put(`/api/missions/${created.body.id}`).set(CSRF).send({ ...MISSION, financeurId: cerema, version: 1 }).expect(403);
    expect(moved.body.code).toBe('FINANCEUR_NOT_YOURS');
    expect((await partner.get(`/api/pvd/${ahun.id}/dossier`).expect(200)).body.droits).toMatchObject({ lecture: 'resume', modifier: false });
    await partner.get(`/api/pvd/${ahun.id}/historique`).expect(403);

    // The chef de projet sees both missions of Ahun, none of Colmar; the neighbour none.
    const ofAhun = await chef.get(`/api/missions?pvdId=${ahun.id}`).expect(200);
    expect(ofAhun.body.total).toBe(2);
    expect((await chef.get('/api/missions').expect(200)).body.items.every((m: { pvdId: string }) => m.pvdId === ahun.id)).toBe(true);
    const neighbour = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23002' })).agent;
    await neighbour.get(`/api/missions/${created.body.id}`).expect(404);
    await neighbour.post('/api/missions').set(CSRF).send({ ...MISSION, referenceExterne: null, pvdId: ahun.id, financeurId: cerema }).expect(404);
    const prefecture68 = (await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: '68' })).agent;
    await prefecture68.get(`/api/missions/${created.body.id}`).expect(404);
    const prefecture23 = (await t.signIn('prefecture_instructeur')).agent;
    expect((await prefecture23.get(`/api/missions/${created.body.id}`).expect(200)).body.peutModifier).toBe(false);
    await prefecture23.put(`/api/missions/${created.body.id}`).set(CSRF).send({ ...MISSION, financeurId: bdt, version: 1 }).expect(403);

    // Search and filters.
    const searched = await partner.get('/api/missions?q=ahun').expect(200);
    expect(searched.body.items.map((m: { id: string }) => m.id)).toEqual([created.body.id]);
    expect((await partner.get('/api/missions?departement=68').expect(200)).body.total).toBe(1);
    const choix = await partner.get('/api/missions/pvd-choix?q=Ahun').expect(200);
    expect(choix.body).toEqual([{ id: ahun.id, nom: 'Ahun', departementCode: '23' }]);
  });

  it('checks amounts, dates and versions, and audits every change in the dossier', async () => {
    const ahun = await pvdOf('23001');
    const partner = await bdtPartner();
    const bdt = await financeur('banque_des_territoires');
    const bad = await partner.post('/api/missions').set(CSRF).send({ ...MISSION, pvdId: ahun.id, financeurId: bdt, montantVerse: 2_000_001, dateFin: '2025-01-01' }).expect(400);
    expect(bad.body.fields).toEqual({ montantVerse: ['Le montant versé dépasse le montant engagé.'], dateFin: ['La date de fin précède la date de début.'] });
    const shape = await partner.post('/api/missions').set(CSRF).send({ ...MISSION, pvdId: ahun.id, financeurId: bdt, nature: 'inconnue', montantEngage: 12.5, extra: true }).expect(400);
    expect(Object.keys(shape.body.fields).sort()).toEqual(['extra', 'montantEngage', 'nature']);

    const { body: mission } = await partner.post('/api/missions').set(CSRF).send({ ...MISSION, referenceExterne: 'BDT-2025-0100', pvdId: ahun.id, financeurId: bdt }).expect(201);
    const update = (version: number, montantVerse: number) =>
      partner.put(`/api/missions/${mission.id}`).set(CSRF).send({ ...MISSION, referenceExterne: 'BDT-2025-0100', financeurId: bdt, montantVerse, version });
    const [a, b] = await Promise.all([update(1, 1_000_000), update(1, 1_500_000)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const chef = (await t.signIn('chef_de_projet')).agent;
    const history = await chef.get(`/api/pvd/${ahun.id}/historique`).expect(200);
    expect(history.body.items[0]).toMatchObject({ action: 'mission.modifiee', objet: 'Mission « Manager de commerce – mesure d’urgence »', changes: [{ champ: 'montantVerse', libelle: 'Montant versé', avant: '5\u202f000,00\u00a0€' }] });
    expect(history.body.items[0].auteur).toContain('Test partenaire');
  });

  it('requires an engagement date for a financed mission, stores it with the source, and sums financed missions only', async () => {
    const ahun = await pvdOf('23001');
    const chef = (await t.signIn('chef_de_projet')).agent;
    const cerema = await financeur('cerema');
    const base = { ...MISSION, referenceExterne: null, pvdId: ahun.id, financeurId: cerema };
    const missing = await chef.post('/api/missions').set(CSRF).send({ ...base, dateEngagement: null }).expect(400);
    expect(missing.body.fields).toEqual({ dateEngagement: ['Indiquez la date d’engagement : une mission accordée, en cours ou livrée est financée depuis ce jour.'] });
    const future = await chef.post('/api/missions').set(CSRF).send({ ...base, dateEngagement: '2999-01-01' }).expect(400);
    expect(future.body.fields).toEqual({ dateEngagement: ['La date d’engagement ne peut pas être dans le futur.'] });
    const beforeRequest = await chef.post('/api/missions').set(CSRF).send({ ...base, dateDemande: '2025-03-01' }).expect(400);
    expect(beforeRequest.body.fields).toEqual({ dateEngagement: ['La date d’engagement précède la date de la demande.'] });
    const badDay = await chef.post('/api/missions').set(CSRF).send({ ...base, dateEngagement: '2025-02-30' }).expect(400);
    expect(Object.keys(badDay.body.fields)).toEqual(['dateEngagement']);

    const intitule = `Comptage ${Date.now()}`;
    const financed = await chef
      .post('/api/missions')
      .set(CSRF)
      .send({ ...base, intitule, montantEngage: 3_000_000, montantVerse: 1_000_000, source: 'Tableau de suivi Cerema', dateSource: '2025-06-30' })
      .expect(201);
    expect(financed.body).toMatchObject({ dateEngagement: '2025-02-15', source: 'Tableau de suivi Cerema', dateSource: '2025-06-30' });
    // An abandoned mission (engaged once) and a requested one are listed, never summed.
    const abandoned = await chef.post('/api/missions').set(CSRF).send({ ...base, intitule, statut: 'abandonnee', montantEngage: 7_000_000, montantVerse: 0 }).expect(201);
    await chef.post('/api/missions').set(CSRF).send({ ...base, intitule, statut: 'demandee', dateDebut: null, dateEngagement: null, montantEngage: 500_000, montantVerse: null }).expect(201);
    const list = await chef.get(`/api/missions?pvdId=${ahun.id}&q=${encodeURIComponent(intitule)}`).expect(200);
    expect(list.body.total).toBe(3);
    expect(list.body.totaux).toEqual({ nombre: 3, financees: 1, montantEngage: 3_000_000, montantVerse: 1_000_000 });
    expect(list.body.items.find((m: { id: string }) => m.id === abandoned.body.id)).toMatchObject({ statut: 'abandonnee', dateEngagement: '2025-02-15' });

    // Moving a mission to a financed status without its date names the field.
    const regress = await chef.put(`/api/missions/${financed.body.id}`).set(CSRF).send({ ...base, pvdId: undefined, intitule, statut: 'livree', dateFin: '2025-09-01', dateEngagement: null, version: 1 }).expect(400);
    expect(regress.body.fields).toEqual({ dateEngagement: [expect.stringContaining('Indiquez la date d’engagement')] });
  });

  it('keeps deliverables in the dossier’s storage, readable by the funder and the dossier, not by others', async () => {
    const ahun = await pvdOf('23001');
    const partner = await bdtPartner();
    const bdt = await financeur('banque_des_territoires');
    const { body: mission } = await partner.post('/api/missions').set(CSRF).send({ ...MISSION, referenceExterne: null, pvdId: ahun.id, financeurId: bdt }).expect(201);
    const uploaded = await partner.post(`/api/missions/${mission.id}/livrables`).set(CSRF).field('titre', 'Rapport final').attach('fichier', TEST_PDF, 'rapport.pdf').expect(201);
    expect(uploaded.body).toMatchObject({ nature: 'livrable', titre: 'Rapport final', versions: [{ numero: 1, nomFichier: 'rapport.pdf', typeMime: 'application/pdf' }] });
    const v2 = await partner.post(`/api/documents/${uploaded.body.id}/versions`).set(CSRF).attach('fichier', TEST_PDF, 'rapport-v2.pdf').expect(201);
    expect(v2.body.versions.map((v: { numero: number }) => v.numero)).toEqual([2, 1]);

    const chef = (await t.signIn('chef_de_projet')).agent;
    const download = await chef.get(uploaded.body.versions[0].url).expect(200);
    expect(Buffer.compare(download.body as Buffer, TEST_PDF)).toBe(0);
    await partner.get(uploaded.body.versions[0].url).expect(200);
    expect((await chef.get(`/api/missions/${mission.id}`).expect(200)).body.livrables).toHaveLength(1);

    const other = (await t.signIn('partenaire', { type: 'partenaire', nom: 'Autre partenaire' })).agent;
    await other.get(uploaded.body.versions[0].url).expect(404);
    await other.post(`/api/missions/${mission.id}/livrables`).set(CSRF).attach('fichier', TEST_PDF, 'x.pdf').expect(404);
    await other.post(`/api/documents/${uploaded.body.id}/versions`).set(CSRF).attach('fichier', TEST_PDF, 'x.pdf').expect(404);
    const elu = (await t.signIn('elu_lecteur')).agent;
    await elu.get(uploaded.body.versions[0].url).expect(200);
    await elu.post(`/api/documents/${uploaded.body.id}/versions`).set(CSRF).attach('fichier', TEST_PDF, 'x.pdf').expect(403);
  });

  it('lets the ANCT manage the funders and link a partner organisation', async () => {
    const anct = (await t.signIn('anct_directeur')).agent;
    const partner = await t.signIn('partenaire', { type: 'partenaire', nom: 'Région Nouvelle-Aquitaine' });
    const created = await anct.post('/api/financeurs').set(CSRF).send({ nom: 'Région Nouvelle-Aquitaine', actif: true }).expect(201);
    const row = created.body.financeurs.find((f: { nom: string }) => f.nom === 'Région Nouvelle-Aquitaine');
    expect(row).toMatchObject({ code: 'region_nouvelle_aquitaine', organisationId: null, version: 1 });
    expect(created.body.organisationsPartenaires.map((o: { nom: string }) => o.nom)).toContain('Région Nouvelle-Aquitaine');
    const twice = await anct.post('/api/financeurs').set(CSRF).send({ nom: 'région nouvelle-aquitaine ', actif: true }).expect(409);
    expect(twice.body.fields).toEqual({ nom: ['Un financeur porte déjà ce nom.'] });
    await anct.patch(`/api/financeurs/${row.id}`).set(CSRF).send({ nom: row.nom, actif: true, organisationId: partner.user.organisationId, version: 1 }).expect(200);
    await anct.patch(`/api/financeurs/${row.id}`).set(CSRF).send({ nom: row.nom, actif: true, organisationId: null, version: 1 }).expect(409);
    // An inactive funder takes no new mission.
    const chef = (await t.signIn('chef_de_projet')).agent;
    const ahun = await pvdOf('23001');
    await anct.patch(`/api/financeurs/${row.id}`).set(CSRF).send({ nom: row.nom, actif: false, organisationId: partner.user.organisationId, version: 2 }).expect(200);
    const inactive = await chef.post('/api/missions').set(CSRF).send({ nature: 'etude', intitule: 'Étude régionale', statut: 'demandee', pvdId: ahun.id, financeurId: row.id }).expect(400);
    expect(inactive.body.fields).toEqual({ financeurId: ['Ce financeur n’est plus actif : choisissez-en un autre.'] });
    expect((await chef.get(`/api/missions?pvdId=${ahun.id}`).expect(200)).body.peutCreer).toBe(true);
    const colmar = await pvdOf('68006');
    expect((await chef.get(`/api/missions?pvdId=${colmar.id}`).expect(200)).body.peutCreer).toBe(false);
    await anct.patch(`/api/financeurs/${row.id}`).set(CSRF).send({ nom: row.nom, actif: true, organisationId: partner.user.organisationId, version: 3 }).expect(200);
    const seen = await partner.agent.get('/api/financeurs').expect(200);
    expect(seen.body.financeurs.find((f: { id: string }) => f.id === row.id).saisissable).toBe(true);
    await partner.agent.post('/api/financeurs').set(CSRF).send({ nom: 'Moi', actif: true }).expect(403);
  });
});
