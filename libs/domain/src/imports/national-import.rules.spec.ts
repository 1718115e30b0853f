import type { Membership } from '../access/permissions';
import {
  checkConventionRow,
  checkOrtRow,
  checkParticipationRow,
  checkPosteRow,
  classifyConvention,
  classifyOrt,
  classifyParticipation,
  classifyPoste,
  mergeParticipation,
  mergePoste,
  nationalImportColumns,
  parseStatutOrt,
  type OrtImportLookup,
  type PosteImportLookup,
} from './national-import.rules';
import { matchHeader } from './partner-import.rules';

const ANCT: Membership = { organisationId: 'o', organisationType: 'anct', organisationNom: 'ANCT', role: 'anct_directeur', communeInsee: null, epciSiren: null, departementCode: null, regionCode: null };
const commune = (insee: string, epciSiren: string | null) => ({ insee, nom: `Commune ${insee}`, epciSiren, departementCode: '23', regionCode: '75' });
const ORT_LOOKUP: OrtImportLookup = {
  commune: (insee) => ({ '23001': commune('23001', '200000001'), '23002': commune('23002', '200000001'), '23003': commune('23003', '200000002') })[insee],
  epci: (siren) =>
    siren === '200000001'
      ? { kind: 'epci', code: siren, nom: 'CC Une', territory: { communes: ['23001', '23002'], epciSirens: [siren], departementCodes: ['23'], regionCodes: ['75'] } }
      : undefined,
  conventionCadre: (pvd) => (pvd === '23001' ? { id: 'cadre-1', vautOrt: true, communes: ['23001'] } : pvd === '23003' ? 'sans_convention' : undefined),
  memberships: [ANCT],
};
const ORT_HEADER = ['Référence', 'Libellé', 'Communes', 'EPCI signataire', 'Statut', 'Date de signature', 'Durée années', 'Convention cadre'];
const ortMatch = matchHeader(ORT_HEADER, nationalImportColumns('orts'));

describe('national imports: ORT', () => {
  it('reads a line: several communes, the signing EPCI checked against them, French dates and status', () => {
    const out = checkOrtRow({ ligne: 2, cells: ['ORT-1', 'ORT Une', '23002, 23001', '200 000 001', 'Signée', '15/06/2022', '5', '23001'] }, ortMatch, ORT_LOOKUP);
    expect(out).toMatchObject({ ok: true, record: { referenceExterne: 'ORT-1', communes: ['23001', '23002'], epciSiren: '200000001', statut: 'signee', dateSignature: '2022-06-15', dureeAnnees: 5, conventionCadreId: 'cadre-1' } });
  });

  it('rejects an unknown commune, a bad date, an EPCI not matching its communes, a PVD without convention-cadre', () => {
    const reasons = (cells: string[]) => {
      const out = checkOrtRow({ ligne: 3, cells }, ortMatch, ORT_LOOKUP);
      return out.ok ? [] : out.rejets.map((r) => [r.colonne, r.motif]);
    };
    expect(reasons(['ORT-2', 'X', '99999', '', 'signée', '01/01/2022', '', ''])).toEqual([['communes', 'Commune 99999 inconnue du référentiel.']]);
    expect(reasons(['ORT-2', 'X', '23001', '', 'signée', '31/02/2022', '', ''])).toEqual([['date_signature', '« 31/02/2022 » n’est pas une date du calendrier.']]);
    expect(reasons(['ORT-2', 'X', '23001, 23003', '200000001', 'signée', '01/01/2022', '', ''])[0]?.[0]).toBe('epci_signataire');
    expect(reasons(['ORT-2', 'X', '23001, 23003', '200000001', 'signée', '01/01/2022', '', ''])[0]?.[1]).toContain('Commune 23003 n’est pas membre de CC Une');
    expect(reasons(['ORT-2', 'X', '23003', '', 'signée', '01/01/2022', '', '23003'])).toEqual([['convention_cadre', 'La PVD « 23003 » n’a pas de convention-cadre : importez-la d’abord.']]);
    expect(reasons(['ORT-2', 'X', '23001', '', 'signée', '', '', ''])).toEqual([['date_signature', 'Indiquez la date de signature de l’ORT.']]);
  });

  it('compares with the stored ORT: unchanged, or the changed columns', () => {
    const out = checkOrtRow({ ligne: 2, cells: ['ORT-1', 'ORT Une', '23001', '', 'en préparation', '', '', ''] }, ortMatch, ORT_LOOKUP);
    if (!out.ok) throw new Error('rejected');
    const columns = new Set(ortMatch.index.keys());
    expect(classifyOrt(null, out.record, columns)).toEqual({ kind: 'creation' });
    expect(classifyOrt(out.record, out.record, columns)).toEqual({ kind: 'inchange' });
    expect(classifyOrt({ ...out.record, statut: 'signee', dateSignature: '2022-01-01' }, out.record, columns)).toEqual({
      kind: 'mise_a_jour',
      champs: [
        { champ: 'statut', avant: 'signee', apres: 'en_preparation' },
        { champ: 'date_signature', avant: '2022-01-01', apres: null },
      ],
    });
    expect(parseStatutOrt('ÉCHUE')).toEqual({ ok: true, value: 'echue' });
    expect(parseStatutOrt('perdue').ok).toBe(false);
  });
});

