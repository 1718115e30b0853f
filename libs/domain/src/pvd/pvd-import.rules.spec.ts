import {
  analysePvdImportRows,
  CommuneLookup,
  detectPvdImportFormat,
  isTestRow,
  parseImportDate,
  PvdImportRow,
} from './pvd-import.rules';

const lookup: CommuneLookup = {
  actuelle: (insee) =>
    ({ '23001': { insee: '23001', nom: 'Ahun' }, '33081': { insee: '33081', nom: 'Cadillac-sur-Garonne' }, '01004': { insee: '01004', nom: 'Ambérieu-en-Bugey' }, '71566': { insee: '71566', nom: 'Verdun-Ciel' } })[
      insee
    ],
  ancienne: (insee) =>
    insee === '14027'
      ? { insee, nom: 'Ancienne commune', communeActuelle: { insee: '14666', nom: 'Commune nouvelle' } }
      : insee === '71131'
        ? { insee, nom: 'Ciel', communeActuelle: { insee: '71566', nom: 'Verdun-Ciel' } }
        : undefined,
};

const row2021 = (line: number, values: Partial<Record<string, string>>): PvdImportRow => ({
  line,
  values: { id_pvd: '', insee_com: '', lib_com: '', lib_reg: 'R', insee_dep: '23', lib_dep: 'D', regroupement: 'NA', pop: '1', siren_epci: '1', lib_epci: 'E', ...values } as Record<string, string>,
});

describe('detectPvdImportFormat', () => {
  it('recognises the 2021 export', () => {
    expect(detectPvdImportFormat('id_pvd,insee_com,lib_com,lib_reg,insee_dep,lib_dep,regroupement,pop,siren_epci,lib_epci'.split(','))).toBe('export-2021');
  });
  it('recognises the data.gouv.fr list, in any column order and case, with a BOM', () => {
    expect(detectPvdImportFormat(['\ufeffID_PVD', 'insee_com', 'lib_com', 'date_signature'])).toBe('officiel');
  });
  it('refuses anything else', () => {
    expect(detectPvdImportFormat(['code', 'nom'])).toBeNull();
    expect(detectPvdImportFormat(['insee_com', 'lib_com', 'id_pvd'])).toBeNull();
  });
});

