import { beneficiaireParDefaut } from './beneficiaire-defaut.rules';

describe('beneficiaireParDefaut', () => {
  it("starts a dossier's new line with its only commune", () => {
    expect(beneficiaireParDefaut([{ insee: '23001', nom: 'Ahun', departementCode: '23' }])).toEqual({ type: 'commune', code: '23001', nom: 'Ahun', departementCode: '23' });
  });

  it('leaves the choice open for a PVD of several communes, or none', () => {
    expect(
      beneficiaireParDefaut([
        { insee: '23001', nom: 'Ahun', departementCode: '23' },
        { insee: '23002', nom: 'Ajain', departementCode: '23' },
      ]),
    ).toBeNull();
    expect(beneficiaireParDefaut([])).toBeNull();
  });
});
