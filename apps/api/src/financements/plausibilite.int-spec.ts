import type TestAgent from 'supertest/lib/agent';
import { createPvd, CSRF, useTestApp } from '../test/test-app';

const euros = (value: number) => Math.round(value * 100);
const MOTIF = 'Revalorisation indiciaire du 1er janvier, pas encore saisie dans les coûts du poste';

/**
 * The plausibility rules of libs/domain (plausibilite.rules) applied by the API on every write:
 * each refused case answers 400 with its own code and the field; an unusual amount is stored only
 * with a reason, kept with the record and in the dossier's history.
 */
describe('plausibility of amounts', () => {
  const t = useTestApp();

  // Ahun (1,394 inhabitants) is one PVD for the whole file: a commune belongs to one PVD.
  let ahunPvd: Promise<{ id: string }> | null = null;
  const ahun = () => (ahunPvd ??= createPvd(t.dataSource, ['23001']));

  type Change = { field: string; before: unknown; after: unknown };
  async function historyChanges(agent: TestAgent, pvdId: string, entityId: string): Promise<{ action: string; changes: Change[] }[]> {
    const history = await agent.get(`/api/pvd/${pvdId}/historique`).expect(200);
    return history.body.items.filter((i: { entityId: string }) => i.entityId === entityId);
  }

  describe('yearly co-financing requests', () => {
    const POSTE = {
      intitule: 'Cheffe de projet Petites villes de demain',
      employeurType: 'commune',
      titulaires: [{ nom: 'Camille Martin', debut: '2025-03-15', quotite: 100 }],
      // 75 % of 55,000 € × 292 / 365 days = 33,000 €: the first year's computed co-financing (holder from 15 March).
      coutsAnnuels: [{ annee: 2025, cout: euros(55_000) }],
      cofinanceurs: [{ financeur: 'etat' }],
      operationHabitat: null,
    };

    async function setup(insee: string) {
      const pvd = await createPvd(t.dataSource, [insee]);
      const chef = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: insee })).agent;
      const { body: poste } = await chef.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send({ ...POSTE, employeurCode: insee }).expect(201);
      const calcule = poste.subvention.annees.find((a: { annee: number }) => a.annee === 2025).total as number;
      return { pvd, chef, poste, calcule };
    }
    const countDemandes = async (posteId: string) => (await t.dataSource.query('SELECT count(*)::int AS n FROM demande_cofinancement WHERE poste_id = $1', [posteId]))[0].n;

    it('refuses a request of 50,000,000 € against the computed co-financing: beyond the yearly cap (DEMANDE_AU_DELA_DU_PLAFOND)', async () => {
      const { chef, poste, calcule } = await setup('23002');
      expect(calcule).toBe(euros(33_000));
      const res = await chef
        .put(`/api/postes/${poste.id}/demandes/2025`)
        .set(CSRF)
        .send({ version: 0, montantDemande: euros(50_000_000), dateDemande: '2025-01-20', motifDepassement: MOTIF })
        .expect(400);
      expect(res.body.code).toBe('DEMANDE_AU_DELA_DU_PLAFOND');
      expect(Object.keys(res.body.fields)).toEqual(['montantDemande']);
      expect(res.body.fields.montantDemande[0]).toContain('dépasse le plafond annuel du programme');
      expect(await countDemandes(poste.id)).toBe(0);
    });

    it('asks a reason for a request above the computed co-financing (DEMANDE_AU_DELA_DU_CALCUL), then keeps it with the request and in the history', async () => {
      const { pvd, chef, poste, calcule } = await setup('23003');
      const send = (body: Record<string, unknown>) => chef.put(`/api/postes/${poste.id}/demandes/2025`).set(CSRF).send({ version: 0, montantDemande: euros(40_000), dateDemande: '2025-01-20', ...body });
      const missing = await send({}).expect(400);
      expect(missing.body.code).toBe('DEMANDE_AU_DELA_DU_CALCUL');
      expect(Object.keys(missing.body.fields).sort()).toEqual(['montantDemande', 'motifDepassement']);
      expect(missing.body.fields.montantDemande[0].replace(/\s/g, ' ')).toBe(
        'Le montant demandé (40 000,00 €) dépasse le cofinancement calculé pour 2025 (33 000,00 €) : indiquez le motif du dépassement.',
      );
      const short = await send({ motifDepassement: '  oui ' }).expect(400);
      expect(short.body.fields.motifDepassement[0]).toContain('Motif trop court');
      expect(await countDemandes(poste.id)).toBe(0);

      const filed = await send({ motifDepassement: `  ${MOTIF} ` }).expect(200);
      expect(filed.body.demandes[0]).toMatchObject({ annee: 2025, montantDemande: euros(40_000), motifDepassement: MOTIF, version: 1 });
      const [entry] = await historyChanges(chef, pvd.id, filed.body.demandes[0].id);
      expect(entry.action).toBe('demande_cofinancement.deposee');
      expect(entry.changes).toContainEqual({ champ: 'motifDepassement', libelle: 'Motif du dépassement', avant: '(vide)', apres: MOTIF });

      // Corrected down to the computed amount, the reason explains nothing any more: it goes, and the history says so.
      const corrected = await send({ version: 1, montantDemande: calcule, motifDepassement: MOTIF }).expect(200);
      expect(corrected.body.demandes[0]).toMatchObject({ montantDemande: calcule, motifDepassement: null, version: 2 });
      const [last] = await historyChanges(chef, pvd.id, filed.body.demandes[0].id);
      expect(last.changes).toContainEqual({ champ: 'motifDepassement', libelle: 'Motif du dépassement', avant: MOTIF, apres: '(vide)' });
    });

    it('refuses a grant above the request (ACCORD_AU_DELA_DE_LA_DEMANDE) and a decision before the request (DECISION_AVANT_LA_DEMANDE)', async () => {
      const { chef, poste, calcule } = await setup('23004');
      await chef.put(`/api/postes/${poste.id}/demandes/2025`).set(CSRF).send({ version: 0, montantDemande: calcule, dateDemande: '2025-01-20' }).expect(200);
      const prefecture = (await t.signIn('prefecture_instructeur')).agent;
      const instruct = (body: Record<string, unknown>) =>
        prefecture.put(`/api/postes/${poste.id}/demandes/2025/instruction`).set(CSRF).send({ version: 1, montantAccorde: calcule, dateDecision: '2025-03-10', versements: [], ...body });

      // The case: 40,000 € above the request, decided the day before it.
      const both = await instruct({ montantAccorde: calcule + euros(40_000), dateDecision: '2025-01-19' }).expect(400);
      expect(both.body.code).toBe('ACCORD_AU_DELA_DE_LA_DEMANDE');
      expect(Object.keys(both.body.fields).sort()).toEqual(['dateDecision', 'montantAccorde']);
      const grant = await instruct({ montantAccorde: calcule + euros(40_000) }).expect(400);
      expect(grant.body.code).toBe('ACCORD_AU_DELA_DE_LA_DEMANDE');
      expect(grant.body.fields.montantAccorde.map((m: string) => m.replace(/\s/g, ' '))).toEqual(['Le montant accordé (73 000,00 €) dépasse le montant demandé (33 000,00 €) de 40 000,00 €.']);
      const early = await instruct({ dateDecision: '2025-01-19' }).expect(400);
      expect(early.body).toMatchObject({ code: 'DECISION_AVANT_LA_DEMANDE', fields: { dateDecision: ['La décision ne peut pas précéder la demande, déposée le 20/01/2025.'] } });
      // A reason changes nothing to a refusal: the field is not even accepted on the decision.
      await instruct({ montantAccorde: calcule + euros(40_000), motifDepassement: MOTIF }).expect(400);
      const [stored] = await t.dataSource.query('SELECT montant_accorde, date_decision, version FROM demande_cofinancement WHERE poste_id = $1', [poste.id]);
      expect(stored).toEqual({ montant_accorde: null, date_decision: null, version: 1 });

      // Granted as asked, the request may not then be lowered below the grant nor dated after the decision.
      await instruct({}).expect(200);
      const lowered = await chef.put(`/api/postes/${poste.id}/demandes/2025`).set(CSRF).send({ version: 2, montantDemande: calcule - 1, dateDemande: '2025-01-20' }).expect(400);
      expect(lowered.body).toMatchObject({ code: 'ACCORD_AU_DELA_DE_LA_DEMANDE', fields: { montantDemande: [expect.stringContaining('montant déjà accordé')] } });
      const later = await chef.put(`/api/postes/${poste.id}/demandes/2025`).set(CSRF).send({ version: 2, montantDemande: calcule, dateDemande: '2025-03-11' }).expect(400);
      expect(later.body).toMatchObject({ code: 'DECISION_AVANT_LA_DEMANDE', fields: { dateDemande: [expect.any(String)] } });
    });
  });

  describe('financing lines', () => {
    const LIGNE = { beneficiaireType: 'commune', beneficiaireCode: '23001', projet: 'Réhabilitation des halles', statut: 'demande', dateDemande: '2025-02-01', anneeCampagne: 2025 };

    it('refuses an amount beyond the dispositif’s range (MONTANT_INVRAISEMBLABLE), asks a reason above its usual range (MONTANT_A_JUSTIFIER) and keeps it', async () => {
      const pvd = await ahun();
      const [{ id: dsil }] = await t.dataSource.query(`SELECT id FROM dispositif WHERE code = 'dsil'`);
      const chef = (await t.signIn('chef_de_projet')).agent;
      const post = (body: Record<string, unknown>) => chef.post('/api/financements/lignes').set(CSRF).send({ ...LIGNE, dispositifId: dsil, ...body });

      const absurd = await post({ montant: euros(60_000_000), motifDepassement: MOTIF }).expect(400);
      expect(absurd.body).toMatchObject({ code: 'MONTANT_INVRAISEMBLABLE', fields: { montant: [expect.stringContaining('Montant invraisemblable pour DSIL')] } });
      const unusual = await post({ montant: euros(6_000_000) }).expect(400);
      expect(unusual.body.code).toBe('MONTANT_A_JUSTIFIER');
      expect(Object.keys(unusual.body.fields).sort()).toEqual(['montant', 'motifDepassement']);
      expect((await t.dataSource.query('SELECT count(*)::int AS n FROM ligne_financement'))[0].n).toBe(0);

      const created = await post({ montant: euros(6_000_000), motifDepassement: 'Reconstruction complète des halles après incendie' }).expect(201);
      expect(created.body).toMatchObject({ montant: euros(6_000_000), motifDepassement: 'Reconstruction complète des halles après incendie' });
      const [entry] = await historyChanges(chef, pvd.id, created.body.id);
      expect(entry.action).toBe('ligne_financement.creee');
      expect(entry.changes).toContainEqual({ champ: 'motifDepassement', libelle: 'Motif du dépassement', avant: '(vide)', apres: 'Reconstruction complète des halles après incendie' });

      // An update keeps the rule: beyond the range it is refused, back in the usual range the reason goes.
      const update = (body: Record<string, unknown>) => chef.put(`/api/financements/lignes/${created.body.id}`).set(CSRF).send({ ...LIGNE, dispositifId: dsil, version: 1, ...body });
      expect((await update({ montant: euros(600_000_000) }).expect(400)).body.code).toBe('MONTANT_INVRAISEMBLABLE');
      const usual = await update({ montant: euros(600_000), motifDepassement: 'Reconstruction complète des halles après incendie' }).expect(200);
      expect(usual.body).toMatchObject({ montant: euros(600_000), motifDepassement: null, version: 2 });
    });
  });

  describe('habitat operations', () => {
    const OPERATION = {
      type: 'opah_ru',
      libelle: 'OPAH-RU du centre-bourg',
      maitreOuvrageType: 'commune',
      maitreOuvrageCode: '23001',
      phase: 'operationnelle',
      dateDebut: '2024-01-01',
      communes: ['23001'],
      objectifs: [{ annee: 2024, objectif: 20 }],
      engagementAnah: euros(800_000),
      engagementCollectivite: euros(150_000),
    };

    it('refuses an Anah commitment beyond the range for an OPAH-RU over Ahun’s 1,394 inhabitants (MONTANT_INVRAISEMBLABLE)', async () => {
      const pvd = await ahun();
      const [{ population }] = await t.dataSource.query(`SELECT population FROM commune WHERE insee = '23001'`);
      expect(population).toBe(1_394);
      const chef = (await t.signIn('chef_de_projet')).agent;
      // 999,999,999,999 € is beyond any amount the API takes at all (1 billion euros).
      const huge = await chef.post('/api/operations-habitat').set(CSRF).send({ ...OPERATION, engagementAnah: euros(999_999_999_999) }).expect(400);
      expect(huge.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { engagementAnah: ['Montant trop élevé (1 milliard d’euros au plus).'] } });
      // Within it, the plausibility rule: 2,000 € × 1,394 × 10 = 27,880,000 € at most.
      const absurd = await chef.post('/api/operations-habitat').set(CSRF).send({ ...OPERATION, engagementAnah: euros(27_880_001), motifDepassement: MOTIF }).expect(400);
      expect(absurd.body.code).toBe('MONTANT_INVRAISEMBLABLE');
      expect(absurd.body.fields.engagementAnah[0].replace(/\s/g, ' ')).toBe(
        'Engagement de l’Anah invraisemblable pour une opération OPAH-RU couvrant 1 394 habitants : au-delà de 27 880 000,00 €, il est refusé.',
      );
      expect((await t.dataSource.query('SELECT count(*)::int AS n FROM operation_habitat'))[0].n).toBe(0);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'operation_habitat' AND pvd_id = $1`, [pvd.id]);
      expect(n).toBe(0);
    });

    it('asks a reason for unusual commitments (MONTANT_A_JUSTIFIER) and keeps it with the operation and in the history', async () => {
      const pvd = await ahun();
      const chef = (await t.signIn('chef_de_projet')).agent;
      const unusual = { ...OPERATION, engagementAnah: euros(3_000_000), objectifs: [{ annee: 2024, objectif: 20 }, { annee: 2025, objectif: 20 }] };
      const missing = await chef.post('/api/operations-habitat').set(CSRF).send(unusual).expect(400);
      expect(missing.body.code).toBe('MONTANT_A_JUSTIFIER');
      expect(Object.keys(missing.body.fields).sort()).toEqual(['engagementAnah', 'motifDepassement']);

      const motif = 'Acquisition-amélioration de trois îlots dégradés par la commune';
      const created = await chef.post('/api/operations-habitat').set(CSRF).send({ ...unusual, motifDepassement: motif }).expect(201);
      expect(created.body).toMatchObject({ engagementAnah: euros(3_000_000), motifDepassement: motif, communes: [expect.objectContaining({ insee: '23001', population: 1_394 })] });
      const [entry] = await historyChanges(chef, pvd.id, created.body.id);
      expect(entry.action).toBe('operation_habitat.creee');
      expect(entry.changes).toContainEqual({ champ: 'motifDepassement', libelle: 'Motif du dépassement', avant: '(vide)', apres: motif });

      // Per dwelling targeted: 2 M€ for 10 dwellings is 200,000 € each.
      const perDwelling = await chef
        .put(`/api/operations-habitat/${created.body.id}`)
        .set(CSRF)
        .send({ ...OPERATION, engagementAnah: euros(2_000_000), objectifs: [{ annee: 2024, objectif: 10 }], version: 1 })
        .expect(400);
      expect(perDwelling.body).toMatchObject({ code: 'MONTANT_A_JUSTIFIER', fields: { engagementAnah: [expect.stringContaining('par logement visé (10 logements)')] } });
      const usual = await chef.put(`/api/operations-habitat/${created.body.id}`).set(CSRF).send({ ...OPERATION, version: 1 }).expect(200);
      expect(usual.body).toMatchObject({ engagementAnah: euros(800_000), motifDepassement: null, version: 2 });
    });
  });
});
