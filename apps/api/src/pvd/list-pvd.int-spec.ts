import { addDaysIso, addMonthsIso, daysBetweenIso } from '@suivi-pvd/domain';
import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import { todayInFrance } from '../core/time/today';
import { readCsv, readXlsx } from '../test/export-reader';
import { createConvention, createPvd, useTestApp } from '../test/test-app';

const DAY = 24 * 3600 * 1000;

interface Item {
  id: string;
  nom: string;
  departementCode: string;
  departementNom: string | null;
  regionCode: string;
  regionNom: string | null;
  adhesion: { etat: string; conventionId: string | null; depuis: string | null; dateSignature: string | null };
  cadre: { etat: string; conventionId: string | null; depuis: string | null; dateSignature: string | null; dateLimite: string | null; joursDeRetard: number | null };
  retards: string[];
  ort: string;
  postes: { total: number; vacants: number; cofinances: number };
  miseAJour: string;
}

async function addPoste(db: DataSource, pvdId: string, insee: string, holders: [string, string | null][], cofinanceurs: [string | null, string | null][]) {
  const [poste] = await db.query(`INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code) VALUES ($1, 'Chef de projet', 'commune', $2) RETURNING id`, [pvdId, insee]);
  for (const [debut, fin] of holders) {
    await db.query(`INSERT INTO poste_titulaire (poste_id, nom, date_debut, date_fin) VALUES ($1, 'Titulaire', $2, $3)`, [poste.id, debut, fin]);
  }
  for (const [[debut, fin], financeur] of cofinanceurs.map((c, i) => [c, ['etat', 'bdt', 'anah'][i]] as const)) {
    await db.query(`INSERT INTO poste_cofinanceur (poste_id, financeur, date_debut, date_fin) VALUES ($1, $2, $3, $4)`, [poste.id, financeur, debut, fin]);
  }
}

async function addOrt(db: DataSource, statut: string, communes: string[]) {
  const [ort] = await db.query(`INSERT INTO ort (libelle, statut, date_signature) VALUES ($1, $2, $3) RETURNING id`, [`ORT ${statut}`, statut, statut === 'signee' ? '2022-05-01' : null]);
  await db.query('INSERT INTO ort_commune (ort_id, commune_insee) SELECT $1, unnest($2::varchar[])', [ort.id, communes]);
}

/**
 * The dossiers list with where each PVD stands, on a known dataset: five PVDs in Creuse (23),
 * Corrèze (19, same région) and Haut-Rhin (68, Grand Est).
 */
