import { MIGRATIONS } from '@suivi-pvd/migrations';
import { readCsv, readXlsx } from '../test/export-reader';
import { createPvd, CSRF, useTestApp } from '../test/test-app';

interface Entry {
  id: string;
  at: string;
  pvdId: string;
  dossier: string;
  departementCode: string | null;
  type: string;
  typeLibelle: string;
  auteur: string;
  actionLibelle: string;
  objet: string;
}
interface Page {
  items: Entry[];
  suivant: string | null;
  personnes: { id: string; nom: string }[];
}

/**
 * The activity feeds with known answers: four dossiers in three départements of two régions
 * (Ahun and Ajain in the Creuse, one in the Haute-Vienne, both Nouvelle-Aquitaine; Altkirch in the
 * Haut-Rhin, Grand Est), entries written straight into the log (the trigger stores their
 * territory) by two people on known days.
 */
describe('activity feeds', () => {
  const t = useTestApp();
  const pvd: Record<'ahun' | 'ajain' | 'hauteVienne' | 'altkirch', string> = { ahun: '', ajain: '', hauteVienne: '', altkirch: '' };
  let alice: string;
  let bruno: string;
  let hvInsee: string;

  /** Every entry of a feed, walking its cursor pages of `size`. */
  async function walk(agent: { get(url: string): { expect(status: number): Promise<{ body: Page }> } }, url: string, size: number): Promise<Entry[]> {
    const all: Entry[] = [];
    let avant: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const sep = url.includes('?') ? '&' : '?';
      const page: Page = (await agent.get(`${url}${sep}pageSize=${size}${avant ? `&avant=${avant}` : ''}`).expect(200)).body;
      all.push(...page.items);
      if (!page.suivant) return all;
      avant = page.suivant;
    }
    throw new Error('too many pages');
  }

  beforeAll(async () => {
    [{ insee: hvInsee }] = await t.dataSource.query(`SELECT insee FROM commune WHERE departement_code = '87' ORDER BY population DESC NULLS LAST LIMIT 1`);
    pvd.ahun = (await createPvd(t.dataSource, ['23001'])).id;
    pvd.ajain = (await createPvd(t.dataSource, ['23002'])).id;
    pvd.hauteVienne = (await createPvd(t.dataSource, [hvInsee])).id;
    pvd.altkirch = (await createPvd(t.dataSource, ['68004'])).id;
    const users = await t.dataSource.query(
      `INSERT INTO app_user (email, display_name) VALUES ('alice@activite.test', 'Alice Martin'), ('bruno@activite.test', 'Bruno Petit') RETURNING id`,
    );
    [alice, bruno] = users.map((u: { id: string }) => u.id);
    // Per dossier: a convention by Alice on 31 March at 23:30 in Paris (21:30 UTC), a post by Bruno on 1 April
    // at 00:30 in Paris (31 March, 22:30 UTC), a mission by Alice on 15 April; and a security entry naming the dossier.
    for (const id of Object.values(pvd)) {
      await t.dataSource.query(
        `INSERT INTO audit_log (at, actor_id, actor_label, action, entity_type, entity_id, before, after, pvd_id) VALUES
           ('2026-03-31T21:30:00Z', $2, 'alice@activite.test', 'convention.creee', 'convention', gen_random_uuid()::text, NULL, '{"type":"cadre","etat":"brouillon"}', $1),
           ('2026-03-31T22:30:00Z', $3, 'bruno@activite.test', 'poste.cree', 'poste', gen_random_uuid()::text, NULL, '{"intitule":"Chef de projet"}', $1),
           ('2026-04-15T08:00:00Z', $2, 'alice@activite.test', 'mission.creee', 'mission', gen_random_uuid()::text, NULL, '{"intitule":"Étude de centralité"}', $1),
           ('2026-04-16T08:00:00Z', $2, 'alice@activite.test', 'compte.role', 'user', $2::text, NULL, '{"role":"chef_de_projet"}', $1)`,
        [id, alice, bruno],
      );
    }
  });

  it('stores the département and région of each dossier entry at write time, the application’s writes included', async () => {
    const rows = await t.dataSource.query(`SELECT DISTINCT pvd_id, departement_code, region_code FROM audit_log WHERE pvd_id = ANY($1::uuid[])`, [Object.values(pvd)]);
    const byPvd = Object.fromEntries(rows.map((r: { pvd_id: string; departement_code: string; region_code: string }) => [r.pvd_id, `${r.departement_code}/${r.region_code}`]));
    expect(byPvd).toEqual({ [pvd.ahun]: '23/75', [pvd.ajain]: '23/75', [pvd.hauteVienne]: '87/75', [pvd.altkirch]: '68/44' });
    // Through the application (the audit service): a contact saved by the chef de projet of Ahun.
    const chef = (await t.signIn('chef_de_projet')).agent;
    await chef.put(`/api/pvd/${pvd.ahun}/contacts/elu_referent`).set(CSRF).send({ version: 0, nom: 'Jean Moreau' }).expect(200);
    const [contact] = await t.dataSource.query(`SELECT departement_code, region_code FROM audit_log WHERE entity_type = 'pvd_contact' AND pvd_id = $1`, [pvd.ahun]);
    expect(contact).toEqual({ departement_code: '23', region_code: '75' });
    const feed: Page = (await chef.get(`/api/pvd/${pvd.ahun}/activite`).expect(200)).body;
    expect(feed.items[0]).toMatchObject({ type: 'pvd_contact', typeLibelle: 'Contacts du dossier', objet: 'Contact : Élu référent', auteur: expect.stringContaining('Test chef_de_projet') });
  });

  it('shows a préfecture its département’s dossiers only, in words, never a security entry', async () => {
    const prefecture = (await t.signIn('prefecture_instructeur')).agent; // Creuse
    const items = await walk(prefecture, '/api/activite', 200);
    const dossiers = new Set(items.map((e) => e.pvdId));
    expect(dossiers).toEqual(new Set([pvd.ahun, pvd.ajain]));
    expect(items.every((e) => e.departementCode === '23')).toBe(true);
    expect(items.some((e) => e.type === 'user')).toBe(false);
    expect(items.filter((e) => e.pvdId === pvd.ajain)).toEqual([
      expect.objectContaining({ type: 'mission', typeLibelle: 'Missions', auteur: 'Alice Martin (alice@activite.test)', dossier: 'Ajain', objet: 'Mission « Étude de centralité »' }),
      expect.objectContaining({ type: 'poste', auteur: 'Bruno Petit (bruno@activite.test)' }),
      expect.objectContaining({ type: 'convention', objet: 'Convention-cadre' }),
    ]);
    // Asking for another département gives nothing of it.
    expect((await prefecture.get('/api/activite?departement=68').expect(200)).body.items).toEqual([]);
    // Another territory's dossier does not exist for it.
    await prefecture.get(`/api/pvd/${pvd.altkirch}/activite`).expect(404);
    const haut = (await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: '68' })).agent;
    expect(new Set((await walk(haut, '/api/activite', 200)).map((e) => e.pvdId))).toEqual(new Set([pvd.altkirch]));
  });

  it('shows a SGAR its région, narrowed to a département on demand; the ANCT the country; a chef de projet their dossier; refuses partners', async () => {
    const sgar = (await t.signIn('sgar_lecteur')).agent; // Nouvelle-Aquitaine
    expect(new Set((await walk(sgar, '/api/activite', 200)).map((e) => e.pvdId))).toEqual(new Set([pvd.ahun, pvd.ajain, pvd.hauteVienne]));
    expect(new Set((await walk(sgar, '/api/activite?departement=87', 200)).map((e) => e.pvdId))).toEqual(new Set([pvd.hauteVienne]));
    expect((await sgar.get('/api/activite?region=44').expect(200)).body.items).toEqual([]);
    const anct = (await t.signIn('anct_directeur')).agent;
    expect(new Set((await walk(anct, '/api/activite', 200)).map((e) => e.pvdId))).toEqual(new Set(Object.values(pvd)));
    expect(new Set((await walk(anct, '/api/activite?region=44', 200)).map((e) => e.pvdId))).toEqual(new Set([pvd.altkirch]));
    const chef = (await t.signIn('chef_de_projet')).agent; // Ahun
    expect(new Set((await walk(chef, '/api/activite', 200)).map((e) => e.pvdId))).toEqual(new Set([pvd.ahun]));
    const partenaire = (await t.signIn('partenaire')).agent;
    await partenaire.get('/api/activite').expect(403);
    await partenaire.get(`/api/pvd/${pvd.ahun}/activite`).expect(403);
  });

  it('filters by kind, person and calendar days in Paris, and names a bad filter', async () => {
    const prefecture = (await t.signIn('prefecture_instructeur')).agent;
    const ids = async (query: string) => (await walk(prefecture, `/api/activite?${query}`, 200)).map((e) => `${e.dossier}:${e.type}`).sort();
    expect(await ids('type=poste')).toEqual(['Ahun:poste', 'Ajain:poste']);
    expect(await ids(`personne=${bruno}`)).toEqual(['Ahun:poste', 'Ajain:poste']);
    // Bruno's post was written at 00:30 on 1 April in Paris (22:30 UTC the day before); Alice's convention at 23:30 on 31 March.
    expect(await ids('du=2026-04-01&au=2026-04-01')).toEqual(['Ahun:poste', 'Ajain:poste']);
    expect(await ids('au=2026-03-31')).toEqual(['Ahun:convention', 'Ajain:convention']);
    expect(await ids(`du=2026-04-02&personne=${alice}&type=mission`)).toEqual(['Ahun:mission', 'Ajain:mission']);
    const page: Page = (await prefecture.get('/api/activite').expect(200)).body;
    expect(page.personnes.map((p) => p.nom)).toEqual(expect.arrayContaining(['Alice Martin (alice@activite.test)', 'Bruno Petit (bruno@activite.test)']));

    // The calendar's ends are days like any other.
    expect(await ids('du=1900-01-01&au=9999-12-31')).toEqual(await ids(''));
    const inverted = await prefecture.get('/api/activite?du=2026-04-02&au=2026-04-01').expect(400);
    expect(Object.keys(inverted.body.fields)).toEqual(['au']);
    const bad = await prefecture.get('/api/activite?type=user&personne=x&du=2026-02-30&avant=abc&pageSize=500').expect(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['avant', 'du', 'pageSize', 'personne', 'type']);
  });

  it('pages by cursor: every entry once, in order, and a page does not move when newer entries arrive', async () => {
    const anct = (await t.signIn('anct_directeur')).agent;
    const whole = await walk(anct, '/api/activite', 200);
    const paged = await walk(anct, '/api/activite', 2);
    expect(paged.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    expect(new Set(paged.map((e) => e.id)).size).toBe(paged.length);
    const first: Page = (await anct.get('/api/activite?pageSize=3').expect(200)).body;
    const second: Page = (await anct.get(`/api/activite?pageSize=3&avant=${first.suivant}`).expect(200)).body;
    await t.dataSource.query(
      `INSERT INTO audit_log (actor_id, actor_label, action, entity_type, entity_id, after, pvd_id) VALUES ($1, 'alice@activite.test', 'mission.modifiee', 'mission', gen_random_uuid()::text, '{}', $2)`,
      [alice, pvd.altkirch],
    );
    expect((await anct.get(`/api/activite?pageSize=3&avant=${first.suivant}`).expect(200)).body.items).toEqual(second.items);
    expect((await anct.get('/api/activite?pageSize=3').expect(200)).body.items[0].type).toBe('mission');
  });

  it('exports the feed with the same scope, filters and columns, in CSV and XLSX', async () => {
    const prefecture = (await t.signIn('prefecture_instructeur')).agent;
    const csv = await readCsv(prefecture, `/api/activite/export?format=csv&personne=${bruno}`);
    expect(csv.header).toEqual(['Date', 'Dossier', 'Département', 'Type', 'Auteur', 'Action', 'Objet', 'Modifications']);
    expect(csv.rows.map((r) => `${r[1]}|${r[2]}|${r[3]}|${r[4]}`).sort()).toEqual([
      'Ahun|23|Postes|Bruno Petit (bruno@activite.test)',
      'Ajain|23|Postes|Bruno Petit (bruno@activite.test)',
    ]);
    // The instant in French time: 1 April, 00:30.
    expect(csv.rows[0][0]).toBe('2026-04-01 00:30:00');
    const sheet = await readXlsx(prefecture, '/api/activite/export?format=xlsx');
    expect(sheet.rowCount - 1).toBe((await walk(prefecture, '/api/activite', 200)).length);
    const dossier = await readCsv(prefecture, `/api/pvd/${pvd.ajain}/activite/export?format=csv`);
    expect(dossier.rows.map((r) => r[3])).toEqual(['Missions', 'Postes', 'Conventions']);
    await prefecture.get(`/api/pvd/${pvd.altkirch}/activite/export?format=csv`).expect(404);
  });
});

