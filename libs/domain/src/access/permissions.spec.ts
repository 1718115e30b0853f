import {
  allPermissions,
  can,
  canOn,
  rolesCovering,
  isRole,
  Membership,
  ORGANISATION_TYPES,
  PERMISSIONS,
  permissionsOf,
  ROLES,
  ROLES_BY_ORGANISATION_TYPE,
  roleCan,
  roleFitsOrganisation,
  scopeCovers,
  scopeOf,
  scopesFor,
} from './permissions';

const membership = (over: Partial<Membership>): Membership => ({
  organisationId: 'o',
  organisationType: 'commune',
  organisationNom: 'Ahun',
  role: 'chef_de_projet',
  communeInsee: '23001',
  epciSiren: null,
  departementCode: null,
  regionCode: null,
  ...over,
});

describe('permission table', () => {
  it('keeps imports and programme parameters to the ANCT programme direction', () => {
    expect(ROLES.filter((r) => roleCan(r, 'pvd:importer'))).toEqual(['anct_directeur']);
    expect(ROLES.filter((r) => roleCan(r, 'programme:parametrer'))).toEqual(['anct_directeur']);
    expect(ROLES.filter((r) => roleCan(r, 'national:importer'))).toEqual(['anct_directeur']);
  });
  it('keeps generating and publishing the Point d’avancement to the ANCT programme direction', () => {
    expect(ROLES.filter((r) => roleCan(r, 'rapport:publier'))).toEqual(['anct_directeur']);
  });
  it('lets chefs de projet (their territory) and the ANCT (anywhere) write ORT and thematic participations', () => {
    expect(ROLES.filter((r) => roleCan(r, 'territoire:saisir'))).toEqual(['chef_de_projet', 'anct_directeur']);
    const anct = membership({ organisationType: 'anct', role: 'anct_directeur', communeInsee: null });
    expect(canOn([anct], 'territoire:saisir', { communes: ['68004'], epciSirens: [], departementCodes: ['68'], regionCodes: ['44'] })).toBe(true);
    expect(canOn([anct], 'pvd:modifier', { communes: ['68004'], epciSirens: [], departementCodes: ['68'], regionCodes: ['44'] })).toBe(false);
  });
  it('lets only the préfecture validate conventions and only chefs de projet edit dossiers', () => {
    expect(ROLES.filter((r) => roleCan(r, 'convention:valider'))).toEqual(['prefecture_instructeur']);
    expect(ROLES.filter((r) => roleCan(r, 'pvd:modifier'))).toEqual(['chef_de_projet']);
  });
  it('lets the préfecture, the SGAR and the ANCT follow what awaits the préfecture and what is late, each over its scope', () => {
    expect(ROLES.filter((r) => roleCan(r, 'convention:suivre'))).toEqual(['prefecture_instructeur', 'sgar_lecteur', 'anct_directeur']);
    const sgar = membership({ organisationType: 'sgar', role: 'sgar_lecteur', communeInsee: null, regionCode: '75' });
    const anct = membership({ organisationType: 'anct', role: 'anct_directeur', communeInsee: null });
    expect(scopesFor([sgar, anct, membership({})], 'convention:suivre')).toEqual([{ kind: 'region', code: '75' }, { kind: 'national' }]);
    expect(can([sgar, anct], 'convention:valider')).toBe(false);
  });
  it('keeps account management to administrators, invitations to administrators and préfectures', () => {
    expect(ROLES.filter((r) => roleCan(r, 'comptes:gerer'))).toEqual(['administrateur']);
    expect(ROLES.filter((r) => roleCan(r, 'comptes:inviter'))).toEqual(['prefecture_instructeur', 'administrateur']);
  });
  it('does not let partners read dossiers, only indicators, their financing and their missions, and the summary of the dossiers they fund', () => {
    expect(permissionsOf('partenaire')).toEqual(['referentiel:lire', 'pvd:resume', 'indicateurs:lire', 'financement:saisir', 'financement:lire', 'mission:lire', 'mission:saisir', 'club:lire', 'club:organiser']);
    expect(roleCan('partenaire', 'pvd:lire')).toBe(false);
  });
  it('only grants known permissions, and every role reads the référentiel', () => {
    for (const role of ROLES) {
      for (const p of permissionsOf(role)) expect(PERMISSIONS).toContain(p);
      expect(roleCan(role, 'referentiel:lire')).toBe(true);
    }
  });
  it('gives every role to at least one organisation type', () => {
    for (const role of ROLES) expect(ORGANISATION_TYPES.some((t) => ROLES_BY_ORGANISATION_TYPE[t].includes(role))).toBe(true);
    expect(roleFitsOrganisation('prefecture_instructeur', 'commune')).toBe(false);
    expect(roleFitsOrganisation('chef_de_projet', 'epci')).toBe(true);
  });
  it('recognises roles', () => {
    expect(isRole('prefecture_instructeur')).toBe(true);
    expect(isRole('prefecture')).toBe(false);
  });
});

