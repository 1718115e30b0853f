import { createConvention, createPvd, CSRF, useTestApp } from '../test/test-app';

const OPERATION = {
  type: 'opah_rr',
  libelle: 'OPAH-RR de la communauté de communes',
  maitreOuvrageType: 'commune',
  maitreOuvrageCode: '23001',
  operateur: 'Soliha Creuse',
  phase: 'operationnelle',
  dateDebut: '2024-01-01',
  dateFin: '2028-12-31',
  communes: ['23001'],
  objectifs: [
    { annee: 2024, objectif: 20, traites: 12 },
    { annee: 2025, objectif: 25, traites: null },
  ],
  engagementAnah: 150_000_00,
  engagementCollectivite: 30_000_00,
};

describe('ORT and habitat operations', () => {
  const t = useTestApp();

  // A commune belongs to one PVD: the PVDs are created once for the file.
  const pvds = new Map<string, Promise<{ id: string }>>();
  const pvdOf = (insee: string) => pvds.get(insee) ?? (pvds.set(insee, createPvd(t.dataSource, [insee])).get(insee) as Promise<{ id: string }>);

  /** Ahun's EPCI and two other of its communes. */
  async function ahunEpci(): Promise<{ siren: string; others: [string, string]; elsewhere: string }> {
    const [{ siren }] = await t.dataSource.query(`SELECT epci_siren AS siren FROM commune WHERE insee = '23001'`);
    const others = await t.dataSource.query(`SELECT insee FROM commune WHERE epci_siren = $1 AND insee <> '23001' ORDER BY insee LIMIT 2`, [siren]);
    const [elsewhere] = await t.dataSource.query(`SELECT insee FROM commune WHERE departement_code = '23' AND epci_siren <> $1 ORDER BY insee LIMIT 1`, [siren]);
    return { siren, others: [others[0].insee, others[1].insee], elsewhere: elsewhere.insee };
  }

  it('shows an operation over three communes on the three dossiers, counted once as an operation and three times as communes', async () => {
    const { siren, others } = await ahunEpci();
    const [ahun, second, third] = await Promise.all([pvdOf('23001'), pvdOf(others[0]), pvdOf(others[1])]);
    const chef = (await t.signIn('chef_de_projet')).agent;
    // The chef de projet of Ahun enters the EPCI's operation over two other communes of the EPCI.
    const created = await chef
      .post('/api/operations-habitat')
      .set(CSRF)
      .send({ ...OPERATION, type: 'orcod', maitreOuvrageType: 'epci', maitreOuvrageCode: siren, communes: ['23001', ...others] })
      .expect(201);
    expect(created.body).toMatchObject({ type: 'orcod', maitreOuvrage: { type: 'epci', code: siren }, objectifTotal: 45, traitesTotal: 12, engagementAnah: 150_000_00, peutModifier: true, version: 1 });
    expect(created.body.communes).toHaveLength(3);

    const prefecture = (await t.signIn('prefecture_instructeur')).agent;
    for (const pvd of [ahun, second, third]) {
      const list = await prefecture.get(`/api/operations-habitat?pvdId=${pvd.id}`).expect(200);
      expect(list.body.items.map((o: { id: string }) => o.id)).toContain(created.body.id);
      const history = await prefecture.get(`/api/pvd/${pvd.id}/historique`).expect(200);
      expect(history.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ entityType: 'operation_habitat', entityId: created.body.id })]));
    }
    const national = await prefecture.get('/api/operations-habitat?type=orcod').expect(200);
    expect(national.body.totaux).toEqual({ operations: 1, communes: 3, communesHorsPvd: 0, pvd: 3 });
    expect(national.body.total).toBe(1);
    expect(national.body.departements).toEqual(expect.arrayContaining([expect.objectContaining({ code: '23', nom: 'Creuse' })]));
    const filtered = await prefecture.get('/api/operations-habitat?type=orcod&phase=operationnelle&region=75&departement=23').expect(200);
    expect(filtered.body.totaux).toEqual({ operations: 1, communes: 3, communesHorsPvd: 0, pvd: 3 });
    const otherRegion = await prefecture.get('/api/operations-habitat?type=orcod&region=44').expect(200);
    expect(otherRegion.body.totaux).toEqual({ operations: 0, communes: 0, communesHorsPvd: 0, pvd: 0 });

    // The chef de projet of a covered commune sees and edits it.
    const [chefSecond] = [(await t.signIn('chef_de_projet', { type: 'commune', communeInsee: others[0] })).agent];
    const seen = await chefSecond.get(`/api/operations-habitat/${created.body.id}`).expect(200);
    expect(seen.body.peutModifier).toBe(true);
  });

  it('refuses a commune outside the territory unless the operation is the EPCI’s and the commune one of its members', async () => {
    const { siren, others, elsewhere } = await ahunEpci();
    const chef = (await t.signIn('chef_de_projet')).agent;
    const none = await chef.post('/api/operations-habitat').set(CSRF).send({ ...OPERATION, communes: [others[0]] }).expect(403);
    expect(none.body).toMatchObject({ code: 'COMMUNE_HORS_TERRITOIRE', fields: { communes: ['Ajoutez au moins une commune de votre territoire.'] } });
    const communeOwner = await chef.post('/api/operations-habitat').set(CSRF).send({ ...OPERATION, communes: ['23001', others[0]] }).expect(403);
    expect(Object.keys(communeOwner.body.fields)).toEqual(['communes.1']);
    const otherEpci = await chef
      .post('/api/operations-habitat')
      .set(CSRF)
      .send({ ...OPERATION, maitreOuvrageType: 'epci', maitreOuvrageCode: siren, communes: ['23001', elsewhere] })
      .expect(403);
    expect(Object.keys(otherEpci.body.fields)).toEqual(['communes.1']);
  });

  it('says which fields are wrong', async () => {
    const chef = (await t.signIn('chef_de_projet')).agent;
    const rules = await chef
      .post('/api/operations-habitat')
      .set(CSRF)
      .send({ ...OPERATION, phase: 'close', dateDebut: null, dateFin: null, objectifs: [{ annee: 2024, objectif: 1 }, { annee: 2024, traites: 2 }] })
      .expect(400);
    expect(rules.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(Object.keys(rules.body.fields).sort()).toEqual(['dateDebut', 'dateFin', 'objectifs.1.annee']);
    const shape = await chef
      .post('/api/operations-habitat')
      .set(CSRF)
      .send({ ...OPERATION, type: 'zac', engagementAnah: -1, objectifs: [{ annee: 2024, objectif: 1.5 }], inconnu: 1 })
      .expect(400);
    expect(Object.keys(shape.body.fields).sort()).toEqual(['engagementAnah', 'inconnu', 'objectifs.0.objectif', 'type']);
    const unknown = await chef.post('/api/operations-habitat').set(CSRF).send({ ...OPERATION, communes: ['23001', '99999'] }).expect(400);
    expect(Object.keys(unknown.body.fields)).toEqual(['communes.1']);
    const owner = await chef.post('/api/operations-habitat').set(CSRF).send({ ...OPERATION, maitreOuvrageType: 'epci', maitreOuvrageCode: '23001' }).expect(400);
    expect(Object.keys(owner.body.fields)).toEqual(['maitreOuvrageCode']);
  });

  it('lets one of two concurrent edits through and refuses the other (409)', async () => {
    await pvdOf('23001');
    const chef = (await t.signIn('chef_de_projet')).agent;
    const created = await chef.post('/api/operations-habitat').set(CSRF).send(OPERATION).expect(201);
    const [first, second] = await Promise.all([
      chef.put(`/api/operations-habitat/${created.body.id}`).set(CSRF).send({ ...OPERATION, libelle: 'Première', version: 1 }),
      chef.put(`/api/operations-habitat/${created.body.id}`).set(CSRF).send({ ...OPERATION, libelle: 'Seconde', version: 1 }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect([first, second].find((r) => r.status === 409)?.body.code).toBe('VERSION_CONFLICT');
    const now = await chef.get(`/api/operations-habitat/${created.body.id}`).expect(200);
    expect(now.body.version).toBe(2);
  });

  it('hides an operation from other territories (404) and refuses edits to readers (403)', async () => {
    const ahun = await pvdOf('23001');
    const chef = (await t.signIn('chef_de_projet')).agent;
    const created = await chef.post('/api/operations-habitat').set(CSRF).send({ ...OPERATION, libelle: 'OPAH secrète' }).expect(201);
    const id = created.body.id;
    const neighbour = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23002' })).agent;
    await neighbour.get(`/api/operations-habitat/${id}`).expect(404);
    await neighbour.put(`/api/operations-habitat/${id}`).set(CSRF).send({ ...OPERATION, version: 1 }).expect(404);
    const list = await neighbour.get('/api/operations-habitat').expect(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).not.toContain(id);
    const otherDepartement = (await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: '68' })).agent;
    await otherDepartement.get(`/api/operations-habitat/${id}`).expect(404);
    const elu = (await t.signIn('elu_lecteur')).agent;
    const read = await elu.get(`/api/operations-habitat/${id}`).expect(200);
    expect(read.body.peutModifier).toBe(false);
    await elu.put(`/api/operations-habitat/${id}`).set(CSRF).send({ ...OPERATION, version: 1 }).expect(403);
    await elu.post('/api/operations-habitat').set(CSRF).send(OPERATION).expect(403);
    const section = await elu.get(`/api/operations-habitat?pvdId=${ahun.id}`).expect(200);
    expect(section.body.peutCreer).toBe(false);
    await t.signIn('elu_lecteur').then(({ agent }) => agent.get(`/api/pvd/${ahun.id}/ort`).expect(200));
  });

  it('records an ORT once over its communes, linked to the convention-cadre worth ORT', async () => {
    const { siren, others } = await ahunEpci();
    const ahun = await pvdOf('23001');
    const second = await pvdOf(others[0]);
    const cadre = await createConvention(t.dataSource, ahun.id, { type: 'cadre', etat: 'signee', dateSignature: '2023-06-01' });
    await t.dataSource.query('UPDATE convention SET vaut_ort = true WHERE id = $1', [cadre.id]);
    const chef = (await t.signIn('chef_de_projet')).agent;

    const before = await chef.get(`/api/pvd/${ahun.id}/ort`).expect(200);
    expect(before.body).toMatchObject({ orts: [], conventionCadreOrt: { id: cadre.id }, peutCreer: true });

    const badDuration = await chef.post('/api/orts').set(CSRF).send({ libelle: 'ORT', statut: 'signee', communes: ['23001'], dureeAnnees: 40 }).expect(400);
    expect(Object.keys(badDuration.body.fields).sort()).toEqual(['dureeAnnees']);
    const rules = await chef.post('/api/orts').set(CSRF).send({ libelle: 'ORT', statut: 'signee', communes: [] }).expect(400);
    expect(Object.keys(rules.body.fields).sort()).toEqual(['communes', 'dateSignature']);
    const otherCadre = await chef
      .post('/api/orts')
      .set(CSRF)
      .send({ libelle: 'ORT', statut: 'signee', dateSignature: '2023-06-01', communes: [others[0]], epciSiren: siren, conventionCadreId: cadre.id })
      .expect(403); // none of its communes is the chef's
    expect(otherCadre.body.code).toBe('COMMUNE_HORS_TERRITOIRE');

    const input = { libelle: 'ORT Creuse Sud-Ouest', epciSiren: siren, statut: 'signee', dateSignature: '2023-06-01', dureeAnnees: 5, communes: ['23001', others[0]], conventionCadreId: cadre.id };
    const created = await chef.post('/api/orts').set(CSRF).send(input).expect(201);
    expect(created.body).toMatchObject({ libelle: 'ORT Creuse Sud-Ouest', dateFin: '2028-05-31', conventionCadre: { id: cadre.id, pvdId: ahun.id }, peutModifier: true, version: 1 });

    const onSecond = await (await t.signIn('prefecture_instructeur')).agent.get(`/api/pvd/${second.id}/ort`).expect(200);
    expect(onSecond.body).toMatchObject({ orts: [{ id: created.body.id }], conventionCadreOrt: null, peutCreer: false });

    const updated = await chef.put(`/api/orts/${created.body.id}`).set(CSRF).send({ ...input, dureeAnnees: 6, version: 1 }).expect(200);
    expect(updated.body).toMatchObject({ dureeAnnees: 6, dateFin: '2029-05-31', version: 2 });
    const stale = await chef.put(`/api/orts/${created.body.id}`).set(CSRF).send({ ...input, version: 1 }).expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');

    for (const pvd of [ahun, second]) {
      const history = await chef.get(`/api/pvd/${pvd.id}/historique`).expect(pvd === ahun ? 200 : 404);
      if (pvd === ahun) {
        const entries = history.body.items.filter((e: { entityType: string }) => e.entityType === 'ort');
        expect(entries).toHaveLength(2);
      }
    }
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int FROM audit_log WHERE entity_type = 'ort' AND entity_id = $1 AND pvd_id = $2`, [created.body.id, second.id]);
    expect(count).toBe(2);
  });
});
