import { computeSubvention, isParametreCle, type ParametresHistorique } from '@suivi-pvd/domain';
import { todayInFrance } from '../core/time/today';
import { createPvd, CSRF, useTestApp } from '../test/test-app';

const euros = (value: number) => Math.round(value * 100);
/** A parameter change applies from today on: the extension below is planned from next year. */
const NEXT = Number(todayInFrance().slice(0, 4)) + 1;

const POSTE = {
  intitule: 'Cheffe de projet Petites villes de demain',
  employeurType: 'commune',
  employeurCode: '23001',
  titulaires: [{ nom: 'Camille Martin', email: 'Camille.Martin@Ahun.test', debut: '2022-01-01', quotite: 100 }],
  coutsAnnuels: [
    { annee: 2025, cout: euros(60_000) },
    { annee: 2026, cout: euros(60_000) },
    { annee: NEXT, cout: euros(60_000) },
  ],
  cofinanceurs: [{ financeur: 'etat' }],
  operationHabitat: null,
};

type Annee = { annee: number; total: number; parFinanceur: Record<string, number> };
const totals = (body: { subvention: { annees: Annee[] } }) => Object.fromEntries(body.subvention.annees.map((a) => [a.annee, a.total]));

/** The parameters as the web app gets them, turned into the domain's history. */
function historique(body: { parametres: { cle: string; valeurs: { dateEffet: string; valeur: unknown }[] }[] }): ParametresHistorique {
  return Object.fromEntries(body.parametres.filter((p) => isParametreCle(p.cle)).map((p) => [p.cle, p.valeurs.map((v) => ({ dateEffet: v.dateEffet, valeur: v.valeur }))]));
}