describe('scopes', () => {
  it('derives the scope from the organisation', () => {
    expect(scopeOf(membership({}))).toEqual({ kind: 'commune', insee: '23001' });
    expect(scopeOf(membership({ organisationType: 'epci', communeInsee: null, epciSiren: '200067189' }))).toEqual({ kind: 'epci', siren: '200067189' });
    expect(scopeOf(membership({ organisationType: 'prefecture', role: 'prefecture_instructeur', communeInsee: null, departementCode: '23' }))).toEqual({ kind: 'departement', code: '23' });
    expect(scopeOf(membership({ organisationType: 'sgar', role: 'sgar_lecteur', communeInsee: null, regionCode: '75' }))).toEqual({ kind: 'region', code: '75' });
    expect(scopeOf(membership({ organisationType: 'anct', role: 'anct_directeur', communeInsee: null }))).toEqual({ kind: 'national' });
    expect(scopeOf(membership({ organisationType: 'prefecture', role: 'prefecture_instructeur', communeInsee: null }))).toEqual({ kind: 'aucun' });
  });

  it('unions permissions and scopes over memberships', () => {
    const both = [membership({}), membership({ organisationType: 'commune', role: 'elu_lecteur', communeInsee: '23002' })];
    expect(can(both, 'pvd:modifier')).toBe(true);
    expect(scopesFor(both, 'pvd:modifier')).toEqual([{ kind: 'commune', insee: '23001' }]);
    expect(scopesFor(both, 'pvd:lire')).toEqual([
      { kind: 'commune', insee: '23001' },
      { kind: 'commune', insee: '23002' },
    ]);
    expect(allPermissions(both)).toEqual(['referentiel:lire', 'pvd:lire', 'pvd:resume', 'pvd:modifier', 'territoire:saisir', 'indicateurs:lire', 'financement:lire', 'mission:lire', 'mission:saisir', 'club:lire', 'club:inscrire', 'fiche:rediger']);
    expect(can([], 'referentiel:lire')).toBe(false);
  });

  it('covers a record only inside its territory', () => {
    const territory = { communes: ['23001', '23002'], epciSirens: ['200067189'], departementCodes: ['23'], regionCodes: ['75'] };
    expect(scopeCovers({ kind: 'commune', insee: '23002' }, territory)).toBe(true);
    expect(scopeCovers({ kind: 'commune', insee: '16005' }, territory)).toBe(false);
    expect(scopeCovers({ kind: 'departement', code: '87' }, territory)).toBe(false);
    expect(scopeCovers({ kind: 'region', code: '75' }, territory)).toBe(true);
    expect(scopeCovers({ kind: 'epci', siren: '200067189' }, territory)).toBe(true);
    expect(scopeCovers({ kind: 'national' }, territory)).toBe(true);
    expect(scopeCovers({ kind: 'aucun' }, territory)).toBe(false);
  });
});

describe('roles over a record', () => {
  const commune = (insee: string, role: 'chef_de_projet' | 'elu_lecteur') => ({
    organisationId: insee,
    organisationType: 'commune' as const,
    organisationNom: insee,
    role,
    communeInsee: insee,
    epciSiren: null,
    departementCode: null,
    regionCode: null,
  });
  const ahun = { communes: ['23001'], epciSirens: ['200067189'], departementCodes: ['23'], regionCodes: ['75'] };
  it('counts only the memberships whose scope covers the record', () => {
    const memberships = [commune('23001', 'elu_lecteur'), commune('23002', 'chef_de_projet')];
    expect(rolesCovering(memberships, ahun)).toEqual(['elu_lecteur']);
    expect(canOn(memberships, 'pvd:modifier', ahun)).toBe(false);
    expect(canOn(memberships, 'pvd:lire', ahun)).toBe(true);
  });
});
