import fc from 'fast-check';
import {
  addDaysIso,
  addMonthsIso,
  addYearsIso,
  daysBetweenIso,
  dayNumberOf,
  frenchDay,
  isIsoDay,
  isoDayFromNumber,
  isoDayInZone,
  isoDayOfUtcMidnight,
  parseIsoDay,
  programmeToday,
} from './calendar';

describe('calendar days', () => {
  it('reads only real calendar days', () => {
    expect(parseIsoDay('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(isIsoDay('2023-02-29')).toBe(false);
    expect(isIsoDay('2024-04-31')).toBe(false);
    expect(isIsoDay('2024-4-1')).toBe(false);
    expect(isIsoDay(20240401)).toBe(false);
  });

  it('adds days across months, years and the summer-time changes', () => {
    expect(addDaysIso('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysIso('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDaysIso('2024-03-31', 1)).toBe('2024-04-01');
    expect(addDaysIso('2024-10-27', 1)).toBe('2024-10-28');
    expect(addDaysIso('2024-01-01', -1)).toBe('2023-12-31');
  });

  it('adds months clamped to the end of a shorter month', () => {
    expect(addMonthsIso('2021-08-31', 18)).toBe('2023-02-28');
    expect(addMonthsIso('2022-08-31', 18)).toBe('2024-02-29');
    expect(addMonthsIso('2024-01-15', -1)).toBe('2023-12-15');
    expect(addMonthsIso('2024-03-31', -1)).toBe('2024-02-29');
    expect(addYearsIso('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('counts calendar days between two days', () => {
    expect(daysBetweenIso('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetweenIso('2024-03-01', '2024-02-28')).toBe(-2);
    expect(daysBetweenIso('2024-03-30', '2024-03-31')).toBe(1);
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(isoDayFromNumber(-1)).toBe('1969-12-31');
  });

  it('day numbers and ISO days are inverse of each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => dayNumberOf(isoDayFromNumber(n)) === n && isIsoDay(isoDayFromNumber(n))),
    );
  });

  it('takes today in Paris, not in the zone the code runs in', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris, still 31 December in Cayenne and Papeete.
    const instant = new Date('2024-12-31T23:30:00Z');
    expect(programmeToday(instant)).toBe('2025-01-01');
    expect(isoDayInZone(instant, 'America/Cayenne')).toBe('2024-12-31');
    expect(isoDayInZone(instant, 'Pacific/Tahiti')).toBe('2024-12-31');
    expect(isoDayInZone(new Date('2024-06-30T22:30:00Z'))).toBe('2024-07-01');
    expect(isoDayInZone(new Date('2024-06-30T21:30:00Z'))).toBe('2024-06-30');
  });

  it('reads a spreadsheet date (midnight UTC) as its calendar day', () => {
    expect(isoDayOfUtcMidnight(new Date(Date.UTC(2023, 11, 1)))).toBe('2023-12-01');
  });

  it('writes a day the French way', () => {
    expect(frenchDay('2025-05-01')).toBe('01/05/2025');
    expect(frenchDay('bientôt')).toBe('bientôt');
  });
});
