import { unnamedAuditedFields } from '../test/audit-coverage';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import type TestAgent from 'supertest/lib/agent';
import request from 'supertest';
import { createSharedTestDatabase, startAppOn, waitForJob } from '../test/jobs';
import { randomUUID } from 'node:crypto';
import { ensureOrganisation } from '../organisations/ensure-organisation';
import { hashPassword } from '../core/auth/session.service';
import { createConvention, createPvd, CSRF, defaultOrganisation, TEST_PASSWORD, useTestApp } from '../test/test-app';

const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`);
type Agent = TestAgent;

/** Preview, then confirm, then wait for the job: the import as finished, and its error lines. */
async function runImport(agent: Agent, app: NestExpressApplication, type: string, file: Buffer, demarche?: string) {
  let req = agent.post('/api/imports-nationaux').set(CSRF).field('type', type);
  if (demarche) req = req.field('demarche', demarche);
  const preview = await req.attach('fichier', file, `${type}.csv`).expect(201);
  expect(preview.body.statut).toBe('apercu');
  const confirmed = await agent.post(`/api/imports-nationaux/${preview.body.id}/confirmation`).set(CSRF).expect(202);
  await waitForJob(app, confirmed.body.jobId, { timeoutMs: 30_000 });
  const done = (await agent.get(`/api/imports-nationaux/${preview.body.id}`).expect(200)).body;
  const erreurs = (await agent.get(`/api/imports-nationaux/${preview.body.id}/lignes?nature=erreur&pageSize=100`).expect(200)).body.items.map(
    (l: { ligne: number; colonne: string; motif: string }) => [l.ligne, l.colonne, l.motif],
  );
  return { apercu: preview.body.apercu, done, erreurs };
}

const counts = (d: { crees: number; misAJour: number; inchanges: number; rejetes: number }) => ({ crees: d.crees, misAJour: d.misAJour, inchanges: d.inchanges, rejetes: d.rejetes });

describe('national imports (ANCT)', () => {
  const t = useTestApp();
  let anct: Agent;
  /** c1, c2, c3: communes of one EPCI (c3 outside the programme); c4: a commune of another EPCI. */
  let c: { c1: string; c2: string; c3: string; c4: string; epci: string };
  let pvd: { p1: { id: string; idPvd: string }; p2: { id: string; idPvd: string }; p3: { id: string; idPvd: string } };
  const indicateur = async (id: string, date: string): Promise<number> => (await anct.get(`/api/indicateurs/${id}?date=${date}`).expect(200)).body.valeur;
  /** A commune in no PVD, not used yet by this file's tests. */
  const taken = new Set<string>();
  const freeCommune = async (): Promise<string> => {
    const rows: { insee: string }[] = await t.dataSource.query(
      `SELECT insee FROM commune WHERE NOT EXISTS (SELECT 1 FROM pvd_commune pc WHERE pc.commune_insee = insee) AND insee ~ '^[0-8][0-9]{4}$' ORDER BY insee DESC LIMIT 50`,
    );
    const free = rows.map((r) => r.insee).find((i) => !taken.has(i) && !Object.values(c).includes(i));
    if (!free) throw new Error('no free commune');
    taken.add(free);
    return free;
  };

  beforeAll(async () => {
    anct = (await t.signIn('anct_directeur')).agent;
    const [e] = await t.dataSource.query(
      `SELECT c.epci_siren AS siren, array_agg(c.insee ORDER BY c.insee) AS communes FROM commune c
        WHERE c.epci_siren IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pvd_commune pc WHERE pc.commune_insee = c.insee)
        GROUP BY c.epci_siren HAVING count(*) >= 3 ORDER BY c.epci_siren LIMIT 1`,
    );
    const [other] = await t.dataSource.query(
      `SELECT insee FROM commune WHERE epci_siren IS NOT NULL AND epci_siren <> $1 AND NOT EXISTS (SELECT 1 FROM pvd_commune pc WHERE pc.commune_insee = insee) ORDER BY insee LIMIT 1`,
      [e.siren],
    );
    c = { c1: e.communes[0], c2: e.communes[1], c3: e.communes[2], c4: other.insee, epci: e.siren };
    pvd = { p1: await createPvd(t.dataSource, [c.c1]), p2: await createPvd(t.dataSource, [c.c2]), p3: await createPvd(t.dataSource, [c.c4]) };
  });

  it('loads historical conventions as signed, with their line report; a re-import is unchanged', async () => {
    await createConvention(t.dataSource, pvd.p3.id, { type: 'cadre', etat: 'signee', dateSignature: '2022-01-10' });
    const p3Before = await indicateur('P3', '2023-01-01');
    const file = csv([
      'PVD;Type;Date de signature;Vaut ORT',
      `${pvd.p1.idPvd};cadre;30/06/2022;oui`,
      `${c.c2};adhésion;15/03/2021;`,
      'PVD-INCONNUE;cadre;30/06/2022;',
      `${pvd.p2.idPvd};cadre;31/02/2022;`,
      `${c.c1};convention-cadre;01/07/2022;`,
      `${pvd.p3.idPvd};cadre;01/02/2022;`,
    ]);
    const first = await runImport(anct, t.app, 'conventions', file);
    expect(counts(first.apercu)).toEqual({ crees: 2, misAJour: 0, inchanges: 0, rejetes: 4 });
    expect(first.done).toMatchObject({ statut: 'termine', crees: 2, misAJour: 0, inchanges: 0, rejetes: 4, lignesTraitees: 6, totalLignes: 6 });
    expect(first.erreurs).toEqual([
      [4, 'pvd', 'PVD « PVD-INCONNUE » inconnue (ni identifiant de PVD, ni commune d’une PVD).'],
      [5, 'date_signature', '« 31/02/2022 » n’est pas une date du calendrier.'],
      [6, 'pvd', `Convention « ${pvd.p1.idPvd} cadre » en double : déjà ligne 2.`],
      [7, 'date_signature', `La convention-cadre de la PVD ${pvd.p3.idPvd} est déjà signée le 10/01/2022 dans la plateforme, pas le 01/02/2022.`],
    ]);

    // On the dossier, signed, with the import as its history.
    const dossier = (await anct.get(`/api/pvd/${pvd.p1.id}/dossier`).expect(200)).body;
    expect(dossier.conventions.cadre).toMatchObject({ etat: 'signee', dateSignature: '2022-06-30' });
    const [cadre] = await t.dataSource.query(`SELECT id, vaut_ort FROM convention WHERE pvd_id = $1 AND type = 'cadre'`, [pvd.p1.id]);
    expect(cadre.vaut_ort).toBe(true);
    const transitions = await t.dataSource.query('SELECT etat_avant, etat_apres, commentaire, date_signature::text AS d FROM convention_transition WHERE convention_id = $1', [cadre.id]);
    expect(transitions).toEqual([{ etat_avant: null, etat_apres: 'signee', commentaire: expect.stringContaining('Convention importée signée'), d: '2022-06-30' }]);
    const audit = await t.dataSource.query(`SELECT action, pvd_id FROM audit_log WHERE entity_id = $1`, [cadre.id]);
    expect(audit).toEqual([{ action: 'convention.importee', pvd_id: pvd.p1.id }]);
    // P3 counts the commune of the PVD whose convention-cadre was imported.
    expect(await indicateur('P3', '2023-01-01')).toBe(p3Before + 1);
    expect(await indicateur('P3', '2022-06-29')).toBe(p3Before);

    const again = await runImport(anct, t.app, 'conventions', file);
    expect(counts(again.apercu)).toEqual({ crees: 0, misAJour: 0, inchanges: 2, rejetes: 4 });
    expect(counts(again.done)).toEqual({ crees: 0, misAJour: 0, inchanges: 2, rejetes: 4 });
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM convention WHERE pvd_id = ANY($1::uuid[])`, [[pvd.p1.id, pvd.p2.id]]))[0].n).toBe(2);
    // Both runs timed for Prometheus.
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^suivi_pvd_import_duration_seconds_count\{kind="national",type="conventions",outcome="completed"\} 2$/m);
  });

  it('loads the ORT list: several communes, the signing EPCI checked, bad lines reported; visible on the dossier and counted by T7', async () => {
    const t7Before = await indicateur('T7', '2023-01-01');
    const file = csv([
      'reference;libelle;communes;epci_signataire;statut;date_signature;duree_annees',
      `ORT-1;ORT de l’EPCI;"${c.c1}, ${c.c2}";${c.epci};signée;15/06/2022;5`,
      `ORT-2;ORT inconnue;99999;;signée;15/06/2022;5`,
      `ORT-3;ORT mal signée;"${c.c1}, ${c.c4}";${c.epci};signée;15/06/2022;5`,
      `ORT-4;ORT mal datée;${c.c2};;signée;32/01/2022;5`,
      `ORT-1;ORT en double;${c.c1};;en préparation;;`,
    ]);
    const first = await runImport(anct, t.app, 'orts', file);
    expect(counts(first.done)).toEqual({ crees: 1, misAJour: 0, inchanges: 0, rejetes: 4 });
    expect(first.erreurs.map((e: unknown[]) => [e[0], e[1]])).toEqual([
      [3, 'communes'],
      [4, 'epci_signataire'],
      [5, 'date_signature'],
      [6, 'reference'],
    ]);
    expect(first.erreurs[0][2]).toBe('Commune 99999 inconnue du référentiel.');
    expect(first.erreurs[1][2]).toContain('n’est pas membre de');
    expect(first.erreurs[3][2]).toBe('Référence « ORT-1 » en double : déjà ligne 2.');

    for (const p of [pvd.p1, pvd.p2]) {
      const ort = (await anct.get(`/api/pvd/${p.id}/ort`).expect(200)).body;
      expect(ort.orts.map((o: { libelle: string; statut: string; dateSignature: string }) => [o.libelle, o.statut, o.dateSignature])).toEqual([['ORT de l’EPCI', 'signee', '2022-06-15']]);
    }
    expect(await indicateur('T7', '2023-01-01')).toBe(t7Before + 2);
    const [ort] = await t.dataSource.query(`SELECT id, source FROM ort WHERE reference_externe = 'ORT-1'`);
    expect((await t.dataSource.query(`SELECT pvd_id FROM audit_log WHERE entity_id = $1 AND action = 'ort.importee' ORDER BY pvd_id`, [ort.id])).length).toBe(2);

    const again = await runImport(anct, t.app, 'orts', file);
    expect(counts(again.done)).toEqual({ crees: 0, misAJour: 0, inchanges: 1, rejetes: 4 });
    // A changed line updates the ORT, reported field by field.
    const changed = await runImport(anct, t.app, 'orts', csv(['reference;libelle;communes;statut;date_signature', `ORT-1;ORT de l’EPCI;"${c.c1}, ${c.c2}";échue;15/06/2022`]));
    expect(counts(changed.done)).toEqual({ crees: 0, misAJour: 1, inchanges: 0, rejetes: 0 });
    const changes = (await anct.get(`/api/imports-nationaux/${changed.done.id}/lignes?nature=changement`).expect(200)).body.items;
    expect(changes).toEqual([expect.objectContaining({ reference: 'ORT-1', champs: [{ champ: 'statut', avant: 'signee', apres: 'echue' }] })]);
  });

  it('loads France services with the scheme’s attributes as columns; visible on the dossier and counted by T11', async () => {
    const t11Before = await indicateur('T11', '2023-01-01');
    const template = await anct.get('/api/imports-nationaux/modeles/participations?demarche=france_services').expect(200);
    expect(template.text.split('\r\n')[0]).toBe('\uFEFFreference;commune;date_debut;date_fin;forme;date_ouverture;source;date_source');
    const file = csv([
      'reference;commune;date_debut;forme;date_ouverture',
      `FS-1;${c.c1};01/01/2020;fixe;01/01/2020`,
      `FS-2;${c.c2};01/06/2021;Itinérante;`,
      `FS-3;${c.c3};01/01/2020;fixe;`,
      `FS-4;${c.c1};01/01/2020;mobile;`,
      `FS-1;${c.c1};01/01/2020;fixe;`,
    ]);
    const first = await runImport(anct, t.app, 'participations', file, 'france_services');
    expect(counts(first.done)).toEqual({ crees: 2, misAJour: 0, inchanges: 0, rejetes: 3 });
    expect(first.erreurs).toEqual([
      [4, 'commune', `La commune ${c.c3} n’est pas une petite ville de demain.`],
      [5, 'forme', '« mobile » : choisissez parmi fixe, itinérante.'],
      [6, 'reference', `Référence « FS-1 (commune ${c.c1}) » en double : déjà ligne 2.`],
    ]);
    const dossier = (await anct.get(`/api/pvd/${pvd.p2.id}/demarches`).expect(200)).body;
    expect(dossier.items.map((i: { demarcheNom: string; attributs: unknown }) => [i.demarcheNom, i.attributs])).toEqual([['France services', { forme: 'itinérante' }]]);
    expect(await indicateur('T11', '2023-01-01')).toBe(t11Before + 2);
    const again = await runImport(anct, t.app, 'participations', file, 'france_services');
    expect(counts(again.done)).toEqual({ crees: 0, misAJour: 0, inchanges: 2, rejetes: 3 });
  });

  it('loads chef de projet posts with their co-financers: on the dossier, subsidy computed as for a post entered by hand; re-import unchanged, then updated', async () => {
    const header = 'reference;pvd;intitule;employeur;titulaire;titulaire_debut;quotite;cout_2023;etat;bdt;etat_part;bdt_part;anah';
    const file = csv([
      header,
      `CDP-1;${pvd.p1.idPvd};Cheffe de projet PVD;${c.c1};Camille Martin;01/01/2023;100;50 000;oui;non;;;non`,
      `CDP-2;${pvd.p1.idPvd};Poste mal employé;${c.c4};;;;;oui;non;;;non`,
      `CDP-3;${c.c2};Poste à deux financeurs;${c.epci};Alex Dupont;01/07/2023;80;48 000,50;oui;oui;60;30;non`,
      `CDP-4;PVD-INCONNUE;Poste perdu;${c.c1};;;;;non;non;;;non`,
    ]);
    const first = await runImport(anct, t.app, 'postes', file);
    expect(counts(first.apercu)).toEqual({ crees: 1, misAJour: 0, inchanges: 0, rejetes: 3 });
    expect(counts(first.done)).toEqual({ crees: 1, misAJour: 0, inchanges: 0, rejetes: 3 });
    expect(first.erreurs).toEqual([
      [3, 'employeur', `L’employeur doit être l’une des communes de la PVD ou son EPCI (PVD ${pvd.p1.idPvd}).`],
      [4, 'bdt_part', 'L’État / ANCT et la Banque des Territoires cofinancent ensemble : indiquez la part de chacun (total 100 %).'],
      [5, 'pvd', 'PVD « PVD-INCONNUE » inconnue (ni identifiant de PVD, ni commune d’une PVD).'],
    ]);

    // On the dossier, as a post entered by hand: its holder, cost and co-financer, its subsidy computed.
    const postes = (await anct.get(`/api/pvd/${pvd.p1.id}/postes`).expect(200)).body.postes;
    expect(postes.map((p: { intitule: string; titulaireActuel: string | null }) => p.intitule)).toEqual(['Cheffe de projet PVD']);
    const [stored] = await t.dataSource.query(`SELECT id, source FROM poste WHERE reference_externe = 'CDP-1'`);
    const poste = (await anct.get(`/api/postes/${stored.id}`).expect(200)).body;
    expect(poste).toMatchObject({
      employeurType: 'commune',
      employeurCode: c.c1,
      titulaires: [expect.objectContaining({ nom: 'Camille Martin', debut: '2023-01-01', fin: null, quotite: 100 })],
      coutsAnnuels: [{ annee: 2023, cout: 5_000_000 }],
      cofinanceurs: [{ financeur: 'etat', debut: null, fin: null, part: null }],
    });
    const annee2023 = poste.subvention.annees.find((a: { annee: number }) => a.annee === 2023);
    expect(annee2023.total).toBeGreaterThan(0);
    expect(annee2023.parFinanceur).toEqual({ etat: annee2023.total, bdt: 0, anah: 0 });
    expect((await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [stored.id])).map((a: { action: string }) => a.action)).toEqual(['poste.importe']);

    const again = await runImport(anct, t.app, 'postes', file);
    expect(counts(again.done)).toEqual({ crees: 0, misAJour: 0, inchanges: 1, rejetes: 3 });
    const changed = await runImport(anct, t.app, 'postes', csv([header, `CDP-1;${pvd.p1.idPvd};Cheffe de projet PVD;${c.c1};Camille Martin;01/01/2023;100;52 000;oui;non;;;non`]));
    expect(counts(changed.done)).toEqual({ crees: 0, misAJour: 1, inchanges: 0, rejetes: 0 });
    const changes = (await anct.get(`/api/imports-nationaux/${changed.done.id}/lignes?nature=changement`).expect(200)).body.items;
    expect(changes).toEqual([expect.objectContaining({ reference: `CDP-1 (PVD ${pvd.p1.idPvd})`, champs: [{ champ: 'cout_2023', avant: 50000, apres: 52000 }] })]);
    const updated = (await anct.get(`/api/postes/${stored.id}`).expect(200)).body;
    expect(updated.coutsAnnuels).toEqual([{ annee: 2023, cout: 5_200_000 }]);
    expect(updated.subvention.total).toBeGreaterThanOrEqual(poste.subvention.total);
  });

  it('fills the PVD’s adhésion date from an imported convention d’adhésion when it has none (audited), never over a stored one', async () => {
    const empty = await createPvd(t.dataSource, [c.c3]);
    const dated = await createPvd(t.dataSource, [await freeCommune()], { dateConventionAdhesion: '2021-02-01' });
    const result = await runImport(anct, t.app, 'conventions', csv(['pvd;type;date_signature', `${empty.idPvd};adhésion;15/04/2021`, `${dated.idPvd};adhésion;20/05/2021`]));
    expect(counts(result.done)).toEqual({ crees: 2, misAJour: 0, inchanges: 0, rejetes: 0 });
    const dates = await t.dataSource.query(`SELECT id, date_convention_adhesion::text AS d FROM pvd WHERE id = ANY($1::uuid[])`, [[empty.id, dated.id]]);
    expect(Object.fromEntries(dates.map((r: { id: string; d: string }) => [r.id, r.d]))).toEqual({ [empty.id]: '2021-04-15', [dated.id]: '2021-02-01' });
    const audit = await t.dataSource.query(`SELECT pvd_id, before, after FROM audit_log WHERE action = 'pvd.date_adhesion_importee' AND pvd_id = ANY($1::uuid[])`, [[empty.id, dated.id]]);
    expect(audit).toEqual([
      { pvd_id: empty.id, before: { dateConventionAdhesion: null }, after: expect.objectContaining({ dateConventionAdhesion: '2021-04-15', importId: result.done.id }) },
    ]);
  });

  it('reads a former commune code as its successor, with a warning in the preview and the report', async () => {
    const commune = await freeCommune();
    const holder = await createPvd(t.dataSource, [commune]);
    const former = `96${commune.slice(2)}`;
    await t.dataSource.query(`INSERT INTO commune_ancienne (insee, nom, type, commune_actuelle_insee) VALUES ($1, 'Ancienne-Commune', 'ancien-code', $2) ON CONFLICT (insee) DO NOTHING`, [former, commune]);
    const warning = `Code INSEE ${former} obsolète : Ancienne-Commune fait désormais partie de ${(await t.dataSource.query('SELECT nom FROM commune WHERE insee = $1', [commune]))[0].nom} (${commune}), prise à sa place.`;
    const result = await runImport(anct, t.app, 'participations', csv(['reference;commune;forme', `FS-ANC;${former};fixe`]), 'france_services');
    expect(counts(result.apercu)).toEqual({ crees: 1, misAJour: 0, inchanges: 0, rejetes: 0 });
    expect(result.apercu.avertissements).toEqual([{ ligne: 2, colonne: 'commune', motif: warning }]);
    expect(result.done.avertissementsTotal).toBe(1);
    const report = (await anct.get(`/api/imports-nationaux/${result.done.id}/lignes?nature=avertissement`).expect(200)).body;
    expect(report).toMatchObject({ total: 1, items: [expect.objectContaining({ ligne: 2, colonne: 'commune', motif: warning })] });
    const items = (await anct.get(`/api/pvd/${holder.id}/demarches`).expect(200)).body.items;
    expect(items.map((i: { communeInsee: string }) => i.communeInsee)).toEqual([commune]);
    // The same code names the PVD of a convention.
    const conv = await runImport(anct, t.app, 'conventions', csv(['pvd;type;date_signature', `${former};cadre;01/03/2023`]));
    expect(counts(conv.done)).toEqual({ crees: 1, misAJour: 0, inchanges: 0, rejetes: 0 });
    expect(conv.apercu.avertissements[0].colonne).toBe('pvd');
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM convention WHERE pvd_id = $1 AND type = 'cadre'`, [holder.id]))[0].n).toBe(1);
  });

  it('refuses a file without the required columns, and other roles', async () => {
    const res = await anct.post('/api/imports-nationaux').set(CSRF).field('type', 'orts').attach('fichier', csv(['reference;libelle', 'X;Y']), 'x.csv').expect(400);
    expect(res.body.fields.fichier[0]).toContain('Colonnes obligatoires absentes : communes, statut');
    const chef = (await t.signIn('chef_de_projet')).agent;
    await chef.get('/api/imports-nationaux').expect(403);
  });

  it('lets the ANCT write an ORT and a participation anywhere through the ordinary routes', async () => {
    await anct.post('/api/orts').set(CSRF).send({ libelle: 'ORT saisie par l’ANCT', statut: 'en_preparation', communes: [c.c4] }).expect(201);
    const [fs] = await t.dataSource.query(`SELECT id FROM demarche WHERE code = 'france_services'`);
    await anct.post(`/api/demarches/${fs.id}/participations`).set(CSRF).send({ communeInsee: c.c4, attributs: { forme: 'fixe' } }).expect(201);
  });

  it('names every field its audit writers stored', async () => {
    expect(await unnamedAuditedFields(t.dataSource)).toEqual([]);
  });
});

/** An ANCT account signed in on an app started with `startAppOn`. */
async function signInAnct(app: NestExpressApplication): Promise<Agent> {
  const ds = app.get(DataSource);
  const email = `anct.${randomUUID().slice(0, 8)}@test.invalid`;
  const [user] = await ds.query('INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id', [email, 'ANCT', await hashPassword(TEST_PASSWORD)]);
  const org = await ensureOrganisation(ds, defaultOrganisation('anct_directeur'));
  await ds.query(`INSERT INTO membership (user_id, organisation_id, role) VALUES ($1, $2, 'anct_directeur')`, [user.id, org.id]);
  const agent = request.agent(app.getHttpServer()) as unknown as Agent;
  await agent.post('/api/auth/login').set(CSRF).send({ email, password: TEST_PASSWORD }).expect(200);
  return agent;
}

describe('national import interrupted by a restart', () => {
  let database: { url: string; drop(): Promise<void> };
  const apps: NestExpressApplication[] = [];
  afterAll(async () => {
    for (const app of [...apps]) await app.close();
    await database?.drop();
  });

  it('resumes after the last committed chunk and completes without a duplicate', async () => {
    database = await createSharedTestDatabase();
    const first = await startAppOn(database.url);
    apps.push(first);
    const ds = first.get(DataSource);
    const communes: string[] = (await ds.query(`SELECT insee FROM commune WHERE NOT EXISTS (SELECT 1 FROM pvd_commune pc WHERE pc.commune_insee = insee) ORDER BY insee LIMIT 40`)).map(
      (r: { insee: string }) => r.insee,
    );
    await createPvd(ds, communes);
    const agent = await signInAnct(first);
    const lines = Array.from({ length: 2000 }, (_, i) => `R-${i + 1};${communes[i % communes.length]};fixe`);
    const preview = await agent.post('/api/imports-nationaux').set(CSRF).field('type', 'participations').field('demarche', 'france_services').attach('fichier', csv(['reference;commune;forme', ...lines]), 'fs.csv').expect(201);
    expect(preview.body.apercu).toMatchObject({ crees: 2000, rejetes: 0 });
    const confirmed = await agent.post(`/api/imports-nationaux/${preview.body.id}/confirmation`).set(CSRF).expect(202);
    await waitForJob(first, confirmed.body.jobId, { states: ['active'], until: (j) => (j.done ?? 0) >= 200, timeoutMs: 30_000 });
    apps.splice(apps.indexOf(first), 1);
    await first.close(); // stopped mid-file

    const second = await startAppOn(database.url);
    apps.push(second);
    const job = await waitForJob(second, confirmed.body.jobId, { timeoutMs: 60_000 });
    expect(job).toMatchObject({ state: 'completed', done: 2000, total: 2000 });
    expect(job.retryCount).toBeGreaterThanOrEqual(1);
    const ds2 = second.get(DataSource);
    const [imp] = await ds2.query('SELECT statut, crees, inchanges, rejetes, fichier IS NULL AS vide FROM import_national WHERE id = $1', [preview.body.id]);
    expect(imp).toEqual({ statut: 'termine', crees: 2000, inchanges: 0, rejetes: 0, vide: true });
    const [{ n, distinct }] = await ds2.query(`SELECT count(*)::int AS n, count(DISTINCT reference_externe)::int AS distinct FROM demarche_participation WHERE reference_externe LIKE 'R-%'`);
    expect({ n, distinct }).toEqual({ n: 2000, distinct: 2000 });
    const [{ audits }] = await ds2.query(`SELECT count(*)::int AS audits FROM audit_log WHERE action = 'demarche_participation.importee'`);
    expect(audits).toBe(2000);
  });
});
