import {
  PARAMETRE_CLES,
  PARAMETRES,
  formatParametreValeur,
  isIsoDate,
  nouvelleValeurErreurs,
  operationsOuvrantAnah,
  parametreEnVigueur,
  parametreValeurErreur,
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

  it('refuses a new value reaching back before today', () => {
    expect(nouvelleValeurErreurs('plafond_poste', 50000, '2026-11-24', '2026-11-25')).toEqual({
      dateEffet: ['La date d’effet ne peut pas être passée : le passé n’est jamais réécrit.'],
    });
    expect(nouvelleValeurErreurs('plafond_poste', 50000, '2026-11-25', '2026-11-25')).toEqual({});
    expect(Object.keys(nouvelleValeurErreurs('plafond_poste', -1, 'demain', '2026-11-25')).sort()).toEqual(['dateEffet', 'valeur']);
  });

  it('writes values in French', () => {
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
