import { defaultDeliveries, defaultDelivery, effectiveDelivery, isNotificationDelivery, isNotificationKind, NOTIFICATION_KINDS, NOTIFICATION_KIND_LABELS } from './kinds';
import { digestPeriod, isoWeekOf } from './digest.rules';

describe('notification kinds and defaults', () => {
  it('labels every kind in French', () => {
    for (const kind of NOTIFICATION_KINDS) expect(NOTIFICATION_KIND_LABELS[kind]).toMatch(/\S/);
    expect(isNotificationKind('convention_deposee')).toBe(true);
    expect(isNotificationKind('inconnu')).toBe(false);
    expect(isNotificationDelivery('quotidien')).toBe(true);
    expect(isNotificationDelivery('mensuel')).toBe(false);
  });

  it('tells who acts on an event at once, and digests the rest', () => {
    expect(defaultDelivery(['prefecture_instructeur'], 'convention_deposee')).toBe('immediat');
    expect(defaultDelivery(['chef_de_projet'], 'convention_deposee')).toBe('quotidien');
    expect(defaultDelivery(['chef_de_projet'], 'convention_renvoyee')).toBe('immediat');
    expect(defaultDelivery(['elu_lecteur'], 'convention_signee')).toBe('hebdomadaire');
    expect(defaultDelivery(['anct_directeur'], 'import_echoue')).toBe('immediat');
    expect(defaultDelivery([], 'mention')).toBe('immediat');
  });

  it('takes the most immediate default among several roles, and a choice over any default', () => {
    expect(defaultDelivery(['elu_lecteur', 'chef_de_projet'], 'convention_validee')).toBe('immediat');
    expect(effectiveDelivery(['prefecture_instructeur'], 'convention_deposee', 'aucun')).toBe('aucun');
    expect(effectiveDelivery(['prefecture_instructeur'], 'convention_deposee', null)).toBe('immediat');
    expect(Object.keys(defaultDeliveries(['partenaire']))).toEqual([...NOTIFICATION_KINDS]);
  });
});

describe('digest periods', () => {
  it('names ISO weeks, across year boundaries', () => {
    expect(isoWeekOf('2026-12-04')).toBe('2026-W49');
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2025-12-28')).toBe('2025-W52');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(() => isoWeekOf('2025-02-30')).toThrow();
  });

  it('keys a daily digest by its day and a weekly one by its week', () => {
    expect(digestPeriod('quotidien', '2026-12-04')).toBe('2026-12-04');
    expect(digestPeriod('hebdomadaire', '2026-12-07')).toBe('2026-W50');
  });
});
