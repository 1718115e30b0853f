import {
  fileCoverage,
  isMemberOn,
  isProvisionalPvdId,
  membersOn,
  membershipChangeDate,
  membershipStartDate,
  planMembershipChanges,
  provisionalPvdId,
  withdrawalRefusal,
  type PlannedPvd,
} from './pvd-membership.rules';

const pvd = (pvdId: string, idPvd: string, communes: string[], hasDossier = false, dossierCommune: string | null = null): PlannedPvd => ({
  pvdId,
  idPvd,
  communes,
  hasDossier,
  dossierCommune,
});

describe('membership periods', () => {
  it('counts a member from its first day included to its end day excluded', () => {
    const period = { debut: '2021-03-01', fin: '2023-06-15' };
    expect(isMemberOn(period, '2021-02-28')).toBe(false);
    expect(isMemberOn(period, '2021-03-01')).toBe(true);
    expect(isMemberOn(period, '2023-06-14')).toBe(true);
    expect(isMemberOn(period, '2023-06-15')).toBe(false);
    expect(isMemberOn({ debut: '2021-03-01', fin: null }, '2099-01-01')).toBe(true);
  });

  it('gives the communes of a day across a move (one period ends the day the next begins)', () => {
    const periods = [
      { insee: '23001', debut: '2021-01-01', fin: '2022-01-01' },
      { insee: '23001', debut: '2022-01-01', fin: null },
      { insee: '23002', debut: '2021-01-01', fin: '2022-06-01' },
    ];
    expect(membersOn(periods, '2021-12-31')).toEqual(['23001', '23002']);
    expect(membersOn(periods, '2022-01-01')).toEqual(['23001', '23002']);
    expect(membersOn(periods, '2022-06-01')).toEqual(['23001']);
  });

  it('starts a membership at the signature date, else the date of effect, else today', () => {
    expect(membershipStartDate('2021-05-12', '2020-12-11', '2025-01-01')).toBe('2021-05-12');
    expect(membershipStartDate(null, '2020-12-11', '2025-01-01')).toBe('2020-12-11');
    expect(membershipStartDate(null, null, '2025-01-01')).toBe('2025-01-01');
  });

  it('never ends a period before it began', () => {
    expect(membershipChangeDate('2020-01-01', '2025-01-01', '2021-03-01')).toBe('2021-03-01');
    expect(membershipChangeDate(null, '2025-01-01', '2021-03-01')).toBe('2025-01-01');
    expect(membershipChangeDate('2024-02-29', '2025-01-01', '2021-03-01')).toBe('2024-02-29');
  });

  it('refuses to withdraw a commune already out, or before it joined', () => {
    expect(withdrawalRefusal(null, '2024-01-01')).toContain('ne fait plus partie');
    expect(withdrawalRefusal({ debut: '2021-01-01', fin: '2023-01-01' }, '2024-01-01')).toContain('ne fait plus partie');
    expect(withdrawalRefusal({ debut: '2021-01-01', fin: null }, '2020-12-31')).toContain('2021-01-01');
    expect(withdrawalRefusal({ debut: '2021-01-01', fin: null }, '2021-01-01')).toBeNull();
  });

  it('derives a provisional identifier from the INSEE code', () => {
    expect(provisionalPvdId('23001')).toBe('PROV-23001');
    expect(isProvisionalPvdId('PROV-23001')).toBe(true);
    expect(isProvisionalPvdId('pvd-75-23-1')).toBe(false);
  });
});