describe('activity feeds: the backfill of the entries written before the migration', () => {
  const t = useTestApp();

  it('gives each earlier entry of a dossier its département and région, and leaves the log append-only', async () => {
    const Migration = MIGRATIONS.find((m) => m.name === 'AuditTerritory1764100000050');
    if (!Migration) throw new Error('migration AuditTerritory1764100000050 missing');
    const migration = new Migration();
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const ahun = (await createPvd(t.dataSource, ['23001'])).id;
      await t.dataSource.query(
        `INSERT INTO audit_log (actor_label, action, entity_type, entity_id, pvd_id) VALUES ('avant', 'mission.creee', 'mission', 'm1', $1), ('avant', 'auth.connexion', 'user', 'u1', NULL)`,
        [ahun],
      );
      await runner.startTransaction();
      await migration.up(runner);
      await runner.commitTransaction();
      const rows = await t.dataSource.query(`SELECT entity_id, departement_code, region_code FROM audit_log WHERE actor_label = 'avant' ORDER BY entity_id`);
      expect(rows).toEqual([
        { entity_id: 'm1', departement_code: '23', region_code: '75' },
        { entity_id: 'u1', departement_code: null, region_code: null },
      ]);
      await expect(t.dataSource.query(`UPDATE audit_log SET action = 'changed' WHERE actor_label = 'avant'`)).rejects.toThrow(/append-only/);
    } finally {
      await runner.release();
    }
  });
});
