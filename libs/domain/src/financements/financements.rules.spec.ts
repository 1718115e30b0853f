import type { Membership } from '../access/permissions';
import { dispositifCouvre, dispositifErrors } from './dispositif.rules';
import { isForeignDispositif, ligneFinancementRights, type BeneficiaireTerritoire } from './financement-rights.rules';
import { centsToDecimalComma, csvCell, csvLine, spreadsheetText } from './financements-export.rules';

const member = (over: Partial<Membership>): Membership => ({
  organisationId: 'org',
  organisationType: 'commune',
  organisationNom: 'X',
  role: 'chef_de_projet',
  communeInsee: '23001',
  epciSiren: null,
  departementCode: null,
  regionCode: null,
  ...over,
});
const ahun: BeneficiaireTerritoire = { type: 'commune', territory: { communes: ['23001'], epciSirens: ['200000001'], departementCodes: ['23'], regionCodes: ['75'] } };
const epci: BeneficiaireTerritoire = { type: 'epci', territory: { communes: ['23001', '23002'], epciSirens: ['200000001'], departementCodes: ['23'], regionCodes: ['75'] } };
const partner = member({ organisationId: 'bdt', organisationType: 'partenaire', role: 'partenaire', communeInsee: null });

describe('ligneFinancementRights', () => {
  it('lets the chef de projet of the commune read and write its lines, not the neighbour’s', () => {
    expect(ligneFinancementRights([member({})], ahun, null)).toEqual({ lire: true, ecrire: true });
    expect(ligneFinancementRights([member({ communeInsee: '23002' })], ahun, null)).toEqual({ lire: false, ecrire: false });
  });

  it('lets a commune read the lines of its EPCI, and only the EPCI (or wider) write them', () => {
    expect(ligneFinancementRights([member({})], epci, null)).toEqual({ lire: true, ecrire: false });
    expect(ligneFinancementRights([member({ organisationType: 'epci', communeInsee: null, epciSiren: '200000001' })], epci, null)).toEqual({ lire: true, ecrire: true });
    expect(ligneFinancementRights([member({ organisationType: 'epci', communeInsee: null, epciSiren: '200000001' })], ahun, null).ecrire).toBe(true);
  });

  it('gives readers of the territory read-only access', () => {
    const prefecture = member({ organisationType: 'prefecture', role: 'prefecture_instructeur', communeInsee: null, departementCode: '23' });
    expect(ligneFinancementRights([prefecture], ahun, null)).toEqual({ lire: true, ecrire: false });
    expect(ligneFinancementRights([{ ...prefecture, departementCode: '68' }], ahun, null)).toEqual({ lire: false, ecrire: false });
    const anct = member({ organisationType: 'anct', role: 'anct_directeur', communeInsee: null });
    expect(ligneFinancementRights([anct], epci, 'bdt')).toEqual({ lire: true, ecrire: false });
  });

  it('lets a partner read and write the lines of its own dispositifs anywhere, and nothing else', () => {
    expect(ligneFinancementRights([partner], ahun, 'bdt')).toEqual({ lire: true, ecrire: true });
    expect(ligneFinancementRights([partner], epci, 'bdt')).toEqual({ lire: true, ecrire: true });
    expect(ligneFinancementRights([partner], ahun, 'anah')).toEqual({ lire: false, ecrire: false });
    expect(ligneFinancementRights([partner], ahun, null)).toEqual({ lire: false, ecrire: false });
  });

  it('tells a partner writing another funder’s dispositif apart', () => {
    expect(isForeignDispositif([partner], 'anah')).toBe(true);
    expect(isForeignDispositif([partner], 'bdt')).toBe(false);
    expect(isForeignDispositif([member({})], 'anah')).toBe(false);
  });
});

describe('export formats', () => {
  it('writes amounts in euros with a decimal comma, no grouping', () => {
    expect(centsToDecimalComma(1_250_050)).toBe('12500,50');
    expect(centsToDecimalComma(5)).toBe('0,05');
    expect(centsToDecimalComma(-5)).toBe('-0,05');
    expect(centsToDecimalComma(null)).toBe('');
  });

  it('quotes what needs it and defuses formulas', () => {
    expect(csvCell('Rénovation; place')).toBe('"Rénovation; place"');
    expect(csvCell('Le "cœur"')).toBe('"Le ""cœur"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-12)).toBe('-12');
    expect(csvCell(null)).toBe('');
    expect(csvLine(['a', 1, null])).toBe('a;1;\r\n');
    expect(spreadsheetText('+33')).toBe("'+33");
  });
});

describe('dispositifs', () => {
  it('checks the name and the programme years', () => {
    expect(dispositifErrors({ nom: 'DSIL', anneeDebut: 2020, anneeFin: null })).toEqual({});
    expect(dispositifErrors({ nom: ' ', anneeDebut: 2024, anneeFin: 2022 })).toEqual({ nom: ['Indiquez le nom du dispositif.'], anneeFin: ['La dernière année précède la première.'] });
    expect(Object.keys(dispositifErrors({ nom: 'X1', anneeDebut: 1999, anneeFin: null }))).toEqual(['anneeDebut']);
    expect(dispositifCouvre({ anneeDebut: 2020, anneeFin: 2022 }, 2023)).toBe(false);
    expect(dispositifCouvre({ anneeDebut: null, anneeFin: null }, 2023)).toBe(true);
  });
});
