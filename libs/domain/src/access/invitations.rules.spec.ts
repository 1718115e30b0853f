import { decideInvitation, passwordProblem } from './invitations.rules';
import { Membership } from './permissions';

const prefecture23: Membership = {
  organisationId: 'p',
  organisationType: 'prefecture',
  organisationNom: 'Préfecture – Creuse (23)',
  role: 'prefecture_instructeur',
  communeInsee: null,
  epciSiren: null,
  departementCode: '23',
  regionCode: null,
};
const admin: Membership = { ...prefecture23, organisationType: 'anct', role: 'administrateur', departementCode: null };
const chef: Membership = { ...prefecture23, organisationType: 'commune', role: 'chef_de_projet', communeInsee: '23001', departementCode: null };
const ahun = { communes: ['23001'], epciSirens: ['200067189'], departementCodes: ['23'], regionCodes: ['75'] };
const aigre = { communes: ['16005'], epciSirens: [], departementCodes: ['16'], regionCodes: ['75'] };

describe('decideInvitation', () => {
  it('lets a préfecture invite chefs de projet and élus of its own communes only', () => {
    expect(decideInvitation([prefecture23], { organisationType: 'commune', role: 'chef_de_projet', territory: ahun })).toEqual({ allowed: true });
    expect(decideInvitation([prefecture23], { organisationType: 'epci', role: 'elu_lecteur', territory: ahun })).toEqual({ allowed: true });
    expect(decideInvitation([prefecture23], { organisationType: 'commune', role: 'chef_de_projet', territory: aigre })).toEqual({ allowed: false, reason: 'HORS_PERIMETRE' });
    expect(decideInvitation([prefecture23], { organisationType: 'prefecture', role: 'prefecture_instructeur', territory: ahun })).toEqual({ allowed: false, reason: 'ROLE_NON_DELEGABLE' });
  });
  it('lets an administrator invite anyone, but only to a role the organisation can give', () => {
    expect(decideInvitation([admin], { organisationType: 'anct', role: 'anct_directeur', territory: { communes: [], epciSirens: [], departementCodes: [], regionCodes: [] } })).toEqual({ allowed: true });
    expect(decideInvitation([admin], { organisationType: 'commune', role: 'prefecture_instructeur', territory: ahun })).toEqual({ allowed: false, reason: 'ROLE_HORS_ORGANISATION' });
  });
  it('refuses anyone without the permission', () => {
    expect(decideInvitation([chef], { organisationType: 'commune', role: 'elu_lecteur', territory: ahun })).toEqual({ allowed: false, reason: 'HORS_PERIMETRE' });
  });
});

describe('passwordProblem', () => {
  it('asks for 12 characters, not the address, not a repetition', () => {
    expect(passwordProblem('court', 'a@b.fr')).toMatch(/12 caractères/);
    expect(passwordProblem('agent@creuse.fr', 'Agent@Creuse.fr')).toMatch(/adresse/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa', 'a@b.fr')).toMatch(/répétitif/);
    expect(passwordProblem('une phrase de passe solide', 'a@b.fr')).toBeNull();
  });
});
