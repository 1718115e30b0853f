import {
  checkFinancementRow,
  checkMissionRow,
  checkOperationRow,
  diffOperation,
  mergeOperation,
  OPERATION_IMPORT_COLUMNS,
  parseCommunes,
  parseHabitatPhase,
  parseTypeOperation,
  type OperationImportLookup,
  type OperationImportRecord,
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
      ? { id: 'd-bdt', code: 'bdt_pret', nom: 'Prêt BdT', nature: 'pret', mine: true, compteLogements: false, compteDossiers: false }
      : code === 'dsil'
        ? { id: 'd-dsil', code: 'dsil', nom: 'DSIL', nature: 'subvention', mine: false, compteLogements: false, compteDossiers: false }
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

  it('rejects an amount beyond the plausible range of its dispositif, as the form does; an unusual one passes (a file gives no reason)', () => {
    const match = matchHeader(HEADER, FINANCEMENT_IMPORT_COLUMNS);
    const line = (montant: string) => checkFinancementRow({ ligne: 5, cells: ['R5', 'bdt_pret', '23001', 'Halle', montant, 'engagé', '31/12/2023'] }, match, LOOKUP);
    expect(line('999 999 999 999')).toEqual({ ok: false, ligne: 5, rejets: [{ ligne: 5, colonne: 'montant', motif: expect.stringContaining('Montant invraisemblable pour Prêt BdT') }] });
    expect(line('25 000 000').ok).toBe(true);
  });

  it('checks mission lines', () => {
    const match = matchHeader(['reference', 'commune', 'nature', 'intitulé', 'montant_engage', 'montant_verse', 'statut', 'date_debut', 'date_engagement', 'source', 'date_source'], MISSION_IMPORT_COLUMNS);
    const lookup = { pvdOfCommune: (insee: string) => (insee === '23001' ? 'pvd-ahun' : undefined), aujourdhui: '2024-09-01' };
    expect(checkMissionRow({ ligne: 2, cells: ['M1', '23001', 'Étude', 'Étude commerce', '20 000', '5 000,50', 'En cours', '01/03/2024', '15/02/2024', 'SI Banque', '31/08/2024'] }, match, lookup)).toMatchObject({
      ok: true,
      record: {
        pvdId: 'pvd-ahun',
        nature: 'etude',
        montantEngage: 2_000_000,
        montantVerse: 500_050,
        statut: 'en_cours',
        dateDebut: '2024-03-01',
        dateEngagement: '2024-02-15',
        source: 'SI Banque',
        dateSource: '2024-08-31',
      },
    });
    // A financed status needs its engagement date, not in the future.
    expect(checkMissionRow({ ligne: 4, cells: ['M3', '23001', 'etude', 'Étude', '10', '', 'accordée', '', ''] }, match, lookup)).toMatchObject({
      ok: false,
      rejets: [{ ligne: 4, colonne: 'date_engagement', motif: expect.stringContaining('Indiquez la date d’engagement') }],
    });
    expect(checkMissionRow({ ligne: 5, cells: ['M4', '23001', 'etude', 'Étude', '10', '', 'accordée', '', '02/09/2024'] }, match, lookup)).toMatchObject({
      ok: false,
      rejets: [{ ligne: 5, colonne: 'date_engagement', motif: 'La date d’engagement ne peut pas être dans le futur.' }],
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

  describe('habitat operations', () => {
    const lookup: OperationImportLookup = {
      communeExists: (insee) => ['23001', '23002', '2A004', '01001'].includes(insee),
      communeAncienne: (insee) => (insee === '23099' ? { nom: 'Ancienne commune', communeActuelle: '23001' } : undefined),
      epciExists: (siren) => siren === '200067106',
      epciOf: (insee) => (['23001', '23002'].includes(insee) ? '200067106' : null),
      population: (insee) => (insee === '23001' ? 1_394 : insee === '23002' ? 1_019 : null),
    };
    const HEAD = ['Référence', 'Type d’opération', 'Libellé', 'Maître d’ouvrage', 'Opérateur', 'Phase', 'Date de début', 'Date de fin', 'Communes', 'Engagement Anah', 'Engagement collectivité', 'Objectif 2024', 'traites_2024', 'objectif_2025'];

    it('reads types, phases and communes as people write them', () => {
      expect(['OPAH-RU', 'opah ru', 'Opah_rr', 'OPAH-CD (copropriétés dégradées)', 'pig', 'RHI / THIRORI', 'Plan de sauvegarde', 'ORCOD', 'opah'].map((t) => parseTypeOperation(t))).toEqual(
        ['opah_ru', 'opah_ru', 'opah_rr', 'opah_cd', 'pig', 'rhi_thirori', 'plan_sauvegarde', 'orcod', 'opah'].map((value) => ({ ok: true, value })),
      );
      expect(parseTypeOperation('ORT')).toEqual({ ok: false, reason: '« ORT » n’est pas un type d’opération (OPAH, OPAH-RU, OPAH-RR, OPAH-CD, PIG, RHI-THIRORI, plan de sauvegarde ou ORCOD).' });
      expect(['Étude pré-opérationnelle', 'etude pre operationnelle', 'Convention signée', 'OPERATIONNELLE', 'Opérationnelle (suivi-animation)', 'close', 'Clôturée'].map((p) => parseHabitatPhase(p))).toEqual(
        ['etude_pre_operationnelle', 'etude_pre_operationnelle', 'convention_signee', 'operationnelle', 'operationnelle', 'close', 'close'].map((value) => ({ ok: true, value })),
      );
      expect(parseHabitatPhase('signée').ok).toBe(false);
      expect(parseCommunes('23001, 23002;2a004 1001')).toEqual({ ok: true, value: ['23001', '23002', '2A004', '01001'] });
      expect(parseCommunes('23001,Ahun')).toEqual({ ok: false, reason: '« AHUN » : pas un code INSEE de commune (5 caractères ; séparez les codes par des virgules).' });
    });

    it('matches the yearly columns by their pattern', () => {
      const match = matchHeader([...HEAD, 'Logements traités 2025', 'objectif_total'], OPERATION_IMPORT_COLUMNS);
      expect([...match.index.keys()]).toEqual([
        'reference', 'type', 'libelle', 'maitre_ouvrage', 'operateur', 'phase', 'date_debut', 'date_fin', 'communes', 'engagement_anah', 'engagement_collectivite', 'objectif_2024', 'traites_2024', 'objectif_2025', 'traites_2025',
      ]);
      expect(match.unknown).toEqual(['objectif_total']);
      expect(match.missing).toEqual([]);
      expect(matchHeader(['reference', 'libelle'], OPERATION_IMPORT_COLUMNS).missing).toEqual(['type', 'maitre_ouvrage', 'phase', 'communes']);
    });

    it('accepts a line in French formats and rejects each bad cell with its column and reason', () => {
      const match = matchHeader(HEAD, OPERATION_IMPORT_COLUMNS);
      const good = checkOperationRow(
        { ligne: 2, cells: ['OP-1', 'opah-ru', 'OPAH-RU du bourg', '200 067 106', 'Soliha', 'Opérationnelle', '01/03/2024', '', '23002, 23001', '250 000', '80 000,50', '20', '12', ''] },
        match,
        lookup,
      );
      expect(good).toEqual({
        ok: true,
        ligne: 2,
        colonnes: new Set(match.index.keys()),
        record: {
          referenceExterne: 'OP-1',
          type: 'opah_ru',
          libelle: 'OPAH-RU du bourg',
          maitreOuvrageType: 'epci',
          maitreOuvrageCode: '200067106',
          operateur: 'Soliha',
          phase: 'operationnelle',
          dateDebut: '2024-03-01',
          dateFin: null,
          communes: ['23001', '23002'],
          engagementAnah: 25_000_000,
          engagementCollectivite: 8_000_050,
          objectifs: [{ annee: 2024, objectif: 20, traites: 12 }],
          source: null,
          dateSource: null,
        },
      });
      const bad = checkOperationRow({ ligne: 5, cells: ['OP-2', 'ORT', '', '99999', '', 'signée', '31/02/2024', '', '23001, 99998, 23099', '12,345', '', '-3', 'dix', ''] }, match, lookup);
      expect(bad).toEqual({
        ok: false,
        ligne: 5,
        rejets: [
          { ligne: 5, colonne: 'type', motif: '« ORT » n’est pas un type d’opération (OPAH, OPAH-RU, OPAH-RR, OPAH-CD, PIG, RHI-THIRORI, plan de sauvegarde ou ORCOD).' },
          { ligne: 5, colonne: 'libelle', motif: 'Valeur obligatoire manquante.' },
          { ligne: 5, colonne: 'maitre_ouvrage', motif: 'Commune 99999 inconnue du référentiel.' },
          { ligne: 5, colonne: 'phase', motif: '« signée » n’est pas une phase (étude pré-opérationnelle, convention signée, opérationnelle ou close).' },
          { ligne: 5, colonne: 'date_debut', motif: '« 31/02/2024 » n’est pas une date du calendrier.' },
          { ligne: 5, colonne: 'communes', motif: 'Commune 99998 inconnue du référentiel.' },
          { ligne: 5, colonne: 'communes', motif: 'Commune 23099 (Ancienne commune) obsolète : elle fait désormais partie de la commune 23001.' },
          { ligne: 5, colonne: 'engagement_anah', motif: '« 12,345 » n’est pas un montant (exemple : 1 234,56).' },
          { ligne: 5, colonne: 'traites_2024', motif: '« dix » n’est pas un nombre entier.' },
        ],
      });
      // The domain's consistency rules, on the file's columns.
      const inconsistent = checkOperationRow({ ligne: 6, cells: ['OP-3', 'PIG', 'PIG', '23001', '', 'close', '', '', '23001 23001', '-10', '', '-3', '', ''] }, match, lookup);
      expect(inconsistent).toEqual({
        ok: false,
        ligne: 6,
        rejets: [
          { ligne: 6, colonne: 'date_debut', motif: 'Indiquez la date de début de la phase.' },
          { ligne: 6, colonne: 'date_fin', motif: 'Indiquez la date de clôture.' },
          { ligne: 6, colonne: 'communes', motif: 'Chaque commune ne figure qu’une fois.' },
          { ligne: 6, colonne: 'objectif_2024', motif: 'Un nombre entier de logements, positif.' },
          { ligne: 6, colonne: 'engagement_anah', motif: 'Un montant positif, au centime près.' },
        ],
      });
    });

    it('rejects an Anah commitment of 999,999,999,999 € on an OPAH-RU over 1,394 inhabitants, as the form does', () => {
      const match = matchHeader(HEAD, OPERATION_IMPORT_COLUMNS);
      const line = (engagement: string) =>
        checkOperationRow({ ligne: 4, cells: ['OP-4', 'OPAH-RU', 'OPAH-RU', '23001', '', 'opérationnelle', '01/01/2024', '', '23001', engagement, '', '', '', ''] }, match, lookup);
      expect(line('999 999 999 999')).toEqual({
        ok: false,
        ligne: 4,
        rejets: [{ ligne: 4, colonne: 'engagement_anah', motif: expect.stringMatching(/^Engagement de l’Anah invraisemblable pour une opération OPAH-RU couvrant 1\s394 habitants/) }],
      });
      // Above the usual range (2,788,000 €) but within the plausible one: it passes.
      expect(line('5 000 000').ok).toBe(true);
    });

    it('rejects a maître d’ouvrage that is neither a covered commune nor an EPCI of one of them', () => {
      const match = matchHeader(HEAD, OPERATION_IMPORT_COLUMNS);
      const line = (maitreOuvrage: string, communes: string) =>
        checkOperationRow({ ligne: 3, cells: ['OP-9', 'PIG', 'PIG', maitreOuvrage, '', 'étude pré-opérationnelle', '', '', communes, '', '', '', '', ''] }, match, lookup);
      expect(line('23001', '23001, 01001').ok).toBe(true);
      expect(line('200067106', '01001, 23002').ok).toBe(true);
      expect(line('23001', '01001')).toEqual({
        ok: false,
        ligne: 3,
        rejets: [{ ligne: 3, colonne: 'maitre_ouvrage', motif: '23001 n’est pas couverte par l’opération : le maître d’ouvrage est l’une des communes couvertes, ou un EPCI dont l’une d’elles est membre.' }],
      });
      expect(line('200067106', '01001, 2A004')).toMatchObject({ ok: false, rejets: [{ colonne: 'maitre_ouvrage', motif: expect.stringContaining('Aucune commune couverte par l’opération n’est membre de 200067106') }] });
    });

    it('lists the changed fields, communes and yearly columns, and keeps what the file does not name', () => {
      const current: OperationImportRecord = {
        referenceExterne: 'OP-1', type: 'opah_ru', libelle: 'OPAH-RU', maitreOuvrageType: 'commune', maitreOuvrageCode: '23001', operateur: 'Soliha', phase: 'operationnelle',
        dateDebut: '2024-03-01', dateFin: null, communes: ['23001', '23002'], engagementAnah: 100, engagementCollectivite: null,
        objectifs: [{ annee: 2023, objectif: 5, traites: 5 }, { annee: 2024, objectif: 20, traites: 10 }], source: 'Anah', dateSource: '2023-12-31',
      };
      const next: OperationImportRecord = { ...current, operateur: null, phase: 'close', dateFin: '2025-12-31', communes: ['23001', '2A004'], objectifs: [{ annee: 2024, objectif: 20, traites: 12 }] };
      const columns = new Set(['reference', 'type', 'phase', 'date_fin', 'communes', 'objectif_2024', 'traites_2024', 'objectif_2025']);
      expect(diffOperation(current, next, columns)).toEqual([
        { champ: 'phase', avant: 'operationnelle', apres: 'close' },
        { champ: 'date_fin', avant: null, apres: '2025-12-31' },
        { champ: 'communes', avant: '23001, 23002', apres: '23001, 2A004' },
        { champ: 'traites_2024', avant: 10, apres: 12 },
      ]);
      expect(diffOperation(current, { ...current }, columns)).toEqual([]);
      expect(mergeOperation(current, next, columns)).toEqual({
        ...current,
        phase: 'close',
        dateFin: '2025-12-31',
        communes: ['23001', '2A004'],
        objectifs: [{ annee: 2023, objectif: 5, traites: 5 }, { annee: 2024, objectif: 20, traites: 12 }],
      });
    });
  });
});
