import type { Membership, Territory } from '../access/permissions';
import type { CoveredCommune } from './coverage.rules';
import { namedPlaceCheck, namedPlaceIncoherence, namedPlaceRefusal, type NamedPlace, type NamingRecord } from './named-place.rules';

const commune = (insee: string, nom: string, epciSiren: string | null, departementCode = '23', regionCode = '75'): CoveredCommune & { nom: string } => ({
  insee,
  nom,
  epciSiren,
  departementCode,
  regionCode,
});
const AHUN = commune('23001', 'Ahun', '200067189');
const SOUS_PARSAT = commune('23172', 'Sous-Parsat', '200067189');
const AJAIN = commune('23002', 'Ajain', '200034825');
const ALTKIRCH = commune('68004', 'Altkirch', '200066041', '68', '44');

const communePlace = (c: CoveredCommune & { nom: string }): NamedPlace => ({
  kind: 'commune',
  code: c.insee,
  nom: c.nom,
  territory: { communes: [c.insee], epciSirens: c.epciSiren ? [c.epciSiren] : [], departementCodes: [c.departementCode], regionCodes: [c.regionCode] },
});
const epciPlace = (code: string, nom: string, members: (CoveredCommune & { nom: string })[]): NamedPlace => ({
  kind: 'epci',
  code,
  nom,
  territory: {
    communes: members.map((m) => m.insee),
    epciSirens: [code],
    departementCodes: [...new Set(members.map((m) => m.departementCode))],
    regionCodes: [...new Set(members.map((m) => m.regionCode))],
  },
});
const CREUSE_SUD_OUEST = epciPlace('200067189', 'CC Creuse Sud Ouest', [AHUN, SOUS_PARSAT]);
const GRAND_GUERET = epciPlace('200034825', 'CA du Grand Guéret', [AJAIN]);
const SUNDGAU = epciPlace('200066041', 'CC Sundgau', [ALTKIRCH]);

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
const chefAjain = [member('chef_de_projet', { organisationType: 'commune', communeInsee: '23002' })];
const chefAltkirch = [member('chef_de_projet', { organisationType: 'commune', communeInsee: '68004' })];
const national = [member('anct_directeur', { organisationType: 'anct' })];
const record = (...communes: (CoveredCommune & { nom: string })[]): NamingRecord => ({ communes });

describe('namedPlaceIncoherence', () => {
  it('takes as maître d’ouvrage a covered commune, or an EPCI one covered commune belongs to', () => {
    expect(namedPlaceIncoherence('maitreOuvrage', record(AHUN, AJAIN), communePlace(AJAIN))).toBeNull();
    expect(namedPlaceIncoherence('maitreOuvrage', record(AHUN, AJAIN), CREUSE_SUD_OUEST)).toBeNull();
    expect(namedPlaceIncoherence('maitreOuvrage', record(AHUN), communePlace(SOUS_PARSAT))).toContain('Sous-Parsat n’est pas couverte');
    expect(namedPlaceIncoherence('maitreOuvrage', record(AHUN), GRAND_GUERET)).toContain('Aucune commune couverte par l’opération n’est membre de CA du Grand Guéret');
  });

  it('refuses a maître d’ouvrage in another département, whoever names it (the Altkirch case)', () => {
    expect(namedPlaceIncoherence('maitreOuvrage', record(ALTKIRCH), communePlace(AHUN))).not.toBeNull();
    expect(namedPlaceIncoherence('maitreOuvrage', record(ALTKIRCH), CREUSE_SUD_OUEST)).not.toBeNull();
    expect(namedPlaceCheck(national, 'pvd:lire', 'maitreOuvrage', record(ALTKIRCH), CREUSE_SUD_OUEST, null).incoherent).not.toBeNull();
  });

  it('takes as signing EPCI of an ORT an EPCI all its communes belong to (the Ajain case)', () => {
    expect(namedPlaceIncoherence('epciSignataire', record(AHUN, SOUS_PARSAT), CREUSE_SUD_OUEST)).toBeNull();
    expect(namedPlaceIncoherence('epciSignataire', record(AJAIN), SUNDGAU)).toBe(
      'Ajain n’est pas membre de CC Sundgau : l’EPCI signataire d’une ORT compte parmi ses membres toutes les communes qu’elle couvre.',
    );
    expect(namedPlaceIncoherence('epciSignataire', record(AHUN, AJAIN), CREUSE_SUD_OUEST)).toContain('Ajain n’est pas membre');
    expect(namedPlaceIncoherence('epciSignataire', record(AHUN), communePlace(AHUN))).toContain('signée par un EPCI');
  });

  it('reads membership from either side of the stored référentiel', () => {
    const stale = { ...SOUS_PARSAT, epciSiren: null };
    expect(namedPlaceIncoherence('epciSignataire', record(stale), CREUSE_SUD_OUEST)).toBeNull();
  });

  it('takes as employer one of the PVD’s communes, their EPCI or the PVD’s own EPCI', () => {
    const pvd: NamingRecord = { communes: [AHUN], epciSirens: ['200034825'] };
    expect(namedPlaceIncoherence('employeur', pvd, communePlace(AHUN))).toBeNull();
    expect(namedPlaceIncoherence('employeur', pvd, CREUSE_SUD_OUEST)).toBeNull();
    expect(namedPlaceIncoherence('employeur', pvd, GRAND_GUERET)).toBeNull();
    expect(namedPlaceIncoherence('employeur', pvd, communePlace(AJAIN))).toBe('L’employeur doit être l’une des communes de la PVD ou son EPCI.');
    expect(namedPlaceIncoherence('employeur', pvd, SUNDGAU)).not.toBeNull();
  });
});

