import type TestAgent from 'supertest/lib/agent';
import { CSRF, useTestApp } from '../test/test-app';
import { buildZip, sheetRows, xlsxParts } from '../test/xlsx-fixtures';
import { ImportsPartenairesService } from './imports-partenaires.service';

const HEADER = 'reference;dispositif;beneficiaire;projet;montant;statut;date_demande';

/** Polls an import until it is finished. */
async function finished(agent: TestAgent, id: string): Promise<Record<string, unknown> & { rejets: { total: number; items: unknown[] } }> {
  for (let i = 0; i < 600; i++) {
    const res = await agent.get(`/api/imports-partenaires/${id}`).expect(200);
    if (res.body.statut === 'termine' || res.body.statut === 'echoue') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import not finished');
}

describe('partner imports: bounded reading and a report of any size', () => {
  // Limits lowered so that hostile files stay small and fast to build.
  const t = useTestApp({ IMPORT_MAX_LINES: '20000', IMPORT_MAX_UNPACKED_MB: '2', IMPORT_MAX_SHARED_STRINGS_MB: '1' });

  async function bdtPartner() {
    const partner = await t.signIn('partenaire', { type: 'partenaire', nom: `Banque des Territoires (limites ${Math.random().toString(36).slice(2, 8)})` });
    await t.dataSource.query(`UPDATE financeur SET organisation_id = $1 WHERE code = 'banque_des_territoires'`, [partner.user.organisationId]);
    return partner;
  }

  const post = (agent: TestAgent, file: Buffer, name: string) => agent.post('/api/imports-partenaires').set(CSRF).field('type', 'financements').attach('fichier', file, name);

  it('refuses with 413, naming the limit, the files that blew the memory up, and records no import', async () => {
    const { agent, user } = await bdtPartner();
    const expectRefused = async (file: Buffer, name: string, message: string) => {
      const res = await post(agent, file, name).expect(413);
      expect(res.body).toEqual({ statusCode: 413, code: 'IMPORT_FILE_TOO_LARGE', message, fields: { fichier: [message] } });
    };
    // Too many rows: 20,001 one-cell lines (the 1,000,000-line workbook, scaled to the test's limits).
    await expectRefused(buildZip(xlsxParts(sheetRows([['reference'], ...Array.from({ length: 20_001 }, (_, i) => [`R-${i}`])]))), 'lignes.xlsx', 'Le fichier dépasse 20 000 lignes.');
    // Too big once unpacked, as the archive declares it: refused before unpacking.
    await expectRefused(buildZip(xlsxParts(Buffer.alloc(3 * 1024 * 1024, ' '))), 'gros.xlsx', 'Le classeur dépasse 2 Mo une fois décompressé (3 Mo).');
    // A zip bomb lying about its size: 30 MB of zeros declared as 1 KB.
    const bomb = xlsxParts(Buffer.alloc(30 * 1024 * 1024, '0'));
    bomb[bomb.length - 1].declaredSize = 1024;
    await expectRefused(buildZip(bomb), 'bombe.xlsx', 'Le classeur déclare 1 Ko pour « xl/worksheets/sheet1.xml » mais en contient davantage : archive refusée.');
    // One huge shared string (the 100 MB string, scaled): refused from the archive's directory, never read.
    await expectRefused(
      buildZip(xlsxParts('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', ['x'.repeat(1536 * 1024)])),
      'texte.xlsx',
      'Les textes du classeur dépassent 1 Mo une fois décompressés.',
    );
    // A cell too long, too many columns, too many lines in a CSV.
    await expectRefused(Buffer.from(`${HEADER}\nA;bdt_ingenierie;23001;Projet;10;demandé;\nB;bdt_ingenierie;23001;${'p'.repeat(10_001)};10;demandé;\n`), 'long.csv', 'Une cellule dépasse 10 000 caractères (ligne 3, colonne D).');
    await expectRefused(Buffer.from(`${HEADER}\n${Array.from({ length: 101 }, (_, i) => `c${i}`).join(';')}\n`), 'large.csv', 'La ligne 2 dépasse 100 colonnes.');
    await expectRefused(Buffer.from([HEADER, ...Array.from({ length: 20_001 }, (_, i) => `R-${i};x;23001;P;1;demandé;`)].join('\n')), 'lignes.csv', 'Le fichier dépasse 20 000 lignes.');
    await expectRefused(Buffer.from(`${HEADER}\nA;"${'q'.repeat(1_100_000)}`), 'guillemet.csv', 'Une cellule dépasse 10 000 caractères (ligne 2), ou un guillemet n’est pas refermé.');
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM import_partenaire WHERE organisation_id = $1', [user.organisationId])).toEqual([{ n: 0 }]);
    // A file within the limits still goes through.
    const ok = await post(agent, Buffer.from(`${HEADER}\nL-1;bdt_ingenierie;23001;Projet;10;demandé;01/01/2024\n`), 'ok.csv').expect(202);
    expect(await finished(agent, ok.body.id)).toMatchObject({ statut: 'termine', crees: 1 });
  });

  it('stores a report of any size, one row per reported line, and pages through it', async () => {
    const { agent } = await bdtPartner();
    // 15,000 lines, each with two errors, and one good line: 30,000 reported lines.
    const lines = Array.from({ length: 15_000 }, (_, i) => `E-${i};bdt_ingenierie;23001;Projet ${i};12,345;signé;01/01/2024`);
    const res = await post(agent, Buffer.from([HEADER, 'G-1;bdt_ingenierie;23001;Bon;10;demandé;01/01/2024', ...lines].join('\n')), 'erreurs.csv').expect(202);
    const report = await finished(agent, res.body.id);
    expect(report).toMatchObject({ statut: 'termine', totalLignes: 15_001, crees: 1, rejetes: 15_000, rejets: { total: 30_000, page: 1, pageSize: 50 } });
    // The import shows the file's first errors.
    expect(report.rejets.items).toHaveLength(50);
    expect(report.rejets.items[0]).toEqual({ ligne: 3, colonne: 'montant', motif: '« 12,345 » n’est pas un montant (exemple : 1 234,56).' });
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM import_partenaire_ligne WHERE import_id = $1', [res.body.id])).toEqual([{ n: 30_000 }]);

    const last = await agent.get(`/api/imports-partenaires/${res.body.id}/lignes?page=60&pageSize=500`).expect(200);
    expect(last.body).toMatchObject({ total: 30_000, page: 60, pageSize: 500 });
    expect(last.body.items).toHaveLength(500);
    expect(last.body.items[499]).toEqual({ nature: 'erreur', ligne: 15_002, colonne: 'statut', motif: '« signé » n’est pas un statut (demandé, engagé, contractualisé ou versé).', reference: null, champs: null });
    expect((await agent.get(`/api/imports-partenaires/${res.body.id}/lignes?page=61&pageSize=500`).expect(200)).body.items).toEqual([]);

    // Changes, through the same route.
    const again = await post(agent, Buffer.from(`${HEADER}\nG-1;bdt_ingenierie;23001;Bon;20;demandé;01/01/2024\n`), 'changement.csv').expect(202);
    await finished(agent, again.body.id);
    const changes = await agent.get(`/api/imports-partenaires/${again.body.id}/lignes?nature=changement`).expect(200);
    expect(changes.body).toEqual({
      items: [{ nature: 'changement', ligne: 2, colonne: null, motif: null, reference: 'G-1', champs: [{ champ: 'montant', avant: 1000, apres: 2000 }] }],
      total: 1,
      page: 1,
      pageSize: 50,
    });

    // Scoped like the import, bounded pages.
    const other = await t.signIn('partenaire', { type: 'partenaire', nom: 'Autre partenaire (limites)' });
    await other.agent.get(`/api/imports-partenaires/${res.body.id}/lignes`).expect(404);
    await (await t.signIn('chef_de_projet')).agent.get(`/api/imports-partenaires/${res.body.id}/lignes`).expect(403);
    const tooBig = await agent.get(`/api/imports-partenaires/${res.body.id}/lignes?pageSize=1000&nature=autre`).expect(400);
    expect(Object.keys(tooBig.body.fields).sort()).toEqual(['nature', 'pageSize']);
  });

  it('processes a recorded import from its file on its own (as a job would), and records a refused file as failed with the reason', async () => {
    const { user } = await bdtPartner();
    const service = t.app.get(ImportsPartenairesService);
    const record = async () =>
      (
        await t.dataSource.query(`INSERT INTO import_partenaire (type, organisation_id, nom_fichier, created_by) VALUES ('financements', $1, 'job.csv', $2) RETURNING id`, [
          user.organisationId,
          user.id,
        ])
      )[0].id as string;
    const good = await record();
    await service.processFile(good, Buffer.from(`${HEADER}\nJ-1;bdt_ingenierie;23001;Projet;10;demandé;01/01/2024\nJ-2;bdt_ingenierie;23001;Projet;x;demandé;\n`));
    expect(await t.dataSource.query('SELECT statut, total_lignes, crees, rejetes, rejets_total, erreur FROM import_partenaire WHERE id = $1', [good])).toEqual([
      { statut: 'termine', total_lignes: 2, crees: 1, rejetes: 1, rejets_total: 1, erreur: null },
    ]);
    const refused = await record();
    await service.processFile(refused, Buffer.from(`${HEADER}\nA;${'p'.repeat(10_001)}\n`));
    expect(await t.dataSource.query('SELECT statut, erreur FROM import_partenaire WHERE id = $1', [refused])).toEqual([
      { statut: 'echoue', erreur: 'Une cellule dépasse 10 000 caractères (ligne 2, colonne B).' },
    ]);
  });
});
