import type { ParametresHistorique } from './programme-parameters.rules';
import { PROGRAMME_START, parametreEnVigueur } from './programme-parameters.rules';
import {
  cofinanceursDuJour,
  computeSubvention,
  formatEuros,
  messageRecalculSubvention,
  subventionsModifiees,
  type SubventionInput,
  type SubventionResult,
} from './subsidy.rules';

const euros = (value: number) => Math.round(value * 100);

function input(overrides: Partial<SubventionInput> = {}): SubventionInput {
  return {
    titulaires: [{ debut: '2021-01-01', fin: null, quotite: 100 }],
    coutsAnnuels: [],
    cofinanceurs: [{ financeur: 'etat', debut: null, fin: null }],
    operationHabitat: null,
    parametres: {},
    ...overrides,
  };
}

function ok(result: SubventionResult) {
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.erreurs)}`);
  return result;
}

const year = (result: SubventionResult, annee: number) => {
  const found = ok(result).annees.find((a) => a.annee === annee);
  if (!found) throw new Error(`no year ${annee}`);
  return found;
};

const OPAH_RU = { type: 'opah_ru' as const, debut: '2021-01-01', fin: null };

describe('computeSubvention: the worked examples of the issue', () => {
  it('60,000 € without the Anah, full time, whole year: 45,000 €', () => {
    const y = year(computeSubvention(input({ coutsAnnuels: [{ annee: 2025, cout: euros(60_000) }] })), 2025);
    expect(y.total).toBe(euros(45_000));
    expect(y.parFinanceur).toEqual({ etat: euros(45_000), bdt: 0, anah: 0 });
    expect(y.periodes).toHaveLength(1);
    expect(y.periodes[0]).toMatchObject({ debut: '2025-01-01', fin: '2025-12-31', jours: 365, taux: 75, plafond: 45000 });
  });

  it('70,000 € with the Anah: 52,500 € of which the Anah 35,000 €', () => {
    const y = year(
      computeSubvention(
        input({
          coutsAnnuels: [{ annee: 2025, cout: euros(70_000) }],
          cofinanceurs: [
            { financeur: 'etat', debut: null, fin: null },
            { financeur: 'anah', debut: null, fin: null },
          ],
          operationHabitat: OPAH_RU,
        }),
      ),
      2025,
    );
    expect(y.total).toBe(euros(52_500));
    expect(y.parFinanceur).toEqual({ etat: euros(17_500), bdt: 0, anah: euros(35_000) });
    expect(y.periodes[0].plafond).toBe(55000);
  });

  it('80,000 € with the Anah: 55,000 € of which the Anah 40,000 €', () => {
    const y = year(
      computeSubvention(
        input({
          coutsAnnuels: [{ annee: 2025, cout: euros(80_000) }],
          cofinanceurs: [
            { financeur: 'bdt', debut: null, fin: null },
            { financeur: 'anah', debut: null, fin: null },
          ],
          operationHabitat: OPAH_RU,
        }),
      ),
      2025,
    );
    expect(y.total).toBe(euros(55_000));
    expect(y.parFinanceur).toEqual({ etat: 0, bdt: euros(15_000), anah: euros(40_000) });
  });

  it('60,000 € without the Anah in 2026: 11,095.89 € for the 90 days to 31 March', () => {
    const y = year(computeSubvention(input({ coutsAnnuels: [{ annee: 2026, cout: euros(60_000) }] })), 2026);
    expect(y.total).toBe(1_109_589);
    expect(formatEuros(y.total).replace(/\s/g, ' ')).toBe('11 095,89 €');
    expect(y.periodes[0]).toMatchObject({ debut: '2026-01-01', fin: '2026-03-31', jours: 90, financeurs: ['etat'] });
    expect(y.periodes[1]).toMatchObject({ debut: '2026-04-01', fin: '2026-12-31', jours: 275, financeurs: [], total: 0 });
  });
});

describe('computeSubvention: nothing before the programme’s start (1 October 2020)', () => {
  // The rule: min(75 % × cost, 45,000 €) × days / days in the year, in cents, rounded half up.
  const expected = (costCents: number, days: number, daysInYear: number) => Math.round((Math.min(0.75 * costCents, euros(45_000)) * days) / daysInYear);

  it('a holder from 1 January 2020 earns for October to December only: 92 days of 366', () => {
    const y = year(computeSubvention(input({ titulaires: [{ debut: '2020-01-01', fin: null, quotite: 100 }], coutsAnnuels: [{ annee: 2020, cout: euros(50_000) }] })), 2020);
    expect(PROGRAMME_START).toBe('2020-10-01');
    // By hand: 37,500 € × 92 / 366 = 9,426.2295… € → 9,426.23 €.
    expect(y.total).toBe(942_623);
    expect(y.total).toBe(expected(euros(50_000), 92, 366));
    expect(y.parFinanceur).toEqual({ etat: 942_623, bdt: 0, anah: 0 });
    expect(y.periodes.map((p) => [p.debut, p.fin, p.jours, p.total])).toEqual([
      ['2020-01-01', '2020-09-30', 274, 0],
      ['2020-10-01', '2020-12-31', 92, 942_623],
    ]);
    expect(y.joursTenus).toBe(366);
  });

  it('applies the cap to the prorated year: 80,000 € gives 45,000 € × 92 / 366', () => {
    const y = year(computeSubvention(input({ titulaires: [{ debut: '2020-01-01', fin: null, quotite: 100 }], coutsAnnuels: [{ annee: 2020, cout: euros(80_000) }] })), 2020);
    expect(y.total).toBe(expected(euros(80_000), 92, 366));
    expect(y.total).toBe(1_131_148); // 45,000 × 92 / 366 = 11,311.475… €
  });

  it('a post held and costed only before the start earns nothing', () => {
    const result = ok(
      computeSubvention(input({ titulaires: [{ debut: '2019-03-01', fin: '2020-09-30', quotite: 100 }], coutsAnnuels: [{ annee: 2019, cout: euros(60_000) }, { annee: 2020, cout: euros(60_000) }] })),
    );
    expect(result.total).toBe(0);
    expect(result.parFinanceur).toEqual({ etat: 0, bdt: 0, anah: 0 });
  });

  it('no co-financer takes part on a day before the start', () => {
    const i = input({ cofinanceurs: [{ financeur: 'etat', debut: '2019-01-01', fin: null }] });
    expect(cofinanceursDuJour(i, '2020-09-30')).toEqual([]);
    expect(cofinanceursDuJour(i, '2020-10-01')).toEqual(['etat']);
  });
});

describe('computeSubvention: edge cases', () => {
  it('counts 366 days in a leap year: half of 2024 held', () => {
    const y = year(
      computeSubvention(input({ titulaires: [{ debut: '2024-01-01', fin: '2024-06-30', quotite: 100 }], coutsAnnuels: [{ annee: 2024, cout: euros(60_000) }] })),
      2024,
    );
    expect(y.joursAnnee).toBe(366);
    expect(y.joursTenus).toBe(182);
    // 45,000 × 182 / 366 = 22,377.049… → 22,377.05
    expect(y.total).toBe(2_237_705);
  });

  it('prorates part years: arrival on 1 September 2025', () => {
    const y = year(computeSubvention(input({ titulaires: [{ debut: '2025-09-01', fin: null, quotite: 100 }], coutsAnnuels: [{ annee: 2025, cout: euros(40_000) }] })), 2025);
    // 75 % × 40,000 = 30,000 (under the cap) × 122 / 365 = 10,027.397… → 10,027.40
    expect(y.total).toBe(1_002_740);
    expect(y.periodes.map((p) => [p.debut, p.fin, p.quotite])).toEqual([
      ['2025-01-01', '2025-08-31', 0],
      ['2025-09-01', '2025-12-31', 100],
    ]);
  });

  it('prorates part time: 80 % over the whole year applies to the capped amount', () => {
    const y = year(computeSubvention(input({ titulaires: [{ debut: '2021-01-01', fin: null, quotite: 80 }], coutsAnnuels: [{ annee: 2025, cout: euros(70_000) }] })), 2025);
    expect(y.total).toBe(euros(36_000));
  });

  it('earns nothing while vacant between two holders, and follows each holder’s working time', () => {
    const y = year(
      computeSubvention(
        input({
          titulaires: [
            { debut: '2022-03-01', fin: '2025-04-30', quotite: 100 },
            { debut: '2025-07-01', fin: null, quotite: 50 },
          ],
          coutsAnnuels: [{ annee: 2025, cout: euros(60_000) }],
        }),
      ),
      2025,
    );
    expect(y.periodes.map((p) => [p.debut, p.fin, p.quotite, p.total])).toEqual([
      ['2025-01-01', '2025-04-30', 100, 1_479_452], // 45,000 × 120 / 365 = 14,794.52
      ['2025-05-01', '2025-06-30', 0, 0],
      ['2025-07-01', '2025-12-31', 50, 1_134_247], // 45,000 × 184 / 365 × 50 % = 11,342.465… → 11,342.47
    ]);
    expect(y.joursTenus).toBe(304);
    expect(y.total).toBe(1_479_452 + 1_134_247);
  });

  it('applies a parameter change from its date only: a cap of 50,000 € from 1 July 2025', () => {
    const parametres: ParametresHistorique = { plafond_poste: [{ dateEffet: '2025-07-01', valeur: 50000 }] };
    const result = computeSubvention(input({ coutsAnnuels: [{ annee: 2024, cout: euros(80_000) }, { annee: 2025, cout: euros(80_000) }], parametres }));
    expect(year(result, 2024).total).toBe(euros(45_000));
    const y = year(result, 2025);
    expect(y.periodes.map((p) => [p.debut, p.plafond, p.total])).toEqual([
      ['2025-01-01', 45000, 2_231_507], // 45,000 × 181 / 365 = 22,315.068… → 22,315.07
      ['2025-07-01', 50000, 2_520_548], // 50,000 × 184 / 365 = 25,205.479… → 25,205.48
    ]);
  });

  it('rounds once per period, half up', () => {
    // 75 % × 10,000.02 € = 7,500.015 € → prorata 1 → 7,500.02 €
    const y = year(computeSubvention(input({ coutsAnnuels: [{ annee: 2025, cout: 1_000_002 }] })), 2025);
    expect(y.total).toBe(750_002);
  });

  it('switches to the lower cap when the Anah operation ends mid-year', () => {
    const y = year(
      computeSubvention(
        input({
          coutsAnnuels: [{ annee: 2025, cout: euros(80_000) }],
          cofinanceurs: [
            { financeur: 'etat', debut: null, fin: null },
            { financeur: 'anah', debut: null, fin: null },
          ],
          operationHabitat: { type: 'opah_cd', debut: '2020-01-01', fin: '2025-06-30' },
        }),
      ),
      2025,
    );
    expect(y.periodes.map((p) => [p.fin, p.financeurs, p.total, p.parFinanceur.anah])).toEqual([
      ['2025-06-30', ['etat', 'anah'], 2_727_397, 1_983_562], // 55,000 × 181/365 = 27,273.97; Anah 40,000 × 181/365 = 19,835.62
      ['2025-12-31', ['etat'], 2_268_493, 0], // 45,000 × 184/365 = 22,684.93
    ]);
    expect(y.parFinanceur).toEqual({ etat: 2_727_397 - 1_983_562 + 2_268_493, bdt: 0, anah: 1_983_562 });
  });

  it('keeps the Anah alone after the State leaves on 31 March 2026, paying its own share only', () => {
    const y = year(
      computeSubvention(
        input({
          coutsAnnuels: [{ annee: 2026, cout: euros(70_000) }],
          cofinanceurs: [
            { financeur: 'etat', debut: null, fin: null },
            { financeur: 'anah', debut: null, fin: null },
          ],
          operationHabitat: OPAH_RU,
        }),
      ),
      2026,
    );
    expect(y.periodes.map((p) => [p.debut, p.financeurs, p.total, p.parFinanceur.anah])).toEqual([
      ['2026-01-01', ['etat', 'anah'], 1_294_521, 863_014], // 52,500 × 90/365 = 12,945.21; 35,000 × 90/365 = 8,630.14
      ['2026-04-01', ['anah'], 2_636_986, 2_636_986], // 35,000 × 275/365 = 26,369.86
    ]);
  });

  it('does not let the Anah in with an operation type that does not open its co-financing', () => {
    const y = year(
      computeSubvention(
        input({
          coutsAnnuels: [{ annee: 2025, cout: euros(80_000) }],
          cofinanceurs: [
            { financeur: 'etat', debut: null, fin: null },
            { financeur: 'anah', debut: null, fin: null },
          ],
          operationHabitat: { type: 'opah_rr', debut: null, fin: null },
        }),
      ),
      2025,
    );
    expect(y.parFinanceur).toEqual({ etat: euros(45_000), bdt: 0, anah: 0 });
  });

  it('follows a change of the list of operations opening the Anah', () => {
    const parametres: ParametresHistorique = { operations_ouvrant_anah: [{ dateEffet: '2025-01-01', valeur: ['opah_ru', 'opah_rr'] }] };
    const base = input({
      coutsAnnuels: [{ annee: 2024, cout: euros(80_000) }, { annee: 2025, cout: euros(80_000) }],
      cofinanceurs: [{ financeur: 'anah', debut: null, fin: null }],
      operationHabitat: { type: 'opah_rr', debut: null, fin: null },
      parametres,
    });
    const result = computeSubvention(base);
    expect(year(result, 2024).total).toBe(0);
    expect(year(result, 2025).parFinanceur.anah).toBe(euros(40_000));
  });

  it('extends the State’s participation when its end date is moved, from the change on', () => {
    const parametres: ParametresHistorique = { fin_participation_etat: [{ dateEffet: '2026-12-01', valeur: '2028-12-31' }] };
    const result = computeSubvention(input({ coutsAnnuels: [{ annee: 2026, cout: euros(60_000) }, { annee: 2027, cout: euros(60_000) }], parametres }));
    expect(year(result, 2026).periodes.map((p) => [p.debut, p.fin, p.total])).toEqual([
      ['2026-01-01', '2026-03-31', 1_109_589],
      ['2026-04-01', '2026-11-30', 0],
      ['2026-12-01', '2026-12-31', 382_192], // 45,000 × 31/365 = 3,821.92
    ]);
    expect(year(result, 2027).total).toBe(euros(45_000));
  });

  it('splits the rest between the State and the Banque des Territoires by their shares', () => {
    const y = year(
      computeSubvention(
        input({
          coutsAnnuels: [{ annee: 2025, cout: euros(60_000) }],
          cofinanceurs: [
            { financeur: 'etat', debut: null, fin: null, part: 60 },
            { financeur: 'bdt', debut: null, fin: null, part: 40 },
          ],
        }),
      ),
      2025,
    );
    expect(y.parFinanceur).toEqual({ etat: euros(27_000), bdt: euros(18_000), anah: 0 });
  });

  it('limits a co-financer to its agreed window for the post', () => {
    const y = year(
      computeSubvention(input({ cofinanceurs: [{ financeur: 'bdt', debut: '2025-04-01', fin: null }], coutsAnnuels: [{ annee: 2025, cout: euros(60_000) }] })),
      2025,
    );
    expect(y.periodes.map((p) => [p.debut, p.financeurs])).toEqual([
      ['2025-01-01', []],
      ['2025-04-01', ['bdt']],
    ]);
    expect(y.total).toBe(3_390_411); // 45,000 × 275/365 = 33,904.109… → 33,904.11
  });

  it('lists years without a cost, computing nothing for them', () => {
    const result = ok(computeSubvention(input({ titulaires: [{ debut: '2023-05-01', fin: '2025-02-28', quotite: 100 }], coutsAnnuels: [{ annee: 2024, cout: euros(50_000) }] })));
    expect(result.annees.map((a) => [a.annee, a.cout, a.total])).toEqual([
      [2023, null, 0],
      [2024, euros(50_000), euros(37_500)],
      [2025, null, 0],
    ]);
    expect(result.total).toBe(euros(37_500));
  });

  it('gives nothing without co-financers or holders', () => {
    expect(ok(computeSubvention(input({ cofinanceurs: [], coutsAnnuels: [{ annee: 2025, cout: euros(60_000) }] }))).total).toBe(0);
    expect(ok(computeSubvention(input({ titulaires: [], coutsAnnuels: [{ annee: 2025, cout: euros(60_000) }] }))).total).toBe(0);
    expect(ok(computeSubvention(input({ titulaires: [], coutsAnnuels: [] }))).annees).toEqual([]);
  });

  it('is exact on large amounts (no floating-point drift)', () => {
    const y = year(computeSubvention(input({ titulaires: [{ debut: '2021-01-01', fin: null, quotite: 33 }], coutsAnnuels: [{ annee: 2025, cout: 99_999_999 }], parametres: { plafond_poste: [{ dateEffet: '2020-10-01', valeur: 9_999_999.99 }] } })), 2025);
    // 75 % × 999,999.99 € × 33 % = 247,499.997525 € → 247,500.00 €
    expect(y.total).toBe(24_750_000);
  });
});

describe('computeSubvention: a decision taken after the fact, as known on a day', () => {
  // Decided on 15 June 2026: the State's participation, which ended on 31 March 2026, is extended
  // to 31 December 2026 from 1 April 2026 — it covers April and May, already passed.
  const parametres: ParametresHistorique = {
    fin_participation_etat: [
      { dateEffet: '2020-10-01', valeur: '2026-03-31', decideLe: '2020-10-01' },
      { dateEffet: '2026-04-01', valeur: '2026-12-31', decideLe: '2026-06-15' },
    ],
  };
  const poste = (connuLe?: string) => computeSubvention(input({ coutsAnnuels: [{ annee: 2026, cout: euros(60_000) }], parametres, connuLe }));
  const periods = (result: SubventionResult) => year(result, 2026).periodes.map((p) => [p.debut, p.fin, p.total]);

  it('as known on 1 May 2026, April earns nothing: the end of 31 March still applies', () => {
    expect(periods(poste('2026-05-01'))).toEqual([
      ['2026-01-01', '2026-03-31', 1_109_589],
      ['2026-04-01', '2026-12-31', 0],
    ]);
  });

  it('as known on 1 July 2026, April and May are co-financed, and the rest of the year', () => {
    const known = poste('2026-07-01');
    expect(year(known, 2026).total).toBe(euros(45_000));
    const april = year(known, 2026).periodes.find((p) => p.debut <= '2026-04-15' && '2026-04-15' <= p.fin);
    expect(april?.total).toBeGreaterThan(0);
    expect(april?.financeurs).toEqual(['etat']);
  });

  it('without a day, uses everything decided (the same as today)', () => {
    expect(year(poste(), 2026).total).toBe(euros(45_000));
    expect(poste()).toEqual(poste('2026-06-15'));
    expect(poste('2026-06-14')).toEqual(poste('2026-05-01'));
  });

  it('refuses a malformed day', () => {
    expect(poste('2026-02-30')).toEqual({ ok: false, erreurs: { connuLe: ['Indiquez une date valide (AAAA-MM-JJ).'] } });
  });

  it('tells the change in the post’s history: the years recomputed, from what to what', () => {
    const changed = subventionsModifiees(poste('2026-06-14'), poste());
    expect(changed).toEqual([{ annee: 2026, avant: 1_109_589, apres: euros(45_000) }]);
    const message = messageRecalculSubvention(
      { cle: 'fin_participation_etat', avant: '2026-03-31', apres: '2026-12-31', dateEffet: '2026-04-01', decideLe: '2026-06-15', reference: 'Circulaire n° 2026-12' },
      changed,
    );
    expect(message.replace(/\s/g, ' ')).toBe(
      'Paramètre modifié : fin de la participation de l’État / ANCT prolongée au 31/12/2026 (à compter du 01/04/2026, décision du 15/06/2026, réf. Circulaire n° 2026-12) : subvention 2026 recalculée de 11 095,89 € à 45 000,00 €',
    );
  });
});

describe('computeSubvention: bad input gets errors, never an exception', () => {
  it('refuses a negative cost', () => {
    const result = computeSubvention(input({ coutsAnnuels: [{ annee: 2025, cout: -1 }] }));
    expect(result).toEqual({ ok: false, erreurs: { 'coutsAnnuels.0.cout': ['Le coût annuel ne peut pas être négatif.'] } });
  });

  it('refuses an end before the start, an invalid date, a working time out of range', () => {
    const result = computeSubvention(
      input({
        titulaires: [
          { debut: '2025-06-01', fin: '2025-05-31', quotite: 100 },
          { debut: '2025-02-30', fin: null, quotite: 0 },
        ],
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.erreurs['titulaires.0.fin']).toEqual(['La date de départ précède la date d’arrivée.']);
    expect(result.erreurs['titulaires.1.debut']).toEqual(['Indiquez la date d’arrivée du titulaire.']);
    expect(result.erreurs['titulaires.1.quotite']).toHaveLength(1);
  });

  it('refuses overlapping holders, duplicate years and duplicate co-financers', () => {
    const result = computeSubvention(
      input({
        titulaires: [
          { debut: '2022-01-01', fin: '2024-12-31', quotite: 100 },
          { debut: '2024-06-01', fin: null, quotite: 100 },
        ],
        coutsAnnuels: [
          { annee: 2024, cout: 1 },
          { annee: 2024, cout: 2 },
        ],
        cofinanceurs: [
          { financeur: 'etat', debut: null, fin: null },
          { financeur: 'etat', debut: null, fin: null },
        ],
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.erreurs).sort()).toEqual(['cofinanceurs.1.financeur', 'coutsAnnuels.1.annee', 'titulaires.1.debut']);
  });

  it('asks for the shares when the State and the Banque des Territoires overlap', () => {
    const result = computeSubvention(
      input({
        cofinanceurs: [
          { financeur: 'etat', debut: null, fin: '2024-12-31' },
          { financeur: 'bdt', debut: '2024-06-01', fin: null },
        ],
      }),
    );
    expect(result.ok).toBe(false);
    // Consecutive windows need no shares.
    const consecutive = computeSubvention(
      input({
        cofinanceurs: [
          { financeur: 'etat', debut: null, fin: '2024-12-31' },
          { financeur: 'bdt', debut: '2025-01-01', fin: null },
        ],
      }),
    );
    expect(consecutive.ok).toBe(true);
  });

  it('refuses a span of more than 30 years and non-integer cents', () => {
    expect(computeSubvention(input({ titulaires: [{ debut: '2001-01-01', fin: '2040-01-01', quotite: 100 }] })).ok).toBe(false);
    const result = computeSubvention(input({ coutsAnnuels: [{ annee: 2025, cout: 12.5 }] }));
    expect(result.ok).toBe(false);
  });
});

describe('computeSubvention: periods are constant, whatever the input', () => {
  /** A small deterministic generator (no randomness between runs). */
  function* inputs(): Generator<SubventionInput> {
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n);
    const day = (year: number) => new Date(Date.UTC(year, 0, 1) + rand(365) * 86_400_000).toISOString().slice(0, 10);
    for (let k = 0; k < 60; k++) {
      const a = day(2021 + rand(3));
      const b = day(2024 + rand(2));
      const c = day(2026 + rand(2));
      yield input({
        titulaires: [
          { debut: a, fin: b, quotite: 50 + rand(51) },
          { debut: c, fin: null, quotite: 100 },
        ],
        coutsAnnuels: [2024, 2025, 2026, 2027].map((annee) => ({ annee, cout: euros(40_000 + rand(50_000)) })),
        cofinanceurs: [
          { financeur: rand(2) ? 'etat' : 'bdt', debut: null, fin: rand(2) ? day(2025) : null },
          { financeur: 'anah', debut: rand(2) ? day(2024) : null, fin: null },
        ],
        operationHabitat: { type: rand(2) ? 'opah_ru' : 'opah_rr', debut: day(2022), fin: rand(2) ? day(2026) : null },
        parametres: {
          plafond_poste: [{ dateEffet: day(2025), valeur: 50_000 }],
          fin_participation_etat: [{ dateEffet: day(2026), valeur: day(2027) }],
          operations_ouvrant_anah: [{ dateEffet: day(2025), valeur: ['opah_ru', 'opah_rr'] }],
        },
      });
    }
  }

  it('evaluates on boundary days only, yet every day of a period has its holder, co-financers and parameters', () => {
    for (const i of inputs()) {
      for (const year of ok(computeSubvention(i)).annees) {
        expect(year.periodes.reduce((s, p) => s + p.jours, 0)).toBe(year.joursAnnee);
        for (const p of year.periodes) {
          for (let d = Date.parse(p.debut); d <= Date.parse(p.fin); d += 86_400_000) {
            const jour = new Date(d).toISOString().slice(0, 10);
            const holder = i.titulaires.find((t) => t.debut <= jour && (t.fin === null || jour <= t.fin));
            expect(holder?.quotite ?? 0).toBe(p.quotite);
            if (p.total > 0) {
              expect(cofinanceursDuJour(i, jour)).toEqual(p.financeurs);
              const capKey = p.financeurs.length === 1 && p.financeurs[0] === 'anah' ? 'plafond_anah' : p.financeurs.includes('anah') ? 'plafond_poste_avec_anah' : 'plafond_poste';
              expect(parametreEnVigueur(i.parametres, capKey, jour)).toBe(p.plafond);
            }
          }
        }
      }
    }
  });
});
