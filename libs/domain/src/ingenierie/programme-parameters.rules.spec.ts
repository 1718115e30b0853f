import {
  PARAMETRE_CLES,
  PARAMETRES,
  anneesEnMots,
  anneesRecalculees,
  changementParametreEnMots,
  formatParametreValeur,
  isIsoDate,
  nouvelleValeurErreurs,
  operationsOuvrantAnah,
  parametreEnVigueur,
  parametreValeurErreur,
  parametresConnusLe,
  periodesApplication,
  valeurApplicable,
  type ParametresHistorique,
} from './programme-parameters.rules';

describe('programme parameters', () => {
  const historique: ParametresHistorique = {
    plafond_poste: [
      { dateEffet: '2020-10-01', valeur: 45000 },
      { dateEffet: '2027-01-01', valeur: 50000 },
      { dateEffet: '2025-07-01', valeur: 48000 },
    ],
  };

  it('gives the value with the latest effective date on or before the day, whatever the order', () => {
    expect(parametreEnVigueur(historique, 'plafond_poste', '2025-06-30')).toBe(45000);
    expect(parametreEnVigueur(historique, 'plafond_poste', '2025-07-01')).toBe(48000);
    expect(parametreEnVigueur(historique, 'plafond_poste', '2026-12-31')).toBe(48000);
    expect(parametreEnVigueur(historique, 'plafond_poste', '2027-01-01')).toBe(50000);
  });

  it('falls back on the programme defaults', () => {
    expect(parametreEnVigueur({}, 'taux_subvention_poste', '2025-01-01')).toBe(75);
    expect(parametreEnVigueur({}, 'plafond_poste_avec_anah', '2025-01-01')).toBe(55000);
    expect(parametreEnVigueur({}, 'taux_anah', '2025-01-01')).toBe(50);
    expect(parametreEnVigueur({}, 'plafond_anah', '2025-01-01')).toBe(40000);
    expect(parametreEnVigueur({}, 'fin_participation_etat', '2025-01-01')).toBe('2026-03-31');
    expect(parametreEnVigueur({}, 'fin_participation_bdt', '2025-01-01')).toBe('2026-03-31');
    expect(parametreEnVigueur({}, 'fin_participation_anah', '2025-01-01')).toBeNull();
    expect(parametreEnVigueur({}, 'delai_convention_cadre_mois', '2025-01-01')).toBe(18);
    expect(operationsOuvrantAnah({}, '2025-01-01')).toEqual(['opah_ru', 'opah_cd', 'plan_sauvegarde', 'orcod']);
  });

  it('has a valid default for every key', () => {
    for (const cle of PARAMETRE_CLES) expect([cle, parametreValeurErreur(cle, PARAMETRES[cle].defaut)]).toEqual([cle, null]);
  });

  it.each([
    ['taux_subvention_poste', 101],
    ['taux_subvention_poste', -1],
    ['taux_subvention_poste', 75.123],
    ['taux_subvention_poste', '75'],
    ['plafond_poste', -5],
    ['plafond_poste', Number.NaN],
    ['fin_participation_etat', '31/03/2026'],
    ['fin_participation_etat', '2026-02-30'],
    ['operations_ouvrant_anah', ['opah_ru', 'opah_ru']],
    ['operations_ouvrant_anah', ['opah_xx']],
    ['operations_ouvrant_anah', 'opah_ru'],
    ['delai_convention_cadre_mois', 18.5],
    ['delai_convention_cadre_mois', 0],
  ] as const)('refuses %s = %j', (cle, valeur) => {
    expect(parametreValeurErreur(cle, valeur)).toEqual(expect.any(String));
  });

  it.each([
    ['taux_subvention_poste', 80.5],
    ['plafond_poste', 47500.5],
    ['fin_participation_etat', null],
    ['fin_participation_etat', '2027-12-31'],
    ['operations_ouvrant_anah', []],
    ['delai_convention_cadre_mois', 24],
  ] as const)('accepts %s = %j', (cle, valeur) => {
    expect(parametreValeurErreur(cle, valeur)).toBeNull();
  });

  it('accepts a value from today or later decided today, without a reference', () => {
    expect(nouvelleValeurErreurs('plafond_poste', 50000, '2026-11-25', '2026-11-25')).toEqual({});
    expect(nouvelleValeurErreurs('plafond_poste', 50000, '2027-01-01', '2026-11-25', { decideLe: '2026-10-02' })).toEqual({});
    expect(Object.keys(nouvelleValeurErreurs('plafond_poste', -1, 'demain', '2026-11-25')).sort()).toEqual(['dateEffet', 'valeur']);
  });

  it('accepts a retroactive value with the reference of its decision, never before the programme’s start', () => {
    const decision = { decideLe: '2026-06-15', reference: 'Circulaire du 15 juin 2026' };
    expect(nouvelleValeurErreurs('fin_participation_etat', '2026-12-31', '2026-04-01', '2026-11-25', decision)).toEqual({});
    expect(nouvelleValeurErreurs('fin_participation_etat', '2026-12-31', '2020-09-30', '2026-11-25', decision)).toEqual({
      dateEffet: ['La date d’effet ne peut pas précéder le début du programme (01/10/2020).'],
    });
  });

  it('asks for the reference of a value reaching back before today', () => {
    expect(nouvelleValeurErreurs('fin_participation_etat', '2026-12-31', '2026-04-01', '2026-11-25', { decideLe: '2026-06-15', reference: '  ' })).toEqual({
      reference: ['Une valeur rétroactive (qui s’applique avant le jour de sa décision) exige la référence de la décision.'],
    });
    // Decided before it applied, but entered after: figures of past days change all the same.
    expect(nouvelleValeurErreurs('plafond_poste', 50000, '2026-07-01', '2026-11-25', { decideLe: '2026-06-01' })).toEqual({
      reference: ['Cette valeur s’applique à des jours passés : indiquez la référence de la décision.'],
    });
    expect(nouvelleValeurErreurs('plafond_poste', 50000, '2026-12-01', '2026-11-25', { reference: 'x'.repeat(301) })).toEqual({
      reference: ['La référence de la décision fait au plus 300 caractères.'],
    });
  });

  it('refuses a decision date in the future or malformed', () => {
    expect(nouvelleValeurErreurs('plafond_poste', 50000, '2027-01-01', '2026-11-25', { decideLe: '2026-11-26' })).toEqual({
      decideLe: ['La date de la décision ne peut pas être dans le futur : indiquez le jour où elle a été prise.'],
    });
    expect(Object.keys(nouvelleValeurErreurs('plafond_poste', 50000, '2027-01-01', '2026-11-25', { decideLe: '2026-02-30' }))).toEqual(['decideLe']);
    expect(Object.keys(nouvelleValeurErreurs('plafond_poste', 50000, '2027-01-01', '2026-11-25', { decideLe: '15/06/2026' }))).toEqual(['decideLe']);
  });

  describe('bitemporal: valid time × decision time', () => {
    // The State's end, 31/03/2026 since the start; on 15/06/2026 it is extended to 31/12/2026 from 01/04/2026.
    const fin: ParametresHistorique = {
      fin_participation_etat: [
        { dateEffet: '2020-10-01', valeur: '2026-03-31', decideLe: '2020-10-01' },
        { dateEffet: '2026-04-01', valeur: '2026-12-31', decideLe: '2026-06-15' },
      ],
    };

    it('gives the value applying on a day as known on another', () => {
      expect(parametreEnVigueur(fin, 'fin_participation_etat', '2026-04-15', '2026-05-01')).toBe('2026-03-31');
      expect(parametreEnVigueur(fin, 'fin_participation_etat', '2026-04-15', '2026-06-14')).toBe('2026-03-31');
      expect(parametreEnVigueur(fin, 'fin_participation_etat', '2026-04-15', '2026-06-15')).toBe('2026-12-31');
      expect(parametreEnVigueur(fin, 'fin_participation_etat', '2026-04-15')).toBe('2026-12-31');
      // Before its effective date, the new value never applied, whatever is known.
      expect(parametreEnVigueur(fin, 'fin_participation_etat', '2026-03-31')).toBe('2026-03-31');
    });

    it('keeps only what had been decided by a day', () => {
      expect(parametresConnusLe(fin, '2026-05-01').fin_participation_etat).toEqual([fin.fin_participation_etat?.[0]]);
      expect(parametresConnusLe(fin, '2026-06-15').fin_participation_etat).toHaveLength(2);
      // A value without a decision day was always known.
      expect(parametresConnusLe({ plafond_poste: [{ dateEffet: '2025-01-01', valeur: 1 }] }, '2000-01-01').plafond_poste).toHaveLength(1);
    });

    it('lets a later decision replace a value from the same day; of two entries the same day, the later', () => {
      const h: ParametresHistorique = {
        plafond_poste: [
          { dateEffet: '2026-07-01', valeur: 48000, decideLe: '2026-05-01', saisieLe: '2026-05-01T08:00:00.000Z' },
          { dateEffet: '2026-07-01', valeur: 50000, decideLe: '2026-09-01', saisieLe: '2026-09-01T08:00:00.000Z' },
          { dateEffet: '2026-07-01', valeur: 52000, decideLe: '2026-09-01', saisieLe: '2026-09-01T09:00:00.000Z' },
        ],
      };
      expect(parametreEnVigueur(h, 'plafond_poste', '2026-08-01', '2026-06-01')).toBe(48000);
      expect(parametreEnVigueur(h, 'plafond_poste', '2026-08-01')).toBe(52000);
      expect(valeurApplicable(h, 'plafond_poste', '2026-06-30')).toBeNull();
      expect(periodesApplication(h.plafond_poste ?? [])).toEqual([
        { au: null, remplacee: true },
        { au: null, remplacee: true },
        { au: null, remplacee: false },
      ]);
    });

    it('gives each value its period of application', () => {
      expect(periodesApplication(fin.fin_participation_etat ?? [])).toEqual([
        { au: '2026-03-31', remplacee: false },
        { au: null, remplacee: false },
      ]);
    });

    it('names the years a new value recomputes', () => {
      expect(anneesRecalculees(fin, 'fin_participation_etat', '2026-04-01')).toEqual({ debut: 2026, fin: null });
      expect(anneesRecalculees(fin, 'fin_participation_etat', '2024-07-01')).toEqual({ debut: 2024, fin: 2026 });
      expect(anneesRecalculees(fin, 'fin_participation_etat', '2025-07-01')).toEqual({ debut: 2025, fin: 2026 });
      expect(anneesRecalculees(fin, 'fin_participation_etat', '2026-01-01')).toEqual({ debut: 2026, fin: 2026 });
      expect(anneesEnMots({ debut: 2026, fin: null })).toBe('2026 et les années suivantes');
      expect(anneesEnMots({ debut: 2026, fin: 2026 })).toBe('2026');
      expect(anneesEnMots({ debut: 2025, fin: 2026 })).toBe('2025 et 2026');
      expect(anneesEnMots({ debut: 2024, fin: 2026 })).toBe('2024 à 2026');
    });
  });

  it('tells a change of a parameter in words', () => {
    const space = (s: string) => s.replace(/\s/g, ' ');
    expect(changementParametreEnMots('fin_participation_etat', '2026-03-31', '2026-12-31')).toBe('fin de la participation de l’État / ANCT prolongée au 31/12/2026');
    expect(changementParametreEnMots('fin_participation_etat', '2026-03-31', '2025-12-31')).toBe('fin de la participation de l’État / ANCT avancée au 31/12/2025');
    expect(changementParametreEnMots('fin_participation_anah', null, '2027-12-31')).toBe('fin de la participation de l’Anah fixée au 31/12/2027');
    expect(changementParametreEnMots('fin_participation_bdt', '2026-03-31', null)).toBe('fin de la participation de la Banque des Territoires : désormais sans fin');
    expect(space(changementParametreEnMots('plafond_poste', 45000, 50000))).toBe('plafond annuel (État / ANCT, Banque des Territoires) : 50 000 € au lieu de 45 000 €');
  });

  it('writes values in French'
, () => {
    const space = (s: string) => s.replace(/\s/g, ' ');
    expect(space(formatParametreValeur('taux_subvention_poste', 75))).toBe('75 %');
    expect(space(formatParametreValeur('plafond_poste', 45000))).toBe('45 000 €');
    expect(formatParametreValeur('fin_participation_etat', '2026-03-31')).toBe('31/03/2026');
    expect(formatParametreValeur('fin_participation_anah', null)).toBe('sans fin');
    expect(formatParametreValeur('operations_ouvrant_anah', ['opah_ru', 'orcod'])).toBe('OPAH-RU (renouvellement urbain), ORCOD');
    expect(formatParametreValeur('delai_convention_cadre_mois', 18)).toBe('18 mois');
  });

  it('checks calendar dates the same way in every time zone (a browser in Paris)', () => {
    // The domain has no Node types: reach the test runner's environment through globalThis.
    const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
    const tz = env.TZ;
    try {
      for (const zone of ['Europe/Paris', 'Pacific/Kiritimati', 'America/Los_Angeles', 'UTC']) {
        env.TZ = zone;
        expect([zone, isIsoDate('2026-03-31'), isIsoDate('2024-02-29'), isIsoDate('2025-02-29')]).toEqual([zone, true, true, false]);
      }
    } finally {
      if (tz === undefined) delete env.TZ;
      else env.TZ = tz;
    }
  });

  it('checks calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});
