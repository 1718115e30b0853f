import { CSRF, useTestApp } from '../test/test-app';

const csv = (lines: string[]) => Buffer.from(lines.join('\n'), 'utf8');

describe('INSEE density grid import', () => {
  const t = useTestApp();

  it('sets levels, reports bad lines one by one, and changes nothing the second time', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const file = csv(['CODGEO;LIBGEO;DENS', '23001;Ahun;5', '1004;Ambérieu-en-Bugey;3', '23999;Inconnue;5', '23002;Ajain;9', '23001;Ahun;5', ';;']);
    const first = await agent.post('/api/referentiel/densite').set(CSRF).attach('fichier', file, 'grille.csv').expect(201);
    expect(first.body).toMatchObject({ totalLines: 6, updated: 2, unchanged: 0, rejected: 4 });
    expect(first.body.lines.map((l: { line: number }) => l.line)).toEqual([4, 5, 6, 7]);
    expect(first.body.lines[0].message).toContain('inconnu');
    expect(first.body.lines[1].message).toContain('1 à 7');
    const second = await agent.post('/api/referentiel/densite').set(CSRF).attach('fichier', file, 'grille.csv').expect(201);
    expect(second.body).toMatchObject({ updated: 0, unchanged: 2, rejected: 4 });
    const detail = await agent.get('/api/communes/23001').expect(200);
    expect(detail.body.densite).toEqual({ niveau: 5, libelle: 'Bourgs ruraux' });
    const [audit] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'referentiel.densite.import'`);
    expect(audit.n).toBe(1);
  });

  it('refuses a file without the expected columns, naming them', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.post('/api/referentiel/densite').set(CSRF).attach('fichier', csv(['a,b', '1,2']), 'x.csv').expect(400);
    expect(res.body).toMatchObject({ code: 'DENSITE_FILE_INVALID', message: expect.stringContaining('CODGEO') });
  });

  it('refuses a request without a file', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.post('/api/referentiel/densite').set(CSRF).field('autre', 'x').expect(400);
    expect(res.body.code).toBe('DENSITE_FILE_INVALID');
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
