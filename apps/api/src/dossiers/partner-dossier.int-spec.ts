import type TestAgent from 'supertest/lib/agent';
import { createConvention, createPvd, CSRF, TEST_PDF, useTestApp } from '../test/test-app';

/**
 * A partner reads the summary of the dossiers of the PVDs where its organisation funds something
 * (a mission, a financing line, an habitat operation), decided from the stored records at each
 * request; never their contacts, documents or history; and nothing of the others.
 */
describe('the dossiers a partner funds something in', () => {
  const t = useTestApp();
  let partner: TestAgent;
  let other: TestAgent;
  let chef: TestAgent;
  const pvd = { mission: '', ligne: '', epci: '', operation: '', autre: '', rien: '' };
  let mission = '';
  let documentId = '';
  let autreDocumentId = '';

  const idOf = async (sql: string, params: unknown[] = []) => (await t.dataSource.query(sql, params))[0].id as string;

  beforeAll(async () => {
    const signedIn = await t.signIn('partenaire');
    partner = signedIn.agent;
    const otherSignedIn = await t.signIn('partenaire', { type: 'partenaire', nom: 'Autre partenaire' });
    other = otherSignedIn.agent;
    chef = (await t.signIn('chef_de_projet')).agent; // Ahun
    await t.dataSource.query(`UPDATE financeur SET organisation_id = $1 WHERE code = 'banque_des_territoires'`, [signedIn.user.organisationId]);
    await t.dataSource.query(`UPDATE financeur SET organisation_id = $1 WHERE code = 'cerema'`, [otherSignedIn.user.organisationId]);
    const bdt = await idOf(`SELECT id FROM financeur WHERE code = 'banque_des_territoires'`);
    const cerema = await idOf(`SELECT id FROM financeur WHERE code = 'cerema'`);
    const bdtDispositif = await idOf(`SELECT id FROM dispositif WHERE code = 'bdt_pret_renouvellement'`);

    // Two communes of one EPCI of the Creuse, other than Ahun: one in a PVD, the other the EPCI's line is about.
    const [epciCommune] = await t.dataSource.query(
      `SELECT insee, epci_siren FROM commune WHERE departement_code = '23' AND epci_siren IS NOT NULL AND insee NOT IN ('23001', '23002')
        AND epci_siren NOT IN (SELECT epci_siren FROM commune WHERE insee IN ('23001', '23002') AND epci_siren IS NOT NULL) ORDER BY insee LIMIT 1`,
    );
    pvd.mission = (await createPvd(t.dataSource, ['23001'], { dateConventionAdhesion: '2021-03-01' })).id;
    pvd.ligne = (await createPvd(t.dataSource, ['23002'])).id;
    pvd.epci = (await createPvd(t.dataSource, [epciCommune.insee])).id;
    pvd.operation = (await createPvd(t.dataSource, ['68004'])).id;
    pvd.autre = (await createPvd(t.dataSource, ['68006'])).id;
    const [correze] = await t.dataSource.query(`SELECT insee FROM commune WHERE departement_code = '19' ORDER BY insee LIMIT 1`);
    pvd.rien = (await createPvd(t.dataSource, [correze.insee])).id;

    mission = await idOf(`INSERT INTO mission (pvd_id, financeur_id, nature, intitule, statut) VALUES ($1, $2, 'etude', 'Étude de centre-bourg', 'demandee') RETURNING id`, [pvd.mission, bdt]);
    await t.dataSource.query(
      `INSERT INTO ligne_financement (dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_demande)
       VALUES ($1, 'commune', '23002', 'Halles', 100000, 'demande', '2025-01-15'), ($1, 'epci', $2, 'Voirie intercommunale', 200000, 'engage', '2025-01-15')`,
      [bdtDispositif, epciCommune.epci_siren],
    );
    const operation = await idOf(
      `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase, financeur_id) VALUES ('opah', 'OPAH d’Altkirch', 'commune', '68004', 'etude_pre_operationnelle', $1) RETURNING id`,
      [bdt],
    );
    await t.dataSource.query(`INSERT INTO operation_habitat_commune (operation_id, commune_insee) VALUES ($1, '68004')`, [operation]);
    await t.dataSource.query(`INSERT INTO mission (pvd_id, financeur_id, nature, intitule, statut) VALUES ($1, $2, 'etude', 'Diagnostic', 'demandee')`, [pvd.autre, cerema]);

    // What the summary must not show: a contact, a post's holder, a convention's piece.
    await chef.put(`/api/pvd/${pvd.mission}/contacts/elu_referent`).set(CSRF).send({ version: 0, nom: 'Jean Moreau', email: 'jean.moreau@exemple.test' }).expect(200);
    const held = await idOf(`INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code) VALUES ($1, 'Cheffe de projet', 'commune', '23001') RETURNING id`, [pvd.mission]);
    await t.dataSource.query(`INSERT INTO poste_titulaire (poste_id, nom, date_debut) VALUES ($1, 'Claire Titulaire', '2022-01-01')`, [held]);
    await t.dataSource.query(
      `INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code, created_at) VALUES ($1, 'Manager de commerce', 'commune', '23001', now() - interval '1 year')`,
      [pvd.mission],
    );
    const draft = await createConvention(t.dataSource, pvd.mission, { type: 'cadre', etat: 'brouillon' });
    documentId = (await chef.post(`/api/conventions/${draft.id}/documents`).set(CSRF).attach('fichier', TEST_PDF, 'diagnostic.pdf').expect(201)).body.id;
    const autreDraft = await createConvention(t.dataSource, pvd.autre, { type: 'cadre', etat: 'brouillon' });
    autreDocumentId = await idOf(`INSERT INTO document (pvd_id, convention_id, nature, titre) VALUES ($1, $2, 'piece', 'Pièce') RETURNING id`, [pvd.autre, autreDraft.id]);
  });

  it('reads the summary of a dossier where its organisation funds a mission: no contacts, no holder, the summary’s alerts', async () => {
    const res = await partner.get(`/api/pvd/${pvd.mission}/dossier`).expect(200);
    expect(res.body).toMatchObject({ id: pvd.mission, communes: [expect.objectContaining({ insee: '23001' })], dateConventionAdhesion: '2021-03-01', contacts: [] });
    expect(res.body.droits).toEqual({
      lecture: 'resume',
      sections: ['territoire', 'chiffres', 'alertes', 'conventions', 'etat_postes', 'missions', 'ort', 'financements'],
      modifier: false,
      instruire: false,
      contacts: [],
    });
    expect(res.body.conventions.cadre).toMatchObject({ etat: 'brouillon' });
    expect(res.body.postes).toEqual([
      expect.objectContaining({ intitule: 'Cheffe de projet', pourvu: true }),
      expect.objectContaining({ intitule: 'Manager de commerce', pourvu: false }),
    ]);
    const codes = res.body.alertes.map((a: { code: string }) => a.code);
    expect(codes).toEqual(expect.arrayContaining(['CADRE_EN_RETARD', 'POSTE_VACANT']));
    const json = JSON.stringify(res.body);
    for (const hidden of ['Jean Moreau', 'jean.moreau', 'Claire Titulaire']) expect(json).not.toContain(hidden);

    // The dossier's readers read it all, as before.
    const full = await chef.get(`/api/pvd/${pvd.mission}/dossier`).expect(200);
    expect(full.body.droits).toMatchObject({ lecture: 'complete', modifier: true });
    expect(full.body.droits.sections).toEqual(expect.arrayContaining(['contacts', 'documents', 'historique', 'postes']));
    expect(full.body.contacts.find((c: { fonction: string }) => c.fonction === 'elu_referent')).toMatchObject({ nom: 'Jean Moreau' });
  });

  it('reads the summary where it funds a financing line (of a commune, or of the EPCI) or an habitat operation', async () => {
    for (const id of [pvd.ligne, pvd.epci, pvd.operation]) {
      const res = await partner.get(`/api/pvd/${id}/dossier`);
      expect({ id, status: res.status, lecture: res.body.droits?.lecture }).toEqual({ id, status: 200, lecture: 'resume' });
    }
    await partner.get(`/api/pvd/${pvd.operation}/ort`).expect(200);
    // Its lines link to the dossiers of their beneficiary's PVDs (the commune's; the EPCI's).
    const lignes = await partner.get('/api/financements/lignes').expect(200);
    const pvdsOf = (projet: string) => lignes.body.items.find((l: { projet: string }) => l.projet === projet).pvds.map((p: { id: string }) => p.id);
    expect(pvdsOf('Halles')).toEqual([pvd.ligne]);
    expect(pvdsOf('Voirie intercommunale')).toEqual([pvd.epci]);
    const one = lignes.body.items.find((l: { projet: string }) => l.projet === 'Halles');
    expect((await partner.get(`/api/financements/lignes/${one.id}`).expect(200)).body.pvds).toEqual([{ id: pvd.ligne, nom: expect.any(String) }]);
    // Another partner lists none of them.
    expect((await other.get('/api/financements/lignes').expect(200)).body.items).toEqual([]);
    expect((await partner.get(`/api/pvd/${pvd.ligne}`).expect(200)).body).toMatchObject({ id: pvd.ligne });
  });

  it('lists as its towns the PVDs where it funds something, and only them', async () => {
    const list = await partner.get('/api/pvd?pageSize=200').expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id).sort()).toEqual([pvd.mission, pvd.ligne, pvd.epci, pvd.operation].sort());
    expect(list.body.total).toBe(4);
    const searched = await partner.get('/api/pvd?departement=68').expect(200);
    expect(searched.body.items.map((p: { id: string }) => p.id)).toEqual([pvd.operation]);
    const exported = await partner.get('/api/pvd/export?format=csv').expect(200);
    expect(exported.text.split('\n').filter((l) => l.trim()).length).toBe(5); // header + 4
    expect((await other.get('/api/pvd').expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([pvd.autre]);
  });

  it('gets 403 on the dossiers where it funds nothing, and another partner on its dossiers', async () => {
    for (const id of [pvd.autre, pvd.rien]) {
      const res = await partner.get(`/api/pvd/${id}/dossier`).expect(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('ne finance') });
      await partner.get(`/api/pvd/${id}`).expect(403);
      await partner.get(`/api/pvd/${id}/ort`).expect(403);
    }
    expect((await other.get(`/api/pvd/${pvd.autre}/dossier`).expect(200)).body.droits.lecture).toBe('resume');
    for (const id of [pvd.mission, pvd.ligne, pvd.epci, pvd.operation]) await other.get(`/api/pvd/${id}/dossier`).expect(403);
  });

  it('never reads the contacts, documents, history or posts of a dossier it funds, nor writes it', async () => {
    const id = pvd.mission;
    for (const path of [`/api/pvd/${id}/historique`, `/api/pvd/${id}/historique/export?format=csv`, `/api/pvd/${id}/adhesions`, `/api/pvd/${id}/postes`, `/api/pvd/${id}/demarches`]) {
      const res = await partner.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const cadre = (await chef.get(`/api/pvd/${id}/dossier`).expect(200)).body.conventions.cadre.id;
    await partner.get(`/api/conventions/${cadre}`).expect(403);
    const piece = await partner.get(`/api/documents/${documentId}/versions/1/contenu`).expect(403);
    expect(piece.body.message).toContain('résumé');
    // A document of a dossier it does not read at all does not exist for it.
    await partner.get(`/api/documents/${autreDocumentId}/versions/1/contenu`).expect(404);
    await chef.get(`/api/documents/${documentId}/versions/1/contenu`).expect(200);
    await partner.put(`/api/pvd/${id}/contacts/elu_referent`).set(CSRF).send({ version: 1, nom: 'Autre Nom' }).expect(403);
    await partner.post(`/api/pvd/${id}/conventions`).set(CSRF).send({ type: 'avenant' }).expect(403);
  });

  it('decides at each request: the funding gone, the dossier closes at once', async () => {
    const [{ financeur_id: financeur }] = await t.dataSource.query('SELECT financeur_id FROM mission WHERE id = $1', [mission]);
    await partner.get(`/api/pvd/${pvd.mission}/dossier`).expect(200);
    await t.dataSource.query(`UPDATE mission SET financeur_id = (SELECT id FROM financeur WHERE code = 'cerema') WHERE id = $1`, [mission]);
    await partner.get(`/api/pvd/${pvd.mission}/dossier`).expect(403);
    expect((await partner.get('/api/pvd').expect(200)).body.items.map((p: { id: string }) => p.id)).not.toContain(pvd.mission);
    expect((await other.get(`/api/pvd/${pvd.mission}/dossier`).expect(200)).body.droits.lecture).toBe('resume');
    await t.dataSource.query('UPDATE mission SET financeur_id = $2 WHERE id = $1', [mission, financeur]);
    await partner.get(`/api/pvd/${pvd.mission}/dossier`).expect(200);
  });
});
