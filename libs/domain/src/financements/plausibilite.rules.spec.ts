import {
  constatsParChamp,
  demandeCofinancementConstats,
  ligneFinancementConstats,
  operationHabitatConstats,
  plafondAnnuelDemande,
  plageEngagementHabitat,
  verdictPlausibilite,
  type DemandeCofinancementPlausibiliteInput,
} from './plausibilite.rules';

const euros = (value: number) => Math.round(value * 100);
const nbsp = (text: string) => text.replace(/\s/g, ' ');

const DEMANDE: DemandeCofinancementPlausibiliteInput = {
  annee: 2025,
  montantDemande: euros(32_575.35),
  dateDemande: '2025-01-20',
  montantAccorde: null,
  dateDecision: null,
  calcule: euros(32_575.35),
  plafond: euros(55_000),
  saisie: 'demande',
};

describe('plafondAnnuelDemande', () => {
  it('is the higher yearly cap of the programme, with or without the Anah, in cents', () => {
    expect(plafondAnnuelDemande({}, 2025)).toBe(euros(55_000));
  });

  it('takes the highest value in force on any day of the year, as the ANCT dates them', () => {
    const parametres = { plafond_poste_avec_anah: [{ dateEffet: '2020-10-01', valeur: 55_000 }, { dateEffet: '2027-07-01', valeur: 60_000 }] };
    expect(plafondAnnuelDemande(parametres, 2026)).toBe(euros(55_000));
    expect(plafondAnnuelDemande(parametres, 2027)).toBe(euros(60_000));
    expect(plafondAnnuelDemande({ plafond_poste: [{ dateEffet: '2020-10-01', valeur: 70_000 }] }, 2025)).toBe(euros(70_000));
  });
});

