import { createPvd, CSRF, useTestApp } from '../test/test-app';

const NOUVEAU = {
  nom: 'Petites cités de caractère',
  description: 'Label patrimonial',
  attributs: [
    { cle: 'niveau', libelle: 'Niveau', type: 'choix', choix: ['homologuée', 'labellisée'], obligatoire: true },
    { cle: 'date_label', libelle: 'Date du label', type: 'date' },
    { cle: 'monuments', libelle: 'Monuments protégés', type: 'nombre' },
    { cle: 'charte', libelle: 'Charte signée', type: 'booleen' },
    { cle: 'referent', libelle: 'Référent', type: 'texte' },
  ],
};

describe('thematic schemes', () => {
  const t = useTestApp();

  // A commune belongs to one PVD: the PVDs are created once for the file.
  const pvds = new Map<string, Promise<{ id: string }>>();
  const pvdOf = (insee: string) => pvds.get(insee) ?? (pvds.set(insee, createPvd(t.dataSource, [insee])).get(insee) as Promise<{ id: string }>);
  const demarcheId = async (code: string) => (await t.dataSource.query('SELECT id FROM demarche WHERE code = $1', [code]))[0].id as string;

  it('lets the ANCT add a scheme with typed attributes, and a chef de projet record a participation in it', async () => {
    const ahun = await pvdOf('23001');
    const anct = (await t.signIn('anct_directeur')).agent;
    const created = await anct.post('/api/demarches').set(CSRF).send(NOUVEAU).expect(201);
    expect(created.body).toMatchObject({ code: 'petites_cites_de_caractere', nom: 'Petites cités de caractère', actif: true, version: 1, participations: 0 });
    expect(created.body.attributs).toHaveLength(5);
    // Inconsistent definitions are refused by field, and so is a code already used.
    const bad = await anct
      .post('/api/demarches')
      .set(CSRF)
      .send({ nom: 'Autre', attributs: [{ cle: 'Forme', libelle: 'Forme', type: 'choix', choix: ['seul'] }] })
      .expect(400);
    expect(bad.body.fields).toEqual({ 'attributs.0.cle': ['Clé en minuscules, chiffres et « _ », commençant par une lettre.'], 'attributs.0.choix': ['Indiquez au moins deux choix.'] });
    const unknownType = await anct.post('/api/demarches').set(CSRF).send({ nom: 'Autre', attributs: [{ cle: 'a', libelle: 'A', type: 'couleur' }] }).expect(400);
    expect(unknownType.body.fields).toEqual({ 'attributs.0.type': ['Valeur non autorisée.'] });
    expect((await anct.post('/api/demarches').set(CSRF).send(NOUVEAU).expect(409)).body.fields).toEqual({ code: ['Code déjà utilisé : choisissez-en un autre.'] });

    const chef = (await t.signIn('chef_de_projet')).agent;
    const catalogue = await chef.get('/api/demarches').expect(200);
    expect(catalogue.body.peutAdministrer).toBe(false);
    expect(catalogue.body.items.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['france_services', 'micro_folie', 'popsu', 'petites_cites_de_caractere']));
    await chef.post('/api/demarches').set(CSRF).send(NOUVEAU).expect(403);

    const participation = await chef
      .post(`/api/demarches/${created.body.id}/participations`)
      .set(CSRF)
      .send({ communeInsee: '23001', dateDebut: '2023-04-01', attributs: { niveau: 'labellisée', date_label: '2023-06-15', monuments: 4, charte: true, referent: '  Mme Martin ', vide: '' } })
      .expect(400);
    expect(participation.body.fields).toEqual({ 'attributs.vide': ['Attribut inconnu pour ce dispositif.'] });
    const saved = await chef
      .post(`/api/demarches/${created.body.id}/participations`)
      .set(CSRF)
      .send({ communeInsee: '23001', dateDebut: '2023-04-01', attributs: { niveau: 'labellisée', date_label: '2023-06-15', monuments: 4, charte: true, referent: '  Mme Martin ', charte_bis: undefined } })
      .expect(201);
    expect(saved.body).toMatchObject({
      demarcheNom: 'Petites cités de caractère',
      communeInsee: '23001',
      communeNom: 'Ahun',
      pvdId: ahun.id,
      dateDebut: '2023-04-01',
      dateFin: null,
      attributs: { niveau: 'labellisée', date_label: '2023-06-15', monuments: 4, charte: true, referent: 'Mme Martin' },
      version: 1,
      peutModifier: true,
    });

    const dossier = await chef.get(`/api/pvd/${ahun.id}/demarches`).expect(200);
    expect(dossier.body.items.map((p: { id: string }) => p.id)).toEqual([saved.body.id]);
    expect(dossier.body.communes).toEqual([{ insee: '23001', nom: 'Ahun', peutSaisir: true }]);
    expect((await chef.get('/api/demarches').expect(200)).body.items.find((d: { id: string }) => d.id === created.body.id).participations).toBe(1);
  });

  it('checks the attribute values by field, and the dates', async () => {
    await pvdOf('23001');
    const chef = (await t.signIn('chef_de_projet')).agent;
    const france = await demarcheId('france_services');
    const res = await chef
      .post(`/api/demarches/${france}/participations`)
      .set(CSRF)
      .send({ communeInsee: '23001', dateDebut: '2024-05-01', dateFin: '2024-01-01', attributs: { forme: 'mobile', date_ouverture: '01/05/2024' } })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.body.fields).toEqual({
      dateFin: ['La date de fin précède la date de début.'],
      'attributs.forme': ['Choisissez parmi : fixe, itinérante.'],
      'attributs.date_ouverture': ['Valeur invalide (date attendu).'],
    });
    const missing = await chef.post(`/api/demarches/${france}/participations`).set(CSRF).send({ communeInsee: '23001', attributs: {} }).expect(400);
    expect(missing.body.fields).toEqual({ 'attributs.forme': ['Indiquez « Forme ».'] });
    // The DTO: unknown fields, a non-object, a malformed day.
    const dto = await chef.post(`/api/demarches/${france}/participations`).set(CSRF).send({ communeInsee: '23001', attributs: 'fixe', dateDebut: '2024-02-30', pvdId: 'x' }).expect(400);
    expect(Object.keys(dto.body.fields).sort()).toEqual(['attributs', 'dateDebut', 'pvdId']);
    await chef.post('/api/demarches/00000000-0000-0000-0000-000000000000/participations').set(CSRF).send({ communeInsee: '23001', attributs: {} }).expect(404);
  });

  it('answers one of two concurrent saves with 409, deletes with the version read, and shows every change in the dossier history', async () => {
    const ahun = await pvdOf('23001');
    const chef = (await t.signIn('chef_de_projet')).agent;
    const micro = await demarcheId('micro_folie');
    const created = await chef.post(`/api/demarches/${micro}/participations`).set(CSRF).send({ communeInsee: '23001', attributs: { forme: 'fixe' } }).expect(201);
    const url = `/api/participations/${created.body.id}`;
    const [first, second] = await Promise.all([
      chef.put(url).set(CSRF).send({ dateDebut: '2024-01-01', attributs: { forme: 'mobile' }, version: 1 }),
      // Both change the date and the form, so the history shows both whichever of them wins.
      chef.put(url).set(CSRF).send({ dateDebut: '2024-02-01', attributs: { forme: 'mobile' }, version: 1 }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect([first, second].find((r) => r.status === 409)?.body.code).toBe('VERSION_CONFLICT');
    expect([first, second].find((r) => r.status === 200)?.body.version).toBe(2);

    await chef.delete(`${url}?version=1`).set(CSRF).expect(409);
    await chef.delete(url).set(CSRF).expect(400);
    await chef.delete(`${url}?version=2`).set(CSRF).expect(204);
    await chef.put(url).set(CSRF).send({ attributs: { forme: 'fixe' }, version: 3 }).expect(404);

    const history = await chef.get(`/api/pvd/${ahun.id}/historique?pageSize=50`).expect(200);
    const entries = history.body.items.filter((e: { entityId: string }) => e.entityId === created.body.id);
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['demarche_participation.supprimee', 'demarche_participation.modifiee', 'demarche_participation.creee']);
    expect(entries.every((e: { entityType: string }) => e.entityType === 'demarche_participation')).toBe(true);
    const modified = entries[1].changes.map((c: { libelle: string }) => c.libelle);
    expect(modified).toEqual(expect.arrayContaining(['Date de début', 'Forme']));
    const [logged] = await t.dataSource.query(`SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'demarche_participation.creee'`, [created.body.id]);
    expect(logged.after).toMatchObject({ demarche: 'Micro-Folie', commune: 'Ahun (23001)', Forme: 'fixe' });
  });

  it('hides participations outside the territory (404) and refuses writes to readers (403)', async () => {
    const ahun = await pvdOf('23001');
    await pvdOf('23002');
    const altkirch = await pvdOf('68004');
    const chef = (await t.signIn('chef_de_projet')).agent;
    const micro = await demarcheId('micro_folie');
    const mine = await chef.post(`/api/demarches/${micro}/participations`).set(CSRF).send({ communeInsee: '23001', attributs: { forme: 'mobile' } }).expect(201);

    const neighbour = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23002' })).agent;
    await neighbour.get(`/api/pvd/${ahun.id}/demarches`).expect(404);
    await neighbour.put(`/api/participations/${mine.body.id}`).set(CSRF).send({ attributs: { forme: 'fixe' }, version: 1 }).expect(404);
    await neighbour.delete(`/api/participations/${mine.body.id}?version=1`).set(CSRF).expect(404);
    const foreign = await neighbour.post(`/api/demarches/${micro}/participations`).set(CSRF).send({ communeInsee: '23001', attributs: { forme: 'fixe' } }).expect(404);
    expect(foreign.body.code).toBe('COMMUNE_NOT_FOUND');
    await neighbour.post(`/api/demarches/${micro}/participations`).set(CSRF).send({ communeInsee: '23002', attributs: { forme: 'fixe' } }).expect(201);

    const prefecture68 = (await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: '68' })).agent;
    await prefecture68.get(`/api/pvd/${ahun.id}/demarches`).expect(404);
    expect((await prefecture68.get(`/api/demarches/${micro}/participations`).expect(200)).body.total).toBe(0);
    await t.dataSource.query(`INSERT INTO demarche_participation (demarche_id, commune_insee, attributs) VALUES ($1, '68004', '{"forme":"fixe"}')`, [micro]);
    expect((await prefecture68.get(`/api/pvd/${altkirch.id}/demarches`).expect(200)).body.items).toHaveLength(1);

    const elu = (await t.signIn('elu_lecteur')).agent;
    const read = await elu.get(`/api/pvd/${ahun.id}/demarches`).expect(200);
    expect(read.body.items.find((p: { id: string }) => p.id === mine.body.id).peutModifier).toBe(false);
    expect(read.body.communes[0].peutSaisir).toBe(false);
    await elu.put(`/api/participations/${mine.body.id}`).set(CSRF).send({ attributs: { forme: 'fixe' }, version: 1 }).expect(403);
    await elu.post(`/api/demarches/${micro}/participations`).set(CSRF).send({ communeInsee: '23001', attributs: { forme: 'fixe' } }).expect(403);

    // The catalogue page's list: the préfecture of the Creuse sees Ahun and Ajain, filtered by département; the ANCT sees all.
    const prefecture23 = (await t.signIn('prefecture_instructeur')).agent;
    const creuse = await prefecture23.get(`/api/demarches/${micro}/participations`).expect(200);
    expect(new Set(creuse.body.items.map((p: { communeInsee: string }) => p.communeInsee))).toEqual(new Set(['23001', '23002']));
    await prefecture23.put(`/api/participations/${mine.body.id}`).set(CSRF).send({ attributs: { forme: 'fixe' }, version: 1 }).expect(403);
    const anct = (await t.signIn('anct_directeur')).agent;
    // Ahun, Ajain and Altkirch (the earlier test deleted its own).
    const all = await anct.get(`/api/demarches/${micro}/participations?pageSize=1`).expect(200);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 1 });
    expect((await anct.get(`/api/demarches/${micro}/participations?departement=68`).expect(200)).body.total).toBe(1);
    expect((await anct.get(`/api/demarches/${micro}/participations?region=75`).expect(200)).body.total).toBe(2);
    await anct.get('/api/demarches/00000000-0000-0000-0000-000000000000/participations').expect(404);
  });

  it('keeps the stored values when the ANCT changes a scheme’s attributes', async () => {
    await pvdOf('23001');
    const anct = (await t.signIn('anct_directeur')).agent;
    const chef = (await t.signIn('chef_de_projet')).agent;
    const created = await anct
      .post('/api/demarches')
      .set(CSRF)
      .send({
        nom: 'Territoires d’industrie',
        code: 'territoires_industrie',
        attributs: [
          { cle: 'vague', libelle: 'Vague', type: 'choix', choix: ['1', '2', '3'] },
          { cle: 'note', libelle: 'Note', type: 'texte' },
        ],
      })
      .expect(201);
    const id = created.body.id;
    await chef.post(`/api/demarches/${id}/participations`).set(CSRF).send({ communeInsee: '23001', attributs: { vague: '2' } }).expect(201);

    const removed = await anct.patch(`/api/demarches/${id}`).set(CSRF).send({ attributs: [{ cle: 'note', libelle: 'Note', type: 'texte' }], version: 1 }).expect(409);
    expect(removed.body).toMatchObject({ code: 'CONFLICT', fields: { attributs: ['« Vague » est renseigné pour 1 participation : il ne peut pas être retiré (ni sa clé changée).'] } });
    const dropped = await anct.patch(`/api/demarches/${id}`).set(CSRF).send({ attributs: [{ cle: 'vague', libelle: 'Vague', type: 'choix', choix: ['1', '3'] }], version: 1 }).expect(409);
    expect(dropped.body.fields).toEqual({ 'attributs.0.choix': ['Choix encore utilisés, à conserver : « 2 ».'] });
    const retyped = await anct.patch(`/api/demarches/${id}`).set(CSRF).send({ attributs: [{ cle: 'vague', libelle: 'Vague', type: 'nombre' }], version: 1 }).expect(409);
    expect(Object.keys(retyped.body.fields)).toEqual(['attributs.0.type']);

    // Relabel, add a choice, drop the unused attribute, add a new one: accepted.
    const ok = await anct
      .patch(`/api/demarches/${id}`)
      .set(CSRF)
      .send({
        nom: 'Territoires d’industrie (2e phase)',
        attributs: [
          { cle: 'vague', libelle: 'Vague de sélection', type: 'choix', choix: ['1', '2', '3', '4'] },
          { cle: 'emplois', libelle: 'Emplois', type: 'nombre' },
        ],
        version: 1,
      })
      .expect(200);
    expect(ok.body).toMatchObject({ version: 2, nom: 'Territoires d’industrie (2e phase)', participations: 1 });
    await anct.patch(`/api/demarches/${id}`).set(CSRF).send({ actif: false, version: 1 }).expect(409);
    await anct.patch(`/api/demarches/${id}`).set(CSRF).send({ actif: false, version: 2 }).expect(200);
    // An inactive scheme takes no new participation.
    const closed = await chef.post(`/api/demarches/${id}/participations`).set(CSRF).send({ communeInsee: '23001', attributs: {} }).expect(400);
    expect(closed.body.message).toBe('Ce dispositif n’est plus proposé pour de nouvelles participations.');
    await chef.patch(`/api/demarches/${id}`).set(CSRF).send({ actif: true, version: 3 }).expect(403);
    await anct.patch('/api/demarches/00000000-0000-0000-0000-000000000000').set(CSRF).send({ actif: true, version: 1 }).expect(404);
    const [audit] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND entity_type = 'demarche'`, [id]);
    expect(audit.n).toBe(3);
  });
});
