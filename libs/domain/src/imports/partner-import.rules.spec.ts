import {
  checkFinancementRow,
  checkMissionRow,
  diffRecord,
  FINANCEMENT_FIELD_COLUMNS,
  FINANCEMENT_IMPORT_COLUMNS,
  foldHeader,
  isBlankRow,
  matchHeader,
  mergeRecord,
  MISSION_IMPORT_COLUMNS,
  parseBeneficiaire,
  parseStatutFinancement,
  parseStatutMission,
  rejectDuplicates,
  type FinancementImportLookup,
  type FinancementImportRecord,
} from './partner-import.rules';

const LOOKUP: FinancementImportLookup = {
  dispositif: (code) =>
    code === 'bdt_pret'
      ? { id: 'd-bdt', mine: true, compteLogements: false, compteDossiers: false }
      : code === 'dsil'
        ? { id: 'd-dsil', mine: false, compteLogements: false, compteDossiers: false }
        : undefined,
  communeExists: (insee) => insee === '23001' || insee === '01001',
  epciExists: (siren) => siren === '200067106',
};

const HEADER = ['Référence', 'Dispositif', 'BÉNÉFICIAIRE', 'projet', 'Montant', 'statut', 'Date engagement', 'Date de versement'];

describe('partner imports', () => {
  it('matches headers whatever the case, accents and spaces, and names the missing columns', () => {
    expect(foldHeader(' Date d’engagement ')).toBe('date_d_engagement');
    const match = matchHeader(HEADER, FINANCEMENT_IMPORT_COLUMNS);
    expect([...match.index.entries()]).toEqual([
      ['reference', 0],
      ['dispositif', 1],
      ['beneficiaire', 2],
      ['projet', 3],
      ['montant', 4],
      ['statut', 5],
      ['date_engagement', 6],
      ['date_versement', 7],
    ]);
    expect(match.unknown).toEqual([]);
    expect(matchHeader(['Montant (€)', 'Colonne libre'], FINANCEMENT_IMPORT_COLUMNS).unknown).toEqual(['Colonne libre']);
    expect(match.missing).toEqual([]);
    expect(matchHeader(['reference', 'montant'], FINANCEMENT_IMPORT_COLUMNS).missing).toEqual(['dispositif', 'beneficiaire', 'projet', 'statut']);
  });

  it('reads statuses and beneficiaries as people write them', () => {
    expect(['Engagé', 'ENGAGE', 'engagée', 'Contractualisé', 'versé', 'demandé'].map((s) => parseStatutFinancement(s))).toEqual([
      { ok: true, value: 'engage' },
      { ok: true, value: 'engage' },
      { ok: true, value: 'engage' },
      { ok: true, value: 'contractualise' },
      { ok: true, value: 'verse' },
      { ok: true, value: 'demande' },
    ]);
    expect(parseStatutFinancement('signé').ok).toBe(false);
    expect(parseStatutMission('En cours')).toEqual({ ok: true, value: 'en_cours' });
    expect(parseStatutMission('livrée')).toEqual({ ok: true, value: 'livree' });
    expect(parseBeneficiaire('1001')).toEqual({ ok: true, value: { type: 'commune', code: '01001' } });
    expect(parseBeneficiaire('200 067 106')).toEqual({ ok: true, value: { type: 'epci', code: '200067106' } });
    expect(parseBeneficiaire('12').ok).toBe(false);
  });

  it('accepts a line in French formats and rejects each bad cell with its column and reason', () => {
    const match = matchHeader(HEADER, FINANCEMENT_IMPORT_COLUMNS);
    const good = checkFinancementRow({ ligne: 2, cells: ['R1', 'BDT_PRET', '23001', 'Halle', '1 234,56', 'Engagé', '31/12/2023'] }, match, LOOKUP);
    expect(good).toMatchObject({ ok: true, record: { referenceExterne: 'R1', dispositifId: 'd-bdt', beneficiaireType: 'commune', montant: 123456, statut: 'engage', dateEngagement: '2023-12-31', dateDemande: null } });

    const bad = checkFinancementRow({ ligne: 7, cells: ['', 'dsil', '99999', 'Halle', '12,345', 'signé', '31/02/2023'] }, match, LOOKUP);
    expect(bad).toEqual({
      ok: false,
      ligne: 7,
      rejets: [
        { ligne: 7, colonne: 'reference', motif: 'Valeur obligatoire manquante.' },
        { ligne: 7, colonne: 'dispositif', motif: 'Dispositif « dsil » d’un autre financeur : vous n’importez que les dispositifs de votre organisation.' },
        { ligne: 7, colonne: 'beneficiaire', motif: 'Commune 99999 inconnue du référentiel.' },
        { ligne: 7, colonne: 'montant', motif: '« 12,345 » n’est pas un montant (exemple : 1 234,56).' },
        { ligne: 7, colonne: 'statut', motif: '« signé » n’est pas un statut (demandé, engagé, contractualisé ou versé).' },
        { ligne: 7, colonne: 'date_engagement', motif: '« 31/02/2023 » n’est pas une date du calendrier.' },
      ],
    });
    const noDate = checkFinancementRow({ ligne: 3, cells: ['R2', 'bdt_pret', '200067106', 'Halle', '10', 'engagé', ''] }, match, LOOKUP);
    expect(noDate).toEqual({ ok: false, ligne: 3, rejets: [{ ligne: 3, colonne: 'date_engagement', motif: 'Indiquez la date à laquelle le financement a été engagé.' }] });
    expect(checkFinancementRow({ ligne: 4, cells: ['R3', 'inconnu', '23001', 'P', '1', 'demandé'] }, match, LOOKUP)).toMatchObject({ ok: false, rejets: [{ colonne: 'dispositif', motif: 'Dispositif « inconnu » inconnu.' }] });
  });

  it('checks mission lines', () => {
    const match = matchHeader(['reference', 'commune', 'nature', 'intitulé', 'montant_engage', 'montant_verse', 'statut', 'date_debut'], MISSION_IMPORT_COLUMNS);
    const lookup = { pvdOfCommune: (insee: string) => (insee === '23001' ? 'pvd-ahun' : undefined) };
    expect(checkMissionRow({ ligne: 2, cells: ['M1', '23001', 'Étude', 'Étude commerce', '20 000', '5 000,50', 'En cours', '01/03/2024'] }, match, lookup)).toMatchObject({
      ok: true,
      record: { pvdId: 'pvd-ahun', nature: 'etude', montantEngage: 2_000_000, montantVerse: 500_050, statut: 'en_cours', dateDebut: '2024-03-01' },
    });
    expect(checkMissionRow({ ligne: 3, cells: ['M2', '23002', 'etude', 'X', '10', '20', 'demandée', ''] }, match, lookup)).toEqual({
      ok: false,
      ligne: 3,
      rejets: [{ ligne: 3, colonne: 'commune', motif: 'La commune 23002 n’est pas une Petite ville de demain connue.' }],
    });
  });

  it('rejects repeated references, ignores blank lines and lists only changed fields of the file’s columns', () => {
    const outcomes = rejectDuplicates(
      [
        { ok: true as const, ligne: 2, record: { ref: 'A' }, colonnes: new Set<string>() },
        { ok: true as const, ligne: 3, record: { ref: 'A' }, colonnes: new Set<string>() },
      ],
      (r) => r.ref,
      (r) => r.ref,
    );
    expect(outcomes[1]).toEqual({ ok: false, ligne: 3, rejets: [{ ligne: 3, colonne: 'reference', motif: 'Référence « A » en double : déjà ligne 2.' }] });
    expect(isBlankRow({ ligne: 4, cells: ['', ' ', ''] })).toBe(true);

    const base: FinancementImportRecord = { referenceExterne: 'R', dispositifId: 'd', beneficiaireType: 'commune', beneficiaireCode: '23001', projet: 'P', montant: 100, statut: 'engage', dateDemande: null, dateEngagement: '2024-01-01', dateContractualisation: null, dateVersement: null, anneeCampagne: null, source: 'SI', dateSource: null, logements: null, dossiers: null };
    const next = { ...base, montant: 200, source: null };
    const columns = new Set(['reference', 'montant', 'statut']);
    expect(diffRecord(base, next, FINANCEMENT_FIELD_COLUMNS, columns)).toEqual([{ champ: 'montant', avant: 100, apres: 200 }]);
    expect(mergeRecord(base, next, FINANCEMENT_FIELD_COLUMNS, columns)).toEqual({ ...base, montant: 200 });
  });
});
