import { assertCleanText, invalidTextPaths, jsonDepthOver } from './input-guard';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('input guard', () => {
  it('measures depth without recursion, up to the limit', () => {
    expect(jsonDepthOver({ a: 1 }, 1)).toBe(false);
    expect(jsonDepthOver({ a: { b: 1 } }, 1)).toBe(true);
    expect(jsonDepthOver(nested(32), 32)).toBe(false);
    expect(jsonDepthOver(nested(33), 32)).toBe(true);
    expect(jsonDepthOver(nested(200_000), 32)).toBe(true);
    expect(jsonDepthOver('texte', 0)).toBe(false);
  });

  it('names the path of each string holding a control character or a lone surrogate', () => {
    const body = { nom: 'a\u0000b', ok: 'Camille\tMartin\r\n😀', signataires: [{ nom: 'x' }, { nom: '\ud800' }], n: 1, vide: null };
    expect(invalidTextPaths(body).sort()).toEqual(['nom', 'signataires.1.nom']);
    expect(invalidTextPaths({ a: 'x\udfffy' })).toEqual(['a']);
    expect(invalidTextPaths({ a: '\u007f', b: '\u0085', c: '\u001b' }).sort()).toEqual(['a', 'b', 'c']);
    expect(invalidTextPaths({ 'a\u0000': 1 })).toEqual(['(clé)']);
    expect(invalidTextPaths('a\u0000')).toEqual(['(corps)']);
  });

  it('refuses tab and newline in query and path values, not in bodies', () => {
    expect(() => assertCleanText({ q: 'a\tb' }, 'body')).not.toThrow();
    expect(() => assertCleanText({ q: 'a\tb' }, 'query')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', fields: { q: [expect.any(String)] } }));
    expect(() => assertCleanText({ id: '\u0000' }, 'param')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
