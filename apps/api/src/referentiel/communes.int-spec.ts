import { createPvd, useTestApp } from '../test/test-app';

describe('communes (référentiel read API)', () => {
  const t = useTestApp();

  it('requires a signed-in user', async () => {
    const res = await t.http().get('/api/communes?q=ahun').expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    await t.http().get('/api/communes/23001').expect(401);
  });

  it.each(['chef_de_projet', 'elu_lecteur', 'prefecture_instructeur', 'sgar_lecteur', 'anct_directeur', 'partenaire', 'administrateur'] as const)('lets a %s search', async (role) => {
    const { agent } = await t.signIn(role);
    const res = await agent.get('/api/communes?q=ahun').expect(200);
    expect(res.body.items[0]).toMatchObject({ insee: '23001', nom: 'Ahun', departementCode: '23', departementNom: 'Creuse' });
  });

  it('finds names without accents, case or hyphens, exact and prefix matches first', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.get('/api/communes').query({ q: 'SAINT ETIENNE', pageSize: 5 }).expect(200);
    expect(res.body.items[0]).toMatchObject({ insee: '42218', nom: 'Saint-Étienne' });
    expect(res.body.total).toBeGreaterThan(50);
    const apostrophe = await agent.get('/api/communes').query({ q: "aire-sur-l'adour" }).expect(200);
    expect(apostrophe.body.items.map((c: { insee: string }) => c.insee)).toContain('40001');
  });

  it('searches by INSEE code prefix, Corsica included', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const exact = await agent.get('/api/communes?q=23001').expect(200);
    expect(exact.body).toMatchObject({ total: 1, items: [{ insee: '23001' }] });
    const corsica = await agent.get('/api/communes?q=2a00&pageSize=100').expect(200);
    expect(corsica.body.items.length).toBeGreaterThan(0);
    expect(corsica.body.items.every((c: { insee: string }) => c.insee.startsWith('2A00'))).toBe(true);
  });

  it('paginates with a stable order and the total', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const p1 = await agent.get('/api/communes?q=saint&page=1&pageSize=10').expect(200);
    const p2 = await agent.get('/api/communes?q=saint&page=2&pageSize=10').expect(200);
    expect(p1.body.total).toBe(p2.body.total);
    expect(p1.body.items).toHaveLength(10);
    const ids = [...p1.body.items, ...p2.body.items].map((c: { insee: string }) => c.insee);
    expect(new Set(ids).size).toBe(20);
    const beyond = await agent.get('/api/communes?q=saint&page=9999&pageSize=10').expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: p1.body.total });
  });

  it('searches among one EPCI\'s member communes only', async () => {
    const { agent } = await t.signIn('chef_de_projet');
    const [{ epci_siren: epci }] = await t.dataSource.query(`SELECT epci_siren FROM commune WHERE insee = '23001'`);
    const members: { count: string }[] = await t.dataSource.query('SELECT count(*) FROM commune WHERE epci_siren = $1', [epci]);
    const all = await agent.get('/api/communes').query({ epci, pageSize: 100 }).expect(200);
    expect(all.body.total).toBe(Number(members[0].count));
    expect(all.body.items.map((c: { insee: string }) => c.insee)).toContain('23001');
    const named = await agent.get('/api/communes').query({ q: 'saint', epci, pageSize: 100, page: 1 }).expect(200);
    const national = await agent.get('/api/communes').query({ q: 'saint' }).expect(200);
    expect(named.body.total).toBeLessThan(national.body.total);
    const inside: { insee: string }[] = await t.dataSource.query('SELECT insee FROM commune WHERE epci_siren = $1', [epci]);
    const memberCodes = new Set(inside.map((r) => r.insee));
    expect(named.body.items.every((c: { insee: string }) => memberCodes.has(c.insee))).toBe(true);
    const beyond = await agent.get('/api/communes').query({ q: 'a', epci, page: 999 }).expect(200);
    expect(beyond.body.items).toEqual([]);
    const bad = await agent.get('/api/communes').query({ epci: '12' }).expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['epci']);
  });

  it('treats LIKE wildcards as text', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.get('/api/communes').query({ q: '%' }).expect(200);
    expect(res.body.total).toBe(0);
  });

  it('refuses bad paging values field by field', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.get('/api/communes?page=0&pageSize=1000&sort=nom').expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(Object.keys(res.body.fields).sort()).toEqual(['page', 'pageSize', 'sort']);
  });

  it('shows one commune with its département, région, EPCI and PVD', async () => {
    const { agent } = await t.signIn('chef_de_projet');
    const pvd = await createPvd(t.dataSource, ['23001', '23002'], { dateConventionAdhesion: '2021-06-30' });
    const res = await agent.get('/api/communes/23001').expect(200);
    expect(res.body).toMatchObject({
      insee: '23001',
      nom: 'Ahun',
      siren: '212300107',
      departement: { code: '23', nom: 'Creuse' },
      region: { code: '75', nom: 'Nouvelle-Aquitaine' },
      epci: { siren: expect.stringMatching(/^\d{9}$/), type: 'CC' },
      densite: { niveau: 5, libelle: 'Bourgs ruraux' }, // INSEE's 2024 grid, shipped and loaded at start
      pvd: { id: pvd.id, idPvd: pvd.idPvd, dateConventionAdhesion: '2021-06-30' },
    });
    expect(res.body.pvd.communes.map((c: { insee: string }) => c.insee).sort()).toEqual(['23001', '23002']);
    const search = await agent.get('/api/communes?q=23001').expect(200);
    expect(search.body.items[0].pvd).toEqual({ id: pvd.id, idPvd: pvd.idPvd });
  });

  it('says when a commune is not in the programme', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.get('/api/communes/75056').expect(200);
    expect(res.body).toMatchObject({ nom: 'Paris', pvd: null });
  });

  it('answers 404 for an unknown or malformed code', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const unknown = await agent.get('/api/communes/23999').expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'COMMUNE_NOT_FOUND' });
    await agent.get('/api/communes/abc').expect(404);
  });
});
