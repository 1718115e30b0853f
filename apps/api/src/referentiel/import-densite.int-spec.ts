import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { CSRF, useTestApp } from '../test/test-app';
import { ImportDensiteService, SHIPPED_DENSITE_GRID } from './import-densite.service';

const csv = (lines: string[]) => Buffer.from(lines.join('\n'), 'utf8');

/** Real values of INSEE's 2024 grid (the file shipped in apps/api/assets). */
const REAL_LEVELS: Record<string, number> = {
  '23001': 5, // Ahun, bourg rural
  '23002': 6, // Ajain, rural à habitat dispersé
  '01004': 2, // Ambérieu-en-Bugey
  '75056': 1, // Paris
  '2A004': 2, // Ajaccio
  '97411': 1, // Saint-Denis (La Réunion)
  '97101': 2, // Les Abymes
};

async function levels(t: ReturnType<typeof useTestApp>, codes: string[]): Promise<Record<string, number | null>> {
  const rows: { insee: string; densite: number | null }[] = await t.dataSource.query('SELECT insee, densite FROM commune WHERE insee = ANY($1::varchar[])', [codes]);
  return Object.fromEntries(rows.map((r) => [r.insee, r.densite]));
}

/** An XLSX laid out like INSEE's, with the given header and lines. */
async function xlsx(header: string[], lines: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Grille_Densite');
  sheet.addRows([['Grille de densité'], ['France – Niveau de densité des communes'], [], header, ...lines]);
  book.addWorksheet('Documentation').addRow(['Définitions']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('INSEE density grid import', () => {
  const t = useTestApp();

  it('knows every commune’s density from the start: the shipped 2024 grid is loaded once, then skipped while unchanged', async () => {
    expect(await levels(t, Object.keys(REAL_LEVELS))).toEqual(REAL_LEVELS);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM commune WHERE densite IS NULL');
    const [{ total }] = await t.dataSource.query('SELECT count(*)::int AS total FROM commune');
    expect(n / total).toBeLessThan(0.01);
    const [meta] = await t.dataSource.query(`SELECT value FROM referentiel_meta WHERE key = 'grille-densite'`);
    expect(meta.value).toMatch(/^[0-9a-f]{64}$/);

    const service = t.app.get(ImportDensiteService);
    await t.dataSource.query(`UPDATE commune SET densite = NULL WHERE insee = '23001'`);
    expect(await service.loadShipped()).toMatchObject({ skipped: true });
    expect((await levels(t, ['23001']))['23001']).toBeNull();
    const forced = await service.loadShipped({ force: true });
    expect(forced).toMatchObject({ skipped: false, updated: 1 });
    expect((await levels(t, ['23001']))['23001']).toBe(5);
  });

  it('imports the real XLSX as INSEE publishes it (title rows, header on row 5, two sheets)', async () => {
    const { agent } = await t.signIn('anct_directeur');
    await t.dataSource.query(`UPDATE commune SET densite = 7 WHERE insee IN ('75056', '23002')`);
    const res = await agent.post('/api/referentiel/densite').set(CSRF).attach('fichier', readFileSync(SHIPPED_DENSITE_GRID), 'grille_densite_7_niveaux_2024.xlsx').expect(201);
    expect(res.body).toMatchObject({ format: 'xlsx', headerLine: 5, totalLines: 34935, updated: 2 });
    // Lines rejected are communes of the 2024 geography the référentiel no longer knows (merged since), each named.
    expect(res.body.rejected).toBe(res.body.lines.length);
    for (const line of res.body.lines) expect(line.message).toMatch(/inconnu du référentiel/);
    expect(res.body.unchanged + res.body.updated + res.body.rejected).toBe(34935);
    expect(await levels(t, ['75056', '23002'])).toEqual({ '75056': 1, '23002': 6 });
    const detail = await agent.get('/api/communes/23002').expect(200);
    expect(detail.body.densite).toEqual({ niveau: 6, libelle: 'Rural à habitat dispersé' });
  });

  it('refuses the old 4-level grid, in XLSX by its labels and in CSV without labels by its levels, changing nothing', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const before = await levels(t, ['23001', '01004']);
    const old = await xlsx(['CODGEO', 'LIBGEO', 'DENS', 'LIBDENS'], [['23001', 'Ahun', 4, 'Très peu dense'], ['01004', 'Ambérieu-en-Bugey', 2, 'Densité intermédiaire']]);
    const refused = await agent.post('/api/referentiel/densite').set(CSRF).attach('fichier', old, 'grille_densite_4.xlsx').expect(400);
    expect(refused.body).toMatchObject({ code: 'DENSITE_FILE_INVALID', message: expect.stringContaining('ancienne grille de densité à 4 niveaux') });
    expect(refused.body.fields.fichier[0]).toContain('7 niveaux');
    const ambiguous = await agent.post('/api/referentiel/densite').set(CSRF).attach('fichier', csv(['CODGEO;DENS', '23001;4', '01004;3']), 'g.csv').expect(400);
    expect(ambiguous.body.message).toMatch(/que des niveaux 1 à 4.*LIBDENS/);
    expect(await levels(t, ['23001', '01004'])).toEqual(before);
    // The same levels named as in the 7-level grid are accepted.
    const named = await agent
      .post('/api/referentiel/densite')
      .set(CSRF)
      .attach('fichier', csv(['CODGEO;DENS;LIBDENS', '01004;2;Centres urbains intermédiaires']), 'g.csv')
      .expect(201);
    expect(named.body).toMatchObject({ format: 'csv', rejected: 0 });
  });

  it('sets levels from a CSV, reports bad lines one by one, and changes nothing the second time', async () => {
    const { agent } = await t.signIn('anct_directeur');
    await t.dataSource.query(`UPDATE commune SET densite = NULL WHERE insee IN ('23001', '01004')`);
    const [{ n: auditBefore }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'referentiel.densite.import'`);
    const file = csv(['CODGEO;LIBGEO;DENS;LIBDENS', '23001;Ahun;5;Bourgs ruraux', '1004;Ambérieu-en-Bugey;2;', '23999;Inconnue;5;', '23002;Ajain;9;', '23001;Ahun;5;', ';;;', '23002;Ajain;5;Rural à habitat dispersé']);
    const first = await agent.post('/api/referentiel/densite').set(CSRF).attach('fichier', file, 'grille.csv').expect(201);
    expect(first.body).toMatchObject({ format: 'csv', headerLine: 1, totalLines: 6, updated: 2, unchanged: 0, rejected: 4 });
    expect(first.body.lines.map((l: { line: number }) => l.line)).toEqual([4, 5, 6, 8]);
    expect(first.body.lines[0].message).toContain('inconnu');
    expect(first.body.lines[1].message).toContain('1 à 7');
    expect(first.body.lines[3].message).toBe('Le libellé « Rural à habitat dispersé » ne correspond pas au niveau 5 (« Bourgs ruraux »).');
    const second = await agent.post('/api/referentiel/densite').set(CSRF).attach('fichier', file, 'grille.csv').expect(201);
    expect(second.body).toMatchObject({ updated: 0, unchanged: 2, rejected: 4 });
    const detail = await agent.get('/api/communes/23001').expect(200);
    expect(detail.body.densite).toEqual({ niveau: 5, libelle: 'Bourgs ruraux' });
    const [{ n: auditAfter }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'referentiel.densite.import'`);
    expect(auditAfter - auditBefore).toBe(1);
  });

  it('refuses a file without the expected columns, naming them', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.post('/api/referentiel/densite').set(CSRF).attach('fichier', csv(['a,b', '1,2']), 'x.csv').expect(400);
    expect(res.body).toMatchObject({ code: 'DENSITE_FILE_INVALID', message: expect.stringContaining('CODGEO') });
    expect(res.body.fields.fichier[0]).toContain('DENS');
    const noHeader = await agent.post('/api/referentiel/densite').set(CSRF).attach('fichier', await xlsx(['Code', 'Nom'], [['23001', 'Ahun']]), 'x.xlsx').expect(400);
    expect(noHeader.body.message).toContain('Aucune ligne d’en-tête');
  });

  it('reads the file within the import limits: 413 naming the limit, on field fichier', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.post('/api/referentiel/densite').set(CSRF).attach('fichier', csv(['CODGEO;DENS;LIBDENS', `23001;5;${'x'.repeat(10_001)}`]), 'g.csv').expect(413);
    expect(res.body).toEqual({ statusCode: 413, code: 'IMPORT_FILE_TOO_LARGE', message: 'Une cellule dépasse 10 000 caractères (ligne 2, colonne C).', fields: { fichier: ['Une cellule dépasse 10 000 caractères (ligne 2, colonne C).'] } });
  });

  it('refuses a request without a file', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.post('/api/referentiel/densite').set(CSRF).field('autre', 'x').expect(400);
    expect(res.body.code).toBe('DENSITE_FILE_INVALID');
    expect(res.body.fields.fichier[0]).toContain('XLSX ou CSV');
  });

  it.each(['chef_de_projet', 'prefecture_instructeur', 'administrateur', 'partenaire'] as const)('is forbidden to a %s', async (role) => {
    const { agent } = await t.signIn(role);
    const [before] = await t.dataSource.query("SELECT densite FROM commune WHERE insee = '23001'");
    const res = await agent.post('/api/referentiel/densite').set(CSRF).attach('fichier', csv(['CODGEO;DENS', '23001;1']), 'g.csv').expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    const [row] = await t.dataSource.query("SELECT densite FROM commune WHERE insee = '23001'");
    expect(row.densite).toBe(before.densite);
  });

  it('is refused without a session', async () => {
    await t.http().post('/api/referentiel/densite').set(CSRF).attach('fichier', csv(['CODGEO;DENS']), 'g.csv').expect(401);
  });
});
