import type { Membership, Role } from '../access/permissions';
import { canEditContact, editableContacts } from './contact-rights.rules';

const AHUN = { communes: ['23001'], epciSirens: ['200067189'], departementCodes: ['23'], regionCodes: ['75'] };
const ALTKIRCH = { communes: ['68004'], epciSirens: ['246800726'], departementCodes: ['68'], regionCodes: ['44'] };

const member = (role: Role, scope: Partial<Membership>): Membership => ({
  organisationId: role,
  organisationType: 'commune',
  organisationNom: role,
  role,
  communeInsee: null,
  epciSiren: null,
  departementCode: null,
  regionCode: null,
  ...scope,
});
const chefAhun = member('chef_de_projet', { organisationType: 'commune', communeInsee: '23001' });
const eluAhun = member('elu_lecteur', { organisationType: 'commune', communeInsee: '23001' });
const prefCreuse = member('prefecture_instructeur', { organisationType: 'prefecture', departementCode: '23' });
const sgar = member('sgar_lecteur', { organisationType: 'sgar', regionCode: '75' });
const anct = member('anct_directeur', { organisationType: 'anct' });

describe('who may fill in which contact of a dossier', () => {
  it('the chef de projet fills in every contact of its dossier', () => {
    expect(editableContacts([chefAhun], AHUN)).toEqual(['chef_de_projet', 'elu_referent', 'referent_prefecture']);
    expect(editableContacts([chefAhun], ALTKIRCH)).toEqual([]);
  });

  it('the préfecture fills in its own référent only, over the dossiers of its département', () => {
    expect(canEditContact([prefCreuse], 'referent_prefecture', AHUN)).toBe(true);
    expect(canEditContact([prefCreuse], 'elu_referent', AHUN)).toBe(false);
    expect(canEditContact([prefCreuse], 'chef_de_projet', AHUN)).toBe(false);
    expect(canEditContact([prefCreuse], 'referent_prefecture', ALTKIRCH)).toBe(false);
    expect(editableContacts([prefCreuse], AHUN)).toEqual(['referent_prefecture']);
  });

  it('readers fill in nothing', () => {
    for (const m of [eluAhun, sgar, anct]) expect(editableContacts([m], AHUN)).toEqual([]);
  });
});