describe('namedPlaceRefusal', () => {
  it('lets a chef de projet name their commune or its EPCI', () => {
    expect(namedPlaceRefusal(chefAhun, 'pvd:modifier', 'maitreOuvrage', record(AHUN), communePlace(AHUN), null)).toBeNull();
    expect(namedPlaceRefusal(chefAhun, 'pvd:modifier', 'epciSignataire', record(AHUN), CREUSE_SUD_OUEST, null)).toBeNull();
  });

  it('refuses a place outside the actor’s territory, even when it fits the record', () => {
    // An operation over Ahun and Ajain (Ajain added by someone who may): Ahun's chef does not name Ajain.
    expect(namedPlaceRefusal(chefAhun, 'pvd:modifier', 'maitreOuvrage', record(AHUN, AJAIN), communePlace(AJAIN), null)).toBe(
      'Ajain est hors de votre territoire : choisissez comme maître d’ouvrage une commune ou un EPCI de votre territoire.',
    );
    expect(namedPlaceRefusal(chefAltkirch, 'pvd:modifier', 'maitreOuvrage', record(ALTKIRCH), CREUSE_SUD_OUEST, null)).not.toBeNull();
    expect(namedPlaceRefusal(chefAjain, 'pvd:modifier', 'epciSignataire', record(AJAIN), SUNDGAU, null)).toContain('CC Sundgau est hors de votre territoire');
  });

  it('refuses a reader, on their own commune too', () => {
    const elu = [member('elu_lecteur', { organisationType: 'commune', communeInsee: '23001' })];
    expect(namedPlaceRefusal(elu, 'pvd:modifier', 'maitreOuvrage', record(AHUN), communePlace(AHUN), null)).not.toBeNull();
  });

  it('does not judge a place left as it was', () => {
    expect(namedPlaceRefusal(chefAhun, 'pvd:modifier', 'maitreOuvrage', record(AHUN, AJAIN), communePlace(AJAIN), { kind: 'commune', code: '23002' })).toBeNull();
    expect(namedPlaceRefusal(chefAhun, 'pvd:modifier', 'maitreOuvrage', record(AHUN, AJAIN), communePlace(AJAIN), { kind: 'epci', code: '23002' })).not.toBeNull();
  });

  it('lets national writers, and an EPCI’s chef de projet, name any place of their scope', () => {
    const chefGrandGueret = [member('chef_de_projet', { organisationType: 'epci', epciSiren: '200034825' })];
    expect(namedPlaceRefusal(national, 'pvd:lire', 'maitreOuvrage', record(ALTKIRCH), SUNDGAU, null)).toBeNull();
    expect(namedPlaceRefusal(chefGrandGueret, 'pvd:modifier', 'maitreOuvrage', record(AHUN, AJAIN), communePlace(AJAIN), null)).toBeNull();
  });

  it('judges a PVD’s records on the PVD: its chef de projet names any of its communes', () => {
    const pvdTerritory: Territory = { communes: ['23001', '23172'], epciSirens: ['200067189'], departementCodes: ['23'], regionCodes: ['75'] };
    const pvd: NamingRecord = { communes: [AHUN, SOUS_PARSAT], pvdTerritory };
    expect(namedPlaceRefusal(chefAhun, 'pvd:modifier', 'employeur', pvd, communePlace(SOUS_PARSAT), null)).toBeNull();
    expect(namedPlaceRefusal(chefAjain, 'pvd:modifier', 'employeur', pvd, communePlace(SOUS_PARSAT), null)).not.toBeNull();
  });
});

describe('namedPlaceCheck', () => {
  it('answers incoherence first, then territory', () => {
    expect(namedPlaceCheck(chefAjain, 'pvd:modifier', 'epciSignataire', record(AJAIN), SUNDGAU, null)).toEqual({ incoherent: expect.any(String), horsTerritoire: null });
    expect(namedPlaceCheck(chefAhun, 'pvd:modifier', 'maitreOuvrage', record(AHUN, AJAIN), GRAND_GUERET, null)).toEqual({ incoherent: null, horsTerritoire: expect.any(String) });
    expect(namedPlaceCheck(chefAhun, 'pvd:modifier', 'maitreOuvrage', record(AHUN, AJAIN), CREUSE_SUD_OUEST, null)).toEqual({ incoherent: null, horsTerritoire: null });
  });
});