describe('dossiers list: conventions, deadline, lateness, ORT, posts', () => {
  const t = useTestApp();
  const today = todayInFrance();
  const recentAdhesion = addDaysIso(today, -30);
  let anct: TestAgent;
  let prefecture: TestAgent;
  let sgar: TestAgent;
  /** Late convention-cadre (in instruction, national adhésion 31/08/2021), a vacant post, an ORT in preparation. */
  let ahun: string;
  /** Adhésion signed here a month ago, convention-cadre draft on time, a co-financed post, a signed ORT. */
  let ajain: string;
  /** Adhésion sent back « à compléter » 40 days ago, nothing else. */
  let alleyrat: string;
  /** Corrèze: signed convention-cadre, a held post without co-financing. */
  let tulle: string;
  /** Haut-Rhin: late, no convention-cadre at all. */
  let altkirch: string;

  const list = async (agent: TestAgent, query = ''): Promise<{ items: Item[]; total: number }> => (await agent.get(`/api/pvd?pageSize=200${query}`).expect(200)).body;
  const ids = async (agent: TestAgent, query = '') => (await list(agent, query)).items.map((i) => i.id);

  beforeAll(async () => {
    const db = t.dataSource;
    ahun = (await createPvd(db, ['23001'], { dateConventionAdhesion: '2021-08-31' })).id;
    await createConvention(db, ahun, { type: 'cadre', etat: 'en_instruction', etatDepuis: new Date(Date.now() - 3 * DAY) });
    await addPoste(db, ahun, '23001', [['2022-01-01', '2024-06-30']], [[null, null]]);
    await addOrt(db, 'en_preparation', ['23001']);
    await addOrt(db, 'abandonnee', ['23001', '23002']);

    ajain = (await createPvd(db, ['23002'])).id;
    await createConvention(db, ajain, { type: 'adhesion', etat: 'signee', dateSignature: recentAdhesion });
    await createConvention(db, ajain, { type: 'cadre', etat: 'brouillon' });
    await addPoste(db, ajain, '23002', [['2022-01-01', null]], [[null, null]]);
    await addOrt(db, 'signee', ['23002']);

    alleyrat = (await createPvd(db, ['23003'])).id;
    await createConvention(db, alleyrat, { type: 'adhesion', etat: 'a_completer', etatDepuis: new Date(Date.now() - 40 * DAY) });

    tulle = (await createPvd(db, ['19272'], { dateConventionAdhesion: '2021-03-01' })).id;
    await createConvention(db, tulle, { type: 'cadre', etat: 'signee', dateSignature: '2022-06-15' });
    await addPoste(db, tulle, '19272', [['2023-01-01', null]], [['2021-01-01', '2022-12-31']]);

    altkirch = (await createPvd(db, ['68004'], { dateConventionAdhesion: '2021-03-01' })).id;

    // Known last changes: the PVD rows, and one entry of a dossier's history later than all.
    const days: [string, string][] = [[ahun, '05'], [ajain, '04'], [alleyrat, '03'], [tulle, '02'], [altkirch, '01']];
    for (const [id, day] of days) await db.query(`UPDATE pvd SET updated_at = $2::timestamptz WHERE id = $1`, [id, `2024-01-${day}T00:00:00Z`]);
    await db.query(`INSERT INTO audit_log (at, actor_label, action, entity_type, entity_id, pvd_id) VALUES ('2025-03-01T10:00:00Z', 'Test', 'test', 'pvd', $1::text, $1::uuid)`, [tulle]);

    anct = (await t.signIn('anct_directeur')).agent;
    prefecture = (await t.signIn('prefecture_instructeur')).agent;
    sgar = (await t.signIn('sgar_lecteur')).agent;
  });

  it('gives each PVD its conventions, deadline, lateness, ORT, posts and last change', async () => {
    const { items } = await list(anct);
    const by = (id: string) => items.find((i) => i.id === id) as Item;

    expect(by(ahun)).toMatchObject({
      nom: 'Ahun',
      departementCode: '23',
      departementNom: 'Creuse',
      regionCode: '75',
      regionNom: 'Nouvelle-Aquitaine',
      adhesion: { etat: 'signee', conventionId: null, depuis: null, dateSignature: '2021-08-31' },
      cadre: { etat: 'en_instruction', depuis: addDaysIso(today, -3), dateSignature: null, dateLimite: '2023-02-28', joursDeRetard: daysBetweenIso('2023-02-28', today) },
      retards: ['cadre_en_retard'],
      ort: 'en_preparation',
      postes: { total: 1, vacants: 1, cofinances: 0 },
      miseAJour: '2024-01-05T00:00:00.000Z',
    });
    expect(by(ahun).cadre.conventionId).toEqual(expect.any(String));

    expect(by(ajain)).toMatchObject({
      adhesion: { etat: 'signee', dateSignature: recentAdhesion },
      cadre: { etat: 'brouillon', dateLimite: addMonthsIso(recentAdhesion, 18), joursDeRetard: null },
      retards: [],
      ort: 'signee',
      postes: { total: 1, vacants: 0, cofinances: 1 },
    });
    expect(by(ajain).adhesion.conventionId).toEqual(expect.any(String));

    expect(by(alleyrat)).toMatchObject({
      adhesion: { etat: 'a_completer', dateSignature: null, depuis: addDaysIso(today, -40) },
      cadre: { etat: 'aucune', conventionId: null, dateLimite: null, joursDeRetard: null },
      retards: ['a_completer_sans_reponse'],
      ort: 'aucune',
      postes: { total: 0, vacants: 0, cofinances: 0 },
    });

    expect(by(tulle)).toMatchObject({
      departementNom: 'Corrèze',
      cadre: { etat: 'signee', dateSignature: '2022-06-15', dateLimite: '2022-09-01', joursDeRetard: null },
      retards: [],
      postes: { total: 1, vacants: 0, cofinances: 0 },
      miseAJour: '2025-03-01T10:00:00.000Z',
    });

    expect(by(altkirch)).toMatchObject({
      regionNom: 'Grand Est',
      cadre: { etat: 'aucune', dateLimite: '2022-09-01', joursDeRetard: daysBetweenIso('2022-09-01', today) },
      retards: ['cadre_en_retard'],
    });
  });

  it('agrees with the work list on what is late', async () => {
    const work = (await anct.get('/api/conventions/a-traiter?pageSize=200').expect(200)).body.items as { pvdId: string; motifs: string[] }[];
    const lateInWorkList = new Set(work.filter((i) => i.motifs.some((m) => m === 'cadre_en_retard' || m === 'a_completer_sans_reponse')).map((i) => i.pvdId));
    expect(new Set(await ids(anct, '&enRetard=true'))).toEqual(lateInWorkList);
    expect(lateInWorkList).toEqual(new Set([ahun, alleyrat, altkirch]));
  });

  it('filters by name, area, each status and lateness', async () => {
    expect(await ids(anct, '&q=ajain')).toEqual([ajain]);
    expect(await ids(anct, '&departement=19')).toEqual([tulle]);
    expect((await ids(anct, '&region=75')).sort()).toEqual([ahun, ajain, alleyrat, tulle].sort());
    expect(await ids(anct, '&region=44&enRetard=true')).toEqual([altkirch]);
    expect(await ids(anct, '&region=75&enRetard=true')).toEqual([ahun, alleyrat]);
    expect(await ids(anct, '&enRetard=false')).toEqual([ajain, tulle]);
    expect(await ids(anct, '&adhesion=a_completer')).toEqual([alleyrat]);
    expect(await ids(anct, '&adhesion=aucune')).toEqual([]);
    expect(await ids(anct, '&adhesion=signee&cadre=aucune')).toEqual([altkirch]);
    expect(await ids(anct, '&cadre=en_instruction')).toEqual([ahun]);
    expect(await ids(anct, '&ort=signee')).toEqual([ajain]);
    expect(await ids(anct, '&ort=aucune')).toEqual([alleyrat, altkirch, tulle]);
    expect(await ids(anct, '&poste=vacant')).toEqual([ahun]);
    expect(await ids(anct, '&poste=cofinance')).toEqual([ajain]);
    expect(await ids(anct, '&poste=sans_cofinancement')).toEqual([ahun, tulle]);
    expect(await ids(anct, '&poste=aucun')).toEqual([alleyrat, altkirch]);

    const bad = await anct.get('/api/pvd?cadre=perdue&enRetard=oui&region=7&poste=x').expect(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['cadre', 'enRetard', 'poste', 'region']);
  });

  it('sorts by name, département, deadline and last change, both ways, and pages', async () => {
    expect(await ids(anct)).toEqual([ahun, ajain, alleyrat, altkirch, tulle]);
    expect(await ids(anct, '&tri=-nom')).toEqual([tulle, altkirch, alleyrat, ajain, ahun]);
    expect(await ids(anct, '&tri=departement')).toEqual([tulle, ahun, ajain, alleyrat, altkirch]);
    expect(await ids(anct, '&tri=-departement')).toEqual([altkirch, ahun, ajain, alleyrat, tulle]);
    // Deadlines: 01/09/2022 (Altkirch, Tulle), 28/02/2023, 18 months after last month's adhésion; none last.
    expect(await ids(anct, '&tri=echeance')).toEqual([altkirch, tulle, ahun, ajain, alleyrat]);
    expect(await ids(anct, '&tri=-echeance')).toEqual([ajain, ahun, altkirch, tulle, alleyrat]);
    expect(await ids(anct, '&tri=-miseAJour')).toEqual([tulle, ahun, ajain, alleyrat, altkirch]);
    expect(await ids(anct, '&tri=miseAJour')).toEqual([altkirch, alleyrat, ajain, ahun, tulle]);

    const page2 = (await anct.get('/api/pvd?pageSize=2&page=2&tri=echeance').expect(200)).body;
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items.map((i: Item) => i.id)).toEqual([ahun, ajain]);
    expect((await anct.get('/api/pvd?tri=retard').expect(400)).body.fields).toHaveProperty('tri');
  });

  it('keeps each role to its stored territory: préfecture its département, SGAR its région, ANCT all', async () => {
    expect(await ids(prefecture)).toEqual([ahun, ajain, alleyrat]);
    // A filter outside the scope finds nothing rather than widening it.
    expect(await ids(prefecture, '&departement=19')).toEqual([]);
    expect(await ids(prefecture, '&region=44')).toEqual([]);
    expect(await ids(sgar)).toEqual([ahun, ajain, alleyrat, tulle]);
    expect(await ids(sgar, '&enRetard=true')).toEqual([ahun, alleyrat]);
    expect(await ids(anct)).toHaveLength(5);

    // A chef de projet keeps their own PVD; a partner does not read dossiers.
    const chef = (await t.signIn('chef_de_projet')).agent;
    expect(await ids(chef)).toEqual([ahun]);
    // A partner funding nothing here lists none (it reads the summary of the dossiers it funds: partner-dossier.int-spec).
    const partner = (await t.signIn('partenaire')).agent;
    expect((await partner.get('/api/pvd').expect(200)).body.total).toBe(0);
    expect((await partner.get('/api/pvd/aires').expect(200)).body).toEqual({ regions: [], departements: [] });
  });

  it('offers the régions and départements of the scope, named from the référentiel', async () => {
    expect((await prefecture.get('/api/pvd/aires').expect(200)).body).toEqual({
      regions: [{ code: '75', nom: 'Nouvelle-Aquitaine' }],
      departements: [{ code: '23', nom: 'Creuse', regionCode: '75' }],
    });
    expect((await sgar.get('/api/pvd/aires').expect(200)).body.departements.map((d: { code: string }) => d.code)).toEqual(['19', '23']);
    const national = (await anct.get('/api/pvd/aires').expect(200)).body;
    expect(national.regions).toEqual([
      { code: '44', nom: 'Grand Est' },
      { code: '75', nom: 'Nouvelle-Aquitaine' },
    ]);
    // The whole référentiel, for names shown by code anywhere.
    const all = (await prefecture.get('/api/referentiel/aires').expect(200)).body;
    expect(all.departements).toContainEqual({ code: '68', nom: 'Haut-Rhin', regionCode: '44' });
    expect(all.regions.length).toBeGreaterThanOrEqual(18);
  });

  it('exports the same rows and columns in French, with the filters and the scope', async () => {
    const file = await readCsv(sgar, '/api/pvd/export?format=csv&enRetard=true&tri=echeance');
    expect(file.header).toEqual([
      'Identifiant PVD',
      'Nom',
      'Communes (code INSEE)',
      'Départements',
      'Département',
      'Région',
      'SIREN de l’EPCI',
      'EPCI',
      'Date de sélection',
      'Convention d’adhésion',
      'Date de la convention d’adhésion',
      'Convention-cadre',
      'Convention-cadre : dans cet état depuis le',
      'Date de signature de la convention-cadre',
      'Échéance de la convention-cadre',
      'Jours de retard',
      'En retard',
      'ORT',
      'Postes de chef de projet',
      'Postes vacants',
      'Postes cofinancés',
      'Dernière mise à jour',
      'Identifiant provisoire',
      'Date de retrait',
    ]);
    expect(file.rows.map((r) => r[1])).toEqual(['Ahun', 'Alleyrat']);
    const [ahunRow, alleyratRow] = file.rows;
    expect(ahunRow.slice(2, 6)).toEqual(['23001', '23', 'Creuse', 'Nouvelle-Aquitaine']);
    expect(ahunRow.slice(9, 22)).toEqual([
      'Signée',
      '2021-08-31',
      'En instruction',
      addDaysIso(today, -3),
      '',
      '2023-02-28',
      String(daysBetweenIso('2023-02-28', today)),
      'Convention-cadre en retard',
      'En préparation',
      '1',
      '1',
      '0',
      '2024-01-05 01:00:00',
    ]);
    expect(alleyratRow.slice(9, 18)).toEqual(['À compléter', '', 'Aucune', '', '', '', '', 'À compléter, sans réponse depuis plus de 30 jours', 'Aucune']);

    const sheet = await readXlsx(prefecture, '/api/pvd/export?format=xlsx&poste=cofinance');
    expect(sheet.name).toBe('PVD');
    expect(sheet.getRow(1).getCell(15).value).toBe('Échéance de la convention-cadre');
    expect(sheet.getRow(2).getCell(2).value).toBe('Ajain');
    expect((sheet.getRow(2).getCell(15).value as Date).toISOString().slice(0, 10)).toBe(addMonthsIso(recentAdhesion, 18));
    expect(sheet.getRow(3).getCell(2).value).toBeNull();

    // Outside the préfecture's scope, nothing, whatever the filter asks.
    expect((await readCsv(prefecture, '/api/pvd/export?format=csv&region=44')).rows).toEqual([]);
  });
});
