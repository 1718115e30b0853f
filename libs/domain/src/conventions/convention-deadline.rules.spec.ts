import { conventionCadreDeadline, conventionCadreDueDate, isACompleterLate } from './convention-deadline.rules';

describe('convention-cadre deadline', () => {
  it('falls 18 months after the convention d’adhésion by default', () => {
    expect(conventionCadreDueDate('2021-06-15')).toBe('2022-12-15');
    expect(conventionCadreDueDate('2021-06-15', 24)).toBe('2023-06-15');
  });

  it('clamps to the end of a shorter month, leap years included', () => {
    expect(conventionCadreDueDate('2021-08-31')).toBe('2023-02-28');
    expect(conventionCadreDueDate('2022-08-31')).toBe('2024-02-29');
    expect(conventionCadreDueDate('2022-08-29')).toBe('2024-02-29');
  });

  it('refuses a delay that is not a positive whole number of months', () => {
    expect(() => conventionCadreDueDate('2021-06-15', 0)).toThrow(RangeError);
    expect(() => conventionCadreDueDate('2021-06-15', 1.5)).toThrow(RangeError);
  });

  it('counts down, is still on time on the due date, and late the day after', () => {
    expect(conventionCadreDeadline({ adhesionDate: '2021-06-15', cadreSignedOn: null, today: '2022-12-05' })).toEqual({ kind: 'a_venir', dueDate: '2022-12-15', daysLeft: 10 });
    expect(conventionCadreDeadline({ adhesionDate: '2021-06-15', cadreSignedOn: null, today: '2022-12-15' })).toEqual({ kind: 'a_venir', dueDate: '2022-12-15', daysLeft: 0 });
    expect(conventionCadreDeadline({ adhesionDate: '2021-06-15', cadreSignedOn: null, today: '2022-12-16' })).toEqual({ kind: 'en_retard', dueDate: '2022-12-15', daysLate: 1 });
  });

  it('has no deadline without a convention d’adhésion, and none once the convention-cadre is signed', () => {
    expect(conventionCadreDeadline({ adhesionDate: null, cadreSignedOn: null, today: '2026-11-25' })).toEqual({ kind: 'sans_echeance' });
    expect(conventionCadreDeadline({ adhesionDate: '2021-06-15', cadreSignedOn: '2023-05-02', today: '2026-11-25' })).toEqual({ kind: 'signee' });
  });

  it('uses the programme parameter when given', () => {
    expect(conventionCadreDeadline({ adhesionDate: '2021-06-15', cadreSignedOn: null, today: '2023-01-10', delayMonths: 24 })).toMatchObject({ kind: 'a_venir', dueDate: '2023-06-15' });
  });
});

describe('à compléter without an answer', () => {
  it('is late after 30 days', () => {
    expect(isACompleterLate('2026-10-26', '2026-11-25')).toBe(false);
    expect(isACompleterLate('2026-10-25', '2026-11-25')).toBe(true);
    expect(isACompleterLate('2026-11-01', '2026-11-25', 14)).toBe(true);
  });
});
