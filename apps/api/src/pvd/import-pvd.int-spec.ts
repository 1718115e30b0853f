import { unnamedAuditedFields } from '../test/audit-coverage';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../core/config/config';
import { createPvd, CSRF, useTestApp } from '../test/test-app';

/** The real 2021 export (see ../shared/reference/data), with its real defects. */
const EXPORT_2021 = readFileSync(join(repoRoot(), 'tests/fixtures/pvd-communes-2021.csv'));
const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

describe('PVD list import', () => {
  const t = useTestApp();

  it('imports all 1,606 communes of the 2021 export, reports its defects and coverage, and changes nothing the second time', async () => {
    const { agent, user } = await t.signIn('anct_directeur');
    const first = await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', EXPORT_2021, 'pvd-communes-2021.csv').expect(201);
    expect(first.body).toMatchObject({
      fileName: 'pvd-communes-2021.csv',
      format: 'export-2021',
      importedBy: user.email,
      statut: 'applique',
      totalLines: 1607,
      created: 1606,
      updated: 0,
      unchanged: 0,
      rejected: 1,
    });
    const rejected = first.body.lines.filter((l: { status: string }) => l.status === 'rejected');
    expect(rejected).toEqual([expect.objectContaining({ line: 1516, reason: 'LIGNE_TEST', insee: '999999', message: expect.stringContaining('Trifouilly-les-Oies') })]);
    // The 585 lines without id_pvd are kept, each in its provisional PVD, with a warning.
    const agon = first.body.lines.find((l: { line: number }) => l.line === 3);
    expect(agon).toEqual({
      line: 3,
      status: 'accepted',
      insee: '50003',
      idPvd: 'PROV-50003',
      reason: null,
      message: null,
      warnings: [expect.stringContaining('PVD provisoire PROV-50003')],
    });
    expect(first.body.bilan).toMatchObject({ communesProgramme: 1606, provisoires: 585, deplacements: [], renommees: [], choix: [] });
    const regions = first.body.bilan.couverture.regions;
    expect(regions.presents.map((r: { nom: string }) => r.nom)).toEqual(expect.arrayContaining(['Bretagne', 'Normandie', 'Hauts-de-France', 'Occitanie']));
    expect(first.body.bilan.couverture.departements.absents.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['75']));
    // Communes renamed since 2021 are imported, with a warning.
    const warned = first.body.lines.filter((l: { status: string; warnings: string[] }) => l.status === 'accepted' && l.warnings.some((w) => w.startsWith('Nom')));
    expect(warned.map((l: { insee: string }) => l.insee)).toEqual(expect.arrayContaining(['33081', '71263']));

    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM pvd)::int AS pvds, (SELECT count(*) FROM pvd_commune)::int AS communes,
              (SELECT count(*) FROM pvd WHERE id_pvd LIKE 'PROV-%')::int AS provisoires,
              (SELECT count(*) FROM pvd_communes_au((now() AT TIME ZONE 'Europe/Paris')::date))::int AS today, -- the Paris day the import dated the periods
              (SELECT count(DISTINCT c.region_code) FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee)::int AS regions`,
    );
    expect(counts).toMatchObject({ communes: 1606, provisoires: 585, today: 1606 });
    expect(counts.regions).toBeGreaterThanOrEqual(13);
    const groups = await t.dataSource.query(
      `SELECT p.id_pvd, count(*)::int AS n FROM pvd p JOIN pvd_commune pc ON pc.pvd_id = p.id GROUP BY p.id_pvd HAVING count(*) > 1`,
    );
    expect(groups.length).toBeGreaterThan(10);
    expect(counts.pvds).toBe(1606 - groups.reduce((sum: number, g: { n: number }) => sum + g.n - 1, 0));
    const [auditBefore] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_log');

    const second = await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', EXPORT_2021, 'pvd-communes-2021.csv').expect(201);
    expect(second.body).toMatchObject({ totalLines: 1607, created: 0, updated: 0, unchanged: 1606, rejected: 1 });
    const [auditAfter] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_log');
    expect(auditAfter.n).toBe(auditBefore.n);
    const [periods] = await t.dataSource.query('SELECT count(*)::int AS n FROM pvd_commune_periode');
    expect(periods.n).toBe(1606);

    const detail = await agent.get('/api/communes/47004').expect(200); // Aiguillon, in a group of three
    expect(detail.body.pvd).toMatchObject({ idPvd: 'pvd-75-47-1' });
    expect(detail.body.pvd.communes).toHaveLength(3);

    const list = await agent.get('/api/pvd/imports').expect(200);
    expect(list.body.slice(0, 2).map((i: { id: string }) => i.id)).toEqual([second.body.id, first.body.id]);
    expect(list.body[0]).not.toHaveProperty('lines');
    const one = await agent.get(`/api/pvd/imports/${first.body.id}`).expect(200);
    expect(one.body.lines).toHaveLength(first.body.lines.length);
    expect(one.body.bilan.provisoires).toBe(585);
  });

  it('reads Ciel (71131), merged with no commune déléguée, as Verdun-Ciel, naming the successor', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent
      .post('/api/pvd/imports')
      .set(CSRF)
      .attach('fichier', csv(['insee_com,lib_com,id_pvd,date_signature', '71131,Ciel,pvd-ciel-1,2021-06-01']), 'ciel.csv')
      .expect(201);
    expect(res.body).toMatchObject({ rejected: 0 }); // Verdun-Ciel may already be a member (the 2021 list above)
    expect(res.body.lines[0]).toMatchObject({ status: 'accepted', insee: '71566', warnings: [expect.stringContaining('Ciel fait désormais partie de Verdun-Ciel (71566)')] });
    const verdun = await agent.get('/api/communes/71566').expect(200);
    expect(verdun.body.pvd).toMatchObject({ idPvd: 'pvd-ciel-1' });
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
    // Membership starts on the convention d'adhésion's signature day.
    const periods = await t.dataSource.query(`SELECT commune_insee, debut::text, fin, motif_debut FROM pvd_commune_periode WHERE commune_insee IN ('2A004', '2B033') ORDER BY 1`);
    expect(periods).toEqual([
      { commune_insee: '2A004', debut: '2021-04-15', fin: null, motif_debut: 'selection' },
      { commune_insee: '2B033', debut: '2021-07-01', fin: null, motif_debut: 'selection' },
    ]);
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

  it('names every field its audit writers stored', async () => {
    expect(await unnamedAuditedFields(t.dataSource)).toEqual([]);
  });
});

describe('PVD membership over time', () => {
  const t = useTestApp();
  const [A, B, C] = ['19001', '19002', '19003'];
  /** Who is a member on a day, and of which PVD (by id_pvd today). */
  const membersOn = async (day: string) =>
    Object.fromEntries(
      (
        await t.dataSource.query(
          `SELECT m.commune_insee, p.id_pvd FROM pvd_communes_au($1::date) m JOIN pvd p ON p.id = m.pvd_id WHERE m.commune_insee = ANY($2) ORDER BY 1`,
          [day, [A, B, C]],
        )
      ).map((r: { commune_insee: string; id_pvd: string }) => [r.commune_insee, r.id_pvd]),
    );

  it('answers "PVD communes on day D" before and after a binôme split and a withdrawal, keeping the dossier with its holder', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const selection = csv(['insee_com,lib_com,id_pvd,date_signature', `${A},Affieux,pvd-bin-1,`, `${B},Aix,pvd-bin-1,`, `${C},Albignac,pvd-solo-1,`]);
    await agent.post('/api/pvd/imports').set(CSRF).field('dateEffet', '2021-03-01').attach('fichier', selection, 'selection.csv').expect(201);
    const [bin] = await t.dataSource.query(`SELECT id, date_selection::text FROM pvd WHERE id_pvd = 'pvd-bin-1'`);
    expect(bin.date_selection).toBe('2021-03-01');
    // The binôme's dossier: a contact, and the chef de projet employed by Aix (B), who holds it.
    await t.dataSource.query(`INSERT INTO pvd_contact (pvd_id, fonction, nom) VALUES ($1, 'elu_referent', 'Élu du binôme')`, [bin.id]);
    await t.dataSource.query(`INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code) VALUES ($1, 'Chef de projet', 'commune', $2)`, [bin.id, B]);

    const split = csv(['insee_com,lib_com,id_pvd,date_signature', `${A},Affieux,pvd-split-a,`, `${B},Aix,pvd-split-b,`]);
    const preview = await agent.post('/api/pvd/imports/apercu').set(CSRF).field('dateEffet', '2023-01-01').attach('fichier', split, 'split.csv').expect(201);
    expect(preview.body).toMatchObject({ statut: 'apercu', dateEffet: '2023-01-01', fichierHash: expect.stringMatching(/^[0-9a-f]{64}$/), created: 0, updated: 1, unchanged: 1 });
    expect(preview.body.bilan.choix).toEqual([{ idPvd: 'pvd-bin-1', options: ['pvd-split-a', 'pvd-split-b'], propose: 'pvd-split-b', retenu: 'pvd-split-b' }]);
    expect(preview.body.bilan.deplacements).toEqual([{ insee: A, nom: 'Affieux', depuis: 'pvd-bin-1', vers: 'pvd-split-a' }]);
    expect(await membersOn('2023-06-01')).toEqual({ [A]: 'pvd-bin-1', [B]: 'pvd-bin-1', [C]: 'pvd-solo-1' }); // nothing applied yet

    const bad = await agent.post(`/api/pvd/imports/${preview.body.id}/confirmation`).set(CSRF).send({ choix: { 'pvd-bin-1': 'pvd-ailleurs' } }).expect(400);
    expect(bad.body.fields.choix[0]).toContain('pvd-ailleurs');
    const confirmed = await agent.post(`/api/pvd/imports/${preview.body.id}/confirmation`).set(CSRF).send({}).expect(200);
    expect(confirmed.body).toMatchObject({ statut: 'applique', updated: 1 });
    const [auditBefore] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_log');
    const again = await agent.post(`/api/pvd/imports/${preview.body.id}/confirmation`).set(CSRF).send({}).expect(200);
    expect(again.body).toMatchObject({ id: preview.body.id, statut: 'applique', updated: 1 });
    const [auditAfter] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_log');
    expect(auditAfter.n).toBe(auditBefore.n);

    // The record holding the dossier is kept, renamed; Affieux moved to a new PVD.
    const [kept] = await t.dataSource.query(`SELECT id, id_pvd FROM pvd WHERE id = $1`, [bin.id]);
    expect(kept.id_pvd).toBe('pvd-split-b');
    const [orphans] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pvd p WHERE NOT EXISTS (SELECT 1 FROM pvd_commune pc WHERE pc.pvd_id = p.id)
          AND (EXISTS (SELECT 1 FROM pvd_contact x WHERE x.pvd_id = p.id) OR EXISTS (SELECT 1 FROM poste x WHERE x.pvd_id = p.id))`,
    );
    expect(orphans.n).toBe(0);

    const [solo] = await t.dataSource.query(`SELECT id FROM pvd WHERE id_pvd = 'pvd-solo-1'`);
    const refused = await agent.post(`/api/pvd/${solo.id}/communes/${C}/retrait`).set(CSRF).send({ date: '2020-01-01', motif: 'Délibération' }).expect(400);
    expect(refused.body.fields.date[0]).toContain('2021-03-01');
    const missing = await agent.post(`/api/pvd/${solo.id}/communes/${C}/retrait`).set(CSRF).send({ date: '2024-06-30' }).expect(400);
    expect(missing.body.fields).toHaveProperty('motif');
    const withdrawn = await agent
      .post(`/api/pvd/${solo.id}/communes/${C}/retrait`)
      .set(CSRF)
      .send({ date: '2024-06-30', motif: 'Délibération du conseil municipal' })
      .expect(200);
    expect(withdrawn.body).toEqual([
      expect.objectContaining({ insee: C, debut: '2021-03-01', fin: '2024-06-30', motifDebut: 'selection', motifFin: 'retrait', commentaire: 'Délibération du conseil municipal', importDebut: 'selection.csv' }),
    ]);
    await agent.post(`/api/pvd/${solo.id}/communes/${C}/retrait`).set(CSRF).send({ date: '2024-07-01', motif: 'Encore' }).expect(409);
    const soloPvd = await agent.get(`/api/pvd/${solo.id}`).expect(200);
    expect(soloPvd.body).toMatchObject({ dateRetrait: '2024-06-30', provisoire: false });

    expect(await membersOn('2021-02-28')).toEqual({});
    expect(await membersOn('2021-03-01')).toEqual({ [A]: 'pvd-split-b', [B]: 'pvd-split-b', [C]: 'pvd-solo-1' });
    expect(await membersOn('2022-12-31')).toEqual({ [A]: 'pvd-split-b', [B]: 'pvd-split-b', [C]: 'pvd-solo-1' });
    expect(await membersOn('2023-01-01')).toEqual({ [A]: 'pvd-split-a', [B]: 'pvd-split-b', [C]: 'pvd-solo-1' });
    expect(await membersOn('2024-06-29')).toEqual({ [A]: 'pvd-split-a', [B]: 'pvd-split-b', [C]: 'pvd-solo-1' });
    expect(await membersOn('2024-06-30')).toEqual({ [A]: 'pvd-split-a', [B]: 'pvd-split-b' });

    const history = await agent.get(`/api/pvd/${bin.id}/adhesions`).expect(200);
    expect(history.body.map((h: { insee: string; debut: string; fin: string | null; motifFin: string | null }) => [h.insee, h.debut, h.fin, h.motifFin])).toEqual([
      [A, '2021-03-01', '2023-01-01', 'deplacement'],
      [B, '2021-03-01', null, null],
    ]);

    // A later file listing the withdrawn commune does not bring it back.
    const back = await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', csv(['insee_com,lib_com,id_pvd,date_signature', `${C},Albignac,pvd-solo-1,`]), 'back.csv').expect(201);
    expect(back.body.lines[0]).toMatchObject({ reason: 'COMMUNE_RETIREE', message: expect.stringContaining('2024-06-30') });
    expect(await membersOn('2025-01-01')).toEqual({ [A]: 'pvd-split-a', [B]: 'pvd-split-b' });
  });

  it('turns a provisional PVD into the real one when a later file gives its id_pvd, keeping its dossier', async () => {
    const { agent } = await t.signIn('anct_directeur');
    await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', csv(['insee_com,lib_com,id_pvd,date_signature', '19004,Albussac,,']), 'prov.csv').expect(201);
    const [prov] = await t.dataSource.query(`SELECT id FROM pvd WHERE id_pvd = 'PROV-19004'`);
    const page = await agent.get(`/api/pvd/${prov.id}`).expect(200);
    expect(page.body).toMatchObject({ idPvd: 'PROV-19004', provisoire: true });
    await t.dataSource.query(`INSERT INTO pvd_contact (pvd_id, fonction, nom) VALUES ($1, 'elu_referent', 'Élue')`, [prov.id]);
    const res = await agent.post('/api/pvd/imports').set(CSRF).attach('fichier', csv(['insee_com,lib_com,id_pvd,date_signature', '19004,Albussac,pvd-75-19-9,']), 'real.csv').expect(201);
    expect(res.body.bilan.renommees).toEqual([{ depuis: 'PROV-19004', vers: 'pvd-75-19-9' }]);
    const after = await agent.get(`/api/pvd/${prov.id}`).expect(200);
    expect(after.body).toMatchObject({ idPvd: 'pvd-75-19-9', provisoire: false });
  });

  it.each(['chef_de_projet', 'prefecture_instructeur', 'administrateur', 'partenaire'] as const)('refuses a withdrawal to a %s (403), who changes nothing', async (role) => {
    const pvd = await createPvd(t.dataSource, ['19005']);
    const { agent } = await t.signIn(role);
    const res = await agent.post(`/api/pvd/${pvd.id}/communes/19005/retrait`).set(CSRF).send({ motif: 'Essai' }).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    const [open] = await t.dataSource.query(`SELECT count(*)::int AS n FROM pvd_commune_periode WHERE commune_insee = '19005' AND fin IS NULL`);
    expect(open.n).toBe(1);
    await t.dataSource.query(`DELETE FROM pvd_commune_periode WHERE pvd_id = $1`, [pvd.id]);
    await t.dataSource.query(`DELETE FROM pvd WHERE id = $1`, [pvd.id]);
  });

  it('names every field its audit writers stored', async () => {
    expect(await unnamedAuditedFields(t.dataSource)).toEqual([]);
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

  it('reads the file within the import limits: 413 over a limit, 400 for a file that cannot be read, on field fichier', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const wide = Buffer.from(`insee_com,lib_com,id_pvd\n${Array.from({ length: 101 }, (_, i) => `c${i}`).join(',')}\n`);
    const over = await agent.post('/api/pvd/imports/apercu').set(CSRF).attach('fichier', wide, 'large.csv').expect(413);
    expect(over.body).toEqual({ statusCode: 413, code: 'IMPORT_FILE_TOO_LARGE', message: 'La ligne 2 dépasse 100 colonnes.', fields: { fichier: ['La ligne 2 dépasse 100 colonnes.'] } });
    const binary = await agent.post('/api/pvd/imports/apercu').set(CSRF).attach('fichier', Buffer.from([1, 0, 2, 0]), 'x.csv').expect(400);
    expect(binary.body).toMatchObject({ code: 'PVD_IMPORT_FORMAT_UNKNOWN', fields: { fichier: ['Le fichier n’est ni un CSV (texte) ni un classeur XLSX.'] } });
  });

  it('refuses a file sent under another field name', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.post('/api/pvd/imports').set(CSRF).attach('document', Buffer.from('a,b'), 'x.csv').expect(400);
    expect(res.body.message).toContain('« fichier »');
  });
});