describe('national imports: participations', () => {
  const attributs = [
    { cle: 'forme', libelle: 'Forme', type: 'choix' as const, choix: ['fixe', 'itinérante'], obligatoire: true },
    { cle: 'date_ouverture', libelle: 'Date d’ouverture', type: 'date' as const },
  ];
  const match = matchHeader(['reference', 'commune', 'Date début', 'forme', 'date_ouverture'], nationalImportColumns('participations', attributs));
  const lookup = { pvdOfCommune: (insee: string) => ({ '23001': 'pvd-1', '75056': null })[insee] };

  it('reads the scheme’s attributes as typed columns and checks them with the scheme’s rules', () => {
    expect(checkParticipationRow({ ligne: 2, cells: ['FS-1', '23001', '01/01/2020', 'ITINERANTE', '15/03/2020'] }, match, attributs, lookup)).toMatchObject({
      ok: true,
      record: { communeInsee: '23001', pvdId: 'pvd-1', dateDebut: '2020-01-01', attributs: { forme: 'itinérante', date_ouverture: '2020-03-15' } },
    });
    const bad = checkParticipationRow({ ligne: 3, cells: ['FS-2', '75056', '', '', ''] }, match, attributs, lookup);
    expect(bad.ok ? [] : bad.rejets.map((r) => r.colonne)).toEqual(['commune']);
    const missing = checkParticipationRow({ ligne: 4, cells: ['FS-3', '23001', '', '', ''] }, match, attributs, lookup);
    expect(missing.ok ? [] : missing.rejets).toEqual([{ ligne: 4, colonne: 'forme', motif: 'Indiquez « Forme ».' }]);
  });

  it('compares and merges attribute by attribute', () => {
    const out = checkParticipationRow({ ligne: 2, cells: ['FS-1', '23001', '', 'fixe', ''] }, match, attributs, lookup);
    if (!out.ok) throw new Error('rejected');
    const stored = { ...out.record, attributs: { forme: 'itinérante', date_ouverture: '2020-01-01' } };
    const columns = new Set(['reference', 'commune', 'forme']);
    expect(classifyParticipation(stored, out.record, attributs, columns)).toEqual({ kind: 'mise_a_jour', champs: [{ champ: 'forme', avant: 'itinérante', apres: 'fixe' }] });
    expect(mergeParticipation(stored, out.record, attributs, columns).attributs).toEqual({ forme: 'fixe', date_ouverture: '2020-01-01' });
  });
});

