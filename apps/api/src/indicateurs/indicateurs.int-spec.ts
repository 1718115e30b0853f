import { INDICATEURS, type IndicateurId } from '@suivi-pvd/domain';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { useTestApp, type SignedInClient } from '../test/test-app';

/**
 * Known answers: a small dataset whose figures are known by construction, with the traps of real
 * data — a commune withdrawn before the day, a commune moved between two PVDs, an EPCI's line whose
 * EPCI spans two départements and régions, a beneficiary outside the programme (Paris), a status
 * changed after the day, an abandoned mission — checked at two dates and several scopes.
 *
 * Communes: Ahun 23001 (23, Nouvelle-Aquitaine 75), Ajain 23002 (23; withdrawn 2023-06-30),
 * Alleyrat 23003 (23; in PVD E until 2022-12-31, then with Ahun in PVD A), Barcelonne-du-Gers 32027
 * (32, Occitanie 76; joins 2022-01-01; its EPCI's seat is Aire-sur-l'Adour, Landes 40, région 75),
 * Altkirch 68004 (68, Grand Est 44).
 */
const D1 = '2024-01-01';
const D0 = '2022-06-01';
const EPCI_AIRE = '200030435';

async function seed(db: DataSource): Promise<Record<string, string>> {
  const pvd = async (idPvd: string) => (await db.query(`INSERT INTO pvd (id_pvd) VALUES ($1) RETURNING id`, [idPvd]))[0].id as string;
  const ids = { A: await pvd('KA-A'), B: await pvd('KA-B'), C: await pvd('KA-C'), D: await pvd('KA-D'), E: await pvd('KA-E') };
  const periode = (insee: string, p: string, debut: string, fin: string | null) =>
    db.query(`INSERT INTO pvd_commune_periode (commune_insee, pvd_id, debut, fin, motif_debut, motif_fin) VALUES ($1, $2, $3, $4, 'selection', $5)`, [insee, p, debut, fin, fin ? 'retrait' : null]);
  await periode('23001', ids.A, '2021-01-01', null);
  await periode('23002', ids.B, '2021-01-01', '2023-06-30');
  await periode('23003', ids.E, '2021-01-01', '2023-01-01');
  await periode('23003', ids.A, '2023-01-01', null);
  await periode('32027', ids.C, '2022-01-01', null);
  await periode('68004', ids.D, '2021-01-01', null);
  await db.query(`INSERT INTO pvd_commune (commune_insee, pvd_id) VALUES ('23001', $1), ('23003', $1), ('32027', $2), ('68004', $3)`, [ids.A, ids.C, ids.D]);
  await db.query(`UPDATE commune SET densite = CASE insee WHEN '23001' THEN 6 WHEN '23003' THEN 7 WHEN '32027' THEN 5 WHEN '68004' THEN 3 WHEN '23002' THEN 5 END WHERE insee IN ('23001', '23002', '23003', '32027', '68004')`);

  const dispositif = async (code: string) => (await db.query('SELECT id FROM dispositif WHERE code = $1', [code]))[0].id as string;
  const ligneDe = async (
    code: string,
    type: string,
    beneficiaire: string,
    euros: number,
    dates: { demande?: string; engagement?: string; contractualisation?: string; versement?: string },
    statut: string,
    counts: { dossiers?: number; logements?: number; campagne?: number } = {},
  ) =>
    db.query(
      `INSERT INTO ligne_financement (dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_demande, date_engagement, date_contractualisation, date_versement,
                                      dossiers, logements, annee_campagne, source, date_source)
       VALUES ($1, $2, $3, 'Projet', $4, $5, $6, $7, $8, $9, $10, $11, $12, 'DGALN', '2023-12-31')`,
      [await dispositif(code), type, beneficiaire, euros * 100, statut, dates.demande ?? null, dates.engagement ?? null, dates.contractualisation ?? null, dates.versement ?? null,
       counts.dossiers ?? null, counts.logements ?? null, counts.campagne ?? null],
    );
  const ligne = (type: string, code: string, euros: number, dates: { demande?: string; engagement?: string; versement?: string }, statut: string, dossiers: number | null = null) =>
    ligneDe('fonds_vert', type, code, euros, dates, statut, { dossiers: dossiers ?? undefined });
  await ligne('commune', '23001', 100_000, { engagement: '2022-03-01' }, 'engage', 3);
  await ligne('commune', '23002', 50_000, { engagement: '2022-03-01' }, 'engage');
  await ligne('epci', EPCI_AIRE, 30_000, { engagement: '2023-02-01' }, 'engage');
  await ligne('commune', '75056', 1_000_000, { engagement: '2022-01-01' }, 'engage');
  await ligne('commune', '68004', 20_000, { demande: '2023-01-01', engagement: '2024-03-01' }, 'engage');
  await ligne('commune', '23001', 10_000, { engagement: '2023-05-01', versement: '2023-12-01' }, 'verse', 1);
  // One line for each other dispositif of the report.
  await ligneDe('bdt_pret_renouvellement', 'commune', '23001', 200_000, { engagement: '2022-05-01', contractualisation: '2023-01-10' }, 'contractualise');
  await ligneDe('bdt_pret_renouvellement', 'commune', '68004', 50_000, { engagement: '2023-06-01' }, 'engage');
  await ligneDe('ademe_transition', 'epci', EPCI_AIRE, 40_000, { engagement: '2023-03-01' }, 'engage');
  await ligneDe('maprimerenov', 'commune', '23001', 5_000, { engagement: '2023-04-01' }, 'engage');
  await ligneDe('dsil', 'commune', '23003', 60_000, { engagement: '2022-04-01' }, 'engage', { campagne: 2022 });
  await ligneDe('detr', 'commune', '32027', 25_000, { engagement: '2023-07-01' }, 'engage', { campagne: 2023 });
  await ligneDe('fonds_friches', 'commune', '23001', 80_000, { engagement: '2021-11-01' }, 'engage');
  await ligneDe('anah_operations', 'commune', '23003', 30_000, { engagement: '2023-02-01' }, 'engage', { logements: 12 });
  await ligneDe('drac_patrimoine', 'commune', '68004', 15_000, { engagement: '2021-09-01' }, 'engage');

  const financeur = async (code: string) => (await db.query('SELECT id FROM financeur WHERE code = $1', [code]))[0].id as string;
  const [bdt, anah, cerema, dhup] = [await financeur('banque_des_territoires'), await financeur('anah'), await financeur('cerema'), await financeur('dhup_ateliers_flash')];
  const mission = (p: string, f: string, nature: string, statut: string, euros: number, engagement: string) =>
    db.query(`INSERT INTO mission (pvd_id, financeur_id, nature, intitule, montant_engage, statut, date_engagement) VALUES ($1, $2, $3, 'Mission', $4, $5, $6)`, [p, f, nature, euros * 100, statut, engagement]);
  await mission(ids.A, bdt, 'assistance_management_projet', 'accordee', 40_000, '2022-01-10');
  await mission(ids.A, bdt, 'etude', 'abandonnee', 99_000, '2022-01-10');
  await mission(ids.A, anah, 'etude_pre_operationnelle', 'livree', 10_000, '2023-09-01');
  await mission(ids.B, cerema, 'ingenierie_sur_mesure', 'en_cours', 5_000, '2022-02-01');
  await mission(ids.D, dhup, 'atelier_flash', 'en_cours', 8_000, '2023-10-01');

  const [ort] = await db.query(`INSERT INTO ort (libelle, statut, date_signature, duree_annees) VALUES ('ORT Ahun-Ajain', 'signee', '2021-06-01', 5) RETURNING id`);
  await db.query(`INSERT INTO ort_commune (ort_id, commune_insee) VALUES ($1, '23001'), ($1, '23002')`, [ort.id]);
  const [ortPrep] = await db.query(`INSERT INTO ort (libelle, statut) VALUES ('ORT Altkirch', 'en_preparation') RETURNING id`);
  await db.query(`INSERT INTO ort_commune (ort_id, commune_insee) VALUES ($1, '68004')`, [ortPrep.id]);

  await db.query(`INSERT INTO convention (pvd_id, type, etat, date_signature) VALUES ($1, 'cadre', 'signee', '2023-03-01'), ($2, 'cadre', 'validee', NULL)`, [ids.A, ids.D]);

  const demarche = async (code: string) => (await db.query('SELECT id FROM demarche WHERE code = $1', [code]))[0].id as string;
  const fs = await demarche('france_services');
  await db.query(
    `INSERT INTO demarche_participation (demarche_id, commune_insee, date_debut, attributs) VALUES
       ($1, '23001', '2020-01-01', '{"forme":"fixe"}'), ($1, '68004', '2023-05-01', '{"forme":"fixe"}'), ($1, '75056', '2020-01-01', '{"forme":"fixe"}')`,
    [fs],
  );
  await db.query(`INSERT INTO valeur_reference (cle, zone_type, zone_code, date_valeur, valeur, source) VALUES ('france_services_total', 'nation', '', '2023-12-31', 2800, 'ANCT')`);
  const participe = async (code: string, insee: string, debut: string, attributs: object = {}) =>
    db.query(`INSERT INTO demarche_participation (demarche_id, commune_insee, date_debut, attributs) VALUES ($1, $2, $3, $4)`, [await demarche(code), insee, debut, JSON.stringify(attributs)]);
  await participe('popsu', '23003', '2022-09-01', { publication: 'portrait' });
  await participe('ecoquartier', '32027', '2023-01-01', { etape: '3 – livré' });
  await participe('contrat_securite', '23001', '2021-08-01');
  await participe('contrat_securite', '23002', '2021-08-01');
  await participe('ville_amie_aines', '68004', '2022-01-01', { statut: 'membre' });
  await participe('fabrique_prospective', '23001', '2022-01-01');
  await participe('micro_folie', '23001', '2022-03-01', { forme: 'fixe' });
  await participe('micro_folie', '23003', '2023-05-01', { forme: 'mobile' });

  const [opah] = await db.query(
    `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase, date_debut, date_fin) VALUES ('opah_ru', 'OPAH-RU', 'commune', '23001', 'operationnelle', '2022-01-01', '2026-12-31') RETURNING id`,
  );
  await db.query(`INSERT INTO operation_habitat_commune (operation_id, commune_insee) VALUES ($1, '23001'), ($1, '23002'), ($1, '23003')`, [opah.id]);
  const [pig] = await db.query(
    `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase, date_debut) VALUES ('pig', 'PIG', 'commune', '68004', 'operationnelle', '2022-01-01') RETURNING id`,
  );
  await db.query(`INSERT INTO operation_habitat_commune (operation_id, commune_insee) VALUES ($1, '68004')`, [pig.id]);
  const [rhi] = await db.query(
    `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase, date_debut) VALUES ('rhi_thirori', 'RHI', 'commune', '32027', 'operationnelle', '2023-01-01') RETURNING id`,
  );
  await db.query(`INSERT INTO operation_habitat_commune (operation_id, commune_insee) VALUES ($1, '32027')`, [rhi.id]);

  const [poste] = await db.query(`INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code) VALUES ($1, 'Cheffe de projet', 'commune', '23001') RETURNING id`, [ids.A]);
  await db.query(`INSERT INTO poste_titulaire (poste_id, nom, date_debut) VALUES ($1, 'Titulaire', '2021-03-01')`, [poste.id]);
  await db.query(`INSERT INTO poste_cofinanceur (poste_id, financeur, date_debut, date_fin) VALUES ($1, 'etat', '2021-03-01', '2026-03-31'), ($1, 'anah', '2022-01-01', NULL)`, [poste.id]);
  await db.query(`INSERT INTO demande_cofinancement (poste_id, annee, montant_demande, date_demande, montant_accorde, date_decision) VALUES ($1, 2023, 3000000, '2023-01-15', 3000000, '2023-04-01')`, [poste.id]);
  await seedClub(db, ids);
  return ids;
}

