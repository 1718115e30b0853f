import type { Membership } from '../access/permissions';
import { coverageChanges, coverageTerritory, coverageWriteCheck, ortDateFin, type CoveredCommune, type Porteur } from './coverage.rules';

const commune = (insee: string, epciSiren: string | null, departementCode = '23', regionCode = '75'): CoveredCommune => ({ insee, epciSiren, departementCode, regionCode });
const AHUN = commune('23001', '200000001');
const AJAIN = commune('23002', '200000001');
const ALLEYRAT = commune('23003', '200000002');
const ALTKIRCH = commune('68004', '200000003', '68', '44');

const member = (role: Membership['role'], scope: Partial<Membership> & Pick<Membership, 'organisationType'>): Membership => ({
  organisationId: 'o',
  organisationNom: '',
  role,
  communeInsee: null,
  epciSiren: null,
  departementCode: null,
  regionCode: null,
  ...scope,
});
const chefAhun = [member('chef_de_projet', { organisationType: 'commune', communeInsee: '23001' })];
const eluAhun = [member('elu_lecteur', { organisationType: 'commune', communeInsee: '23001' })];
const epci1: Porteur = { kind: 'epci', code: '200000001', territory: { communes: ['23001', '23002'], epciSirens: ['200000001'], departementCodes: ['23'], regionCodes: ['75'] } };
const epci2: Porteur = { kind: 'epci', code: '200000002', territory: { communes: ['23003'], epciSirens: ['200000002'], departementCodes: ['23'], regionCodes: ['75'] } };

describe('coverageWriteCheck', () => {
  it('lets a chef de projet write a record over their own commune', () => {
    expect(coverageWriteCheck(chefAhun, [AHUN], [AHUN], null)).toEqual({ autorise: true, horsTerritoire: [] });
  });

  it('refuses a record none of whose communes is theirs', () => {
    expect(coverageWriteCheck(chefAhun, [AJAIN], [AJAIN], null)).toEqual({ autorise: false, horsTerritoire: ['23002'] });
  });

  it('refuses a reader, even on their own commune', () => {
    expect(coverageWriteCheck(eluAhun, [AHUN], [AHUN], null).autorise).toBe(false);
  });

  it('accepts the other member communes of the EPCI that carries the record', () => {
    expect(coverageWriteCheck(chefAhun, [AHUN, AJAIN], [AHUN, AJAIN], epci1)).toEqual({ autorise: true, horsTerritoire: [] });
  });

  it('refuses a commune of another EPCI, or an EPCI the caller is not part of', () => {
    expect(coverageWriteCheck(chefAhun, [AHUN, ALLEYRAT], [ALLEYRAT], epci1).horsTerritoire).toEqual(['23003']);
    expect(coverageWriteCheck(chefAhun, [AHUN, ALLEYRAT], [ALLEYRAT], epci2).horsTerritoire).toEqual(['23003']);
  });

  it('refuses other communes when the maître d’ouvrage is a commune', () => {
    const porteur: Porteur = { kind: 'commune', code: '23001', territory: coverageTerritory([AHUN]) };
    expect(coverageWriteCheck(chefAhun, [AHUN, AJAIN], [AJAIN], porteur).horsTerritoire).toEqual(['23002']);
  });

  it('does not judge communes that stay as they were', () => {
    expect(coverageWriteCheck(chefAhun, [AHUN, ALTKIRCH], [], null)).toEqual({ autorise: true, horsTerritoire: [] });
  });

  it('lets a national or departmental writer cover any commune of their scope', () => {
    const chefEpci = [member('chef_de_projet', { organisationType: 'epci', epciSiren: '200000001' })];
    expect(coverageWriteCheck(chefEpci, [AHUN, AJAIN], [AHUN, AJAIN], null)).toEqual({ autorise: true, horsTerritoire: [] });
  });
});

describe('coverageTerritory', () => {
  it('is the union of the communes’ territories', () => {
    expect(coverageTerritory([AHUN, AJAIN, ALTKIRCH])).toEqual({
      communes: ['23001', '23002', '68004'],
      epciSirens: ['200000001', '200000003'],
      departementCodes: ['23', '68'],
      regionCodes: ['75', '44'],
    });
  });
});

describe('coverageChanges', () => {
  it('lists the added and removed communes', () => {
    expect(coverageChanges(['23001', '23002'], ['23002', '23003'])).toEqual({ added: ['23003'], removed: ['23001'] });
  });
});

describe('ortDateFin', () => {
  it('ends the day before the anniversary', () => {
    expect(ortDateFin('2022-03-15', 5)).toBe('2027-03-14');
    expect(ortDateFin(null, 5)).toBeNull();
    expect(ortDateFin('2022-03-15', null)).toBeNull();
  });
});