describe('planMembershipChanges', () => {
  it('makes a provisional PVD of a blank id_pvd outside the programme, and leaves a member where it is', () => {
    const plan = planMembershipChanges({
      lines: [
        { insee: '23001', idPvd: null },
        { insee: '23002', idPvd: null },
      ],
      pvds: [pvd('p1', 'pvd-75-23-2', ['23002'])],
    });
    expect(plan.creates).toEqual(['PROV-23001']);
    expect(plan.lines.map((l) => [l.insee, l.idPvd, l.outcome])).toEqual([
      ['23001', 'PROV-23001', 'created'],
      ['23002', 'pvd-75-23-2', 'unchanged'],
    ]);
    expect(plan.lines[0].warnings[0]).toContain('PVD provisoire PROV-23001');
    expect(plan.lines[1].warnings[0]).toContain('reste dans pvd-75-23-2');
  });

  it('turns a provisional PVD into the real one when a file gives its id_pvd: same record, dossier kept', () => {
    const plan = planMembershipChanges({ lines: [{ insee: '23001', idPvd: 'pvd-75-23-1' }], pvds: [pvd('p1', 'PROV-23001', ['23001'], true, '23001')] });
    expect(plan.renames).toEqual([{ pvdId: 'p1', from: 'PROV-23001', to: 'pvd-75-23-1' }]);
    expect(plan.creates).toEqual([]);
    expect(plan.lines[0]).toMatchObject({ outcome: 'unchanged', idPvd: 'pvd-75-23-1' });
    expect(plan.choices).toEqual([]);
  });

  it('keeps the dossier with the commune holding it when a binôme splits, and lets the ANCT choose the other', () => {
    const input = {
      lines: [
        { insee: '23001', idPvd: 'pvd-a' },
        { insee: '23002', idPvd: 'pvd-b' },
      ],
      pvds: [pvd('p1', 'pvd-ab', ['23001', '23002'], true, '23002')],
    };
    const plan = planMembershipChanges(input);
    expect(plan.choices).toEqual([{ pvdId: 'p1', idPvd: 'pvd-ab', options: ['pvd-a', 'pvd-b'], proposed: 'pvd-b', chosen: 'pvd-b' }]);
    expect(plan.renames).toEqual([{ pvdId: 'p1', from: 'pvd-ab', to: 'pvd-b' }]);
    expect(plan.creates).toEqual(['pvd-a']);
    expect(plan.lines.map((l) => [l.insee, l.outcome])).toEqual([
      ['23001', 'moved'],
      ['23002', 'unchanged'],
    ]);
    const chosen = planMembershipChanges({ ...input, choices: { 'pvd-ab': 'pvd-a' } });
    expect(chosen.renames).toEqual([{ pvdId: 'p1', from: 'pvd-ab', to: 'pvd-a' }]);
    expect(chosen.lines.map((l) => l.outcome)).toEqual(['unchanged', 'moved']);
    expect(planMembershipChanges({ ...input, choices: { 'pvd-ab': 'pvd-z' } }).invalidChoices).toEqual(['pvd-ab → pvd-z']);
  });

  it('keeps a PVD that keeps a commune, and moves the other', () => {
    const plan = planMembershipChanges({
      lines: [
        { insee: '23001', idPvd: 'pvd-ab' },
        { insee: '23002', idPvd: 'pvd-b' },
      ],
      pvds: [pvd('p1', 'pvd-ab', ['23001', '23002'], true)],
    });
    expect(plan.renames).toEqual([]);
    expect(plan.creates).toEqual(['pvd-b']);
    expect(plan.lines.map((l) => [l.insee, l.outcome, l.fromPvdId])).toEqual([
      ['23001', 'unchanged', null],
      ['23002', 'moved', 'p1'],
    ]);
  });

  it('blocks a move that would leave a dossier with no commune, and lets an empty record go', () => {
    const plan = planMembershipChanges({
      lines: [
        { insee: '23001', idPvd: 'pvd-x' },
        { insee: '23003', idPvd: 'pvd-x' },
      ],
      pvds: [pvd('p1', 'pvd-1', ['23001'], true), pvd('p3', 'pvd-3', ['23003'], false), pvd('px', 'pvd-x', ['23002'], true)],
    });
    expect(plan.lines.map((l) => [l.insee, l.outcome, l.idPvd])).toEqual([
      ['23001', 'blocked', 'pvd-1'],
      ['23003', 'moved', 'pvd-x'],
    ]);
    expect(plan.lines[0].message).toContain('pvd-1 a un dossier');
    expect(plan.renames).toEqual([]);
    expect(plan.creates).toEqual([]);
  });

  it('gives a new group to one dossier only when two PVDs merge into it', () => {
    const plan = planMembershipChanges({
      lines: [
        { insee: '23001', idPvd: 'pvd-new' },
        { insee: '23002', idPvd: 'pvd-new' },
      ],
      pvds: [pvd('p1', 'pvd-1', ['23001'], false), pvd('p2', 'pvd-2', ['23002'], true)],
    });
    expect(plan.renames).toEqual([{ pvdId: 'p2', from: 'pvd-2', to: 'pvd-new' }]);
    expect(plan.lines.map((l) => [l.insee, l.outcome])).toEqual([
      ['23001', 'moved'],
      ['23002', 'unchanged'],
    ]);
  });
});

describe('fileCoverage', () => {
  it('lists the départements and régions with and without a line', () => {
    const coverage = fileCoverage(
      [{ departementCode: '23', regionCode: '75' }],
      [
        { code: '23', nom: 'Creuse', regionCode: '75' },
        { code: '29', nom: 'Finistère', regionCode: '53' },
      ],
      [
        { code: '53', nom: 'Bretagne' },
        { code: '75', nom: 'Nouvelle-Aquitaine' },
      ],
    );
    expect(coverage).toEqual({
      departements: { presents: [{ code: '23', nom: 'Creuse' }], absents: [{ code: '29', nom: 'Finistère' }] },
      regions: { presents: [{ code: '75', nom: 'Nouvelle-Aquitaine' }], absents: [{ code: '53', nom: 'Bretagne' }] },
    });
  });
});
