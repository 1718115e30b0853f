import { DONNEES_PVD_COLONNES } from '@suivi-pvd/domain';
import { todayInFrance } from '../core/time/today';
import { completeConvention, createConvention, createPvd, CSRF, useTestApp } from '../test/test-app';
import { PublicService } from './public.service';

/** The exact keys of a public figure: nothing of the records behind it. */
const FIGURE_KEYS = ['dateDonnees', 'definition', 'disponible', 'id', 'libelle', 'parts', 'secondaires', 'section', 'unite', 'valeur'];
const PVD_KEYS = ['communes', 'conventionCadre', 'date', 'dateEntree', 'dateSignatureConventionAdhesion', 'departement', 'epci', 'id', 'idPvd', 'indicateurs', 'nom', 'ort', 'region'];
const keys = (o: object) => Object.keys(o).sort();

describe('public pages and open data', () => {
  const t = useTestApp();

  async function makePublic(ids: string[]) {
    const anct = await t.signIn('anct_directeur');
    const current = await anct.agent.get('/api/indicateurs-publics').expect(200);
    return anct.agent.put('/api/indicateurs-publics').set(CSRF).send({ indicateurs: ids, version: current.body.version });
  }

  it('lets the ANCT choose the public figures: versioned, checked, audited', async () => {
    const anct = await t.signIn('anct_directeur');
    const before = await anct.agent.get('/api/indicateurs-publics').expect(200);
    expect(before.body.peutModifier).toBe(true);
    expect(before.body.items).toHaveLength(37);

    const saved = await anct.agent.put('/api/indicateurs-publics').set(CSRF).send({ indicateurs: ['T7', 'P1', 'P3'], version: before.body.version }).expect(200);
    expect(saved.body.version).toBe(before.body.version + 1);
    expect(saved.body.items.filter((i: { public: boolean }) => i.public).map((i: { id: string }) => i.id)).toEqual(['P1', 'P3', 'T7']);

    // A stale version: 409, nothing changed.
    const stale = await anct.agent.put('/api/indicateurs-publics').set(CSRF).send({ indicateurs: [], version: before.body.version }).expect(409);
    expect(stale.body.code).toBe('CONFLICT');
    const bad = await anct.agent.put('/api/indicateurs-publics').set(CSRF).send({ indicateurs: ['P1', 'Z9', 'P1'], version: saved.body.version }).expect(400);
    expect(bad.body.fields).toEqual({ 'indicateurs.1': ['Indicateur inconnu : Z9.'], 'indicateurs.2': ['L’indicateur P1 est en double.'] });

    const [audit] = await t.dataSource.query(`SELECT actor_label, before, after FROM audit_log WHERE action = 'indicateurs_publics.modifies' ORDER BY at DESC LIMIT 1`);
    expect(audit).toMatchObject({ before: { indicateurs: [] }, after: { indicateurs: ['P1', 'P3', 'T7'] } });

    // Others read the choice but may not change it.
    const prefecture = await t.signIn('prefecture_instructeur');
    expect((await prefecture.agent.get('/api/indicateurs-publics').expect(200)).body.peutModifier).toBe(false);
    await prefecture.agent.put('/api/indicateurs-publics').set(CSRF).send({ indicateurs: [], version: saved.body.version }).expect(403);
  });

  it('shows the national page without login: the public figures only, by département', async () => {
    await createPvd(t.dataSource, ['23004']);
    await makePublic(['P1', 'T7']).then((r) => expect(r.status).toBe(200));
    const res = await t.http().get('/api/public/programme').expect(200);
    expect(keys(res.body)).toEqual(['date', 'indicateurs', 'nombrePvd']);
    expect(res.body.date).toBe(todayInFrance());
    expect(res.body.nombrePvd).toBeGreaterThanOrEqual(1);
    expect(res.body.indicateurs.map((i: { id: string }) => i.id)).toEqual(['P1', 'T7']);
    const p1 = res.body.indicateurs[0];
    expect(keys(p1)).toEqual([...FIGURE_KEYS, 'departements'].sort());
    expect(p1.valeur).toBeGreaterThanOrEqual(1);
    const creuse = p1.departements.find((d: { code: string }) => d.code === '23');
    expect(keys(creuse)).toEqual(['code', 'nom', 'part', 'valeur']);
    expect(creuse).toMatchObject({ nom: 'Creuse' });
    expect(res.headers['cache-control']).toContain('public');
  });

  it('shows a PVD’s public page: statuses and signature days, never what is not published', async () => {
    const pvd = await createPvd(t.dataSource, ['23001', '23002'], { dateConventionAdhesion: '2021-04-01' });
    await makePublic(['P1', 'P3']);
    // Private things around the PVD: a deposited convention-cadre (with its signatories), a
    // contact, a document, a message, an ORT still in preparation.
    const cadre = await createConvention(t.dataSource, pvd.id, { type: 'cadre', etat: 'deposee' });
    await completeConvention(t.dataSource, pvd.id, cadre.id, 'cadre');
    await t.dataSource.query(`INSERT INTO pvd_contact (pvd_id, fonction, nom, email) VALUES ($1, 'chef_de_projet', 'Personne Confidentielle', 'secret@test.invalid')`, [pvd.id]);
    await t.dataSource.query(`INSERT INTO document (pvd_id, convention_id, nature, titre) VALUES ($1, $2, 'piece', 'Titre confidentiel du document')`, [pvd.id, cadre.id]);
    await t.dataSource.query(
      `INSERT INTO discussion_message (item_type, item_id, pvd_id, auteur_label, texte) VALUES ('convention', $1, $2, 'Auteur Confidentiel', 'Message confidentiel')`,
      [cadre.id, pvd.id],
    );
    const [ort] = await t.dataSource.query(`INSERT INTO ort (libelle, statut) VALUES ('ORT en préparation', 'en_preparation') RETURNING id`);
    await t.dataSource.query(`INSERT INTO ort_commune (ort_id, commune_insee) VALUES ($1, '23001')`, [ort.id]);

    const res = await t.http().get(`/api/public/pvd/${pvd.idPvd}`).expect(200);
    expect(keys(res.body)).toEqual(PVD_KEYS);
    expect(res.body).toMatchObject({
      idPvd: pvd.idPvd,
      communes: [
        { insee: expect.any(String), nom: expect.any(String) },
        { insee: expect.any(String), nom: expect.any(String) },
      ],
      departement: { code: '23', nom: 'Creuse' },
      dateSignatureConventionAdhesion: '2021-04-01',
      conventionCadre: { statut: 'en_preparation', libelle: 'En préparation', dateSignature: null },
      ort: { enVigueur: false, dateSignature: null },
    });
    expect(keys(res.body.conventionCadre)).toEqual(['dateSignature', 'libelle', 'statut']);
    expect(res.body.communes.map((c: { insee: string }) => c.insee).sort()).toEqual(['23001', '23002']);
    for (const c of res.body.communes) expect(keys(c)).toEqual(['insee', 'nom']);
    expect(res.body.indicateurs.map((i: { id: string }) => i.id)).toEqual(['P1', 'P3']);
    for (const i of res.body.indicateurs) expect(keys(i)).toEqual(FIGURE_KEYS);
    expect(res.body.indicateurs[0].valeur).toBe(2);
    expect(res.body.indicateurs[1].valeur).toBe(0);
    const text = JSON.stringify(res.body);
    for (const secret of ['deposee', 'Marie Dupont', 'Personne Confidentielle', 'secret@test.invalid', 'Titre confidentiel', 'Message confidentiel', 'Auteur Confidentiel', 'ORT en préparation', 'Centre-bourg']) {
      expect(text).not.toContain(secret);
    }

    // Signed, and an ORT in force: both show with their day.
    await t.dataSource.query(`UPDATE convention SET etat = 'signee', date_signature = '2023-02-03' WHERE id = $1`, [cadre.id]);
    await t.dataSource.query(`UPDATE ort SET statut = 'signee', date_signature = '2023-05-06' WHERE id = $1`, [ort.id]);
    const signed = await t.http().get(`/api/public/pvd/${pvd.idPvd}`).expect(200);
    expect(signed.body.conventionCadre).toEqual({ statut: 'signee', libelle: 'Signée', dateSignature: '2023-02-03' });
    expect(signed.body.ort).toEqual({ enVigueur: true, dateSignature: '2023-05-06' });
    expect(signed.body.indicateurs[1].valeur).toBe(2);
  });

  it('answers 404 for an unknown or malformed id, and for a PVD no longer in the programme', async () => {
    for (const id of ['inconnu-404', 'a%20b', '%3Cscript%3E', 'x'.repeat(40)]) {
      const res = await t.http().get(`/api/public/pvd/${id}`).expect(404);
      expect(res.body.message).toBe('Page non trouvée.');
    }
    const gone = await createPvd(t.dataSource, ['23005']);
    await t.dataSource.query(`UPDATE pvd_commune_periode SET fin = '2022-01-01', motif_fin = 'retrait' WHERE pvd_id = $1`, [gone.id]);
    await t.http().get(`/api/public/pvd/${gone.idPvd}`).expect(404);
  });

  it('lists a département’s PVD', async () => {
    const pvd = await createPvd(t.dataSource, ['23006']);
    const res = await t.http().get('/api/public/pvd?departement=23').expect(200);
    const mine = res.body.items.find((i: { idPvd: string }) => i.idPvd === pvd.idPvd);
    expect(keys(mine)).toEqual(['idPvd', 'nom', 'statutConventionCadre']);
    expect(mine.statutConventionCadre).toBe('non_engagee');
    const bad = await t.http().get('/api/public/pvd?departement=xx').expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['departement']);
  });

  it('serves the open data: CSV and JSON with the schema’s columns, dated, cacheable', async () => {
    const pvd = await createPvd(t.dataSource, ['23008'], { dateConventionAdhesion: '2021-05-01' });
    const cadre = await createConvention(t.dataSource, pvd.id, { type: 'cadre', etat: 'en_instruction' });
    await completeConvention(t.dataSource, pvd.id, cadre.id, 'cadre');
    const today = todayInFrance();
    const names = DONNEES_PVD_COLONNES.map((c) => c.name);

    const csv = await t.http().get('/api/public/donnees/pvd.csv').buffer(true).parse((res, cb) => {
      let data = '';
      res.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      res.on('end', () => cb(null, data));
    }).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="petites-villes-de-demain-${today}.csv"`);
    const lines = (csv.body as string).split('\r\n');
    expect(lines[0]).toBe(names.join(','));
    const row = lines.find((l) => l.startsWith(`${pvd.idPvd},`));
    expect(row).toBeDefined();
    const cells = (row as string).split(',');
    const cell = (name: string) => cells[names.indexOf(name)];
    expect(cell('communes_insee')).toBe('23008');
    expect(cell('departement_code')).toBe('23');
    expect(cell('date_signature_convention_adhesion')).toBe('2021-05-01');
    expect(cell('statut_convention_cadre')).toBe('en_preparation');
    expect(cell('date_signature_convention_cadre')).toBe('');
    expect(cell('ort_en_vigueur')).toBe('false');
    expect(cell('date_extraction')).toBe(today);
    expect(csv.body).not.toContain('Marie Dupont');

    const etag = csv.headers.etag;
    expect(etag).toMatch(/^".+"$/);
    await t.http().get('/api/public/donnees/pvd.csv').set('If-None-Match', etag).expect(304);

    const json = await t.http().get('/api/public/donnees/pvd.json').expect(200);
    expect(json.headers['content-disposition']).toBe(`inline; filename="petites-villes-de-demain-${today}.json"`);
    const item = json.body.find((r: { id_pvd: string }) => r.id_pvd === pvd.idPvd);
    expect(Object.keys(item)).toEqual(names);
    expect(item).toMatchObject({ statut_convention_cadre: 'en_preparation', ort_en_vigueur: false, date_signature_convention_cadre: null, date_extraction: today });

    const schema = await t.http().get('/api/public/donnees/pvd.schema.json').expect(200);
    expect(schema.body.fields.map((f: { name: string }) => f.name)).toEqual(names);
  });

  it('writes each public page’s title for the social previews', async () => {
    const pvd = await createPvd(t.dataSource, ['23009']);
    const pages = t.app.get(PublicService);
    expect(await pages.pageMeta('/programme')).toMatchObject({ title: 'Le programme Petites villes de demain en chiffres' });
    expect((await pages.pageMeta(`/programme/pvd/${pvd.idPvd}`))?.title).toMatch(/ – Petites villes de demain$/);
    expect(await pages.pageMeta('/programme/pvd/inconnu')).toBeNull();
    expect(await pages.pageMeta('/pvd')).toBeNull();
  });

  it('limits the public routes per address', async () => {
    await t.http().get('/api/public/donnees/pvd.schema.json').expect(200);
    await t.dataSource.query(`UPDATE rate_limit_bucket SET hits = 10000 WHERE key LIKE 'public:%'`);
    const res = await t.http().get('/api/public/programme').expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // One budget for every route open without an account: the projetothèque and the calendar feeds too.
    expect((await t.http().get('/api/public/fiches').expect(429)).body.code).toBe('TOO_MANY_REQUESTS');
    await t.http().get('/api/club/calendrier/x.1.y.ics').expect(429);
    await t.dataSource.query(`DELETE FROM rate_limit_bucket WHERE key LIKE 'public:%'`);
    await t.http().get('/api/public/fiches').expect(200);
    await t.http().get('/api/public/programme').expect(200);
  });
});
