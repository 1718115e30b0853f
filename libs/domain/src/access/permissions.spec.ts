import { can, isRole, PERMISSIONS, permissionsOf, ROLES } from './permissions';

describe('permissions', () => {
  it('lets every role read the référentiel and the PVD list', () => {
    for (const role of ROLES) {
      expect(can(role, 'referentiel:lire')).toBe(true);
      expect(can(role, 'pvd:lire')).toBe(true);
    }
  });
  it('keeps imports to the ANCT and administrators', () => {
    expect(ROLES.filter((r) => can(r, 'pvd:importer'))).toEqual(['anct', 'administrateur']);
    expect(ROLES.filter((r) => can(r, 'referentiel:importer'))).toEqual(['anct', 'administrateur']);
  });
  it('only grants known permissions', () => {
    for (const role of ROLES) for (const p of permissionsOf(role)) expect(PERMISSIONS).toContain(p);
  });
  it('recognises roles', () => {
    expect(isRole('prefecture')).toBe(true);
    expect(isRole('superuser')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