describe('chef de projet posts', () => {
  const t = useTestApp();

  /** A PVD of its own for each test (a commune belongs to one PVD) and its chef de projet. */
  async function setup(insee: string) {
    const pvd = await createPvd(t.dataSource, [insee]);
    const chef = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: insee })).agent;
    return { pvd, chef, poste: { ...POSTE, employeurCode: insee } };
  }

  it('computes the subsidy with the dated parameters, the same figures as the domain function in the browser', async () => {
    const pvd = await createPvd(t.dataSource, ['23001']);
    const chef = (await t.signIn('chef_de_projet')).agent;
    const created = await chef.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send(POSTE).expect(201);
    expect(created.body).toMatchObject({ employeurNom: 'Ahun', version: 1, droits: { modifier: true, instruire: false } });
    expect(created.body.titulaires[0]).toMatchObject({ nom: 'Camille Martin', email: 'camille.martin@ahun.test', fin: null, quotite: 100 });
    expect(totals(created.body)).toMatchObject({ 2022: 0, 2023: 0, 2024: 0, 2025: 4_500_000, 2026: 1_109_589, [NEXT]: 0 });
    expect(created.body.subvention.annees.find((a: Annee) => a.annee === 2026).periodes[0]).toMatchObject({ debut: '2026-01-01', fin: '2026-03-31', jours: 90 });

    // The browser computes with the same function and the parameters the API publishes.
    const parametres = await chef.get('/api/programme/parametres').expect(200);
    const live = computeSubvention({
      titulaires: POSTE.titulaires.map((x) => ({ debut: x.debut, fin: null, quotite: x.quotite })),
      coutsAnnuels: POSTE.coutsAnnuels,
      cofinanceurs: [{ financeur: 'etat', debut: null, fin: null }],
      operationHabitat: null,
      parametres: historique(parametres.body),
    });
    if (!live.ok) throw new Error('live computation failed');
    expect(created.body.subvention.annees).toEqual(live.annees);

    // An ANCT director extends the State's participation from next year: that year changes, the past does not.
    const anct = (await t.signIn('anct_directeur')).agent;
    await anct.post('/api/programme/parametres').set(CSRF).send({ cle: 'fin_participation_etat', valeur: `${NEXT + 1}-12-31`, dateEffet: `${NEXT}-01-01` }).expect(201);
    const after = await chef.get(`/api/postes/${created.body.id}`).expect(200);
    expect(totals(after.body)).toMatchObject({ 2022: 0, 2023: 0, 2024: 0, 2025: 4_500_000, 2026: 1_109_589, [NEXT]: 4_500_000 });
    const scheduled = (await anct.get('/api/programme/parametres').expect(200)).body.parametres.find((p: { cle: string }) => p.cle === 'fin_participation_etat');
    const value = scheduled.valeurs.find((v: { dateEffet: string }) => v.dateEffet === `${NEXT}-01-01`);
    await anct.delete(`/api/programme/parametres/${value.id}`).set(CSRF).expect(200);
    expect(totals((await chef.get(`/api/postes/${created.body.id}`).expect(200)).body)[NEXT]).toBe(0);
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const { pvd, chef } = await setup('23004');
    const bad = await chef
      .post(`/api/pvd/${pvd.id}/postes`)
      .set(CSRF)
      .send({
        ...POSTE,
        employeurCode: '23001',
        titulaires: [{ nom: 'Camille Martin', debut: '2025-06-01', fin: '2025-05-31', quotite: 100 }],
        coutsAnnuels: [{ annee: 2025, cout: -100 }],
      })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.fields).toEqual({
      employeurCode: [expect.stringContaining('L’employeur doit être l’une des communes de la PVD')],
      'titulaires.0.fin': ['La date de départ précède la date d’arrivée.'],
      'coutsAnnuels.0.cout': ['Le coût annuel ne peut pas être négatif.'],
    });
    const shape = await chef.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send({ ...POSTE, titulaires: [{ nom: 'X', debut: '2025-02-30', quotite: 120 }], inconnu: 1 }).expect(400);
    expect(Object.keys(shape.body.fields).sort()).toEqual(['inconnu', 'titulaires.0.debut', 'titulaires.0.nom', 'titulaires.0.quotite']);
    const [{ count }] = await t.dataSource.query('SELECT count(*)::int FROM poste WHERE pvd_id = $1', [pvd.id]);
    expect(count).toBe(0);
  });

  it('updates with a version: a stale write gets 409 and changes nothing; every change is in the dossier history', async () => {
    const { pvd, chef, poste: input } = await setup('23005');
    const { body: poste } = await chef.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send(input).expect(201);
    const edit = (version: number, nom: string) =>
      chef
        .put(`/api/postes/${poste.id}`)
        .set(CSRF)
        .send({ ...input, version, titulaires: [{ ...POSTE.titulaires[0], fin: '2025-04-30' }, { nom, debut: '2025-07-01', quotite: 80 }] });
    const [first, second] = await Promise.all([edit(1, 'Dominique Bernard'), edit(1, 'Claude Petit')]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    expect(loser.body.message).toContain('Ce poste a été modifié par Test chef_de_projet');
    const winner = first.status === 200 ? first : second;
    const stored = await chef.get(`/api/postes/${poste.id}`).expect(200);
    expect(stored.body.titulaires.map((x: { nom: string }) => x.nom)).toEqual(['Camille Martin', winner.body.titulaires[1].nom]);
    expect(stored.body.version).toBe(2);
    // 45,000 × 120/365 + vacancy + 45,000 × 184/365 × 80 %
    expect(totals(stored.body)[2025]).toBe(1_479_452 + 1_814_795);

    // Saving the same content is not a change.
    await chef.put(`/api/postes/${poste.id}`).set(CSRF).send({ ...input, version: 2, titulaires: stored.body.titulaires.map(({ id: _, ...x }: { id: string }) => x) }).expect(200);
    expect((await chef.get(`/api/postes/${poste.id}`).expect(200)).body.version).toBe(2);

    const history = await chef.get(`/api/pvd/${pvd.id}/historique`).expect(200);
    expect(history.body.items.map((i: { action: string; objet: string }) => [i.action, i.objet])).toEqual([
      ['poste.modifie', 'Poste « Cheffe de projet Petites villes de demain »'],
      ['poste.cree', 'Poste « Cheffe de projet Petites villes de demain »'],
    ]);
    expect(history.body.items[0].changes.map((c: { libelle: string }) => c.libelle)).toContain('Titulaires');
  });

  it('takes the yearly request from the chef de projet and the decision and payments from the préfecture', async () => {
    const { pvd, chef, poste: input } = await setup('23006');
    const prefecture = (await t.signIn('prefecture_instructeur')).agent;
    const { body: poste } = await chef.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send(input).expect(201);

    const filed = await chef.put(`/api/postes/${poste.id}/demandes/2026`).set(CSRF).send({ version: 0, montantDemande: 1_109_589, dateDemande: '2026-01-20' }).expect(200);
    expect(filed.body.demandes[0]).toMatchObject({ annee: 2026, montantDemande: 1_109_589, montantAccorde: null, versements: [], montantVerse: 0, version: 1 });
    await chef.put(`/api/postes/${poste.id}/demandes/2026`).set(CSRF).send({ version: 0, montantDemande: 1, dateDemande: '2026-01-20' }).expect(409);
    await chef.put(`/api/postes/${poste.id}/demandes/2026/instruction`).set(CSRF).send({ version: 1, montantAccorde: 1, dateDecision: '2026-03-01', versements: [] }).expect(403);
    await prefecture.put(`/api/postes/${poste.id}/demandes/2026`).set(CSRF).send({ version: 1, montantDemande: 1, dateDemande: '2026-01-20' }).expect(403);

    const tooMuch = await prefecture
      .put(`/api/postes/${poste.id}/demandes/2026/instruction`)
      .set(CSRF)
      .send({ version: 1, montantAccorde: 1_000_000, dateDecision: '2026-03-01', versements: [{ date: '2026-02-01', montant: 1_000_001, tranche: 'avance' }] })
      .expect(400);
    expect(tooMuch.body.fields).toEqual({ versements: ['Les versements dépassent le montant accordé.'], 'versements.0.date': ['Un versement ne peut pas précéder la décision.'] });
    const decided = await prefecture
      .put(`/api/postes/${poste.id}/demandes/2026/instruction`)
      .set(CSRF)
      .send({ version: 1, montantAccorde: 1_000_000, dateDecision: '2026-03-01', versements: [{ date: '2026-05-15', montant: 750_000, tranche: 'avance' }] })
      .expect(200);
    expect(decided.body.droits).toEqual({ modifier: false, instruire: true });
    expect(decided.body.demandes[0]).toMatchObject({ montantAccorde: 1_000_000, montantVerse: 750_000, version: 2 });
    await prefecture.put(`/api/postes/${poste.id}/demandes/2027/instruction`).set(CSRF).send({ version: 1, versements: [] }).expect(404);

    const history = await chef.get(`/api/pvd/${pvd.id}/historique`).expect(200);
    expect(history.body.items[0]).toMatchObject({ action: 'demande_cofinancement.instruite', objet: 'Demande de cofinancement 2026' });
  });

  it('keeps posts within the stored territory: readers read, neighbours and other départements get 404', async () => {
    const { pvd, chef, poste: input } = await setup('23007');
    const { body: poste } = await chef.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send(input).expect(201);
    const elu = (await t.signIn('elu_lecteur', { type: 'commune', communeInsee: '23007' })).agent;
    await elu.get(`/api/postes/${poste.id}`).expect(200);
    await elu.put(`/api/postes/${poste.id}`).set(CSRF).send({ ...input, version: 1 }).expect(403);
    const neighbour = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23002' })).agent;
    await neighbour.get(`/api/postes/${poste.id}`).expect(404);
    await neighbour.put(`/api/postes/${poste.id}`).set(CSRF).send({ ...POSTE, version: 1 }).expect(404);
    await neighbour.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send(POSTE).expect(404);
    const otherPrefecture = (await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: '68' })).agent;
    await otherPrefecture.get(`/api/postes/${poste.id}`).expect(404);
    await otherPrefecture.put(`/api/postes/${poste.id}/demandes/2026/instruction`).set(CSRF).send({ version: 1, versements: [] }).expect(404);
    const partner = (await t.signIn('partenaire')).agent;
    await partner.get(`/api/postes/${poste.id}`).expect(403);
  });

  it('links an habitat operation record: its type and dates drive the Anah, and follow its changes', async () => {
    const { pvd, chef, poste: input } = await setup('23008');
    const operation = async (insee: string, type: string, fin: string | null) => {
      const [op] = await t.dataSource.query(
        `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase, date_debut, date_fin)
         VALUES ($1, 'OPAH-RU du centre', 'commune', $2, 'operationnelle', '2022-01-01', $3) RETURNING id`,
        [type, insee, fin],
      );
      await t.dataSource.query('INSERT INTO operation_habitat_commune (operation_id, commune_insee) VALUES ($1, $2)', [op.id, insee]);
      return op.id as string;
    };
    const here = await operation('23008', 'opah_ru', null);
    const elsewhere = await operation('68006', 'opah_ru', null);
    const withAnah = {
      ...input,
      coutsAnnuels: [{ annee: 2025, cout: euros(80_000) }],
      cofinanceurs: [{ financeur: 'etat' }, { financeur: 'anah' }],
    };
    // The typed type and dates give way to the record's.
    const bad = await chef.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send({ ...withAnah, operationHabitat: { id: elsewhere, type: 'opah_ru' } }).expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['operationHabitat.id']);
    const { body: poste } = await chef
      .post(`/api/pvd/${pvd.id}/postes`)
      .set(CSRF)
      .send({ ...withAnah, operationHabitat: { id: here, type: 'pig', debut: '2030-01-01' } })
      .expect(201);
    expect(poste.operationHabitat).toEqual({ id: here, type: 'opah_ru', libelle: 'OPAH-RU du centre', debut: '2022-01-01', fin: null });
    expect(poste.subvention.annees.find((a: Annee) => a.annee === 2025).parFinanceur.anah).toBe(euros(40_000));
    // The operation closes mid-2025: the post follows without being edited.
    await t.dataSource.query(`UPDATE operation_habitat SET date_fin = '2025-06-30', phase = 'close' WHERE id = $1`, [here]);
    const after = await chef.get(`/api/postes/${poste.id}`).expect(200);
    expect(after.body.operationHabitat.fin).toBe('2025-06-30');
    expect(after.body.subvention.annees.find((a: Annee) => a.annee === 2025).parFinanceur.anah).toBe(1_983_562);
  });

  it('raises the alerts on the dossier and in the préfecture’s list, in its département only', async () => {
    const chef = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23003' })).agent;
    const vacant = await createPvd(t.dataSource, ['23003']);
    const elsewhere = await createPvd(t.dataSource, ['68006']);
    const { body: poste } = await chef
      .post(`/api/pvd/${vacant.id}/postes`)
      .set(CSRF)
      .send({ ...POSTE, employeurCode: '23003', titulaires: [{ nom: 'Parti', debut: '2022-01-01', fin: '2025-12-31', quotite: 100 }] })
      .expect(201);
    await t.dataSource.query(`INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code, created_at) VALUES ($1, 'Poste vacant ailleurs', 'commune', '68006', now() - interval '1 year')`, [elsewhere.id]);

    const today = todayInFrance();
    const dossier = await chef.get(`/api/pvd/${vacant.id}/dossier`).expect(200);
    const postAlerts = dossier.body.alertes.filter((a: { posteId: string | null }) => a.posteId === poste.id);
    expect(postAlerts.map((a: { code: string }) => a.code)).toEqual(today > '2026-04-01' ? ['POSTE_VACANT'] : []);
    if (today > '2026-04-01') expect(postAlerts[0].message).toContain('vacant depuis le 01/01/2026');

    const prefecture = (await t.signIn('prefecture_instructeur')).agent;
    const list = await prefecture.get('/api/postes/alertes?code=POSTE_VACANT').expect(200);
    const ids = list.body.items.map((i: { posteId: string }) => i.posteId);
    expect(ids.includes(poste.id)).toBe(today > '2026-04-01');
    expect(list.body.items.every((i: { departementCode: string }) => i.departementCode === '23')).toBe(true);
    expect(list.body.parMotif.POSTE_VACANT).toBe(ids.length);
    await prefecture.get('/api/postes/alertes?code=INCONNU').expect(400);
  });
});