describe('parseImportDate', () => {
  it.each([
    ['2021-03-15', '2021-03-15'],
    ['15/03/2021', '2021-03-15'],
    ['2021-03-15T00:00:00Z', '2021-03-15'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %s', (raw, iso) => expect(parseImportDate(raw)).toBe(iso));
  it.each(['31/02/2021', '2021-13-01', '15-03-2021', 'mars 2021', ''])('refuses "%s"', (raw) => expect(parseImportDate(raw)).toBeNull());
});

describe('isTestRow', () => {
  it('spots the placeholder row of the 2021 export', () => expect(isTestRow('999999', 'Trifouilly-les-Oies')).toBe(true));
  it('spots a placeholder name on a real code', () => expect(isTestRow('23001', 'TEST')).toBe(true));
  it('leaves real communes alone', () => expect(isTestRow('23001', 'Ahun')).toBe(false));
});

describe('analysePvdImportRows', () => {
  it('accepts a good line', () => {
    const [outcome] = analysePvdImportRows([row2021(2, { id_pvd: 'pvd-75-23-1', insee_com: '23001', lib_com: 'Ahun' })], 'export-2021', lookup);
    expect(outcome).toEqual({ line: 2, status: 'accepted', record: { idPvd: 'pvd-75-23-1', insee: '23001', dateSignature: null }, warnings: [] });
  });

  it('rejects each defect with its own reason, in file order', () => {
    const outcomes = analysePvdImportRows(
      [
        row2021(2, { id_pvd: '', insee_com: '33081', lib_com: 'Cadillac-sur-Garonne' }),
        row2021(3, { id_pvd: 'pvd_0001', insee_com: '999999', lib_com: 'Trifouilly-les-Oies', insee_dep: '99' }),
        row2021(4, { id_pvd: 'NA', insee_com: '23001', lib_com: 'Ahun' }),
        row2021(5, { id_pvd: 'pvd-1', insee_com: '230', lib_com: 'X' }),
        row2021(6, { id_pvd: 'pvd-1', insee_com: '23999', lib_com: 'Nulle part' }),
        row2021(7, { id_pvd: 'pvd-1', insee_com: '14027', lib_com: 'Ancienne commune' }),
        row2021(8, { id_pvd: 'pvd-1', insee_com: '23001', lib_com: 'Ahun' }),
        row2021(9, { id_pvd: 'pvd-2', insee_com: '23001', lib_com: 'Ahun' }),
        row2021(10, { id_pvd: 'pvd-1', insee_com: 'NA', lib_com: 'Ahun' }),
      ],
      'export-2021',
      lookup,
    );
    expect(outcomes.map((o) => [o.line, o.status === 'rejected' ? o.reason : 'OK'])).toEqual([
      [2, 'OK'],
      [3, 'LIGNE_TEST'],
      [4, 'VALEUR_NA'],
      [5, 'CODE_INSEE_INVALIDE'],
      [6, 'CODE_INSEE_INCONNU'],
      [7, 'CODE_INSEE_OBSOLETE'],
      [8, 'OK'],
      [9, 'DOUBLON'],
      [10, 'VALEUR_NA'],
    ]);
    // A blank id_pvd is kept (the membership plan gives it a provisional PVD).
    expect(outcomes[0]).toMatchObject({ status: 'accepted', record: { idPvd: null, insee: '33081' }, warnings: [] });
    // A former code whose successor is not in the référentiel cannot be placed.
    const obsolete = outcomes[5];
    expect(obsolete.status === 'rejected' && obsolete.message).toContain('Ancienne commune');
    const duplicate = outcomes[7];
    expect(duplicate.status === 'rejected' && duplicate.message).toContain('ligne 8');
  });

  it('reads a former code as its successor, naming it, and sees a duplicate through the merger', () => {
    const outcomes = analysePvdImportRows(
      [row2021(2, { id_pvd: 'pvd-27-71-1', insee_com: '71131', lib_com: 'Ciel' }), row2021(3, { id_pvd: 'pvd-27-71-1', insee_com: '71566', lib_com: 'Verdun-Ciel' })],
      'export-2021',
      lookup,
    );
    expect(outcomes[0]).toEqual({
      line: 2,
      status: 'accepted',
      record: { idPvd: 'pvd-27-71-1', insee: '71566', dateSignature: null },
      warnings: ['Code INSEE 71131 obsolète : Ciel fait désormais partie de Verdun-Ciel (71566), importée à sa place.'],
    });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: 'DOUBLON', message: expect.stringContaining('ligne 2') });
  });

  it('restores a leading zero and reports a renamed commune as a warning, not a rejection', () => {
    const [outcome] = analysePvdImportRows(
      [row2021(2, { id_pvd: 'pvd-84-01-1', insee_com: '1004', lib_com: 'Amberieu' }), row2021(3, { id_pvd: 'pvd-75-33-1', insee_com: '33081', lib_com: 'Cadillac' })],
      'export-2021',
      lookup,
    ).slice(1);
    expect(outcome).toMatchObject({ status: 'accepted', record: { insee: '33081' } });
    expect(outcome.status === 'accepted' && outcome.warnings[0]).toContain('Cadillac-sur-Garonne');
    const [zero] = analysePvdImportRows([row2021(2, { id_pvd: 'pvd-84-01-1', insee_com: '1004', lib_com: 'Ambérieu-en-Bugey' })], 'export-2021', lookup);
    expect(zero).toMatchObject({ status: 'accepted', record: { insee: '01004' }, warnings: [] });
  });

  it('reads the signature date of the data.gouv.fr list and refuses a bad one', () => {
    const rows: PvdImportRow[] = [
      { line: 2, values: { insee_com: '23001', lib_com: 'Ahun', id_pvd: 'pvd-1', date_signature: '12/05/2021' } },
      { line: 3, values: { insee_com: '33081', lib_com: 'Cadillac-sur-Garonne', id_pvd: 'pvd-2', date_signature: '2021-02-30' } },
      { line: 4, values: { insee_com: '01004', lib_com: 'Ambérieu-en-Bugey', id_pvd: 'pvd-3', date_signature: 'NA' } },
    ];
    const outcomes = analysePvdImportRows(rows, 'officiel', lookup);
    expect(outcomes[0]).toMatchObject({ status: 'accepted', record: { dateSignature: '2021-05-12' } });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: 'DATE_INVALIDE' });
    expect(outcomes[2]).toMatchObject({ status: 'accepted', record: { dateSignature: null } });
  });
});