/**
 * The Club, with its traps: a withdrawn sheet, the sheet of a PVD that left, a draft; a cancelled,
 * a draft and a future event; a season and its session whose participants are the attendance
 * marked; national events (no area); a club meeting just outside the 12 months, a cancelled one.
 */
async function seedClub(db: DataSource, ids: Record<string, string>): Promise<void> {
  const fiche = (pvd: string, titre: string, statut: string, publiee: string | null, depubliee: string | null = null) =>
    db.query(`INSERT INTO fiche_projet (pvd_id, titre, statut, publiee_le, depubliee_le) VALUES ($1, $2, $3, $4, $5)`, [pvd, titre, statut, publiee, depubliee]);
  await fiche(ids.A, 'Halle', 'publiee', '2022-03-01');
  await fiche(ids.C, 'Cour d’école', 'publiee', '2023-05-10');
  await fiche(ids.A, 'Façades', 'depubliee', '2022-01-01', '2023-01-01');
  await fiche(ids.B, 'Ajain', 'publiee', '2022-02-01');
  await fiche(ids.D, 'Brouillon', 'brouillon', null);

  const organisation = async (type: string, nom: string, dep: string | null = null) =>
    (await db.query(`INSERT INTO organisation (type, nom, departement_code) VALUES ($1, $2, $3) RETURNING id`, [type, nom, dep]))[0].id as string;
  const anct = await organisation('anct', 'ANCT (club)');
  const cerema = await organisation('partenaire', 'Cerema (club)');
  const creuse = await organisation('prefecture', 'Préfecture de la Creuse (club)', '23');
  const haut = await organisation('prefecture', 'Préfecture du Haut-Rhin (club)', '68');
  const gers = await organisation('prefecture', 'Préfecture du Gers (club)', '32');
  const evenement = async (type: string, org: string, debut: string, statut: string, dep: string | null = null, participants: number | null = null, parent: string | null = null) =>
    (
      await db.query(
        `INSERT INTO club_evenement (type, titre, date_debut, date_fin, organisateur_id, departement_code, statut, participants, parent_id) VALUES ($1::varchar, $1::varchar, $2::date, $2::date, $3, $4, $5, $6, $7) RETURNING id`,
        [type, debut, org, dep, statut, participants, parent],
      )
    )[0].id as string;
  await evenement('webinaire', anct, '2021-05-01', 'publie', null, 100);
  const saison = await evenement('saison_thematique', anct, '2023-10-06', 'publie');
  const seance = await evenement('webinaire', anct, '2023-10-10', 'publie', null, null, saison);
  await evenement('atelier_in_situ', anct, '2023-11-07', 'publie', '23', 47);
  await evenement('webinaire', anct, '2022-01-01', 'annule', null, 500);
  await evenement('webinaire', anct, '2022-02-01', 'brouillon', null, 500);
  await evenement('webinaire', anct, '2024-02-01', 'publie', null, 500);
  await evenement('formation_initiale', anct, '2021-06-15', 'publie');
  await evenement('formation_approfondissement', cerema, '2022-09-01', 'publie');
  await evenement('formation_approfondissement', cerema, '2023-03-01', 'publie', '68');
  await evenement('club_departemental', creuse, '2022-01-10', 'publie', '23', 12);
  await evenement('club_departemental', creuse, '2023-03-15', 'publie', '23', 15);
  await evenement('club_departemental', haut, '2022-12-01', 'publie', '68', 9);
  await evenement('club_departemental', gers, '2023-06-01', 'annule', '32');
  // The session's participants: the attendance marked (two present, one absent, one not marked).
  for (const presence of [true, true, false, null]) {
    const [user] = await db.query(`INSERT INTO app_user (email, display_name) VALUES ($1, 'Participant') RETURNING id`, [`club.${Math.random().toString(36).slice(2)}@test.invalid`]);
    await db.query(`INSERT INTO club_inscription (evenement_id, user_id, statut, presence) VALUES ($1, $2, 'inscrit', $3)`, [seance, user.id, presence]);
  }
}

