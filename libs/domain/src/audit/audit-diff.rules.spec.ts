import { fieldChanges } from './audit-diff.rules';

describe('fieldChanges', () => {
  it('lists the fields a change altered, with before and after', () => {
    expect(fieldChanges({ nom: 'A', qualite: 'Maire', version: 1 }, { nom: 'A', qualite: 'Adjoint', version: 2 })).toEqual([
      { field: 'qualite', before: 'Maire', after: 'Adjoint' },
    ]);
  });
  it('counts every field of a created or deleted record', () => {
    expect(fieldChanges(null, { nom: 'A', email: null })).toEqual([{ field: 'nom', before: null, after: 'A' }]);
    expect(fieldChanges({ nom: 'A' }, null)).toEqual([{ field: 'nom', before: 'A', after: null }]);
  });
  it('compares lists as wholes and treats missing as null', () => {
    expect(fieldChanges({ actions: [{ a: 1 }], x: null }, { actions: [{ a: 1 }] })).toEqual([]);
    expect(fieldChanges({ actions: [{ a: 1 }] }, { actions: [{ a: 2 }] })).toEqual([{ field: 'actions', before: [{ a: 1 }], after: [{ a: 2 }] }]);
  });
  it('leaves out the fields it is told to ignore', () => {
    expect(fieldChanges({ type: 'cadre', etat: 'brouillon' }, { type: 'cadre', etat: 'deposee' }, ['type', 'etat'])).toEqual([]);
  });
  it('compares plain values when neither side is a record', () => {
    expect(fieldChanges('a', 'b')).toEqual([{ field: '', before: 'a', after: 'b' }]);
    expect(fieldChanges(1, 1)).toEqual([]);
  });
});