describe('programme parameters', () => {
  const t = useTestApp();

  it('lets the ANCT plan a value from today on (never before the programme’s start), audited; others only read', async () => {
    const anct = (await t.signIn('anct_directeur')).agent;
    const list = await anct.get('/api/programme/parametres').expect(200);
    const plafond = list.body.parametres.find((p: { cle: string }) => p.cle === 'plafond_poste');
    expect(plafond).toMatchObject({ valeurActuelle: 45000, libelleActuel: expect.stringMatching(/^45\s000\s€$/) });
    expect(plafond.valeurs).toEqual([expect.objectContaining({ dateEffet: '2020-10-01', valeur: 45000, statut: 'en_vigueur', annulable: false })]);

    const past = await anct.post('/api/programme/parametres').set(CSRF).send({ cle: 'plafond_poste', valeur: 50000, dateEffet: '2020-01-01' }).expect(400);
    expect(past.body.fields.dateEffet).toEqual(['La date d’effet ne peut pas précéder le début du programme (01/10/2020).']);
    const bad = await anct.post('/api/programme/parametres').set(CSRF).send({ cle: 'taux_subvention_poste', valeur: 120, dateEffet: '2099-01-01' }).expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['valeur']);
    await anct.post('/api/programme/parametres').set(CSRF).send({ cle: 'inconnu', valeur: 1, dateEffet: '2099-01-01' }).expect(400);
    const missing = await anct.post('/api/programme/parametres').set(CSRF).send({ cle: 'plafond_poste', dateEffet: '2099-01-01' }).expect(400);
    expect(Object.keys(missing.body.fields)).toEqual(['valeur']);
    // « Sans fin » is null: the Anah's participation may have no end, the State's too.
    const sansFin = await anct.post('/api/programme/parametres').set(CSRF).send({ cle: 'fin_participation_etat', valeur: null, dateEffet: '2099-03-01' }).expect(201);
    expect(sansFin.body.parametres.find((p: { cle: string }) => p.cle === 'fin_participation_etat').valeurs.at(-1)).toMatchObject({ valeur: null, libelle: 'sans fin' });

    const added = await anct.post('/api/programme/parametres').set(CSRF).send({ cle: 'plafond_poste', valeur: 50000, dateEffet: '2099-01-01' }).expect(201);
    const scheduled = added.body.parametres.find((p: { cle: string }) => p.cle === 'plafond_poste').valeurs[1];
    expect(scheduled).toMatchObject({ dateEffet: '2099-01-01', statut: 'a_venir', annulable: true, creePar: 'Test anct_directeur' });
    const twice = await anct.post('/api/programme/parametres').set(CSRF).send({ cle: 'plafond_poste', valeur: 52000, dateEffet: '2099-01-01' }).expect(409);
    expect(twice.body.code).toBe('PARAMETRE_DATE_TAKEN');
    const origin = added.body.parametres.find((p: { cle: string }) => p.cle === 'plafond_poste').valeurs[0];
    const applied = await anct.delete(`/api/programme/parametres/${origin.id}`).set(CSRF).expect(409);
    expect(applied.body.code).toBe('PARAMETRE_ALREADY_APPLIED');

    const chef = (await t.signIn('chef_de_projet')).agent;
    await chef.get('/api/programme/parametres').expect(200);
    await chef.post('/api/programme/parametres').set(CSRF).send({ cle: 'plafond_poste', valeur: 1, dateEffet: '2099-02-01' }).expect(403);
    await chef.delete(`/api/programme/parametres/${scheduled.id}`).set(CSRF).expect(403);

    await anct.delete(`/api/programme/parametres/${scheduled.id}`).set(CSRF).expect(200);
    const audit = await t.dataSource.query(`SELECT action, before, after FROM audit_log WHERE entity_type = 'programme_parametre' ORDER BY at`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['parametre.valeur_ajoutee', 'parametre.valeur_ajoutee', 'parametre.valeur_annulee']);
    const today = todayInFrance();
    expect(audit[0].after).toEqual({ cle: 'fin_participation_etat', valeur: null, dateEffet: '2099-03-01', decideLe: today, reference: null });
    expect(audit[1].before).toEqual({ cle: 'plafond_poste', valeur: 45000, dateEffet: '2099-01-01' });
    expect(audit[1].after).toEqual({ cle: 'plafond_poste', valeur: 50000, dateEffet: '2099-01-01', decideLe: today, reference: null });
  });
});
