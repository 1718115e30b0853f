import type { Membership } from '../access/permissions';
import { ACTIVITY_KINDS, activityDayRange, activityTerritoryOf, isActivityKind } from './activity.rules';
import { AUDIT_ENTITY_TYPES } from './audit-dictionary.rules';

describe('activity feeds', () => {
  it('shows only dossier kinds that the audit dictionary words, never accounts, organisations or jobs', () => {
    for (const kind of Object.keys(ACTIVITY_KINDS)) expect(AUDIT_ENTITY_TYPES).toContain(kind);
    for (const sensitive of ['user', 'organisation', 'job', 'programme_parametre', 'import_national']) expect(isActivityKind(sensitive)).toBe(false);
    expect(isActivityKind('convention')).toBe(true);
    expect(isActivityKind('toString')).toBe(false);
  });

  it('reads a date filter as calendar days, the last one included', () => {
    expect(activityDayRange('2026-03-01', '2026-03-31')).toEqual({ from: '2026-03-01', until: '2026-04-01', error: null });
    expect(activityDayRange(undefined, '2026-12-31')).toEqual({ from: null, until: '2027-01-01', error: null });
    expect(activityDayRange('2026-02-28', undefined)).toEqual({ from: '2026-02-28', until: null, error: null });
    expect(activityDayRange('2026-03-02', '2026-03-01').error).toBe('au');
  });

  it('follows the country, a région or a département from where the user reads the dossiers; none for a commune or a partner', () => {
    const m = (organisationType: Membership['organisationType'], role: Membership['role'], codes: Partial<Membership> = {}): Membership => ({
      organisationId: 'o',
      organisationType,
      organisationNom: '',
      role,
      communeInsee: null,
      epciSiren: null,
      departementCode: null,
      regionCode: null,
      ...codes,
    });
    expect(activityTerritoryOf([m('anct', 'anct_directeur')])).toEqual({ kind: 'national' });
    expect(activityTerritoryOf([m('sgar', 'sgar_lecteur', { regionCode: '75' })])).toEqual({ kind: 'region', code: '75' });
    expect(activityTerritoryOf([m('prefecture', 'prefecture_instructeur', { departementCode: '23' })])).toEqual({ kind: 'departement', code: '23' });
    expect(activityTerritoryOf([m('commune', 'chef_de_projet', { communeInsee: '23001' })])).toBeNull();
    expect(activityTerritoryOf([m('partenaire', 'partenaire')])).toBeNull();
  });
});