describe('demandeCofinancementConstats', () => {
  it('accepts a request up to the computed co-financing', () => {
    expect(demandeCofinancementConstats(DEMANDE)).toEqual([]);
    expect(demandeCofinancementConstats({ ...DEMANDE, montantDemande: euros(30_000) })).toEqual([]);
  });

  it('refuses a yearly request of 50,000,000 € against 32,575.35 € computed: beyond the yearly cap, it can never be granted', () => {
    const constats = demandeCofinancementConstats({ ...DEMANDE, montantDemande: euros(50_000_000) });
    expect(constats).toEqual([{ field: 'montantDemande', code: 'DEMANDE_AU_DELA_DU_PLAFOND', level: 'refus', message: expect.any(String) }]);
    expect(nbsp(constats[0].message)).toBe(
      'Le montant demandé (50 000 000,00 €) dépasse le plafond annuel du programme pour un poste (55 000,00 €) : il ne peut pas être accordé.',
    );
    // A reason does not make it possible.
    expect(verdictPlausibilite(constats, 'Une raison très détaillée').bloquants).toEqual(constats);
  });

  it('asks a reason for a request above the computed co-financing, within the cap', () => {
    const constats = demandeCofinancementConstats({ ...DEMANDE, montantDemande: euros(40_000) });
    expect(constats).toEqual([{ field: 'montantDemande', code: 'DEMANDE_AU_DELA_DU_CALCUL', level: 'confirmation', message: expect.any(String) }]);
    expect(nbsp(constats[0].message)).toBe('Le montant demandé (40 000,00 €) dépasse le cofinancement calculé pour 2025 (32 575,35 €) : indiquez le motif du dépassement.');
    expect(verdictPlausibilite(constats, null)).toMatchObject({ bloquants: constats, motifRequis: true, motif: null });
    expect(verdictPlausibilite(constats, '  trop court ').motifErreur).toBeNull();
    expect(verdictPlausibilite(constats, ' court ').motifErreur).toContain('Motif trop court');
    expect(verdictPlausibilite(constats, '  Revalorisation du 1er janvier non saisie  ')).toEqual({
      bloquants: [],
      motifRequis: true,
      motifErreur: null,
      motif: 'Revalorisation du 1er janvier non saisie',
    });
  });

  it('asks a reason for any request when nothing is computed for the year', () => {
    const [constat] = demandeCofinancementConstats({ ...DEMANDE, calcule: null, montantDemande: 100 });
    expect(constat).toMatchObject({ code: 'DEMANDE_AU_DELA_DU_CALCUL', level: 'confirmation' });
    expect(constat.message).toContain('Aucun cofinancement n’est calculé pour 2025');
    expect(demandeCofinancementConstats({ ...DEMANDE, calcule: null, montantDemande: 0 })).toEqual([]);
  });

  it('refuses a grant 40,000 € above the request, decided the day before the request was made', () => {
    const constats = demandeCofinancementConstats({
      ...DEMANDE,
      montantAccorde: euros(32_575.35 + 40_000),
      dateDecision: '2025-01-19',
      saisie: 'instruction',
    });
    expect(constats.map((c) => [c.field, c.code, c.level])).toEqual([
      ['montantAccorde', 'ACCORD_AU_DELA_DE_LA_DEMANDE', 'refus'],
      ['dateDecision', 'DECISION_AVANT_LA_DEMANDE', 'refus'],
    ]);
    expect(nbsp(constats[0].message)).toBe('Le montant accordé (72 575,35 €) dépasse le montant demandé (32 575,35 €) de 40 000,00 €.');
    expect(constats[1].message).toBe('La décision ne peut pas précéder la demande, déposée le 20/01/2025.');
    expect(constatsParChamp(constats)).toEqual({ montantAccorde: [constats[0].message], dateDecision: [constats[1].message] });
    // The decision side does not judge the request's own range: it is the chef de projet's.
    expect(demandeCofinancementConstats({ ...DEMANDE, montantDemande: euros(50_000_000), saisie: 'instruction' })).toEqual([]);
    // A grant equal to the request, decided the day of the request, is fine.
    expect(demandeCofinancementConstats({ ...DEMANDE, montantAccorde: DEMANDE.montantDemande, dateDecision: DEMANDE.dateDemande, saisie: 'instruction' })).toEqual([]);
  });

  it('points at the request’s fields when the request is corrected below the grant or after the decision', () => {
    const constats = demandeCofinancementConstats({ ...DEMANDE, montantDemande: euros(20_000), dateDemande: '2025-04-01', montantAccorde: euros(30_000), dateDecision: '2025-03-10' });
    expect(constats.map((c) => [c.field, c.code])).toEqual([
      ['montantDemande', 'ACCORD_AU_DELA_DE_LA_DEMANDE'],
      ['dateDemande', 'DECISION_AVANT_LA_DEMANDE'],
    ]);
  });
});

describe('ligneFinancementConstats', () => {
  const dsil = { code: 'dsil', nom: 'DSIL', nature: 'subvention' as const };
  const detr = { code: 'detr', nom: 'DETR', nature: 'subvention' as const };
  const pret = { code: 'bdt_pret_renouvellement', nom: 'Prêt', nature: 'pret' as const };

  it('accepts the usual amounts, asks a reason above the soft ceiling of the dispositif and refuses above the hard one', () => {
    expect(ligneFinancementConstats({ montant: euros(650_000) }, dsil)).toEqual([]);
    expect(ligneFinancementConstats({ montant: euros(5_000_000) }, dsil)).toEqual([]);
    expect(ligneFinancementConstats({ montant: euros(6_000_000) }, dsil)).toEqual([{ field: 'montant', code: 'MONTANT_A_JUSTIFIER', level: 'confirmation', message: expect.stringContaining('DSIL') }]);
    expect(ligneFinancementConstats({ montant: euros(50_000_001) }, dsil)).toEqual([{ field: 'montant', code: 'MONTANT_INVRAISEMBLABLE', level: 'refus', message: expect.stringContaining('DSIL') }]);
  });

  it('has ranges per dispositif and per nature', () => {
    expect(ligneFinancementConstats({ montant: euros(3_000_000) }, detr).map((c) => c.code)).toEqual(['MONTANT_A_JUSTIFIER']);
    expect(ligneFinancementConstats({ montant: euros(40_000_000) }, detr).map((c) => c.code)).toEqual(['MONTANT_INVRAISEMBLABLE']);
    expect(ligneFinancementConstats({ montant: euros(10_000_000) }, pret)).toEqual([]);
    expect(ligneFinancementConstats({ montant: euros(40_000_000) }, pret).map((c) => c.code)).toEqual(['MONTANT_A_JUSTIFIER']);
  });
});