describe('national imports: conventions', () => {
  const match = matchHeader(['PVD', 'Type', 'Date signature', 'Vaut ORT'], nationalImportColumns('conventions'));
  const lookup = { pvd: (t: string) => (t === '23001' || t === 'PVD-23' ? { id: 'pvd-1', idPvd: 'PVD-23' } : undefined) };

  it('reads a signed convention by PVD id or commune', () => {
    expect(checkConventionRow({ ligne: 2, cells: ['23001', 'Convention-cadre', '30/06/2022', 'oui'] }, match, lookup)).toMatchObject({
      ok: true,
      record: { pvdId: 'pvd-1', type: 'cadre', dateSignature: '2022-06-30', vautOrt: true },
    });
    const bad = checkConventionRow({ ligne: 3, cells: ['PVD-99', 'adhésion', '2022-13-01', ''] }, match, lookup);
    expect(bad.ok ? [] : bad.rejets.map((r) => r.colonne)).toEqual(['pvd', 'date_signature']);
  });

  it('signed on the same day: unchanged; another day or still in the workflow: rejected', () => {
    const next = { pvdId: 'pvd-1', idPvd: 'PVD-23', type: 'cadre' as const, dateSignature: '2022-06-30', vautOrt: null };
    expect(classifyConvention(null, next)).toEqual({ kind: 'creation' });
    expect(classifyConvention({ etat: 'signee', dateSignature: '2022-06-30', vautOrt: false }, next)).toEqual({ kind: 'inchange' });
    expect(classifyConvention({ etat: 'signee', dateSignature: '2022-07-01', vautOrt: false }, next)).toEqual({
      kind: 'rejet',
      colonne: 'date_signature',
      motif: 'La convention-cadre de la PVD PVD-23 est déjà signée le 01/07/2022 dans la plateforme, pas le 30/06/2022.',
    });
    expect(classifyConvention({ etat: 'brouillon', dateSignature: null, vautOrt: false }, next).kind).toBe('rejet');
    expect(classifyConvention({ etat: 'signee', dateSignature: '2022-06-30', vautOrt: false }, { ...next, vautOrt: true })).toEqual({
      kind: 'mise_a_jour',
      champs: [{ champ: 'vaut_ort', avant: 'non', apres: 'oui' }],
    });
  });
});

describe('national imports: former commune codes', () => {
  const ancienne = (insee: string) => (insee === '23999' ? { insee, nom: 'Vieux-Bourg', successeur: { insee: '23002', nom: 'Commune 23002' } } : undefined);
  it('reads a former code as its successor, with a warning; a duplicate through the former code is rejected', () => {
    const ok = checkOrtRow({ ligne: 2, cells: ['ORT-1', 'ORT', '23001, 23999', '200000001', 'signée', '15/06/2022', '5', ''] }, ortMatch, { ...ORT_LOOKUP, ancienne });
    expect(ok).toMatchObject({ ok: true, record: { communes: ['23001', '23002'] } });
    expect(ok.avertissements).toEqual([{ ligne: 2, colonne: 'communes', motif: 'Code INSEE 23999 obsolète : Vieux-Bourg fait désormais partie de Commune 23002 (23002), prise à sa place.' }]);
    const twice = checkOrtRow({ ligne: 3, cells: ['ORT-2', 'ORT', '23002, 23999', '', 'signée', '15/06/2022', '5', ''] }, ortMatch, { ...ORT_LOOKUP, ancienne });
    expect(twice).toMatchObject({ ok: false, rejets: [{ colonne: 'communes', motif: 'Commune 23002 indiquée deux fois (23999 en est un ancien code).' }] });
  });
});

