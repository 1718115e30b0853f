import type { Membership, Role, Territory } from '../access/permissions';
import { porteeAutorisee, porteeParDefaut } from './portee.rules';

const member = (role: Role, o: Partial<Membership>): Membership => ({
  organisationId: 'o',
  organisationType: 'anct',
  organisationNom: 'x',
  role,
  communeInsee: null,
  epciSiren: null,
  departementCode: null,
  regionCode: null,
  ...o,
});
const anct = member('anct_directeur', { organisationType: 'anct' });
const partenaire = member('partenaire', { organisationType: 'partenaire' });
const creuse = member('prefecture_instructeur', { organisationType: 'prefecture', departementCode: '23' });
const sgar = member('sgar_lecteur', { organisationType: 'sgar', regionCode: '75' });
const chefAhun = member('chef_de_projet', { organisationType: 'commune', communeInsee: '23001' });

const t = (o: Partial<Territory>): Territory => ({ communes: [], epciSirens: [], departementCodes: [], regionCodes: [], ...o });
const dep23 = t({ departementCodes: ['23'], regionCodes: ['75'] });
const dep68 = t({ departementCodes: ['68'], regionCodes: ['44'] });
const reg75 = t({ regionCodes: ['75'] });
const pvdAhun = t({ communes: ['23001'], epciSirens: ['200067213'], departementCodes: ['23'], regionCodes: ['75'] });
const pvdAjain = t({ communes: ['23002'], epciSirens: ['200067213'], departementCodes: ['23'], regionCodes: ['75'] });

describe('who reads indicators where', () => {
  it('national memberships read the nation and every area', () => {
    for (const m of [anct, partenaire]) {
      expect(porteeAutorisee([m], { type: 'nation' }, t({}))).toBe(true);
      expect(porteeAutorisee([m], { type: 'departement', code: '68' }, dep68)).toBe(true);
    }
  });
  it('a préfecture reads its département and its PVD, not the nation, its région or another département', () => {
    expect(porteeAutorisee([creuse], { type: 'departement', code: '23' }, dep23)).toBe(true);
    expect(porteeAutorisee([creuse], { type: 'pvd', code: 'x' }, pvdAjain)).toBe(true);
    expect(porteeAutorisee([creuse], { type: 'nation' }, t({}))).toBe(false);
    expect(porteeAutorisee([creuse], { type: 'region', code: '75' }, reg75)).toBe(false);
    expect(porteeAutorisee([creuse], { type: 'departement', code: '68' }, dep68)).toBe(false);
  });
  it('a SGAR reads its région and its départements', () => {
    expect(porteeAutorisee([sgar], { type: 'region', code: '75' }, reg75)).toBe(true);
    expect(porteeAutorisee([sgar], { type: 'departement', code: '23' }, dep23)).toBe(true);
    expect(porteeAutorisee([sgar], { type: 'departement', code: '68' }, dep68)).toBe(false);
  });
  it('a chef de projet reads its own PVD only', () => {
    expect(porteeAutorisee([chefAhun], { type: 'pvd', code: 'a' }, pvdAhun)).toBe(true);
    expect(porteeAutorisee([chefAhun], { type: 'pvd', code: 'b' }, pvdAjain)).toBe(false);
    expect(porteeAutorisee([chefAhun], { type: 'departement', code: '23' }, dep23)).toBe(false);
  });
  it('opens dashboards on the widest readable area', () => {
    expect(porteeParDefaut([anct])).toEqual({ type: 'nation' });
    expect(porteeParDefaut([sgar])).toEqual({ type: 'region', code: '75' });
    expect(porteeParDefaut([creuse])).toEqual({ type: 'departement', code: '23' });
    expect(porteeParDefaut([chefAhun])).toBeNull();
  });
});
