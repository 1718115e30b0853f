import { readCsv, readXlsx } from '../../test/export-reader';
import { createConvention, createPvd, CSRF, useTestApp } from '../../test/test-app';

describe('exports of the lists', () => {
  const t = useTestApp();

  it('exports the PVD list with its filters and scope, in CSV and XLSX, formulas neutralised', async () => {
    const ahun = await createPvd(t.dataSource, ['23001'], { idPvd: '=HYPERLINK("x")', dateConventionAdhesion: '2022-03-01' });
    const altkirch = await createPvd(t.dataSource, ['68004']);
    const anct = (await t.signIn('anct_directeur')).agent;
    const prefecture = (await t.signIn('prefecture_instructeur')).agent;

    const all = await readCsv(anct, '/api/pvd/export?format=csv');
    // The list's columns (list-pvd.int-spec.ts checks them all).
    expect(all.header.slice(0, 6)).toEqual(['Identifiant PVD', 'Nom', 'Communes (code INSEE)', 'Départements', 'Département', 'Région']);
    expect(all.header[10]).toBe('Date de la convention d’adhésion');
    const ahunRow = all.rows.find((r) => r[2] === '23001');
    expect(ahunRow?.slice(0, 6)).toEqual([`"'=HYPERLINK(""x"")"`, 'Ahun', '23001', '23', 'Creuse', 'Nouvelle-Aquitaine']);
    expect(ahunRow?.[10]).toBe('2022-03-01');
    expect(all.rows.some((r) => r[2] === '68004')).toBe(true);

    // The préfecture of Creuse: its département only, whatever it asks.
    const creuse = await readCsv(prefecture, '/api/pvd/export?format=csv');
    expect(creuse.rows.map((r) => r[3])).toEqual(creuse.rows.map(() => '23'));
    expect(creuse.rows.some((r) => r[2] === '23001')).toBe(true);
    expect((await readCsv(prefecture, '/api/pvd/export?format=csv&departement=68')).rows).toEqual([]);
    // The list's filters apply: a name.
    const found = await readCsv(anct, '/api/pvd/export?format=csv&q=altkirch');
    expect(found.rows.map((r) => r[2])).toEqual(['68004']);
    const list = await anct.get('/api/pvd?q=altkirch').expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([altkirch.id]);

    const sheet = await readXlsx(anct, '/api/pvd/export?format=xlsx&departement=23');
    expect(sheet.name).toBe('PVD');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Identifiant PVD');
    let row = 0;
    sheet?.eachRow((r, n) => {
      if (r.getCell(3).value === '23001') row = n;
    });
    expect(sheet?.getRow(row).getCell(1).value).toBe(`'=HYPERLINK("x")`);
    expect((sheet?.getRow(row).getCell(11).value as Date).toISOString()).toBe('2022-03-01T00:00:00.000Z');
    expect(ahun.id).toBeDefined();

    const bad = await anct.get('/api/pvd/export?format=pdf').expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['format']);
  });

  it('exports the work list, the dossier history and the communes search', async () => {
    const ahun = await createPvd(t.dataSource, ['23002']);
    const altkirch = await createPvd(t.dataSource, ['68005']);
    await createConvention(t.dataSource, ahun.id, { etat: 'deposee' });
    await createConvention(t.dataSource, altkirch.id, { etat: 'deposee' });
    const prefecture = (await t.signIn('prefecture_instructeur')).agent;
    const work = await readCsv(prefecture, '/api/conventions/a-traiter/export?format=csv');
    expect(work.header).toEqual(['Motifs', 'PVD', 'Département', 'Type', 'Titre', 'État', 'Depuis le', 'Date limite', 'Jours']);
    expect(work.rows.length).toBeGreaterThan(0);
    expect(work.rows.every((r) => r[2] === '23')).toBe(true);
    expect(work.rows.some((r) => r[1] === 'Ajain')).toBe(true);

    const chef = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23002' })).agent;
    await chef.put(`/api/pvd/${ahun.id}/contacts/elu_referent`).set(CSRF).send({ version: 0, nom: '=1+1' }).expect(200);
    const history = await readCsv(chef, `/api/pvd/${ahun.id}/historique/export?format=csv`);
    expect(history.header).toEqual(['Date', 'Auteur', 'Action', 'Objet', 'Modifications']);
    expect(history.rows[0][0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(history.text).toContain('=1+1');
    expect(history.text).not.toMatch(/(^|;)=1\+1/m);
    await chef.get(`/api/pvd/${altkirch.id}/historique/export?format=csv`).expect(404);

    const communes = await readCsv(chef, '/api/communes/export?format=csv&q=ahun');
    expect(communes.header).toEqual(['Code INSEE', 'Nom', 'Code du département', 'Département', 'Population', 'Identifiant PVD']);
    expect(communes.rows[0].slice(0, 3)).toEqual(['23001', 'Ahun', '23']);
  });

  it('exports accounts and the journal with their rows', async () => {
    const admin = await t.signIn('administrateur');
    await t.dataSource.query(`UPDATE app_user SET display_name = '@admin' WHERE id = $1`, [admin.user.id]);
    const accounts = await readCsv(admin.agent, '/api/comptes/export?format=csv');
    expect(accounts.header).toEqual(['Nom', 'Adresse électronique', 'Actif', 'Invitation en attente', 'Dernière connexion', 'Rattachements']);
    const own = accounts.rows.find((r) => r[1] === admin.user.email);
    expect(own?.slice(0, 4)).toEqual(["'@admin", admin.user.email, 'oui', 'non']);
    expect(own?.[4]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(own?.[5]).toMatch(/\(.+\)$/);

    // An audited change (a contact of a dossier) appears in the journal, its formula-like value neutralised.
    const pvd = await createPvd(t.dataSource, ['23004']);
    const chef = await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23004' });
    await chef.agent.put(`/api/pvd/${pvd.id}/contacts/elu_referent`).set(CSRF).send({ version: 0, nom: '+33 journal' }).expect(200);
    const journal = await readCsv(admin.agent, '/api/journal/export?format=csv');
    expect(journal.header).toEqual([
      'Date',
      'Auteur',
      'Adresse électronique de l’auteur',
      'Action',
      'Cible',
      'Dossier',
      'Adresse IP',
      'Modifications',
      'Avant (valeurs brutes)',
      'Après (valeurs brutes)',
    ]);
    const line = journal.text.split('\r\n').find((l) => l.includes('+33 journal'));
    expect(line).toBeDefined();
    expect(line).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};/);
    expect(line).not.toMatch(/;\+33/);
  });

  it('exports import histories, post alerts, missions, habitat operations and participations: one row each, within the caller’s scope', async () => {
    const [creuseNom, alsaceNom] = (await t.dataSource.query(`SELECT nom FROM commune WHERE insee IN ('23003', '68006') ORDER BY insee`)).map((r: { nom: string }) => r.nom);
    const creuse = await createPvd(t.dataSource, ['23003']);
    const alsace = await createPvd(t.dataSource, ['68006']);
    const anct = (await t.signIn('anct_directeur')).agent;
    const prefecture = (await t.signIn('prefecture_instructeur')).agent;
    const onlyCreuse = (rows: string[][], column: number) => {
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r[column] === '23')).toBe(true);
    };

    // PVD imports (the ANCT's): one applied import.
    await t.dataSource.query(
      `INSERT INTO pvd_import (file_name, format, total_lines, created, updated, unchanged, rejected, report, statut, applique_at, date_effet)
       VALUES ('liste-export.csv', 'officiel', 12, 3, 2, 6, 1, '[]', 'applique', now(), '2026-01-15')`,
    );
    const imports = await readCsv(anct, '/api/pvd/imports/export?format=csv');
    expect(imports.header.slice(0, 8)).toEqual(['Importé le', 'Par', 'Fichier', 'Format', 'Statut', 'Date d’effet', 'Appliqué le', 'Lignes']);
    expect(imports.rows.find((r) => r[2] === 'liste-export.csv')?.slice(2, 12)).toEqual(['liste-export.csv', 'Officiel', 'Appliqué', '2026-01-15', expect.any(String), '12', '3', '2', '6', '1']);

    // Partner imports: the partner's own only.
    const partner = await t.signIn('partenaire');
    const other = await t.signIn('partenaire', { type: 'partenaire', nom: 'Autre partenaire' });
    await t.dataSource.query(`INSERT INTO import_partenaire (type, organisation_id, nom_fichier, statut) VALUES ('financements', $1, 'lignes-export.csv', 'termine')`, [partner.user.organisationId]);
    await t.dataSource.query(`INSERT INTO import_partenaire (type, organisation_id, nom_fichier, statut) VALUES ('financements', $1, 'autre.csv', 'termine')`, [other.user.organisationId]);
    const partnerImports = await readCsv(partner.agent, '/api/imports-partenaires/export?format=csv');
    expect(partnerImports.header.slice(0, 5)).toEqual(['Importé le', 'Par', 'Type', 'Fichier', 'Statut']);
    expect(partnerImports.rows.map((r) => r[3])).toEqual(['lignes-export.csv']);

    // Post alerts: a post vacant for a year in each département.
    await t.dataSource.query(
      `INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code, created_at) VALUES ($1, 'Cheffe de projet export', 'commune', '23003', now() - interval '1 year'), ($2, 'Poste vacant alsacien', 'commune', '68006', now() - interval '1 year')`,
      [creuse.id, alsace.id],
    );
    const alerts = await readCsv(prefecture, '/api/postes/alertes/export?format=csv');
    expect(alerts.header).toEqual(['PVD', 'Département', 'Poste', 'Motif', 'Niveau', 'Message', 'Date']);
    onlyCreuse(alerts.rows, 1);
    expect(alerts.rows.find((r) => r[2] === 'Cheffe de projet export')?.slice(0, 3)).toEqual([creuseNom, '23', 'Cheffe de projet export']);
    expect((await readCsv(anct, '/api/postes/alertes/export?format=csv')).rows.some((r) => r[2] === 'Poste vacant alsacien')).toBe(true);

    // Missions: one in each département.
    const [{ id: financeur }] = await t.dataSource.query(`INSERT INTO financeur (code, nom) VALUES ('export-test', 'Financeur des exports') RETURNING id`);
    await t.dataSource.query(
      `INSERT INTO mission (pvd_id, financeur_id, nature, intitule, montant_engage, statut) VALUES ($1, $3, 'etude', '=Étude export', 1234567, 'demandee'), ($2, $3, 'etude', 'Étude alsacienne', 100, 'demandee')`,
      [creuse.id, alsace.id, financeur],
    );
    const missions = await readCsv(prefecture, '/api/missions/export?format=csv');
    expect(missions.header.slice(0, 7)).toEqual(['PVD', 'Département', 'Financeur', 'Nature', 'Intitulé', 'Statut', 'Montant engagé (€)']);
    onlyCreuse(missions.rows, 1);
    const mission = missions.rows.find((r) => r[4] === "'=Étude export");
    expect([mission?.[0], mission?.[1], mission?.[2], mission?.[6]]).toEqual([creuseNom, '23', 'Financeur des exports', '12345,67']);
    expect((await readCsv(anct, '/api/missions/export?format=csv')).rows.some((r) => r[4] === 'Étude alsacienne')).toBe(true);

    // Habitat operations: one in each département.
    for (const [libelle, insee] of [
      ['OPAH export', '23003'],
      ['OPAH alsacienne', '68006'],
    ]) {
      const [op] = await t.dataSource.query(
        `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase, date_debut, engagement_anah) VALUES ('opah', $1, 'commune', $2, 'operationnelle', '2024-02-01', 5000050) RETURNING id`,
        [libelle, insee],
      );
      await t.dataSource.query('INSERT INTO operation_habitat_commune (operation_id, commune_insee) VALUES ($1, $2)', [op.id, insee]);
    }
    const operations = await readCsv(prefecture, '/api/operations-habitat/export?format=csv');
    expect(operations.header[0]).toBe('Type');
    onlyCreuse(operations.rows, 9);
    const operation = operations.rows.find((r) => r[1] === 'OPAH export');
    expect([operation?.[3], operation?.[6], operation?.[8], operation?.[9], operation?.[12]]).toEqual([creuseNom, '2024-02-01', `${creuseNom} (23003)`, '23', '50000,50']);
    expect((await readCsv(anct, '/api/operations-habitat/export?format=csv')).rows.some((r) => r[1] === 'OPAH alsacienne')).toBe(true);

    // Participations in a scheme: one in each département.
    const [{ id: demarche }] = await t.dataSource.query(`INSERT INTO demarche (code, nom, attributs) VALUES ('export', 'Dispositif des exports', '[]') RETURNING id`);
    await t.dataSource.query(`INSERT INTO demarche_participation (demarche_id, commune_insee, date_debut, attributs) VALUES ($1, '23003', '2025-03-01', '{}'), ($1, '68006', NULL, '{}')`, [demarche]);
    const participations = await readCsv(prefecture, `/api/demarches/${demarche}/participations/export?format=csv`);
    expect(participations.header.slice(0, 6)).toEqual(['Dispositif', 'Code INSEE', 'Commune', 'Département', 'Commune PVD', 'Date de début']);
    expect(participations.rows.map((r) => r.slice(0, 6))).toEqual([['Dispositif des exports', '23003', creuseNom, '23', 'oui', '2025-03-01']]);
    expect((await readCsv(anct, `/api/demarches/${demarche}/participations/export?format=csv`)).rows.map((r) => r[1]).sort()).toEqual(['23003', '68006']);
    expect(alsaceNom).toBeDefined();
  });
});
