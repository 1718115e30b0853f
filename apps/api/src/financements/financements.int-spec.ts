import ExcelJS from 'exceljs';
import { createPvd, CSRF, useTestApp } from '../test/test-app';

const LIGNE = {
  beneficiaireType: 'commune',
  beneficiaireCode: '23001',
  projet: 'Rénovation des halles; phase 1',
  montant: 1_250_050,
  statut: 'engage',
  dateDemande: '2024-02-01',
  dateEngagement: '2024-06-15',
  anneeCampagne: 2024,
  source: 'Préfecture',
  dateSource: '2024-12-01',
};

describe('financements', () => {
  const t = useTestApp();

  // A commune belongs to one PVD: the PVDs are created once for the file.
  const pvds = new Map<string, Promise<{ id: string }>>();
  const pvdOf = (insee: string) => pvds.get(insee) ?? (pvds.set(insee, createPvd(t.dataSource, [insee])).get(insee) as Promise<{ id: string }>);

  async function dispositif(code: string): Promise<string> {
    const [row] = await t.dataSource.query('SELECT id FROM dispositif WHERE code = $1', [code]);
    return row.id;
  }

  /** A partner user whose organisation is linked to the Banque des Territoires. */
  async function bdtPartner() {
    const partner = await t.signIn('partenaire', { type: 'partenaire', nom: 'Banque des Territoires (test)' });
    await t.dataSource.query(`UPDATE financeur SET organisation_id = $1 WHERE code = 'banque_des_territoires'`, [partner.user.organisationId]);
    return partner.agent;
  }

  it('lets a partner write its own dispositifs anywhere, a chef de projet any dispositif for their commune, and scopes the list', async () => {
    const ahun = await pvdOf('23001');
    await pvdOf('68004');
    const [{ epci_siren: epciAhun }] = await t.dataSource.query(`SELECT epci_siren FROM commune WHERE insee = '23001'`);
    const partner = await bdtPartner();
    const bdt = await dispositif('bdt_pret_renouvellement');
    const dsil = await dispositif('dsil');
    const fondsVert = await dispositif('fonds_vert');

    const catalogue = await partner.get('/api/financements/dispositifs').expect(200);
    expect(catalogue.body.dispositifs.filter((d: { saisissable: boolean }) => d.saisissable).map((d: { code: string }) => d.code).sort()).toEqual(['bdt_ingenierie', 'bdt_pret_renouvellement']);
    expect(catalogue.body.peutGerer).toBe(false);

    const a = await partner.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: bdt, referenceExterne: 'BDT-1' }).expect(201);
    expect(a.body).toMatchObject({ beneficiaireNom: 'Ahun', departementCode: '23', dispositifNom: expect.stringContaining('Banque des Territoires'), montant: 1_250_050, peutModifier: true, version: 1 });
    await partner.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, beneficiaireCode: '68004', dispositifId: bdt, statut: 'verse', dateContractualisation: '2024-07-01', dateVersement: '2024-09-01' }).expect(201);
    const notYours = await partner.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: dsil }).expect(403);
    expect(notYours.body).toMatchObject({ code: 'DISPOSITIF_NOT_YOURS', fields: { dispositifId: ['Ce dispositif n’est pas celui de votre organisation.'] } });
    const duplicate = await partner.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: bdt, referenceExterne: 'BDT-1' }).expect(409);
    expect(duplicate.body.fields).toEqual({ referenceExterne: ['Référence déjà utilisée pour ce dispositif.'] });

    // The chef de projet of Ahun enters a DSIL line for Ahun, not for Altkirch nor for the EPCI (its scope is the commune).
    const chef = (await t.signIn('chef_de_projet')).agent;
    const c = await chef.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, projet: 'Halle gourmande', dispositifId: dsil, statut: 'demande', dateEngagement: null, anneeCampagne: 2025 }).expect(201);
    const outside = await chef.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, beneficiaireCode: '68004', dispositifId: dsil }).expect(403);
    expect(outside.body.code).toBe('COMMUNE_HORS_TERRITOIRE');
    await chef.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, beneficiaireType: 'epci', beneficiaireCode: epciAhun, dispositifId: dsil }).expect(403);
    // An EPCI line (entered here by SQL, as an import would) shows in Ahun's dossier.
    const [epciLine] = await t.dataSource.query(
      `INSERT INTO ligne_financement (dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_demande, date_engagement, logements, dossiers)
       VALUES ($1, 'epci', $2, 'Plan climat', 300000, 'engage', '2024-01-01', '2024-03-01', NULL, 4) RETURNING id`,
      [fondsVert, epciAhun],
    );

    // The partner sees its two lines only, and not the chef de projet's.
    await partner.get(`/api/financements/lignes/${c.body.id}`).expect(404);
    await partner.put(`/api/financements/lignes/${c.body.id}`).set(CSRF).send({ ...LIGNE, dispositifId: dsil, version: 1 }).expect(404);
    const mine = await partner.get('/api/financements/lignes').expect(200);
    expect(mine.body.total).toBe(2);
    expect(mine.body.totaux).toMatchObject({ nombre: 2, montant: 2_500_100, montantEngage: 2_500_100, montantVerse: 1_250_050, engageParPilier: { ingenierie: 0, thematique: 2_500_100 } });
    const moved = await partner.put(`/api/financements/lignes/${a.body.id}`).set(CSRF).send({ ...LIGNE, dispositifId: dsil, version: 1 }).expect(403);
    expect(moved.body.code).toBe('DISPOSITIF_NOT_YOURS');

    // Ahun's dossier: its commune's lines and its EPCI's, with totals engaged by pillar.
    const dossier = await chef.get(`/api/financements/lignes?pvdId=${ahun.id}`).expect(200);
    expect(dossier.body.items.map((l: { id: string }) => l.id).sort()).toEqual([a.body.id, c.body.id, epciLine.id].sort());
    expect(dossier.body.totaux).toMatchObject({ nombre: 3, montantEngage: 1_550_050, dossiers: 4, engageParPilier: { thematique: 1_550_050, ingenierie: 0 } });
    expect(dossier.body.peutCreer).toBe(true);
    expect(dossier.body.items.find((l: { id: string }) => l.id === epciLine.id).peutModifier).toBe(false);
    expect(dossier.body.items.find((l: { id: string }) => l.id === a.body.id).peutModifier).toBe(true);

    // The préfecture of the Creuse reads the Creuse (read-only), not the Haut-Rhin; the other préfecture the reverse.
    const prefecture23 = (await t.signIn('prefecture_instructeur')).agent;
    const creuse = await prefecture23.get('/api/financements/lignes').expect(200);
    expect(creuse.body.total).toBe(3);
    expect(creuse.body.peutCreer).toBe(false);
    expect((await prefecture23.get(`/api/financements/lignes/${a.body.id}`).expect(200)).body.peutModifier).toBe(false);
    await prefecture23.put(`/api/financements/lignes/${a.body.id}`).set(CSRF).send({ ...LIGNE, dispositifId: bdt, version: 1 }).expect(403);
    await prefecture23.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: dsil }).expect(403);
    const prefecture68 = (await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: '68' })).agent;
    expect((await prefecture68.get('/api/financements/lignes').expect(200)).body.total).toBe(1);
    await prefecture68.get(`/api/financements/lignes/${a.body.id}`).expect(404);

    // Filters (the ANCT sees everything).
    const anct = (await t.signIn('anct_directeur')).agent;
    const count = async (query: string) => (await anct.get(`/api/financements/lignes?${query}`).expect(200)).body.total as number;
    expect(await count('')).toBe(4);
    expect(await count('departement=68')).toBe(1);
    expect(await count('region=75')).toBe(3);
    expect(await count('statut=demande')).toBe(1);
    expect(await count(`dispositifId=${dsil}`)).toBe(1);
    expect(await count('pilier=ingenierie')).toBe(0);
    expect(await count('annee=2025')).toBe(1);
    expect(await count('q=gourmande')).toBe(1);
    expect(await count('q=altkirch')).toBe(1);
    expect((await anct.get('/api/financements/lignes?statut=inconnu&departement=999x').expect(400)).body.fields).toHaveProperty('statut');

    // The beneficiary picker: the chef de projet's commune, anything for the partner.
    const choix = await chef.get(`/api/financements/beneficiaires?q=ahun&pvdId=${ahun.id}`).expect(200);
    expect(choix.body[0]).toEqual({ type: 'commune', code: '23001', nom: 'Ahun', departementCode: '23' });
    expect((await chef.get('/api/financements/beneficiaires?q=altkirch').expect(200)).body).toEqual([]);
    expect((await partner.get('/api/financements/beneficiaires?q=altkirch').expect(200)).body[0]).toMatchObject({ code: '68004' });
  });

  it('checks fields and versions, audits every change in the dossiers concerned, and deletes', async () => {
    const ahun = await pvdOf('23001');
    const chef = (await t.signIn('chef_de_projet')).agent;
    const dsil = await dispositif('dsil');
    const anah = await dispositif('anah_operations');

    const bad = await chef.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: dsil, dateEngagement: null, dateDemande: '2024-07-01', logements: 3, anneeCampagne: 2019 }).expect(400);
    expect(bad.body.fields).toEqual({
      dateEngagement: ['Indiquez la date à laquelle le financement a été engagé.'],
      logements: ['Ce dispositif ne compte pas de logements.'],
      anneeCampagne: ['Le dispositif DSIL couvre les années 2020–….'],
    });
    const order = await chef.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: dsil, dateDemande: '2024-07-01' }).expect(400);
    expect(order.body.fields).toEqual({ dateEngagement: ['Cette date précède celle de l’étape précédente.'] });
    const shape = await chef.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: dsil, montant: 0, statut: 'perdu', beneficiaireCode: 'x', extra: 1 }).expect(400);
    expect(Object.keys(shape.body.fields).sort()).toEqual(['beneficiaireCode', 'extra', 'montant', 'statut']);
    const unknown = await chef.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, beneficiaireCode: '99999', dispositifId: dsil }).expect(400);
    expect(unknown.body.fields).toEqual({ beneficiaireCode: ['Aucune commune ne porte ce code INSEE.'] });

    const { body: ligne } = await chef.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: anah, logements: 12, dossiers: 3 }).expect(201);
    const update = (version: number, montant: number) => chef.put(`/api/financements/lignes/${ligne.id}`).set(CSRF).send({ ...LIGNE, dispositifId: anah, logements: 12, dossiers: 3, montant, version });
    const [x, y] = await Promise.all([update(1, 1_300_000), update(1, 1_400_000)]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    expect([x, y].find((r) => r.status === 409)?.body.code).toBe('VERSION_CONFLICT');

    const history = await chef.get(`/api/pvd/${ahun.id}/historique`).expect(200);
    expect(history.body.items[0]).toMatchObject({ action: 'ligne_financement.modifiee', entityType: 'ligne_financement', entityId: ligne.id, changes: [{ champ: 'montant', libelle: 'Montant', avant: '12\u202f500,50\u00a0€' }] });
    expect(history.body.items[1]).toMatchObject({ action: 'ligne_financement.creee', entityId: ligne.id });

    await chef.delete(`/api/financements/lignes/${ligne.id}?version=1`).set(CSRF).expect(409);
    await chef.delete(`/api/financements/lignes/${ligne.id}?version=2`).set(CSRF).expect(204);
    await chef.get(`/api/financements/lignes/${ligne.id}`).expect(404);
    const [deleted] = await t.dataSource.query(`SELECT before, after, pvd_id FROM audit_log WHERE action = 'ligne_financement.supprimee' AND entity_id = $1`, [ligne.id]);
    expect(deleted).toMatchObject({ after: null, pvd_id: ahun.id, before: { projet: LIGNE.projet, dispositif: 'Anah – aides aux travaux en opérations programmées', beneficiaire: 'Ahun' } });
  });

  it('exports the filtered list as CSV (French decimals) and as XLSX', async () => {
    await pvdOf('23001');
    const partner = await bdtPartner();
    const bdt = await dispositif('bdt_pret_renouvellement');
    await partner.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: bdt, projet: '=cmd|calc', referenceExterne: 'BDT-CSV' }).expect(201);
    await partner.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: bdt, statut: 'demande', dateEngagement: null, montant: 100, referenceExterne: 'BDT-CSV-2' }).expect(201);

    const csv = await partner.get('/api/financements/lignes/export?format=csv&statut=engage&q=BDT-CSV').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="financements-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.text.startsWith('\uFEFFDispositif;Financeur;Pilier;Nature;Type de bénéficiaire;Code du bénéficiaire;Bénéficiaire;Département;Région;Projet;Montant (€);Statut;')).toBe(true);
    const lines = csv.text.split('\r\n');
    expect(lines).toHaveLength(3); // header, one line, the final CRLF
    expect(lines[1]).toBe(
      'Banque des Territoires – prêts au renouvellement urbain;Banque des Territoires;Appui thématique;Prêt;Commune;23001;Ahun;23 – Creuse;Nouvelle-Aquitaine;\'=cmd|calc;12500,50;Engagé;2024-02-01;2024-06-15;;;2024;BDT-CSV;Préfecture;2024-12-01;;',
    );

    const xlsx = await partner.get('/api/financements/lignes/export?format=xlsx&q=BDT-CSV').buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.getWorksheet('Financements');
    expect(sheet?.rowCount).toBe(3);
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Dispositif', 'Financeur', 'Pilier']);
    const rows = [2, 3].map((n) => (sheet?.getRow(n).values as unknown[]).slice(1));
    const engaged = rows.find((r) => r[11] === 'Engagé');
    expect(engaged?.[9]).toBe("'=cmd|calc");
    expect(engaged?.[10]).toBe(12500.5);
    expect(engaged?.[13]).toEqual(new Date('2024-06-15T00:00:00Z'));
    expect(rows.find((r) => r[11] === 'Demandé')?.[10]).toBe(1);

    // Outside the partner's dispositifs, nothing is exported.
    const other = (await t.signIn('partenaire', { type: 'partenaire', nom: 'Autre partenaire' })).agent;
    const empty = await other.get('/api/financements/lignes/export?format=csv').expect(200);
    expect(empty.text.split('\r\n')).toHaveLength(2);
    await other.get('/api/financements/lignes/export?format=pdf').expect(400);
  });

  it('lets the ANCT manage the catalogue; a closed dispositif takes no new line', async () => {
    await pvdOf('23001');
    const anct = (await t.signIn('anct_directeur')).agent;
    const [{ id: anah }] = await t.dataSource.query(`SELECT id FROM financeur WHERE code = 'anah'`);
    const input = { nom: 'Anah – Loc’Avantages', financeurId: anah, pilier: 'thematique', nature: 'subvention', anneeDebut: 2022, anneeFin: null, compteLogements: true, compteDossiers: false, actif: true };
    const created = await anct.post('/api/financements/dispositifs').set(CSRF).send(input).expect(201);
    expect(created.body.peutGerer).toBe(true);
    const row = created.body.dispositifs.find((d: { nom: string }) => d.nom === input.nom);
    expect(row).toMatchObject({ code: 'anah_loc_avantages', financeurNom: expect.any(String), nombreLignes: 0, version: 1 });
    expect((await anct.post('/api/financements/dispositifs').set(CSRF).send({ ...input, nom: 'anah – loc’avantages' }).expect(409)).body.fields).toEqual({ nom: ['Un dispositif porte déjà ce nom.'] });
    expect((await anct.post('/api/financements/dispositifs').set(CSRF).send({ ...input, nom: 'X2', anneeFin: 2020 }).expect(400)).body.fields).toEqual({ anneeFin: ['La dernière année précède la première.'] });

    await anct.put(`/api/financements/dispositifs/${row.id}`).set(CSRF).send({ ...input, actif: false, version: 1 }).expect(200);
    await anct.put(`/api/financements/dispositifs/${row.id}`).set(CSRF).send({ ...input, version: 1 }).expect(409);
    const chef = (await t.signIn('chef_de_projet')).agent;
    const closed = await chef.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: row.id }).expect(400);
    expect(closed.body.fields).toEqual({ dispositifId: ['Ce dispositif n’est plus ouvert : choisissez-en un autre.'] });
    await chef.post('/api/financements/dispositifs').set(CSRF).send(input).expect(403);
    const [audit] = await t.dataSource.query(`SELECT before, after FROM audit_log WHERE action = 'dispositif.modifie' AND entity_id = $1`, [row.id]);
    expect(audit).toMatchObject({ before: { actif: true }, after: { actif: false } });
  });
  it('flags a line outside the programme « hors PVD » and leaves it out of the totals; an EPCI line counts once, in its seat’s area', async () => {
    await pvdOf('23001');
    const partner = await bdtPartner();
    const bdt = await dispositif('bdt_pret_renouvellement');
    const tag = `Comptage ${Date.now().toString(36)}`;
    const send = (fields: Record<string, unknown>) => partner.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: bdt, projet: tag, ...fields });
    // Paris is no PVD: the line is accepted, and flagged.
    const paris = await send({ beneficiaireCode: '75056', montant: 1_000_000 }).expect(201);
    expect(paris.body).toMatchObject({ beneficiaireNom: 'Paris', horsPvd: true });
    const ahun = await send({ montant: 2_000_000, statut: 'verse', dateContractualisation: '2024-07-01', dateVersement: '2024-09-01' }).expect(201);
    expect(ahun.body.horsPvd).toBe(false);

    // An EPCI over two départements, with one PVD commune away from its seat: its line is the programme's, attributed to the seat's area only.
    const [epci] = await t.dataSource.query(
      `SELECT c.epci_siren AS siren FROM commune c WHERE c.epci_siren IS NOT NULL GROUP BY c.epci_siren HAVING count(DISTINCT c.departement_code) > 1 ORDER BY c.epci_siren LIMIT 1`,
    );
    const [seat] = await t.dataSource.query(`SELECT insee, departement_code, region_code FROM commune WHERE epci_siren = $1 ORDER BY population DESC NULLS LAST, insee LIMIT 1`, [epci.siren]);
    const [member] = await t.dataSource.query(
      `SELECT c.insee, c.departement_code FROM commune c WHERE c.epci_siren = $1 AND c.departement_code <> $2
          AND NOT EXISTS (SELECT 1 FROM pvd_commune pc WHERE pc.commune_insee = c.insee) ORDER BY c.insee LIMIT 1`,
      [epci.siren, seat.departement_code],
    );
    const epciLine = await send({ beneficiaireType: 'epci', beneficiaireCode: epci.siren, montant: 500_000 }).expect(201);
    expect(epciLine.body).toMatchObject({ horsPvd: true, departementCode: seat.departement_code });
    await createPvd(t.dataSource, [member.insee]);
    expect((await partner.get(`/api/financements/lignes/${epciLine.body.id}`).expect(200)).body.horsPvd).toBe(false);

    const anct = (await t.signIn('anct_directeur')).agent;
    const list = async (query = '') => (await anct.get(`/api/financements/lignes?q=${encodeURIComponent(tag)}${query}`).expect(200)).body;
    const all = await list();
    expect(all.total).toBe(3);
    expect(all.totaux).toEqual({
      nombre: 3,
      nombreHorsPvd: 1,
      montant: 2_500_000,
      montantEngage: 2_500_000,
      montantVerse: 2_000_000,
      engageParPilier: { ingenierie: 0, thematique: 2_500_000 },
      logements: 0,
      dossiers: 0,
    });
    expect(all.items.find((l: { id: string }) => l.id === paris.body.id).horsPvd).toBe(true);
    expect((await list('&horsPvd=true')).items.map((l: { id: string }) => l.id)).toEqual([paris.body.id]);
    expect((await list('&horsPvd=false')).items.map((l: { id: string }) => l.id).sort()).toEqual([ahun.body.id, epciLine.body.id].sort());
    expect((await anct.get('/api/financements/lignes?horsPvd=peut-etre').expect(400)).body.fields).toHaveProperty('horsPvd');

    // The EPCI's line is in its seat's département and région, not in the member's: the areas add up to the nation.
    expect((await list(`&departement=${seat.departement_code}`)).items.map((l: { id: string }) => l.id)).toContain(epciLine.body.id);
    expect((await list(`&departement=${member.departement_code}`)).items.map((l: { id: string }) => l.id)).not.toContain(epciLine.body.id);
    expect((await list(`&region=${seat.region_code}`)).items.map((l: { id: string }) => l.id)).toContain(epciLine.body.id);
    const departements: string[] = (await t.dataSource.query(`SELECT DISTINCT departement_code AS code FROM commune WHERE epci_siren = $1 OR insee = ANY($2::varchar[])`, [epci.siren, ['23001', '75056']])).map(
      (d: { code: string }) => d.code,
    );
    let sum = 0;
    for (const code of departements) sum += (await list(`&departement=${code}`)).totaux.montantEngage;
    expect(sum).toBe(all.totaux.montantEngage);
  });

  it("links each line to its beneficiary's dossiers: the commune's PVD; the EPCI's communes' PVDs and those attached to the EPCI", async () => {
    // An EPCI with two communes in no PVD, and a commune elsewhere for a PVD attached to that EPCI.
    const [epci] = await t.dataSource.query(
      `SELECT c.epci_siren AS siren, (array_agg(c.insee ORDER BY c.insee))[1:2] AS communes FROM commune c
        WHERE c.epci_siren IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pvd_commune pc WHERE pc.commune_insee = c.insee)
        GROUP BY 1 HAVING count(*) >= 2 ORDER BY 1 LIMIT 1`,
    );
    const [other] = await t.dataSource.query(
      `SELECT c.insee FROM commune c WHERE c.epci_siren IS DISTINCT FROM $1 AND NOT EXISTS (SELECT 1 FROM pvd_commune pc WHERE pc.commune_insee = c.insee)
          AND c.departement_code <> (SELECT departement_code FROM commune WHERE insee = $2) ORDER BY c.insee LIMIT 1`,
      [epci.siren, epci.communes[0]],
    );
    const first = await createPvd(t.dataSource, [epci.communes[0]]);
    const second = await createPvd(t.dataSource, [epci.communes[1]]);
    const attached = await createPvd(t.dataSource, [other.insee], { epciSiren: epci.siren });
    const fondsVert = await dispositif('fonds_vert');
    await t.dataSource.query(
      `INSERT INTO ligne_financement (dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_demande)
       VALUES ($1, 'commune', $2, 'Liens PVD commune', 1000, 'demande', '2024-01-01'), ($1, 'epci', $3, 'Liens PVD EPCI', 2000, 'demande', '2024-01-02')`,
      [fondsVert, epci.communes[0], epci.siren],
    );
    const anct = (await t.signIn('anct_directeur')).agent;
    const list = (await anct.get(`/api/financements/lignes?q=${encodeURIComponent('Liens PVD')}`).expect(200)).body;
    const pvdsOf = (projet: string) => list.items.find((l: { projet: string }) => l.projet === projet).pvds.map((p: { id: string }) => p.id).sort();
    expect(pvdsOf('Liens PVD commune')).toEqual([first.id]);
    expect(pvdsOf('Liens PVD EPCI')).toEqual([first.id, second.id, attached.id].sort());
    const line = list.items.find((l: { projet: string }) => l.projet === 'Liens PVD EPCI');
    const read = (await anct.get(`/api/financements/lignes/${line.id}`).expect(200)).body;
    expect(read.pvds).toEqual(line.pvds);
    // Named by their communes.
    expect(read.pvds.every((p: { nom: unknown }) => typeof p.nom === 'string' && p.nom.length > 0)).toBe(true);

    // A préfecture sees the links to the dossiers it opens only: those of its département.
    const places: { pvd: string; departement: string }[] = await t.dataSource.query(
      `SELECT pc.pvd_id AS pvd, c.departement_code AS departement FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = ANY($1::uuid[])`,
      [[first.id, second.id, attached.id]],
    );
    const departement = places.find((p) => p.pvd === first.id)?.departement as string;
    const prefecture = (await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: departement })).agent;
    const scoped = (await prefecture.get(`/api/financements/lignes?q=${encodeURIComponent('Liens PVD EPCI')}`).expect(200)).body;
    const expected = places.filter((p) => p.departement === departement).map((p) => p.pvd).sort();
    expect(expected).not.toContain(attached.id);
    expect(scoped.items[0].pvds.map((p: { id: string }) => p.id).sort()).toEqual(expected);
    expect((await prefecture.get(`/api/financements/lignes/${line.id}`).expect(200)).body.pvds).toEqual(scoped.items[0].pvds);
  });
});
