import { todayInFrance } from '../core/time/today';
import { waitForJob } from '../test/jobs';
import { createPvd, CSRF, useTestApp, type TestApp } from '../test/test-app';
import { RECALCUL_SUBVENTIONS_JOB } from './programme-parametres';

const euros = (value: number) => Math.round(value * 100);
const spaces = (text: string) => text.replace(/\s/g, ' ');

type Annee = { annee: number; total: number; periodes: { debut: string; fin: string; total: number; financeurs: string[] }[] };
const year = (body: { annees: Annee[] }, annee: number) => body.annees.find((a) => a.annee === annee);

/** The post of Ahun: a full-time holder since 2025, 60,000 € a year, co-financed by the State. */
const POSTE = (insee: string, cofinanceurs: object[] = [{ financeur: 'etat' }], operationHabitat: object | null = null) => ({
  intitule: 'Cheffe de projet Petites villes de demain',
  employeurType: 'commune',
  employeurCode: insee,
  titulaires: [{ nom: 'Camille Martin', debut: '2025-01-01', quotite: 100 }],
  coutsAnnuels: [
    { annee: 2025, cout: euros(60_000) },
    { annee: 2026, cout: euros(60_000) },
  ],
  cofinanceurs,
  operationHabitat,
});

/** Waits for the recomputation queued by a change of a parameter value. */
async function recalcul(t: TestApp, parametreId: string, sens: 'ajout' | 'annulation' = 'ajout') {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [job] = await t.dataSource.query(`SELECT id FROM pgboss.job WHERE name = $1 AND data->>'parametreId' = $2 AND data->>'sens' = $3`, [
      RECALCUL_SUBVENTIONS_JOB,
      parametreId,
      sens,
    ]);
    if (job) return waitForJob(t.app, job.id);
    if (Date.now() > deadline) throw new Error(`no recomputation job for ${parametreId}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('programme parameters in time (bitemporal)', () => {
  const t = useTestApp();

  it('enters a decision taken after the fact: posts recomputed, told in their history; « as of » a day uses only what was decided by then', async () => {
    const pvd = await createPvd(t.dataSource, ['23001']);
    const chef = (await t.signIn('chef_de_projet')).agent;
    const { body: poste } = await chef.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send(POSTE('23001')).expect(201);
    expect(year(poste.subvention, 2026)?.total).toBe(1_109_589); // 90 days to 31 March 2026
    // Another dossier's post co-financed by the Anah alone: the State's end does not concern it.
    const other = await createPvd(t.dataSource, ['23002']);
    const chefAjain = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23002' })).agent;
    const { body: anahSeul } = await chefAjain
      .post(`/api/pvd/${other.id}/postes`)
      .set(CSRF)
      .send(POSTE('23002', [{ financeur: 'anah' }], { type: 'opah_ru', libelle: 'OPAH-RU', debut: '2024-01-01', fin: null }))
      .expect(201);

    // On 15 June 2026 the State's participation was extended to 31 December 2026 from 1 April: entered now.
    const anct = await t.signIn('anct_directeur');
    const decision = { cle: 'fin_participation_etat', valeur: '2026-12-31', dateEffet: '2026-04-01', decideLe: '2026-06-15', reference: 'Circulaire ANCT du 15 juin 2026' };
    const added = await anct.agent.post('/api/programme/parametres').set(CSRF).send(decision).expect(201);
    const fin = added.body.parametres.find((p: { cle: string }) => p.cle === 'fin_participation_etat');
    expect(fin.valeurs).toEqual([
      expect.objectContaining({ dateEffet: '2020-10-01', dateFin: '2026-03-31', decideLe: '2020-10-01', reference: null, retroactive: false, statut: 'passee' }),
      expect.objectContaining({
        dateEffet: '2026-04-01',
        dateFin: null,
        decideLe: '2026-06-15',
        reference: 'Circulaire ANCT du 15 juin 2026',
        retroactive: true,
        statut: 'en_vigueur',
        annulable: false,
        creePar: 'Test anct_directeur',
      }),
    ]);
    const job = await recalcul(t, fin.valeurs[1].id);
    expect(job.state).toBe('completed');
    expect(job.output).toMatchObject({ postesExamines: 1, postesModifies: 1 });

    // The post now earns April to December.
    const after = await chef.get(`/api/postes/${poste.id}`).expect(200);
    expect(year(after.body.subvention, 2026)?.total).toBe(euros(45_000));
    expect(year(after.body.subvention, 2025)?.total).toBe(euros(45_000));

    // As known on 1 May 2026 April earned nothing; as known on 1 July April and May do.
    const mai = await chef.get(`/api/postes/${poste.id}/subvention?auDate=2026-05-01`).expect(200);
    expect(mai.body.auDate).toBe('2026-05-01');
    expect(year(mai.body, 2026)?.total).toBe(1_109_589);
    expect(year(mai.body, 2026)?.periodes.map((p) => [p.debut, p.fin, p.total])).toEqual([
      ['2026-01-01', '2026-03-31', 1_109_589],
      ['2026-04-01', '2026-12-31', 0],
    ]);
    expect(year((await chef.get(`/api/postes/${poste.id}/subvention?auDate=2026-06-14`).expect(200)).body, 2026)?.total).toBe(1_109_589);
    const juillet = await chef.get(`/api/postes/${poste.id}/subvention?auDate=2026-07-01`).expect(200);
    expect(year(juillet.body, 2026)?.total).toBe(euros(45_000));
    const april = year(juillet.body, 2026)?.periodes.find((p) => p.debut <= '2026-04-15' && '2026-04-15' <= p.fin);
    expect(april).toMatchObject({ financeurs: ['etat'], total: expect.any(Number) });
    const now = await chef.get(`/api/postes/${poste.id}/subvention`).expect(200);
    expect(now.body).toMatchObject({ auDate: todayInFrance(), total: after.body.subvention.total });

    // The post's history tells the change, its decision and the figures; the Anah's post has none.
    const history = await chef.get(`/api/pvd/${pvd.id}/historique`).expect(200);
    const entry = history.body.items.find((i: { action: string }) => i.action === 'poste.subvention_recalculee');
    expect(spaces(entry.objet)).toBe(
      'Poste « Cheffe de projet Petites villes de demain » – Paramètre modifié : fin de la participation de l’État / ANCT prolongée au 31/12/2026 ' +
        '(à compter du 01/04/2026, décision du 15/06/2026, réf. Circulaire ANCT du 15 juin 2026) : subvention 2026 recalculée de 11 095,89 € à 45 000,00 €',
    );
    expect(entry).toMatchObject({ entityType: 'poste', entityId: poste.id, auteur: expect.stringContaining('Test anct_directeur') });
    expect(entry.changes.map((c: { champ: string; libelle: string; avant: string; apres: string }) => ({ ...c, avant: spaces(c.avant), apres: spaces(c.apres) }))).toEqual([
      { champ: 'subventions', libelle: 'Cofinancement calculé', avant: '2026 : 11 095,89 €', apres: '2026 : 45 000,00 €' },
    ]);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int FROM audit_log WHERE action = 'poste.subvention_recalculee' AND entity_id = $1`, [anahSeul.id]);
    expect(count).toBe(0);

    // The parameter's own audit entry keeps the decision.
    const [audit] = await t.dataSource.query(`SELECT before, after FROM audit_log WHERE action = 'parametre.valeur_ajoutee' AND entity_id = $1`, [fin.valeurs[1].id]);
    expect(audit).toEqual({
      before: { cle: 'fin_participation_etat', valeur: '2026-03-31', dateEffet: '2026-04-01' },
      after: { ...decision, reference: 'Circulaire ANCT du 15 juin 2026' },
    });

    // A later decision corrects the value from the same day: it replaces the first, the post is recomputed again.
    const corrected = await anct.agent
      .post('/api/programme/parametres')
      .set(CSRF)
      .send({ ...decision, valeur: '2026-09-30', decideLe: '2026-07-10', reference: 'Rectificatif du 10 juillet 2026' })
      .expect(201);
    const values = corrected.body.parametres.find((p: { cle: string }) => p.cle === 'fin_participation_etat').valeurs;
    expect(values.map((v: { dateEffet: string; decideLe: string; statut: string }) => [v.dateEffet, v.decideLe, v.statut])).toEqual([
      ['2020-10-01', '2020-10-01', 'passee'],
      ['2026-04-01', '2026-06-15', 'remplacee'],
      ['2026-04-01', '2026-07-10', 'en_vigueur'],
    ]);
    await recalcul(t, values[2].id);
    expect(year((await chef.get(`/api/postes/${poste.id}/subvention`).expect(200)).body, 2026)?.total).toBe(3_365_753); // 45,000 € × 273 / 365 (1 January to 30 September)
    expect(year((await chef.get(`/api/postes/${poste.id}/subvention?auDate=2026-07-01`).expect(200)).body, 2026)?.total).toBe(euros(45_000));
    const again = await chef.get(`/api/pvd/${pvd.id}/historique`).expect(200);
    expect(spaces(again.body.items.find((i: { action: string }) => i.action === 'poste.subvention_recalculee').objet)).toContain(
      'fin de la participation de l’État / ANCT avancée au 30/09/2026 (à compter du 01/04/2026, décision du 10/07/2026, réf. Rectificatif du 10 juillet 2026) : subvention 2026 recalculée de 45 000,00 € à 33 657,53 €',
    );
  });

  it('tells the cancellation of a value to come in the history of the posts it had changed', async () => {
    const pvd = await createPvd(t.dataSource, ['23004']);
    const chef = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23004' })).agent;
    const next = Number(todayInFrance().slice(0, 4)) + 1;
    const input = { ...POSTE('23004', [{ financeur: 'bdt' }]), coutsAnnuels: [{ annee: next, cout: euros(40_000) }] };
    const { body: poste } = await chef.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send(input).expect(201);
    const anct = (await t.signIn('anct_directeur')).agent;
    const added = await anct.post('/api/programme/parametres').set(CSRF).send({ cle: 'fin_participation_bdt', valeur: null, dateEffet: `${next}-01-01` }).expect(201);
    const value = added.body.parametres.find((p: { cle: string }) => p.cle === 'fin_participation_bdt').valeurs.find((v: { dateEffet: string }) => v.dateEffet === `${next}-01-01`);
    expect(value).toMatchObject({ decideLe: todayInFrance(), reference: null, retroactive: false, statut: 'a_venir', annulable: true });
    await recalcul(t, value.id);
    await anct.delete(`/api/programme/parametres/${value.id}`).set(CSRF).expect(200);
    await recalcul(t, value.id, 'annulation');
    const entries: { before: { subventions: unknown }; after: { subventions: unknown; message: string } }[] = await t.dataSource.query(
      `SELECT before, after FROM audit_log WHERE action = 'poste.subvention_recalculee' AND entity_id = $1 ORDER BY at, id`,
      [poste.id],
    );
    expect(entries.map((e) => [e.before.subventions, e.after.subventions])).toEqual([
      [[{ annee: next, montant: 0 }], [{ annee: next, montant: euros(30_000) }]],
      [[{ annee: next, montant: euros(30_000) }], [{ annee: next, montant: 0 }]],
    ]);
    expect(spaces(entries[1].after.message)).toBe(
      `Paramètre modifié : valeur prévue annulée, fin de la participation de la Banque des Territoires fixée au 31/03/2026 (à compter du 01/01/${next}, annulation du ${todayInFrance().split('-').reverse().join('/')}) : subvention ${next} recalculée de 30 000,00 € à 0,00 €`,
    );
  });

  it('refuses a decision in the future, a retroactive value without its reference and malformed dates, field by field; only the ANCT changes parameters', async () => {
    const anct = (await t.signIn('anct_directeur')).agent;
    const base = { cle: 'plafond_poste', valeur: 50000, dateEffet: '2026-04-01', decideLe: '2026-06-15', reference: 'Arrêté du 15 juin 2026' };
    const send = (body: object) => anct.post('/api/programme/parametres').set(CSRF).send(body);

    const future = await send({ ...base, dateEffet: '2099-01-01', decideLe: '2099-01-01' }).expect(400);
    expect(future.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { decideLe: ['La date de la décision ne peut pas être dans le futur : indiquez le jour où elle a été prise.'] } });
    const noReference = await send({ ...base, reference: undefined }).expect(400);
    expect(noReference.body.fields).toEqual({ reference: ['Une valeur rétroactive (qui s’applique avant le jour de sa décision) exige la référence de la décision.'] });
    const blank = await send({ ...base, reference: '   ' }).expect(400);
    expect(Object.keys(blank.body.fields)).toEqual(['reference']);
    // Decided today, applying from a past day: retroactive too.
    const fromPast = await send({ cle: 'plafond_poste', valeur: 50000, dateEffet: '2026-04-01' }).expect(400);
    expect(Object.keys(fromPast.body.fields)).toEqual(['reference']);
    for (const decideLe of ['2026-02-30', '15/06/2026', '2026-6-15', 20260615]) {
      const bad = await send({ ...base, decideLe }).expect(400);
      expect([decideLe, Object.keys(bad.body.fields)]).toEqual([decideLe, ['decideLe']]);
    }
    const badEffet = await send({ ...base, dateEffet: '2026-13-01' }).expect(400);
    expect(Object.keys(badEffet.body.fields)).toEqual(['dateEffet']);
    const tooLong = await send({ ...base, reference: 'x'.repeat(301) }).expect(400);
    expect(Object.keys(tooLong.body.fields)).toEqual(['reference']);
    const notText = await send({ ...base, reference: 12 }).expect(400);
    expect(Object.keys(notText.body.fields)).toEqual(['reference']);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int FROM programme_parametre WHERE cle = 'plafond_poste'`);
    expect(count).toBe(1);

    for (const role of ['chef_de_projet', 'prefecture_instructeur', 'sgar_lecteur', 'partenaire', 'administrateur'] as const) {
      const other = (await t.signIn(role)).agent;
      await other.get('/api/programme/parametres').expect(200);
      const refused = await other.post('/api/programme/parametres').set(CSRF).send(base).expect(403);
      expect([role, refused.body.code]).toEqual([role, 'FORBIDDEN']);
    }
    // The database refuses a retroactive row without reference whatever writes it.
    await expect(
      t.dataSource.query(`INSERT INTO programme_parametre (cle, valeur, date_effet, decide_le) VALUES ('plafond_poste', '50000', '2026-04-01', '2026-06-15')`),
    ).rejects.toThrow(/ck_programme_parametre_retroactif_reference/);
  });

  it('refuses a malformed or future « as of » day for the post’s subsidy', async () => {
    const pvd = await createPvd(t.dataSource, ['23005']);
    const chef = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23005' })).agent;
    const { body: poste } = await chef.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send(POSTE('23005')).expect(201);
    for (const auDate of ['2026-02-30', '01/05/2026', 'hier']) {
      const bad = await chef.get(`/api/postes/${poste.id}/subvention?auDate=${encodeURIComponent(auDate)}`).expect(400);
      expect([auDate, Object.keys(bad.body.fields)]).toEqual([auDate, ['auDate']]);
    }
    const future = await chef.get(`/api/postes/${poste.id}/subvention?auDate=2099-01-01`).expect(400);
    expect(future.body.fields).toEqual({ auDate: ['Indiquez aujourd’hui ou un jour passé : les décisions à venir ne sont pas connues.'] });
    await chef.get('/api/postes/00000000-0000-0000-0000-000000000000/subvention').expect(404);
  });
});