describe('national imports: chef de projet posts', () => {
  const PVD_TERRITORY = { communes: ['23001'], epciSirens: ['200000001'], departementCodes: ['23'], regionCodes: ['75'] };
  const LOOKUP: PosteImportLookup = {
    pvd: (t) => (t === 'demo-23-1' || t === '23001' ? { id: 'pvd-1', idPvd: 'demo-23-1' } : undefined),
    pvdRecord: () => ({ communes: [commune('23001', '200000001')], epciSirens: ['200000001'], pvdTerritory: PVD_TERRITORY }),
    place: (kind, code) =>
      kind === 'commune' && ['23001', '23003'].includes(code)
        ? { kind, code, nom: `Commune ${code}`, territory: { communes: [code], epciSirens: [], departementCodes: ['23'], regionCodes: ['75'] } }
        : kind === 'epci' && code === '200000001'
          ? { kind, code, nom: 'CC Une', territory: PVD_TERRITORY }
          : undefined,
    memberships: [ANCT],
  };
  const header = ['reference', 'pvd', 'intitule', 'employeur', 'titulaire', 'Titulaire début', 'quotite', 'Coût 2023', 'cout_2024', 'etat', 'bdt', 'etat_part', 'bdt_part'];
  const match = matchHeader(header, nationalImportColumns('postes'));
  it('reads a post: holder, yearly costs in euros, co-financers with their shares', () => {
    expect(match.missing).toEqual([]);
    expect(match.unknown).toEqual([]);
    const line = checkPosteRow({ ligne: 2, cells: ['CDP-1', '23001', 'Chef de projet', '200000001', 'Camille Martin', '01/03/2023', '80', '50 000', '51 000,50', 'oui', 'oui', '60', '40'] }, match, LOOKUP);
    expect(line).toMatchObject({
      ok: true,
      record: {
        pvdId: 'pvd-1',
        employeurType: 'epci',
        employeurCode: '200000001',
        titulaire: { nom: 'Camille Martin', debut: '2023-03-01', fin: null, quotite: 80 },
        coutsAnnuels: [
          { annee: 2023, cout: 5_000_000 },
          { annee: 2024, cout: 5_100_050 },
        ],
        cofinanceurs: [
          { financeur: 'etat', debut: null, fin: null, part: 60 },
          { financeur: 'bdt', debut: null, fin: null, part: 40 },
        ],
      },
    });
  });
  it('rejects an employer outside the PVD, a holder without arrival, shares not adding up', () => {
    const line = checkPosteRow({ ligne: 3, cells: ['CDP-2', 'demo-23-1', 'Poste', '23003', '', '', '', '', '', 'oui', 'non', '', ''] }, match, LOOKUP);
    expect(line).toMatchObject({ ok: false, rejets: [{ colonne: 'employeur', motif: 'L’employeur doit être l’une des communes de la PVD ou son EPCI (PVD demo-23-1).' }] });
    const noArrival = checkPosteRow({ ligne: 4, cells: ['CDP-3', '23001', 'Poste', '23001', 'Alex', '', '', '', '', 'oui', 'oui', '50', '40'] }, match, LOOKUP);
    expect(noArrival).toMatchObject({ ok: false, rejets: [{ colonne: 'titulaire_debut', motif: 'Indiquez la date d’arrivée du titulaire.' }] });
    const shares = checkPosteRow({ ligne: 5, cells: ['CDP-4', '23001', 'Poste', '23001', '', '', '', '', '', 'oui', 'oui', '50', '40'] }, match, LOOKUP);
    expect(shares).toMatchObject({ ok: false, rejets: [{ colonne: 'bdt_part' }] });
  });
  it('compares and merges by column: a year’s cost updated, the other years kept', () => {
    const read = (cells: string[]) => {
      const o = checkPosteRow({ ligne: 2, cells }, match, LOOKUP);
      if (!o.ok) throw new Error(JSON.stringify(o.rejets));
      return o.record;
    };
    const current = { ...read(['CDP-1', '23001', 'Chef de projet', '23001', 'Camille', '01/03/2023', '100', '50 000', '51 000', 'oui', 'non', '', '']), coutsAnnuels: [{ annee: 2022, cout: 4_000_000 }, { annee: 2023, cout: 5_000_000 }, { annee: 2024, cout: 5_100_000 }] };
    const only2023 = matchHeader(['reference', 'pvd', 'intitule', 'employeur', 'cout_2023'], nationalImportColumns('postes'));
    const o = checkPosteRow({ ligne: 2, cells: ['CDP-1', '23001', 'Chef de projet', '23001', '52 000'] }, only2023, LOOKUP);
    if (!o.ok) throw new Error('rejected');
    const columns = new Set(only2023.index.keys());
    expect(classifyPoste(current, o.record, columns)).toEqual({ kind: 'mise_a_jour', champs: [{ champ: 'cout_2023', avant: 50000, apres: 52000 }] });
    const merged = mergePoste(current, o.record, columns);
    expect(merged.coutsAnnuels).toEqual([{ annee: 2022, cout: 4_000_000 }, { annee: 2023, cout: 5_200_000 }, { annee: 2024, cout: 5_100_000 }]);
    expect(merged.titulaire).toEqual(current.titulaire);
    expect(merged.cofinanceurs).toEqual(current.cofinanceurs);
  });
});
