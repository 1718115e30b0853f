import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent';
import { createConvention, createPvd, CSRF, useTestApp } from '../../test/test-app';

/** A CSV export read back: its header and rows, after checking the format (BOM, « ; », CRLF). */
async function readCsv(agent: TestAgent, url: string): Promise<{ header: string[]; rows: string[][]; text: string }> {
  const res = await agent.get(url).buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
  });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[a-z-]+-\d{4}-\d{2}-\d{2}\.csv"$/);
  const text = res.body as string;
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.slice(1).split('\r\n').slice(0, -1);
  return { header: lines[0].split(';'), rows: lines.slice(1).map((l) => l.split(';')), text };
}

describe('exports of the lists', () => {
  const t = useTestApp();

  it('exports the PVD list with its filters and scope, in CSV and XLSX, formulas neutralised', async () => {
    const ahun = await createPvd(t.dataSource, ['23001'], { idPvd: '=HYPERLINK("x")', dateConventionAdhesion: '2022-03-01' });
    const altkirch = await createPvd(t.dataSource, ['68004']);
    const anct = (await t.signIn('anct_directeur')).agent;
    const prefecture = (await t.signIn('prefecture_instructeur')).agent;

    const all = await readCsv(anct, '/api/pvd/export?format=csv');
    expect(all.header).toEqual([
      'Identifiant PVD',
      'Nom',
      'Communes (code INSEE)',
      'Départements',
      'SIREN de l’EPCI',
      'EPCI',
      'Date de sélection',
      'Date de la convention d’adhésion',
      'Identifiant provisoire',
      'Date de retrait',
    ]);
    const ahunRow = all.rows.find((r) => r[2] === '23001');
    expect(ahunRow?.slice(0, 4)).toEqual([`"'=HYPERLINK(""x"")"`, 'Ahun', '23001', '23']);
    expect(ahunRow?.[7]).toBe('2022-03-01');
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

    const xlsx = await anct
      .get('/api/pvd/export?format=xlsx&departement=23')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Buffer);
    const sheet = workbook.getWorksheet('PVD');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Identifiant PVD');
    let row = 0;
    sheet?.eachRow((r, n) => {
      if (r.getCell(3).value === '23001') row = n;
    });
    expect(sheet?.getRow(row).getCell(1).value).toBe(`'=HYPERLINK("x")`);
    expect((sheet?.getRow(row).getCell(8).value as Date).toISOString()).toBe('2022-03-01T00:00:00.000Z');
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
    expect(work.header).toEqual(['Motif', 'PVD', 'Département', 'Type', 'Titre', 'État', 'Depuis le', 'Date limite', 'Jours']);
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

  it('exports accounts, the journal, imports histories, post alerts, missions, habitat operations and participations', async () => {
    const admin = await t.signIn('administrateur');
    await t.dataSource.query(`UPDATE app_user SET display_name = '@admin' WHERE id = $1`, [admin.user.id]);
    const accounts = await readCsv(admin.agent, '/api/comptes/export?format=csv');
    expect(accounts.header).toEqual(['Nom', 'Adresse électronique', 'Actif', 'Invitation en attente', 'Dernière connexion', 'Rattachements']);
    expect(accounts.rows.find((r) => r[1] === admin.user.email)?.slice(0, 3)).toEqual(["'@admin", admin.user.email, 'oui']);
    // A préfecture's administration sees the accounts of its département only.
    const journal = await readCsv(admin.agent, '/api/journal/export?format=csv');
    expect(journal.header[0]).toBe('Date');

    const anct = (await t.signIn('anct_directeur')).agent;
    expect((await readCsv(anct, '/api/pvd/imports/export?format=csv')).header[0]).toBe('Importé le');
    expect((await readCsv(anct, '/api/postes/alertes/export?format=csv')).header).toEqual(['PVD', 'Département', 'Poste', 'Motif', 'Niveau', 'Message', 'Date']);
    expect((await readCsv(anct, '/api/missions/export?format=csv')).header[0]).toBe('PVD');
    expect((await readCsv(anct, '/api/operations-habitat/export?format=csv')).header[0]).toBe('Type');
    const partner = (await t.signIn('partenaire')).agent;
    expect((await readCsv(partner, '/api/imports-partenaires/export?format=csv')).header[0]).toBe('Importé le');
    const [demarche] = await t.dataSource.query('SELECT id FROM demarche LIMIT 1');
    if (demarche) expect((await readCsv(anct, `/api/demarches/${demarche.id}/participations/export?format=csv`)).header[0]).toBe('Dispositif');
  });
});
