import { adhesionStatut, pvdOrtStatut, pvdPosteFiltreCouvre, pvdPostesLabel, PVD_POSTE_FILTRES } from './pvd-suivi.rules';

describe('where a PVD stands', () => {
  it('has a signed convention d’adhésion once it has an adhésion day, whatever is recorded', () => {
    expect(adhesionStatut(null, '2021-06-01')).toBe('signee');
    expect(adhesionStatut('brouillon', '2021-06-01')).toBe('signee');
    expect(adhesionStatut('en_instruction', null)).toBe('en_instruction');
    expect(adhesionStatut(null, null)).toBe('aucune');
  });

  it('shows the furthest of the ORT covering its communes', () => {
    expect(pvdOrtStatut([])).toBe('aucune');
    expect(pvdOrtStatut(['abandonnee', 'en_preparation'])).toBe('en_preparation');
    expect(pvdOrtStatut(['echue', 'signee', 'en_preparation'])).toBe('signee');
    expect(pvdOrtStatut(['abandonnee', 'echue'])).toBe('echue');
  });

  it('matches the posts filters, several at once for several posts', () => {
    const none = { total: 0, vacants: 0, cofinances: 0 };
    const mixed = { total: 2, vacants: 1, cofinances: 1 };
    const heldOnly = { total: 1, vacants: 0, cofinances: 0 };
    const matches = (p: typeof none) => PVD_POSTE_FILTRES.filter((f) => pvdPosteFiltreCouvre(f, p));
    expect(matches(none)).toEqual(['aucun']);
    expect(matches(mixed)).toEqual(['vacant', 'cofinance']);
    expect(matches(heldOnly)).toEqual(['sans_cofinancement']);
    expect(matches({ total: 1, vacants: 1, cofinances: 0 })).toEqual(['vacant', 'sans_cofinancement']);
  });

  it('says the posts in French', () => {
    expect(pvdPostesLabel({ total: 0, vacants: 0, cofinances: 0 })).toBe('Aucun poste');
    expect(pvdPostesLabel({ total: 1, vacants: 1, cofinances: 0 })).toBe('1 poste, 1 vacant');
    expect(pvdPostesLabel({ total: 3, vacants: 2, cofinances: 1 })).toBe('3 postes, 2 vacants, 1 cofinancé');
  });
});
