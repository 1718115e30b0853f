import { posteAlertes, type PosteAlertesInput } from './poste-alerts.rules';

function input(overrides: Partial<PosteAlertesInput> = {}): PosteAlertesInput {
  return {
    titulaires: [{ debut: '2021-03-01', fin: null, quotite: 100 }],
    cofinanceurs: [{ financeur: 'etat', debut: null, fin: null }],
    operationHabitat: null,
    parametres: {},
    anneesDemandees: [2025],
    creeLe: '2021-02-01',
    today: '2025-11-25',
    ...overrides,
  };
}

const codes = (i: PosteAlertesInput) => posteAlertes(i).map((a) => a.code);

describe('posteAlertes', () => {
  it('raises nothing for a held post with this year’s request and co-financing beyond 6 months', () => {
    expect(posteAlertes(input({ today: '2025-09-30' }))).toEqual([]);
  });

  it('flags a post vacant for more than 3 months, from the day after the last departure', () => {
    const titulaires = [{ debut: '2021-03-01', fin: '2025-07-31', quotite: 100 }];
    const parametres = { fin_participation_etat: [{ dateEffet: '2020-10-01', valeur: null }] };
    expect(codes(input({ titulaires, parametres, today: '2025-11-01' }))).toEqual([]);
    const [alerte] = posteAlertes(input({ titulaires, parametres, today: '2025-11-02' }));
    expect(alerte).toMatchObject({ code: 'POSTE_VACANT', date: '2025-08-01', niveau: 'error' });
    expect(alerte.message).toBe('Le poste est vacant depuis le 01/08/2025 (3 mois).');
  });

  it('flags a post never held since it was recorded, and says when an arrival is planned', () => {
    const [alerte] = posteAlertes(input({ titulaires: [{ debut: '2026-01-05', fin: null, quotite: 100 }], creeLe: '2025-06-01', today: '2025-10-15' }));
    expect(alerte.message).toBe('Le poste est vacant depuis le 01/06/2025 (4 mois), une arrivée est prévue.');
  });

  it('flags a missing yearly request after 31 January of a co-financed year only', () => {
    expect(codes(input({ anneesDemandees: [2024], today: '2025-01-31' }))).toEqual([]);
    expect(codes(input({ anneesDemandees: [2024], today: '2025-02-01' }))).toEqual(['DEMANDE_ANNUELLE_MANQUANTE']);
    // 2027: the State no longer takes part (it ended on 31 March 2026), nothing to request.
    expect(codes(input({ anneesDemandees: [], today: '2027-03-01' }))).toEqual([]);
    // 2026: co-financed from January to March, a request is due.
    expect(codes(input({ anneesDemandees: [], today: '2026-02-15' }))).toEqual(['DEMANDE_ANNUELLE_MANQUANTE', 'FIN_COFINANCEMENT_PROCHE']);
  });

  it('flags a co-financer ending within 6 months, with the day and the countdown', () => {
    expect(codes(input({ today: '2025-09-30' }))).toEqual([]);
    const alertes = posteAlertes(input({ today: '2025-10-01' }));
    expect(alertes).toEqual([
      {
        code: 'FIN_COFINANCEMENT_PROCHE',
        niveau: 'warning',
        date: '2026-03-31',
        message: 'La participation de l’État / ANCT au poste prend fin le 31/03/2026 (dans 181 jours).',
      },
    ]);
  });

  it('follows an extension of the end date and an agreed window for the post', () => {
    const parametres = { fin_participation_etat: [{ dateEffet: '2025-06-01', valeur: '2028-12-31' }] };
    expect(codes(input({ today: '2025-10-01', parametres }))).toEqual([]);
    expect(codes(input({ today: '2025-10-01', parametres, cofinanceurs: [{ financeur: 'bdt', debut: null, fin: '2025-12-31' }] }))).toEqual(['FIN_COFINANCEMENT_PROCHE']);
  });

  it('does not flag the Anah, which has no end date by default', () => {
    const alertes = posteAlertes(
      input({
        today: '2026-01-15',
        anneesDemandees: [2026],
        cofinanceurs: [
          { financeur: 'etat', debut: null, fin: null },
          { financeur: 'anah', debut: null, fin: null },
        ],
        operationHabitat: { type: 'opah_ru', debut: '2022-01-01', fin: null },
      }),
    );
    expect(alertes.map((a) => a.message)).toEqual(['La participation de l’État / ANCT au poste prend fin le 31/03/2026 (dans 75 jours).']);
  });
});

describe('posteAlertes: a post vacant all year', () => {
  it('asks for no yearly request, only flags the vacancy', () => {
    const alertes = posteAlertes(input({ titulaires: [{ debut: '2021-03-01', fin: '2025-12-31', quotite: 100 }], anneesDemandees: [], today: '2026-11-25' }));
    expect(alertes.map((a) => a.code)).toEqual(['POSTE_VACANT']);
  });
});