describe('indicators: known answers', () => {
  const t = useTestApp();
  let anct: SignedInClient;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ids = await seed(t.dataSource);
    anct = await t.signIn('anct_directeur');
  });

  const value = async (id: IndicateurId, query: string) => {
    const res = await anct.agent.get(`/api/indicateurs/${id}?${query}`).expect(200);
    return res.body;
  };

  it.each<[IndicateurId, string, number]>([
    ['P1', `date=${D1}`, 4],
    ['P1', `date=${D0}`, 5],
    ['P1', `date=${D1}&portee=departement&code=23`, 2],
    ['P1', `date=${D0}&portee=departement&code=23`, 3],
    ['P1', `date=${D1}&portee=region&code=76`, 1],
    ['P2', `date=${D1}`, 3],
    ['P3', `date=${D1}`, 2],
    ['P3', `date=${D0}`, 0],
    ['T4', `date=${D1}`, 140_000],
    ['T4', `date=${D0}`, 150_000],
    ['T4', `date=${D1}&portee=departement&code=23`, 110_000],
    ['T4', `date=${D1}&portee=departement&code=40`, 30_000],
    ['T4', `date=${D1}&portee=region&code=75`, 140_000],
    ['T4', `date=${D1}&portee=region&code=76`, 0],
    ['T4', `date=${D1}&portee=departement&code=68`, 0],
    ['I4', `date=${D1}`, 30_000],
    ['I4', `date=${D0}`, 0],
    ['I5', `date=${D1}`, 58_000],
    ['I5', `date=${D0}`, 45_000],
    ['I6', `date=${D1}`, 3],
    ['I6', `date=${D0}`, 2],
    ['I7', `date=${D1}`, 0.75],
    ['I9', `date=${D0}`, 1],
    ['I9', `date=${D1}`, 0],
    ['I10', `date=${D1}`, 1],
    ['I11', `date=${D1}`, 1],
    ['I1', `date=${D1}`, 88_000],
    ['I1', `date=${D0}`, 45_000],
    ['P4', `date=${D1}`, 688_000],
    ['P4', `date=${D0}`, 550_000],
    ['T1', `date=${D1}`, 600_000],
    ['T1', `date=${D0}`, 505_000],
    ['T7', `date=${D1}`, 1],
    ['T7', `date=${D0}`, 2],
    ['T8', `date=${D1}`, 2],
    ['T8', `date=${D0}`, 3],
    ['T9', `date=${D1}`, 1],
    ['T9', `date=${D0}`, 0],
    ['T11', `date=${D1}`, 2],
    ['T11', `date=${D0}`, 1],
    ['I3', `date=${D1}`, 1],
    ['P5', `date=${D1}`, 250_000],
    ['P5', `date=${D0}`, 200_000],
    ['P5', `date=${D1}&portee=departement&code=68`, 50_000],
    ['P6', `date=${D1}`, 5_000],
    ['P6', `date=${D0}`, 0],
    ['P7', `date=${D1}`, 40_000],
    ['P7', `date=${D1}&portee=departement&code=40`, 40_000],
    ['P7', `date=${D0}`, 0],
    ['I2', `date=${D1}`, 22_000],
    ['I2', `date=${D0}`, 9_000],
    ['I2', `date=${D1}&portee=departement&code=23`, 40_000],
    ['I2', `date=${D1}&portee=departement&code=68`, 8_000],
    ['I8', `date=${D1}`, 1],
    ['I8', `date=${D0}`, 0],
    ['I12', `date=${D1}`, 1],
    ['I12', `date=${D0}`, 0],
    ['T2', `date=${D1}`, 85_000],
    ['T2', `date=${D0}`, 60_000],
    ['T2', `date=${D1}&portee=departement&code=32`, 25_000],
    ['T3', `date=${D1}`, 80_000],
    ['T3', `date=${D0}`, 80_000],
    ['T5', `date=${D1}`, 30_000],
    ['T5', `date=${D0}`, 0],
    ['T6', `date=${D1}`, 15_000],
    ['T6', `date=${D1}&portee=region&code=44`, 15_000],
    ['T6', `date=${D1}&portee=region&code=75`, 0],
    ['T10', `date=${D1}`, 1],
    ['T10', `date=${D0}`, 0],
    ['T12', `date=${D1}`, 1],
    ['T12', `date=${D0}`, 2],
    ['T13', `date=${D1}`, 2],
    ['T13', `date=${D1}&portee=departement&code=68`, 1],
    ['T14', `date=${D1}`, 1],
    ['T14', `date=${D0}`, 1],
  ])('%s (%s) = %d', async (id, query, expected) => {
    expect((await value(id, query)).valeur).toBeCloseTo(expected, 6);
  });

  it('gives secondary figures and shares with their denominator', async () => {
    const t4 = await value('T4', `date=${D1}`);
    expect(t4.secondaires).toEqual([
      { cle: 'communes', libelle: 'Communes ayant au moins une subvention', unite: 'communes', valeur: 1 },
      { cle: 'dossiers', libelle: 'Dossiers acceptés', unite: 'dossiers', valeur: 4 },
    ]);
    const t7 = await value('T7', `date=${D1}`);
    expect(t7.parts).toEqual([{ cle: 'part_p1', libelle: 'Part des communes PVD', valeur: 25, denominateur: { libelle: 'Communes PVD (P1)', valeur: 4 } }]);
    const t11 = await value('T11', `date=${D1}`);
    expect(t11.parts[0]).toMatchObject({ cle: 'part_nationale', valeur: 0.07, denominateur: { valeur: 2800 } });
    expect(t11.parts[1]).toMatchObject({ cle: 'part_p1', valeur: 50 });
    const i3 = await value('I3', `date=${D1}`);
    expect(i3.secondaires[0]).toMatchObject({ cle: 'anah', valeur: 1 });
    const t8 = await value('T8', `date=${D1}`);
    expect(t8.secondaires[0]).toMatchObject({ cle: 'operations', valeur: 1 });
    expect((await value('P5', `date=${D1}`)).secondaires[0]).toMatchObject({ cle: 'contractualises', valeur: 200_000 });
    expect((await value('P5', `date=${D0}`)).secondaires[0]).toMatchObject({ cle: 'contractualises', valeur: 0 });
    expect((await value('T3', `date=${D1}`)).secondaires[0]).toMatchObject({ cle: 'communes', valeur: 1 });
    expect((await value('T5', `date=${D1}`)).secondaires[0]).toMatchObject({ cle: 'logements', valeur: 12 });
    expect((await value('I12', `date=${D1}`)).secondaires[0]).toMatchObject({ cle: 'publications', valeur: 1 });
    expect((await value('T14', `date=${D1}`)).secondaires[0]).toMatchObject({ cle: 'communes', valeur: 2 });
    expect((await value('T14', `date=${D0}`)).secondaires[0]).toMatchObject({ cle: 'communes', valeur: 1 });
    const t13 = await value('T13', `date=${D1}&ventilation=type`);
    expect(t13.ventilations[0].lignes.map((l: { libelle: string; valeur: number }) => [l.libelle, l.valeur])).toEqual([
      ['Fabrique prospective', 1],
      ['Ville amie des aînés : membres', 1],
    ]);
    const t2 = await value('T2', `date=${D1}&ventilation=dispositif`);
    expect(t2.ventilations[0].lignes.map((l: { libelle: string; valeur: number }) => [l.libelle, l.valeur])).toEqual([
      ['DETR', 25_000],
      ['DSIL', 60_000],
    ]);
  });

  it('names its sources and the date of its freshest data', async () => {
    const t4 = await value('T4', `date=${D1}`);
    expect(t4.sources).toEqual(['DGALN']);
    expect(t4.dateDonnees).toBe('2023-12-31');
    const p1 = await value('P1', `date=${D1}`);
    expect(p1.sources).toEqual(['ANCT – liste des communes Petites villes de demain']);
    expect(p1.dateDonnees).toBe('2023-06-30');
  });

  it('attributes an EPCI amount to its seat once: the régions add up to the nation', async () => {
    const t4 = await value('T4', `date=${D1}&ventilation=region,departement`);
    const byRegion = t4.ventilations.find((v: { par: string }) => v.par === 'region').lignes;
    expect(byRegion).toEqual([expect.objectContaining({ cle: '75', libelle: 'Nouvelle-Aquitaine', valeur: 140_000, part: 100 })]);
    const byDep = t4.ventilations.find((v: { par: string }) => v.par === 'departement').lignes;
    expect(byDep.map((l: { cle: string; valeur: number }) => [l.cle, l.valeur])).toEqual([
      ['23', 110_000],
      ['40', 30_000],
    ]);
  });

  it('splits every PVD commune by density for the P2 pie, rural against the others', async () => {
    const p2 = await value('P2', `date=${D1}&ventilation=densite`);
    expect(p2.ventilations[0].lignes.map((l: { cle: string; valeur: number }) => [l.cle, l.valeur])).toEqual([
      ['rurale', 3],
      ['urbaine', 1],
    ]);
  });

  it('maps shares of each area’s PVD communes (P3, T7)', async () => {
    const t7 = await value('T7', `date=${D1}&ventilation=departement`);
    expect(t7.ventilations[0].lignes).toEqual([{ cle: '23', libelle: 'Creuse', valeur: 1, part: 50 }]);
    const p3 = await value('P3', `date=${D1}&ventilation=departement`);
    expect(p3.ventilations[0].lignes).toEqual([{ cle: '23', libelle: 'Creuse', valeur: 2, part: 100 }]);
  });

  it('adds up: for every additive indicator, the régions make the nation and each région its départements', async () => {
    for (const jour of [D0, D1]) {
      for (const def of INDICATEURS.filter((i) => i.disponible && i.additif)) {
        const res = await value(def.id, `date=${jour}&ventilation=region,departement`);
        const rows = (par: string) => res.ventilations.find((v: { par: string }) => v.par === par)?.lignes as { cle: string; valeur: number }[] | undefined;
        const regions = rows('region');
        const deps = rows('departement');
        if (!regions || !deps) continue;
        const total = (r: { valeur: number }[]) => r.reduce((a, b) => a + b.valeur, 0);
        // Counts of distinct communes add up because a commune lies in one area; amounts because each has one area.
        expect([def.id, jour, total(regions)]).toEqual([def.id, jour, res.valeur]);
        expect([def.id, jour, total(deps)]).toEqual([def.id, jour, res.valeur]);
        for (const region of regions) {
          const inRegion = await value(def.id, `date=${jour}&portee=region&code=${region.cle}&ventilation=departement`);
          expect([def.id, jour, region.cle, inRegion.valeur]).toEqual([def.id, jour, region.cle, region.valeur]);
          expect([def.id, jour, region.cle, total(inRegion.ventilations[0]?.lignes ?? [])]).toEqual([def.id, jour, region.cle, region.valeur]);
        }
      }
    }
  });

  it('returns a whole dashboard section in one call, with a comparison date', async () => {
    const res = await anct.agent.get(`/api/indicateurs/tableau?section=programme&date=${D1}&comparaison=${D0}`).expect(200);
    expect(res.body.portee).toEqual({ type: 'nation', code: null, libelle: 'France entière' });
    expect(res.body.indicateurs.map((i: { id: string }) => i.id)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
    const p1 = res.body.indicateurs[0];
    expect(p1).toMatchObject({ valeur: 4, comparaison: { date: D0, valeur: 5, evolution: -1 } });
    expect(p1.ventilations.find((v: { par: string }) => v.par === 'departement').lignes.map((l: { cle: string }) => l.cle)).toEqual(['23', '32', '68']);
  });

  it.each<[IndicateurId, string, number]>([
    // C1: published on the day, of a PVD in the programme on the day.
    ['C1', `date=${D0}`, 3],
    ['C1', `date=${D1}`, 2],
    ['C1', `date=${D1}&portee=departement&code=23`, 1],
    ['C1', `date=${D1}&portee=departement&code=32`, 1],
    ['C1', `date=${D1}&portee=pvd&code=PVD_A`, 1],
    ['C1', `date=2021-12-31`, 0],
    // C2: held and published; national events count only at the national scope.
    ['C2', `date=${D0}`, 1],
    ['C2', `date=${D1}`, 4],
    ['C2', `date=${D1}&portee=departement&code=23`, 1],
    ['C2', `date=${D1}&portee=region&code=75`, 1],
    ['C2', `date=${D1}&portee=departement&code=68`, 0],
    // C3: training sessions.
    ['C3', `date=${D0}`, 1],
    ['C3', `date=${D1}`, 3],
    ['C3', `date=${D1}&portee=departement&code=68`, 1],
  ])('the Club: %s with %s is %p', async (id, query, expected) => {
    expect((await value(id, query.replace('PVD_A', ids.A))).valeur).toBe(expected);
  });

  it('counts the Club’s participants, its kinds of events and its trainings by organiser', async () => {
    const c2 = await value('C2', `date=${D1}&ventilation=type`);
    // 100 recorded + 0 (a season without attendance) + 2 present at its session + 47 in situ.
    expect(c2.secondaires).toEqual([{ cle: 'participants', libelle: 'Participants', unite: 'participants', valeur: 149 }]);
    expect(c2.ventilations[0].lignes.map((l: { cle: string; valeur: number }) => [l.cle, l.valeur])).toEqual([
      ['atelier_in_situ', 1],
      ['saison_thematique', 1],
      ['webinaire', 2],
    ]);
    const c3 = await value('C3', `date=${D1}&ventilation=financeur`);
    expect(c3.secondaires.map((s: { cle: string; valeur: number }) => [s.cle, s.valeur])).toEqual([
      ['initiales', 1],
      ['approfondissement', 2],
    ]);
    expect(c3.ventilations[0].lignes.map((l: { libelle: string; valeur: number }) => [l.libelle, l.valeur]).sort()).toEqual([
      ['ANCT (club)', 1],
      ['Cerema (club)', 2],
    ]);
  });

  it('finds the départements whose club met in the 12 months up to the day (C4)', async () => {
    // On D1, of the départements with PVD (23, 32, 68): the Creuse's club met on 2023-03-15; the
    // Haut-Rhin's last met on 2022-12-01, more than 12 months before; the Gers's meeting was cancelled.
    const d1 = await value('C4', `date=${D1}&ventilation=departement`);
    expect(d1.unite).toBe('pourcentage');
    expect(d1.valeur).toBeCloseTo(100 / 3, 6);
    expect(d1.secondaires.map((s: { cle: string; valeur: number }) => [s.cle, s.valeur])).toEqual([
      ['clubs', 1],
      ['departements', 3],
    ]);
    expect(d1.ventilations[0].lignes.map((l: { cle: string; valeur: number }) => [l.cle, l.valeur])).toEqual([
      ['23', 100],
      ['32', 0],
      ['68', 0],
    ]);
    // On 2023-01-15 the Haut-Rhin's meeting counts, the Creuse's of 2022-01-10 no longer does.
    const between = await value('C4', `date=2023-01-15&ventilation=departement`);
    expect(between.ventilations[0].lignes.map((l: { cle: string; valeur: number }) => [l.cle, l.valeur])).toEqual([
      ['23', 0],
      ['32', 0],
      ['68', 100],
    ]);
    expect((await value('C4', `date=${D0}`)).valeur).toBeCloseTo(100 / 3, 6);
    expect((await value('C4', `date=${D1}&portee=pvd&code=${ids.A}`)).valeur).toBe(100);
    expect((await value('C4', `date=${D1}&portee=pvd&code=${ids.D}`)).valeur).toBe(0);
    expect((await value('C4', `date=2021-01-01`)).valeur).toBe(0);

    const detail = await anct.agent.get(`/api/indicateurs/C4/detail?date=${D1}`).expect(200);
    expect(detail.body.total).toBe(1);
    expect(detail.body.lignes).toEqual([{ departement: '23', derniereReunion: '2023-03-15', communes: 2 }]);
  });

  it('returns the Club’s dashboard section with every figure computed', async () => {
    const res = await anct.agent.get(`/api/indicateurs/tableau?section=club&date=${D1}`).expect(200);
    expect(res.body.indicateurs.map((i: { id: string; disponible: boolean; valeur: number }) => [i.id, i.disponible, Math.round(i.valeur)])).toEqual([
      ['C1', true, 2],
      ['C2', true, 4],
      ['C3', true, 3],
      ['C4', true, 33],
    ]);
  });

  it('lists the records behind a figure, by page, and for one map area', async () => {
    const res = await anct.agent.get(`/api/indicateurs/P1/detail?date=${D1}&pageSize=3`).expect(200);
    expect(res.body.total).toBe(4);
    expect(res.body.lignes.map((l: { insee: string }) => l.insee)).toEqual(['23001', '23003', '32027']);
    const page2 = await anct.agent.get(`/api/indicateurs/P1/detail?date=${D1}&pageSize=3&page=2`).expect(200);
    expect(page2.body.lignes.map((l: { insee: string; idPvd: string }) => [l.insee, l.idPvd])).toEqual([['68004', 'KA-D']]);
    const dep = await anct.agent.get(`/api/indicateurs/T4/detail?date=${D1}&ventilation=departement&cle=40`).expect(200);
    expect(dep.body.lignes).toEqual([expect.objectContaining({ beneficiaire: `epci ${EPCI_AIRE}`, montant: 30_000, statut: 'engage' })]);
  });

  it('exports the list behind a figure in CSV and XLSX', async () => {
    const csv = await anct.agent.get(`/api/indicateurs/T4/detail/export?format=csv&date=${D1}`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Dispositif;Bénéficiaire;Projet;Montant (€);Statut à la date;Engagé le;Département;Source');
    expect(lines).toHaveLength(4);
    expect(lines).toContain('Fonds vert;epci 200030435;Projet;30000;engage;2023-02-01;40;DGALN');
    const xlsx = await anct.agent.get(`/api/indicateurs/T11/detail/export?format=xlsx&date=${D1}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(1).value).toBe('23001');
  });

  describe('scopes', () => {
    it('a préfecture reads its département, not the nation, its région or another département', async () => {
      const creuse = await t.signIn('prefecture_instructeur');
      await creuse.agent.get(`/api/indicateurs/P1?portee=departement&code=23&date=${D1}`).expect(200);
      const forbidden = ['portee=nation', 'portee=region&code=75', 'portee=departement&code=68', `portee=pvd&code=${ids.D}`, 'portee=epci&code=200066041'];
      for (const q of forbidden) {
        const res = await creuse.agent.get(`/api/indicateurs/P1?${q}`).expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
        await creuse.agent.get(`/api/indicateurs/P1/detail?${q}`).expect(403);
        await creuse.agent.get(`/api/indicateurs/P1/detail/export?format=csv&${q}`).expect(403);
      }
      await creuse.agent.get('/api/indicateurs/tableau?section=programme&portee=nation').expect(403);
      const own = await creuse.agent.get(`/api/indicateurs/tableau?section=programme&date=${D1}`).expect(200);
      expect(own.body.portee).toMatchObject({ type: 'departement', code: '23' });
      expect(own.body.indicateurs[0]).toMatchObject({ id: 'P1', valeur: 2, national: 4 });
    });

    it('a SGAR reads its région and its départements only', async () => {
      const sgar = await t.signIn('sgar_lecteur');
      await sgar.agent.get('/api/indicateurs/P1?portee=region&code=75').expect(200);
      await sgar.agent.get('/api/indicateurs/P1?portee=departement&code=23').expect(200);
      await sgar.agent.get('/api/indicateurs/P1?portee=departement&code=68').expect(403);
      await sgar.agent.get('/api/indicateurs/P1?portee=region&code=44').expect(403);
    });

    it('offers each user the zones it reads: all for the ANCT, a SGAR its région, a préfecture its département', async () => {
      const all = (await anct.agent.get('/api/indicateurs/zones').expect(200)).body;
      expect(all.nation).toBe(true);
      expect(all.parDefaut).toMatchObject({ type: 'nation', code: null });
      expect(all.regions.length).toBeGreaterThanOrEqual(18);
      expect(all.regions.find((r: { code: string }) => r.code === '75')).toMatchObject({ nom: 'Nouvelle-Aquitaine', lisible: true });
      const outreMer = all.regions.flatMap((r: { departements: { code: string }[] }) => r.departements.map((d) => d.code));
      expect(outreMer).toEqual(expect.arrayContaining(['971', '976', '2A', '23']));

      const sgar = (await (await t.signIn('sgar_lecteur')).agent.get('/api/indicateurs/zones').expect(200)).body;
      expect(sgar.nation).toBe(false);
      expect(sgar.parDefaut).toMatchObject({ type: 'region', code: '75', libelle: 'Nouvelle-Aquitaine' });
      expect(sgar.regions.map((r: { code: string }) => r.code)).toEqual(['75']);
      expect(sgar.regions[0].departements.map((d: { code: string }) => d.code)).toContain('23');

      const creuse = (await (await t.signIn('prefecture_instructeur')).agent.get('/api/indicateurs/zones').expect(200)).body;
      expect(creuse).toMatchObject({ nation: false, parDefaut: { type: 'departement', code: '23', libelle: 'Creuse' } });
      expect(creuse.regions).toEqual([{ code: '75', nom: 'Nouvelle-Aquitaine', lisible: false, departements: [{ code: '23', nom: 'Creuse' }] }]);
    });

    it('a chef de projet reads its PVD, not another', async () => {
      const chef = await t.signIn('chef_de_projet');
      await t.dataSource.query(`INSERT INTO pvd_commune (commune_insee, pvd_id) VALUES ('23001', $1) ON CONFLICT (commune_insee) DO NOTHING`, [ids.A]);
      const own = await chef.agent.get(`/api/indicateurs/I6?portee=pvd&code=${ids.A}&date=${D1}`).expect(200);
      expect(own.body.valeur).toBe(2);
      await chef.agent.get(`/api/indicateurs/I6?portee=pvd&code=${ids.D}`).expect(403);
      await chef.agent.get('/api/indicateurs/I6?portee=departement&code=23').expect(403);
      await chef.agent.get('/api/indicateurs/tableau?section=programme').expect(403);
    });

    it('refuses bad parameters with the field, and unknown areas with 404', async () => {
      const bad = await anct.agent.get('/api/indicateurs/P1?date=2024-02-30').expect(400);
      expect(Object.keys(bad.body.fields)).toEqual(['date']);
      expect((await anct.agent.get('/api/indicateurs/P1?portee=galaxie').expect(400)).body.fields).toHaveProperty('portee');
      expect((await anct.agent.get('/api/indicateurs/P1?portee=departement').expect(400)).body.fields).toHaveProperty('code');
      expect((await anct.agent.get('/api/indicateurs/P1?ventilation=couleur').expect(400)).body.fields).toHaveProperty('ventilation');
      await anct.agent.get('/api/indicateurs/Z9').expect(400);
      await anct.agent.get('/api/indicateurs/P1?portee=departement&code=99').expect(404);
      await anct.agent.get('/api/indicateurs/P1?portee=pvd&code=not-a-uuid').expect(404);
    });
  });
});
