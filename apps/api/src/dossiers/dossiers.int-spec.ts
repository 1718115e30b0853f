import { createConvention, createPvd, CSRF, useTestApp } from '../test/test-app';

const DAY = 24 * 3600 * 1000;

describe('dossier and préfecture work list', () => {
  const t = useTestApp();

  it('keeps contacts with versions, audits them, and shows them in the dossier history', async () => {
    const pvd = (await createPvd(t.dataSource, ['23001'], { dateConventionAdhesion: '2026-06-30' })).id;
    const chef = (await t.signIn('chef_de_projet')).agent;
    const first = await chef.put(`/api/pvd/${pvd}/contacts/elu_referent`).set(CSRF).send({ version: 0, nom: 'Jean Moreau', qualite: 'Maire', email: 'Jean.Moreau@Exemple.test' }).expect(200);
    expect(first.body).toMatchObject({ fonction: 'elu_referent', nom: 'Jean Moreau', email: 'jean.moreau@exemple.test', version: 1 });
    const stale = await chef.put(`/api/pvd/${pvd}/contacts/elu_referent`).set(CSRF).send({ version: 0, nom: 'Autre' }).expect(409);
    expect(stale.body.message).toContain('Test chef_de_projet');
    const bad = await chef.put(`/api/pvd/${pvd}/contacts/elu_referent`).set(CSRF).send({ version: 1, nom: 'J', email: 'pas-une-adresse', telephone: 'abc', extra: 1 }).expect(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['email', 'extra', 'nom', 'telephone']);
    await chef.put(`/api/pvd/${pvd}/contacts/elu_referent`).set(CSRF).send({ version: 1, nom: 'Jean Moreau', qualite: 'Maire délégué', email: 'jean.moreau@exemple.test' }).expect(200);
    await chef.put(`/api/pvd/${pvd}/contacts/inconnu`).set(CSRF).send({ version: 0, nom: 'X Y' }).expect(400);
    const elu = (await t.signIn('elu_lecteur')).agent;
    await elu.put(`/api/pvd/${pvd}/contacts/elu_referent`).set(CSRF).send({ version: 2, nom: 'Moi' }).expect(403);

    const dossier = await elu.get(`/api/pvd/${pvd}/dossier`).expect(200);
    expect(dossier.body.contacts.find((c: { fonction: string }) => c.fonction === 'elu_referent')).toMatchObject({ qualite: 'Maire délégué', version: 2 });
    expect(dossier.body.droits).toMatchObject({ lecture: 'complete', modifier: false, instruire: false, contacts: [] });
    expect(dossier.body.echeanceConventionCadre).toMatchObject({ kind: 'a_venir', dateLimite: '2027-12-30' });

    const history = await elu.get(`/api/pvd/${pvd}/historique`).expect(200);
    expect(history.body.items[0]).toMatchObject({
      action: 'contact.modifie',
      objet: 'Contact : Élu référent',
      changes: [{ champ: 'qualite', libelle: 'Qualité', avant: 'Maire', apres: 'Maire délégué' }],
    });
    expect(history.body.total).toBe(2);
  });

  it('lets the préfecture fill in its own référent, not the chef de projet’s or the élu’s, and only in its département', async () => {
    // One PVD per commune: Ahun's may exist already (the test above), with its contacts' versions.
    const pvdOf = async (insee: string) =>
      ((await t.dataSource.query('SELECT pvd_id FROM pvd_commune WHERE commune_insee = $1', [insee]))[0]?.pvd_id as string | undefined) ?? (await createPvd(t.dataSource, [insee])).id;
    const ahun = await pvdOf('23001');
    const altkirch = await pvdOf('68004');
    const version = async (fonction: string) => (await t.dataSource.query('SELECT version FROM pvd_contact WHERE pvd_id = $1 AND fonction = $2', [ahun, fonction]))[0]?.version ?? 0;
    const prefecture = (await t.signIn('prefecture_instructeur')).agent; // Préfecture de la Creuse

    const referent = await version('referent_prefecture');
    const saved = await prefecture.put(`/api/pvd/${ahun}/contacts/referent_prefecture`).set(CSRF).send({ version: referent, nom: 'Dominique Bernard', qualite: 'Sous-préfète' }).expect(200);
    expect(saved.body).toMatchObject({ fonction: 'referent_prefecture', nom: 'Dominique Bernard', version: referent + 1 });
    const refused = await prefecture.put(`/api/pvd/${ahun}/contacts/elu_referent`).set(CSRF).send({ version: await version('elu_referent'), nom: 'Jean Moreau' }).expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Élu référent') });
    await prefecture.put(`/api/pvd/${ahun}/contacts/chef_de_projet`).set(CSRF).send({ version: await version('chef_de_projet'), nom: 'Camille Petit' }).expect(403);
    // A Haut-Rhin dossier does not exist for the Creuse.
    const elsewhere = await prefecture.put(`/api/pvd/${altkirch}/contacts/referent_prefecture`).set(CSRF).send({ version: 0, nom: 'Dominique Bernard' }).expect(404);
    expect(elsewhere.body.code).toBe('PVD_NOT_FOUND');

    // The chef de projet keeps every contact, the préfecture's included.
    const chef = (await t.signIn('chef_de_projet')).agent;
    await chef.put(`/api/pvd/${ahun}/contacts/referent_prefecture`).set(CSRF).send({ version: referent + 1, nom: 'Dominique Bernard', qualite: 'Secrétaire générale' }).expect(200);
    await chef.put(`/api/pvd/${ahun}/contacts/elu_referent`).set(CSRF).send({ version: await version('elu_referent'), nom: 'Jean Moreau (élu)' }).expect(200);
    expect((await chef.get(`/api/pvd/${ahun}/dossier`).expect(200)).body.droits.contacts).toEqual(['chef_de_projet', 'elu_referent', 'referent_prefecture']);
    expect((await prefecture.get(`/api/pvd/${ahun}/dossier`).expect(200)).body.droits.contacts).toEqual(['referent_prefecture']);
  });

  it('lists for the préfecture what awaits it and what is late, in its département only', async () => {
    const prefecture = (await t.signIn('prefecture_instructeur')).agent;
    const deposee = await createPvd(t.dataSource, ['23005'], { dateConventionAdhesion: '2026-01-10' });
    const silent = await createPvd(t.dataSource, ['23006'], { dateConventionAdhesion: '2026-01-10' });
    const late = await createPvd(t.dataSource, ['23007'], { dateConventionAdhesion: '2021-03-01' });
    const elsewhere = await createPvd(t.dataSource, ['68006'], { dateConventionAdhesion: '2021-03-01' });
    const waiting = await createConvention(t.dataSource, deposee.id, { type: 'cadre', etat: 'deposee', etatDepuis: new Date(Date.now() - 3 * DAY) });
    await createConvention(t.dataSource, silent.id, { type: 'cadre', etat: 'a_completer', etatDepuis: new Date(Date.now() - 40 * DAY) });
    await createConvention(t.dataSource, elsewhere.id, { type: 'cadre', etat: 'deposee' });

    const all = await prefecture.get('/api/conventions/a-traiter?tri=retard').expect(200);
    const byPvd = (id: string) => all.body.items.filter((i: { pvdId: string }) => i.pvdId === id).map((i: { motifs: string[] }) => i.motifs);
    expect(byPvd(deposee.id)).toEqual([['a_instruire']]);
    expect(byPvd(silent.id)).toEqual([['a_completer_sans_reponse']]);
    expect(byPvd(late.id)).toEqual([['cadre_en_retard']]);
    expect(byPvd(elsewhere.id)).toEqual([]);
    expect(all.body.items[0].motifs).toEqual(['cadre_en_retard']); // most late first
    const lateItem = all.body.items.find((i: { pvdId: string }) => i.pvdId === late.id);
    expect(lateItem).toMatchObject({ conventionId: null, dateLimite: '2022-09-01', joursDansEtat: null, actionsPossibles: [] });
    const waitingItem = all.body.items.find((i: { pvdId: string }) => i.pvdId === deposee.id);
    expect(waitingItem).toMatchObject({ conventionId: waiting.id, version: 1, jours: 3, joursDansEtat: 3, joursDeRetard: null, actionsPossibles: ['instruire'] });
    expect(all.body.parMotif).toEqual({ a_instruire: 1, en_instruction: 0, a_completer_sans_reponse: 1, cadre_en_retard: 1 });
    expect(all.body.totalTousMotifs).toBe(3);

    const filtered = await prefecture.get('/api/conventions/a-traiter?motif=a_instruire').expect(200);
    expect(filtered.body.items.map((i: { pvdId: string }) => i.pvdId)).toEqual([deposee.id]);
    expect(filtered.body.parMotif.cadre_en_retard).toBe(1); // counts ignore the motif filter
    const [commune] = await t.dataSource.query(`SELECT nom FROM commune WHERE insee = '23007'`);
    const searched = await prefecture.get(`/api/conventions/a-traiter?q=${encodeURIComponent(commune.nom.toUpperCase())}`).expect(200);
    expect(searched.body.items.map((i: { pvdId: string }) => i.pvdId)).toEqual([late.id]);
    await prefecture.get('/api/conventions/a-traiter?tri=hasard').expect(400);

    // Acting from the list: the item's version takes it into instruction, and the list moves on.
    await prefecture.post(`/api/conventions/${waiting.id}/instruction`).set(CSRF).send({ version: waitingItem.version }).expect(200);
    const after = await prefecture.get('/api/conventions/a-traiter').expect(200);
    expect(after.body.parMotif).toMatchObject({ a_instruire: 0, en_instruction: 1 });

    // The dossier shows the same lateness.
    const dossier = await prefecture.get(`/api/pvd/${silent.id}/dossier`).expect(200);
    expect(dossier.body.alertes.map((a: { code: string }) => a.code)).toEqual(['A_COMPLETER_SANS_REPONSE']);
    expect(dossier.body.droits).toMatchObject({ lecture: 'complete', modifier: false, instruire: true, contacts: ['referent_prefecture'] });
    const lateDossier = await prefecture.get(`/api/pvd/${late.id}/dossier`).expect(200);
    expect(lateDossier.body.alertes[0]).toMatchObject({ code: 'CADRE_EN_RETARD', niveau: 'error', message: expect.stringContaining('01/09/2022') });
  });
});
