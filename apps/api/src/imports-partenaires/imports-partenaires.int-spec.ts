import { unnamedAuditedFields } from '../test/audit-coverage';
import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent';
import { createPvd, CSRF, useTestApp } from '../test/test-app';

const HEADER = 'Référence;Dispositif;Bénéficiaire;Projet;Montant;Statut;Date d’engagement;Date versement;Année campagne';

type Report = { id: string; statut: string; rejets: { items: unknown[]; total: number }; changements: { items: unknown[]; total: number } } & Record<string, unknown>;

/** Polls an import until it is finished, and returns its report. */
async function finished(agent: TestAgent, id: string, query = ''): Promise<Report> {
  for (let i = 0; i < 300; i++) {
    const res = await agent.get(`/api/imports-partenaires/${id}${query}`).expect(200);
    if (res.body.statut === 'termine' || res.body.statut === 'echoue') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import not finished');
}

describe('partner imports', () => {
  const t = useTestApp();

  /** A partner user whose organisation is linked to the Banque des Territoires. */
  async function bdtPartner() {
    const partner = await t.signIn('partenaire', { type: 'partenaire', nom: 'Banque des Territoires (import)' });
    await t.dataSource.query(`UPDATE financeur SET organisation_id = $1 WHERE code = 'banque_des_territoires'`, [partner.user.organisationId]);
    return partner;
  }

  async function upload(agent: TestAgent, content: Buffer, name = 'financements.csv', type = 'financements') {
    const res = await agent.post('/api/imports-partenaires').set(CSRF).field('type', type).attach('fichier', content, name).expect(202);
    expect(res.body).toMatchObject({ type, nomFichier: name });
    return finished(agent, res.body.id);
  }

  it('reads French formats, a BOM, semicolons and empty lines, and reports every bad cell', async () => {
    const { agent } = await bdtPartner();
    await createPvd(t.dataSource, ['23001']);
    const [{ epci_siren: siren }] = await t.dataSource.query(`SELECT epci_siren FROM commune WHERE insee = '23001'`);
    const file = Buffer.from(
      '\uFEFF' +
        [
          HEADER,
          'BDT-1;bdt_pret_renouvellement;23001;Halle couverte;1 234 567,89;Engagé;31/12/2023;;2023',
          '',
          `BDT-2;BDT_INGENIERIE;${siren};Étude;12 500;versé;01/02/2024;15/03/2024;`,
          ';;;;;;;;',
          'BDT-3;dsil;23001;Voirie;1000;engagé;01/01/2024;;',
          'BDT-4;bdt_pret_renouvellement;99999;Projet;12,345;signé;31/02/2023;;',
          'BDT-1;bdt_pret_renouvellement;23001;Doublon;10;engagé;01/01/2024;;',
          'BDT-5;inconnu;23001;Projet;10;engagé;;;',
        ].join('\r\n'),
      'utf8',
    );
    const report = await upload(agent, file);
    expect(report).toMatchObject({ statut: 'termine', totalLignes: 6, lignesTraitees: 6, crees: 2, misAJour: 0, inchanges: 0, rejetes: 4, erreur: null });
    // The person who started it is told, in the transaction of the outcome.
    const notified = await agent.get('/api/notifications').expect(200);
    expect(notified.body.items).toEqual([
      expect.objectContaining({ kind: 'import_termine', title: 'Import partenaire terminé', itemPath: '/imports/partenaires', body: '2 créé(s), 0 mis à jour, 4 ligne(s) rejetée(s).' }),
    ]);
    expect(notified.body.items[0].itemLabel).toBe('Import « financements.csv »');
    expect(report.rejets.items).toEqual([
      { ligne: 6, colonne: 'dispositif', motif: 'Dispositif « dsil » d’un autre financeur : vous n’importez que les dispositifs de votre organisation.' },
      { ligne: 7, colonne: 'beneficiaire', motif: 'Commune 99999 inconnue du référentiel.' },
      { ligne: 7, colonne: 'montant', motif: '« 12,345 » n’est pas un montant (exemple : 1 234,56).' },
      { ligne: 7, colonne: 'statut', motif: '« signé » n’est pas un statut (demandé, engagé, contractualisé ou versé).' },
      { ligne: 7, colonne: 'date_engagement', motif: '« 31/02/2023 » n’est pas une date du calendrier.' },
      { ligne: 8, colonne: 'reference', motif: 'Référence « BDT-1 » en double : déjà ligne 2.' },
      { ligne: 9, colonne: 'dispositif', motif: 'Dispositif « inconnu » inconnu.' },
    ]);
    const lines = await t.dataSource.query(
      `SELECT reference_externe, beneficiaire_type, montant::int, statut, date_engagement::text, date_versement::text, annee_campagne, import_id FROM ligne_financement WHERE reference_externe LIKE 'BDT-%' ORDER BY reference_externe`,
    );
    expect(lines).toEqual([
      { reference_externe: 'BDT-1', beneficiaire_type: 'commune', montant: 123456789, statut: 'engage', date_engagement: '2023-12-31', date_versement: null, annee_campagne: 2023, import_id: report.id },
      { reference_externe: 'BDT-2', beneficiaire_type: 'epci', montant: 1250000, statut: 'verse', date_engagement: '2024-02-01', date_versement: '2024-03-15', annee_campagne: null, import_id: report.id },
    ]);
    // The import and each line are audited; the commune's line belongs to the PVD's history.
    const audit = await t.dataSource.query(`SELECT action, pvd_id IS NOT NULL AS in_pvd FROM audit_log WHERE action LIKE 'ligne_financement.%' OR entity_id = $1 ORDER BY id`, [report.id]);
    expect(audit).toEqual([
      { action: 'ligne_financement.importee', in_pvd: true },
      { action: 'ligne_financement.importee', in_pvd: false },
      { action: 'import_partenaire.termine', in_pvd: false },
    ]);
  });

  it('changes nothing on re-import of the same file, and only what changed with an updated file', async () => {
    const { agent } = await bdtPartner();
    const lines = (montant2: string, statut3: string) =>
      Buffer.from(
        [
          'reference,dispositif,beneficiaire,projet,montant,statut,date_engagement,date_contractualisation',
          'R-1,bdt_pret_renouvellement,23002,Projet 1,1000,engagé,2024-01-01,',
          `R-2,bdt_pret_renouvellement,23002,Projet 2,${montant2},engagé,2024-01-01,`,
          `R-3,bdt_pret_renouvellement,23002,Projet 3,3000,${statut3},2024-01-01,${statut3 === 'contractualisé' ? '2024-06-30' : ''}`,
        ].join('\n'),
      );
    const first = await upload(agent, lines('2000', 'engagé'));
    expect(first).toMatchObject({ crees: 3, misAJour: 0, inchanges: 0, rejetes: 0 });
    const again = await upload(agent, lines('2000', 'engagé'));
    expect(again).toMatchObject({ crees: 0, misAJour: 0, inchanges: 3, rejetes: 0, changements: { items: [], total: 0 } });
    const updated = await upload(agent, lines('"2 500,50"', 'contractualisé'));
    expect(updated).toMatchObject({ crees: 0, misAJour: 2, inchanges: 1, rejetes: 0 });
    expect(updated.changements.items).toEqual([
      { reference: 'R-2', champs: [{ champ: 'montant', avant: 200000, apres: 250050 }] },
      { reference: 'R-3', champs: [{ champ: 'statut', avant: 'engage', apres: 'contractualise' }, { champ: 'date_contractualisation', avant: null, apres: '2024-06-30' }] },
    ]);
    const stored = await t.dataSource.query(`SELECT reference_externe, version FROM ligne_financement WHERE reference_externe LIKE 'R-%' ORDER BY 1`);
    expect(stored).toEqual([
      { reference_externe: 'R-1', version: 1 },
      { reference_externe: 'R-2', version: 2 },
      { reference_externe: 'R-3', version: 2 },
    ]);
    const history = await agent.get('/api/imports-partenaires').expect(200);
    expect(history.body.slice(0, 3).map((i: { misAJour: number }) => i.misAJour)).toEqual([2, 0, 0]);
  });

  it('reads Windows-1252 files and XLSX workbooks, and refuses unreadable files with the reason', async () => {
    const { agent } = await bdtPartner();
    const latin1 = Buffer.from('référence;dispositif;bénéficiaire;projet;montant;statut;date_demande\r\nW-1;bdt_ingenierie;23001;Étude préalable;1 000,00;Demandé;15/01/2024\r\n', 'latin1');
    const fromLatin1 = await upload(agent, latin1, 'latin1.csv');
    expect(fromLatin1).toMatchObject({ crees: 1, rejetes: 0 });
    expect((await t.dataSource.query(`SELECT projet FROM ligne_financement WHERE reference_externe = 'W-1'`))[0].projet).toBe('Étude préalable');

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Données');
    sheet.addRow(['reference', 'dispositif', 'beneficiaire', 'projet', 'montant', 'statut', 'date_engagement']);
    sheet.addRow(['X-1', 'bdt_ingenierie', 23001, 'Étude', 1234.5, 'engagé', new Date(Date.UTC(2024, 4, 2))]);
    sheet.addRow(['X-2', 'bdt_ingenierie', '23001', 'Étude 2', '1 000', 'engagé', '03/05/2024']);
    sheet.addRow([]);
    sheet.addRow(['X-3', 'bdt_ingenierie', '23001', 'Étude 3', -5, 'engagé', '03/05/2024']);
    const xlsx = await upload(agent, Buffer.from(await workbook.xlsx.writeBuffer()), 'lignes.xlsx');
    expect(xlsx).toMatchObject({ totalLignes: 3, crees: 2, rejetes: 1 });
    expect(xlsx.rejets.items).toEqual([{ ligne: 5, colonne: 'montant', motif: 'Le montant est positif, au centime près.' }]);
    expect(await t.dataSource.query(`SELECT montant::int, date_engagement::text FROM ligne_financement WHERE reference_externe = 'X-1'`)).toEqual([{ montant: 123450, date_engagement: '2024-05-02' }]);

    const missing = await agent.post('/api/imports-partenaires').set(CSRF).field('type', 'financements').attach('fichier', Buffer.from('ref;montant\n1;2\n'), 'x.csv').expect(400);
    expect(missing.body).toMatchObject({ code: 'IMPORT_FILE_INVALID' });
    expect(missing.body.message).toContain('Colonnes obligatoires absentes : dispositif, beneficiaire, projet, statut.');
    const binary = await agent.post('/api/imports-partenaires').set(CSRF).field('type', 'financements').attach('fichier', Buffer.from([0, 1, 2, 3]), 'x.csv').expect(400);
    expect(binary.body.message).toBe('Le fichier n’est ni un CSV (texte) ni un classeur XLSX.');
    const type = await agent.post('/api/imports-partenaires').set(CSRF).field('type', 'autre').attach('fichier', latin1, 'x.csv').expect(400);
    expect(type.body.code).toBe('IMPORT_TYPE_UNKNOWN');
  });

  it('imports missions of the partner’s funder, matched on the reference', async () => {
    const { agent } = await bdtPartner();
    const ahun = await t.dataSource.query(`SELECT pvd_id FROM pvd_commune WHERE commune_insee = '23001'`);
    const pvd = ahun[0]?.pvd_id ?? (await createPvd(t.dataSource, ['23001'])).id;
    const file = (verse: string) =>
      Buffer.from(
        `reference;commune;nature;intitule;montant_engage;montant_verse;statut;date_debut;date_engagement\nM-1;23001;Étude;Étude commerce;20 000;${verse};En cours;01/03/2024;15/02/2024\n` +
          `M-2;68004;etude;X;;;demandée;;\nM-3;23001;etude;Sans date;10 000;;accordée;;\n`,
      );
    const first = await upload(agent, file('5 000'), 'missions.csv', 'missions');
    expect(first).toMatchObject({
      crees: 1,
      rejetes: 2,
      rejets: {
        items: [
          { ligne: 3, colonne: 'commune', motif: 'La commune 68004 n’est pas une Petite ville de demain connue.' },
          { ligne: 4, colonne: 'date_engagement', motif: 'Indiquez la date d’engagement : une mission accordée, en cours ou livrée est financée depuis ce jour.' },
        ],
      },
    });
    // The import says where the data comes from: the partner and the file, as of the import's day.
    const [{ jour }] = await t.dataSource.query(`SELECT (created_at AT TIME ZONE 'Europe/Paris')::date::text AS jour FROM import_partenaire WHERE id = $1`, [first.id]);
    const stored = () => t.dataSource.query(`SELECT pvd_id, montant_verse::int, date_engagement::text, source, date_source::text FROM mission WHERE reference_externe = 'M-1'`);
    expect(await stored()).toEqual([{ pvd_id: pvd, montant_verse: 500000, date_engagement: '2024-02-15', source: expect.stringMatching(/ — missions\.csv$/), date_source: jour }]);
    const second = await upload(agent, file('7 500'), 'missions.csv', 'missions');
    expect(second).toMatchObject({ crees: 0, misAJour: 1, changements: { items: [{ reference: 'M-1', champs: [{ champ: 'montant_verse', avant: 500000, apres: 750000 }] }] } });
    expect(await stored()).toEqual([{ pvd_id: pvd, montant_verse: 750000, date_engagement: '2024-02-15', source: expect.stringMatching(/ — missions\.csv$/), date_source: expect.any(String) }]);
    // A source named in the file is kept as given.
    const named = Buffer.from('reference;commune;nature;intitule;montant_engage;statut;date_debut;date_engagement;source;date_source\nM-1;23001;etude;Étude commerce;20 000;en cours;01/03/2024;15/02/2024;SI Banque;31/12/2023\n');
    await upload(agent, named, 'missions-bis.csv', 'missions');
    expect(await t.dataSource.query(`SELECT source, date_source::text FROM mission WHERE reference_externe = 'M-1'`)).toEqual([{ source: 'SI Banque', date_source: '2023-12-31' }]);
  });

  it('serves the templates, and keeps imports to their organisation', async () => {
    const { agent } = await bdtPartner();
    const csv = await agent.get('/api/imports-partenaires/modeles/financements?format=csv').expect(200);
    expect(csv.headers['content-disposition']).toContain('modele-import-financements.csv');
    expect(csv.text.split('\r\n')[0]).toBe('\uFEFFreference;dispositif;beneficiaire;projet;montant;statut;date_demande;date_engagement;date_contractualisation;date_versement;annee_campagne;source;date_source;logements;dossiers');
    expect(csv.text.split('\r\n')[1]).toContain('bdt_ingenierie');
    const xlsx = await agent.get('/api/imports-partenaires/modeles/financements?format=xlsx').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Données', 'Colonnes']);
    // The template, re-imported as it is, gives one line.
    const roundTrip = await upload(agent, Buffer.from(csv.text), 'modele.csv');
    expect(roundTrip).toMatchObject({ crees: 1, rejetes: 0 });

    const other = await t.signIn('partenaire', { type: 'partenaire', nom: 'Autre partenaire' });
    await other.agent.get(`/api/imports-partenaires/${roundTrip.id}`).expect(404);
    expect((await other.agent.get('/api/imports-partenaires').expect(200)).body).toEqual([]);
    // Another partner imports nothing into the Banque des Territoires' dispositifs.
    const theirs = await upload(other.agent, Buffer.from(csv.text), 'modele.csv');
    expect(theirs).toMatchObject({ crees: 0, rejetes: 1, rejets: { items: [{ ligne: 2, colonne: 'dispositif' }] } });

    for (const role of ['elu_lecteur', 'chef_de_projet'] as const) {
      const { agent: other2 } = await t.signIn(role);
      await other2.post('/api/imports-partenaires').set(CSRF).field('type', 'financements').attach('fichier', Buffer.from(csv.text), 'm.csv').expect(403);
      await other2.get(`/api/imports-partenaires/${roundTrip.id}`).expect(403);
    }
  });

  it('imports 5,000 lines in one go, then updates them in one go', async () => {
    const { agent } = await bdtPartner();
    const body = (montant: number) =>
      Buffer.from(['reference;dispositif;beneficiaire;projet;montant;statut;date_demande', ...Array.from({ length: 5000 }, (_, i) => `P-${i};bdt_pret_renouvellement;23001;Projet ${i};${montant + i};demandé;01/01/2024`)].join('\n'));
    const started = Date.now();
    expect(await upload(agent, body(100))).toMatchObject({ totalLignes: 5000, crees: 5000, rejetes: 0 });
    expect(await upload(agent, body(200))).toMatchObject({ misAJour: 5000, changements: { total: 5000, items: { length: 50 } } });
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  describe('habitat operations', () => {
    const OPS_HEADER = 'Référence;Type d’opération;Libellé;Maître d’ouvrage;Opérateur;Phase;Date de début;Date de fin;Communes;Engagement Anah;Engagement collectivité;Objectif 2024;Traités 2024;objectif_2025';

    /** A partner user whose organisation is linked to one funder of its own (the Anah of the test). */
    async function anahPartner() {
      const partner = await t.signIn('partenaire', { type: 'partenaire', nom: `Anah (import ${Math.random().toString(36).slice(2, 8)})` });
      const [financeur] = await t.dataSource.query(`INSERT INTO financeur (code, nom, organisation_id) VALUES ($1, 'Anah (test)', $2) RETURNING id`, [
        `anah_${partner.user.organisationId.slice(0, 8)}`,
        partner.user.organisationId,
      ]);
      return { ...partner, financeurId: financeur.id as string };
    }

    /** Three communes of the Creuse outside the other tests' ones, each in its own PVD, and their EPCI. */
    async function threePvds() {
      const rows: { insee: string; epci_siren: string }[] = await t.dataSource.query(
        `SELECT insee, epci_siren FROM commune WHERE departement_code = '23' AND insee NOT IN ('23001', '23002') AND epci_siren IS NOT NULL
           AND insee NOT IN (SELECT commune_insee FROM pvd_commune) ORDER BY insee LIMIT 3`,
      );
      const pvds = [];
      for (const r of rows) pvds.push(await createPvd(t.dataSource, [r.insee]));
      return { communes: rows.map((r) => r.insee), pvds: pvds.map((p) => p.id), siren: rows[0].epci_siren };
    }

    const operationsOf = (financeurId: string) =>
      t.dataSource.query(
        `SELECT o.id, o.reference_externe, o.type, o.libelle, o.maitre_ouvrage_type, o.maitre_ouvrage_code, o.operateur, o.phase, o.date_debut::text, o.date_fin::text,
                o.engagement_anah::float8 AS engagement_anah, o.engagement_collectivite::float8 AS engagement_collectivite, o.objectifs, o.version,
                ARRAY(SELECT commune_insee FROM operation_habitat_commune WHERE operation_id = o.id ORDER BY 1)::text[] AS communes
           FROM operation_habitat o WHERE o.financeur_id = $1 ORDER BY o.reference_externe`,
        [financeurId],
      );

    it('imports operations in French formats as the partner’s funder, reports every bad line, and shows an operation on each PVD it covers', async () => {
      const { agent, financeurId } = await anahPartner();
      const { communes: [c1, c2, c3], pvds, siren } = await threePvds();
      // A former commune (merged into Ahun): refused with the reason.
      await t.dataSource.query(`INSERT INTO commune_ancienne (insee, nom, type, commune_actuelle_insee) VALUES ('23998', 'Ancien bourg', 'commune-deleguee', '23001') ON CONFLICT (insee) DO NOTHING`);
      const file = Buffer.from(
        '\uFEFF' +
          [
            OPS_HEADER,
            `ANAH-1;OPAH-RU;OPAH-RU des trois bourgs;${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)};Soliha Creuse;Opérationnelle;01/03/2024;;"${c1}, ${c2}, ${c3}";1 250 000,50;80 000;20;12;25`,
            '',
            'ANAH-2;pig;PIG départemental;68004;;étude pré-opérationnelle;;;68004;;;;;',
            'ANAH-3;ORT;Inconnue;99999;;signée;31/02/2024;;23001,99998;12,345;;-1;;',
            `ANAH-1;OPAH;Doublon;${c1};;close;01/01/2020;31/12/2023;${c1};;;;;`,
            'ANAH-4;OPAH;Close sans date;23001;;Close;01/01/2020;;23001;;;;;',
            'ANAH-5;Plan de sauvegarde;Copropriété;23001;;convention signée;01/01/2024;;23998;;;;;',
            // A maître d'ouvrage foreign to the covered communes (Ahun over Altkirch, or Ahun's EPCI over Altkirch): refused.
            'ANAH-6;PIG;PIG alsacien;23001;;étude pré-opérationnelle;;;68004;;;;;',
            `ANAH-7;PIG;PIG alsacien;${siren};;étude pré-opérationnelle;;;68004;;;;;`,
            ';;;;;;;;;;;;;',
          ].join('\r\n'),
        'utf8',
      );
      const report = await upload(agent, file, 'operations.csv', 'operations');
      expect(report).toMatchObject({ statut: 'termine', totalLignes: 8, crees: 2, misAJour: 0, inchanges: 0, rejetes: 6, erreur: null });
      expect(report.rejets.items).toEqual([
        { ligne: 5, colonne: 'type', motif: '« ORT » n’est pas un type d’opération (OPAH, OPAH-RU, OPAH-RR, OPAH-CD, PIG, RHI-THIRORI, plan de sauvegarde ou ORCOD).' },
        { ligne: 5, colonne: 'maitre_ouvrage', motif: 'Commune 99999 inconnue du référentiel.' },
        { ligne: 5, colonne: 'phase', motif: '« signée » n’est pas une phase (étude pré-opérationnelle, convention signée, opérationnelle ou close).' },
        { ligne: 5, colonne: 'date_debut', motif: '« 31/02/2024 » n’est pas une date du calendrier.' },
        { ligne: 5, colonne: 'communes', motif: 'Commune 99998 inconnue du référentiel.' },
        { ligne: 5, colonne: 'engagement_anah', motif: '« 12,345 » n’est pas un montant (exemple : 1 234,56).' },
        { ligne: 6, colonne: 'reference', motif: 'Référence « ANAH-1 » en double : déjà ligne 2.' },
        { ligne: 7, colonne: 'date_fin', motif: 'Indiquez la date de clôture.' },
        { ligne: 8, colonne: 'communes', motif: 'Commune 23998 (Ancien bourg) obsolète : elle fait désormais partie de la commune 23001.' },
        {
          ligne: 9,
          colonne: 'maitre_ouvrage',
          motif: '23001 n’est pas couverte par l’opération : le maître d’ouvrage est l’une des communes couvertes, ou un EPCI dont l’une d’elles est membre.',
        },
        {
          ligne: 10,
          colonne: 'maitre_ouvrage',
          motif: `Aucune commune couverte par l’opération n’est membre de ${siren} : le maître d’ouvrage est l’une des communes couvertes, ou un EPCI dont l’une d’elles est membre.`,
        },
      ]);
      const stored = await operationsOf(financeurId);
      // Each operation says where its data comes from: no source column in the file, so the partner and the file, as of the import's day.
      const sources = await t.dataSource.query(`SELECT DISTINCT source, date_source IS NOT NULL AS dated FROM operation_habitat WHERE financeur_id = $1`, [financeurId]);
      expect(sources).toEqual([{ source: expect.stringMatching(/ — operations\.csv$/), dated: true }]);
      expect(stored.map(({ id: _id, ...o }: Record<string, unknown>) => o)).toEqual([
        {
          reference_externe: 'ANAH-1',
          type: 'opah_ru',
          libelle: 'OPAH-RU des trois bourgs',
          maitre_ouvrage_type: 'epci',
          maitre_ouvrage_code: siren,
          operateur: 'Soliha Creuse',
          phase: 'operationnelle',
          date_debut: '2024-03-01',
          date_fin: null,
          engagement_anah: 125_000_050,
          engagement_collectivite: 8_000_000,
          objectifs: [
            { annee: 2024, objectif: 20, traites: 12 },
            { annee: 2025, objectif: 25, traites: null },
          ],
          version: 1,
          communes: [c1, c2, c3].sort(),
        },
        {
          reference_externe: 'ANAH-2',
          type: 'pig',
          libelle: 'PIG départemental',
          maitre_ouvrage_type: 'commune',
          maitre_ouvrage_code: '68004',
          operateur: null,
          phase: 'etude_pre_operationnelle',
          date_debut: null,
          date_fin: null,
          engagement_anah: null,
          engagement_collectivite: null,
          objectifs: [],
          version: 1,
          communes: ['68004'],
        },
      ]);
      const [opah, pig] = stored;

      // One audit entry per covered PVD; a commune outside any PVD: one entry outside the dossiers.
      const audit = await t.dataSource.query(`SELECT entity_id, pvd_id FROM audit_log WHERE action = 'operation_habitat.importee' AND entity_id = ANY($1::text[]) ORDER BY pvd_id`, [[opah.id, pig.id]]);
      expect(audit).toEqual([...[...pvds].sort().map((pvd_id) => ({ entity_id: opah.id, pvd_id })), { entity_id: pig.id, pvd_id: null }]);

      // The operation shows on the three dossiers, and counts once, with three communes, in the national list.
      const anct = (await t.signIn('anct_directeur')).agent;
      for (const pvd of pvds) {
        const list = await anct.get(`/api/operations-habitat?pvdId=${pvd}`).expect(200);
        expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([opah.id]);
        const history = await anct.get(`/api/pvd/${pvd}/historique`).expect(200);
        expect(history.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ entityType: 'operation_habitat', entityId: opah.id })]));
      }
      const national = await anct.get('/api/operations-habitat?type=opah_ru').expect(200);
      expect(national.body.totaux).toEqual({ operations: 1, communes: 3, communesHorsPvd: 0, pvd: 3 });
      expect(national.body.items).toEqual([expect.objectContaining({ id: opah.id, objectifTotal: 45, traitesTotal: 12, engagementAnah: 125_000_050 })]);
      expect(national.body.items[0].communes).toHaveLength(3);
    });

    it('changes nothing on re-import of the same file, and only what changed with an updated file (communes included, same operation)', async () => {
      const { agent, financeurId } = await anahPartner();
      const { communes: [c1, c2, c3], pvds } = await threePvds();
      const file = (r1: { communes: string; traites: string }, phase2: string) =>
        Buffer.from(
          [
            'reference;type;libelle;maitre_ouvrage;phase;date_debut;date_fin;communes;engagement_anah;objectif_2024;traites_2024',
            `R-1;OPAH-RR;OPAH-RR;${c1};opérationnelle;2024-01-01;;"${r1.communes}";100 000;10;${r1.traites}`,
            `R-2;PIG;PIG;${c2};${phase2};2023-01-01;${phase2 === 'close' ? '31/12/2024' : ''};${c2};;;`,
            'R-3;ORCOD;ORCOD;68004;convention signée;2024-06-01;;68004;;;',
          ].join('\n'),
        );
      const first = await upload(agent, file({ communes: `${c1}, ${c2}`, traites: '4' }, 'opérationnelle'), 'operations.csv', 'operations');
      expect(first).toMatchObject({ crees: 3, misAJour: 0, inchanges: 0, rejetes: 0 });
      const [before] = await operationsOf(financeurId);

      const again = await upload(agent, file({ communes: `${c2} ${c1}`, traites: '4' }, 'Opérationnelle'), 'operations.csv', 'operations');
      expect(again).toMatchObject({ crees: 0, misAJour: 0, inchanges: 3, rejetes: 0, changements: { items: [], total: 0 } });

      const updated = await upload(agent, file({ communes: `${c1}, ${c3}`, traites: '6' }, 'close'), 'operations.csv', 'operations');
      expect(updated).toMatchObject({ crees: 0, misAJour: 2, inchanges: 1, rejetes: 0 });
      expect(updated.changements.items).toEqual([
        { reference: 'R-1', champs: [{ champ: 'communes', avant: [c1, c2].join(', '), apres: [c1, c3].join(', ') }, { champ: 'traites_2024', avant: 4, apres: 6 }] },
        { reference: 'R-2', champs: [{ champ: 'phase', avant: 'operationnelle', apres: 'close' }, { champ: 'date_fin', avant: null, apres: '2024-12-31' }] },
      ]);
      const after = await operationsOf(financeurId);
      expect(after.map((o: { reference_externe: string; version: number; communes: string[] }) => [o.reference_externe, o.version, o.communes])).toEqual([
        ['R-1', 2, [c1, c3]],
        ['R-2', 2, [c2]],
        ['R-3', 1, ['68004']],
      ]);
      // The operation keeps its id; its change is in the history of the PVDs it covered and covers.
      expect(after[0].id).toBe(before.id);
      expect(after[0].objectifs).toEqual([{ annee: 2024, objectif: 10, traites: 6 }]);
      const audit = await t.dataSource.query(`SELECT pvd_id FROM audit_log WHERE action = 'operation_habitat.modifiee' AND entity_id = $1 ORDER BY pvd_id`, [before.id]);
      expect(audit.map((a: { pvd_id: string }) => a.pvd_id)).toEqual([...pvds].sort());
    });

    it('rejects a commitment the form refuses: 999,999,999,999 € of Anah on an OPAH-RU over Ahun’s 1,394 inhabitants', async () => {
      const { agent, financeurId } = await anahPartner();
      const file = Buffer.from(
        [
          'reference;type;libelle;maitre_ouvrage;phase;date_debut;communes;engagement_anah',
          'P-1;OPAH-RU;OPAH-RU du centre;23001;opérationnelle;01/01/2024;23001;999 999 999 999',
          'P-2;OPAH-RU;OPAH-RU du bourg;23001;opérationnelle;01/01/2024;23001;2 000 000',
        ].join('\n'),
      );
      const report = await upload(agent, file, 'operations.csv', 'operations');
      expect(report).toMatchObject({ crees: 1, rejetes: 1 });
      expect(report.rejets.items).toEqual([
        { ligne: 2, colonne: 'engagement_anah', motif: expect.stringMatching(/^Engagement de l’Anah invraisemblable pour une opération OPAH-RU couvrant 1\s394 habitants/) },
      ]);
      expect((await operationsOf(financeurId)).map((o: { reference_externe: string }) => o.reference_externe)).toEqual(['P-2']);
    });

    it('serves the template, and refuses the file of a partner with no funder or several', async () => {
      const { agent } = await anahPartner();
      const csv = await agent.get('/api/imports-partenaires/modeles/operations?format=csv').expect(200);
      expect(csv.headers['content-disposition']).toContain('modele-import-operations.csv');
      expect(csv.text.split('\r\n')[0]).toBe(
        '\uFEFFreference;type;libelle;maitre_ouvrage;operateur;phase;date_debut;date_fin;communes;engagement_anah;engagement_collectivite;source;date_source;objectif_2024;traites_2024',
      );
      const roundTrip = await upload(agent, Buffer.from(csv.text), 'modele.csv', 'operations');
      expect(roundTrip).toMatchObject({ crees: 1, rejetes: 0 });

      const none = await t.signIn('partenaire', { type: 'partenaire', nom: 'Partenaire sans financeur' });
      const refused = await none.agent.post('/api/imports-partenaires').set(CSRF).field('type', 'operations').attach('fichier', Buffer.from(csv.text), 'm.csv').expect(400);
      expect(refused.body.message).toContain('Votre organisation n’est rattachée à aucun financeur');

      const two = await anahPartner();
      await t.dataSource.query(`INSERT INTO financeur (code, nom, organisation_id) VALUES ($1, 'Second financeur', $2)`, [`second_${two.user.organisationId.slice(0, 8)}`, two.user.organisationId]);
      const several = await two.agent.post('/api/imports-partenaires').set(CSRF).field('type', 'operations').attach('fichier', Buffer.from(csv.text), 'm.csv').expect(400);
      expect(several.body).toMatchObject({ code: 'IMPORT_FILE_INVALID' });
      expect(several.body.message).toBe(
        'Votre organisation est rattachée à plusieurs financeurs (Anah (test), Second financeur) : l’import des opérations habitat ne sait pas au nom duquel les enregistrer. Demandez à l’ANCT de ne rattacher votre organisation qu’au financeur des opérations.',
      );
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM import_partenaire WHERE organisation_id = ANY($1::uuid[])`, [[none.user.organisationId, two.user.organisationId]])).toEqual([{ n: 0 }]);
    });
  });

  it('names every field its audit writers stored', async () => {
    expect(await unnamedAuditedFields(t.dataSource)).toEqual([]);
  });
});