describe('operationHabitatConstats', () => {
  const OPAH_RU = { type: 'opah_ru' as const, engagementAnah: euros(1_500_000), engagementCollectivite: euros(300_000), objectifs: [{ objectif: 20 }, { objectif: 25 }], population: 1_394 };

  it('accepts a small town’s usual OPAH-RU', () => {
    expect(operationHabitatConstats(OPAH_RU)).toEqual([]);
  });

  it('refuses an Anah commitment of 999,999,999,999 € on an OPAH-RU over a town of 1,394 inhabitants', () => {
    const constats = operationHabitatConstats({ ...OPAH_RU, engagementAnah: euros(999_999_999_999) });
    expect(constats).toEqual([{ field: 'engagementAnah', code: 'MONTANT_INVRAISEMBLABLE', level: 'refus', message: expect.any(String) }]);
    expect(nbsp(constats[0].message)).toBe(
      'Engagement de l’Anah invraisemblable pour une opération OPAH-RU couvrant 1 394 habitants : au-delà de 27 880 000,00 €, il est refusé.',
    );
  });

  it('bounds commitments per inhabitant, with floors for small or unknown populations', () => {
    expect(plageEngagementHabitat('opah_ru', 1_394)).toEqual({ confirmation: 2_788_000, refus: 27_880_000 });
    expect(plageEngagementHabitat('pig', 300)).toEqual({ confirmation: 1_000_000, refus: 10_000_000 });
    expect(plageEngagementHabitat('orcod', null)).toEqual({ confirmation: 1_000_000, refus: 10_000_000 });
    expect(plageEngagementHabitat('orcod', 30_000)).toEqual({ confirmation: 150_000_000, refus: 1_500_000_000 });
    const above = operationHabitatConstats({ ...OPAH_RU, engagementAnah: euros(3_000_000), objectifs: [] });
    expect(above).toEqual([{ field: 'engagementAnah', code: 'MONTANT_A_JUSTIFIER', level: 'confirmation', message: expect.stringContaining('inhabituel') }]);
    expect(operationHabitatConstats({ ...OPAH_RU, engagementCollectivite: euros(11_000_000), population: null }).map((c) => [c.field, c.code])).toEqual([
      ['engagementAnah', 'MONTANT_A_JUSTIFIER'],
      ['engagementCollectivite', 'MONTANT_INVRAISEMBLABLE'],
    ]);
  });

  it('asks a reason for an Anah commitment above 100,000 € per dwelling targeted', () => {
    const constats = operationHabitatConstats({ ...OPAH_RU, engagementAnah: euros(2_000_000), objectifs: [{ objectif: 10 }, { objectif: null }] });
    expect(constats).toEqual([{ field: 'engagementAnah', code: 'MONTANT_A_JUSTIFIER', level: 'confirmation', message: expect.stringContaining('par logement visé (10 logements)') }]);
    expect(operationHabitatConstats({ ...OPAH_RU, engagementAnah: euros(2_000_000), objectifs: [{ objectif: 20 }] })).toEqual([]);
  });
});

describe('verdictPlausibilite', () => {
  it('stores no reason when none is needed, and keeps refusals whatever the reason', () => {
    expect(verdictPlausibilite([], 'Un motif sans objet')).toEqual({ bloquants: [], motifRequis: false, motifErreur: null, motif: null });
    const refus = { field: 'montant', code: 'MONTANT_INVRAISEMBLABLE' as const, level: 'refus' as const, message: 'x' };
    const confirmation = { field: 'x', code: 'MONTANT_A_JUSTIFIER' as const, level: 'confirmation' as const, message: 'y' };
    expect(verdictPlausibilite([refus, confirmation], 'Un motif suffisant').bloquants).toEqual([refus]);
    expect(verdictPlausibilite([refus, confirmation], '').bloquants).toEqual([refus, confirmation]);
  });
});
