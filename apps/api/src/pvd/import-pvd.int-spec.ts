import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../core/config/config';
import { CSRF, useTestApp } from '../test/test-app';

/** The real 2021 export (see ../shared/reference/data), with its real defects. */
const EXPORT_2021 = readFileSync(join(repoRoot(), 'tests/fixtures/pvd-communes-2021.csv'));
const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

describe('PVD list import', () => {
  const t = useTestApp();

  it('imports the 2021 export, reports each rejected line with its reason, and changes nothing the second time', async () => {
    const { agent, user } = await t.signIn('anct_directeur');
    const first = await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', EXPORT_2021, 'pvd-communes-2021.csv').expect(201);
    expect(first.body).toMatchObject({
      fileName: 'pvd-communes-2021.csv',
      format: 'export-2021',
      importedBy: user.email,
      totalLines: 1607,
      created: 1021,
      updated: 0,
      unchanged: 0,
      rejected: 586,
    });
    const rejected = first.body.lines.filter((l: { status: string }) => l.status === 'rejected');
    expect(rejected).toHaveLength(586);
    const byReason: Record<string, number> = {};
    for (const l of rejected) byReason[l.reason] = (byReason[l.reason] ?? 0) + 1;
    expect(byReason).toEqual({ ID_PVD_MANQUANT: 585, LIGNE_TEST: 1 });
    expect(rejected.find((l: { reason: string }) => l.reason === 'LIGNE_TEST')).toMatchObject({
      line: 1516,
      insee: '999999',
      message: expect.stringContaining('Trifouilly-les-Oies'),
    });
    expect(rejected[0]).toEqual({
      line: 3,
      status: 'rejected',
      insee: '50003',
      idPvd: null,
      reason: 'ID_PVD_MANQUANT',
      message: 'Identifiant PVD (id_pvd) vide pour Agon-Coutainville.',
      warnings: [],
    });
    // Communes renamed since 2021 are imported, with a warning.
    const warned = first.body.lines.filter((l: { status: string }) => l.status === 'accepted');
    expect(warned.map((l: { insee: string }) => l.insee)).toEqual(expect.arrayContaining(['33081', '71263']));

    const [counts] = await t.dataSource.query(
      'SELECT (SELECT count(*) FROM pvd)::int AS pvds, (SELECT count(*) FROM pvd_commune)::int AS communes',
    );
    expect(counts.communes).toBe(1021);
    const groups = await t.dataSource.query(
      `SELECT p.id_pvd, count(*)::int AS n FROM pvd p JOIN pvd_commune pc ON pc.pvd_id = p.id GROUP BY p.id_pvd HAVING count(*) > 1`,
    );
    expect(groups.length).toBeGreaterThan(10);
    expect(counts.pvds).toBe(1021 - groups.reduce((sum: number, g: { n: number }) => sum + g.n - 1, 0));
    const [auditBefore] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_log');

    const second = await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', EXPORT_2021, 'pvd-communes-2021.csv').expect(201);
    expect(second.body).toMatchObject({ totalLines: 1607, created: 0, updated: 0, unchanged: 1021, rejected: 586 });
    const [auditAfter] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_log');
    expect(auditAfter.n).toBe(auditBefore.n);

    const detail = await agent.get('/api/communes/47004').expect(200); // Aiguillon, in a group of three
    expect(detail.body.pvd).toMatchObject({ idPvd: 'pvd-75-47-1' });
    expect(detail.body.pvd.communes).toHaveLength(3);

    const list = await agent.get('/api/pvd/imports').expect(200);
    expect(list.body.slice(0, 2).map((i: { id: string }) => i.id)).toEqual([second.body.id, first.body.id]);
    expect(list.body[0]).not.toHaveProperty('lines');
    const one = await agent.get(`/api/pvd/imports/${first.body.id}`).expect(200);
    expect(one.body.lines).toHaveLength(first.body.lines.length);
  });

  it('reads the data.gouv.fr list with its signature dates, and records each change in the audit log', async () => {
    const { agent, user } = await t.signIn('anct_directeur');
    const file = csv([
      'insee_com;lib_com;id_pvd;date_signature',
      '2A004;Ajaccio;pvd-dg-2a-1;15/04/2021',
      '2B033;Bastia;pvd-dg-2b-1;2021-07-01',
      '2A004;Ajaccio;pvd-dg-2a-1;15/04/2021',
      '2B033;Bastia;pvd-dg-2b-1;',
      '23001;Ahun;NA;',
    ]);
    const res = await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', file, 'pvd-data-gouv.csv').expect(201);
    expect(res.body).toMatchObject({ format: 'officiel', totalLines: 5, rejected: 3 });
    expect(res.body.lines.map((l: { line: number; reason: string }) => [l.line, l.reason])).toEqual([
      [4, 'DOUBLON'],
      [5, 'DOUBLON'],
      [6, 'VALEUR_NA'],
    ]);
    const ajaccio = await agent.get('/api/communes/2A004').expect(200);
    expect(ajaccio.body.pvd).toMatchObject({ idPvd: 'pvd-dg-2a-1', dateConventionAdhesion: '2021-04-15' });
    const audit = await t.dataSource.query(
      `SELECT actor_label, action, after FROM audit_log WHERE actor_id = $1 AND entity_type = 'pvd' ORDER BY id`,
      [user.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['pvd.create', 'pvd.create', 'pvd.commune.add', 'pvd.commune.add']);
    expect(audit[0]).toMatchObject({ actor_label: user.email, after: { idPvd: 'pvd-dg-2a-1', dateConventionAdhesion: '2021-04-15' } });
  });

  it('moves a commune to the PVD the new file gives, and updates a date, as changes', async () => {
    const { agent } = await t.signIn('anct_directeur');
    await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', csv(['insee_com,lib_com,id_pvd,date_signature', '81003,Alban,pvd-move-a,']), 'a.csv').expect(201);
    const res = await agent
      .post('/api/pvd/imports')
      .set(CSRF)
      .attach('fichier', csv(['insee_com,lib_com,id_pvd,date_signature', '81003,Alban,pvd-move-b,2022-01-10']), 'b.csv')
      .expect(201);
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const alban = await agent.get('/api/communes/81003').expect(200);
    expect(alban.body.pvd).toMatchObject({ idPvd: 'pvd-move-b', dateConventionAdhesion: '2022-01-10' });
    // A later file without the date keeps the known one.
    const again = await agent
      .post('/api/pvd/imports')
      .set(CSRF)
      .attach('fichier', csv(['insee_com,lib_com,id_pvd,date_signature', '81003,Alban,pvd-move-b,']), 'c.csv')
      .expect(201);
    expect(again.body).toMatchObject({ updated: 0, unchanged: 1 });
  });

  it('names the expected columns when the format is unknown, and imports nothing', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', csv(['code,nom', '23001,Ahun']), 'x.csv').expect(400);
    expect(res.body).toMatchObject({ code: 'PVD_IMPORT_FORMAT_UNKNOWN', message: expect.stringContaining('insee_com, lib_com, id_pvd, date_signature') });
  });

  it('refuses a binary file and a missing file with a clear message', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const binary = await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), 'x.csv').expect(400);
    expect(binary.body.message).toContain('CSV');
    const missing = await agent.post('/api/pvd/imports').set(CSRF).expect(400);
    expect(missing.body).toMatchObject({ code: 'PVD_IMPORT_FILE_MISSING', fields: { fichier: [expect.any(String)] } });
  });

  it('reads a Windows-1252 file exported by a spreadsheet', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const latin1 = Buffer.from('insee_com;lib_com;id_pvd;date_signature\r\n16005;Aigre é;pvd-latin-1;\r\n', 'latin1');
    const res = await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', latin1, 'latin.csv').expect(201);
    expect(res.body.lines[0].warnings[0]).toContain('« Aigre é »');
  });

  it.each(['chef_de_projet', 'prefecture_instructeur', 'administrateur', 'partenaire'] as const)('is forbidden to a %s, who changes nothing', async (role) => {
    const { agent } = await t.signIn(role);
    const [before] = await t.dataSource.query('SELECT count(*)::int AS n FROM pvd_import');
    const file = csv(['insee_com,lib_com,id_pvd,date_signature', '23001,Ahun,pvd-forbidden,']);
    const res = await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', file, 'f.csv').expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    await agent.get('/api/pvd/imports').expect(403);
    const [after] = await t.dataSource.query('SELECT count(*)::int AS n FROM pvd_import');
    expect(after.n).toBe(before.n);
  });

  it('is refused without a session or without the CSRF header', async () => {
    const file = csv(['insee_com,lib_com,id_pvd,date_signature']);
    await t.http().post('/api/pvd/imports').set(CSRF).attach('fichier', file, 'f.csv').expect(401);
    const { agent } = await t.signIn('anct_directeur');
    await agent.post('/api/pvd/imports').attach('fichier', file, 'f.csv').expect(403);
  });

  it('answers 404 for an unknown import', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.get('/api/pvd/imports/5b0c2f8e-5d2a-4f4e-9b1a-2f1e1d0c9a8b').expect(404);
    expect(res.body.code).toBe('PVD_IMPORT_NOT_FOUND');
  });
});

describe('PVD list import limits', () => {
  const t = useTestApp({ MAX_UPLOAD_MB: '1' });

  it('refuses a file over MAX_UPLOAD_MB with 413 and the one error body', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    const res = await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', big, 'big.csv').expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a file sent under another field name', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.post('/api/pvd/imports').set(CSRF).attach('document', Buffer.from('a,b'), 'x.csv').expect(400);
    expect(res.body.message).toContain('« fichier »');
  });
});
