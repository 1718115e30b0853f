import { chooseEncoding } from './web-app';

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br', ['br', 'gzip'], 'br'],
    ['gzip, deflate, br, zstd', ['gzip'], 'gzip'],
    ['br;q=0.5, gzip;q=0.8', ['br', 'gzip'], 'gzip'],
    ['br;q=0, gzip', ['br', 'gzip'], 'gzip'],
    ['br;q=0, gzip;q=0', ['br', 'gzip'], null],
    ['*', ['br', 'gzip'], 'br'],
    ['*;q=0.1, br;q=0', ['br', 'gzip'], 'gzip'],
    ['x-gzip', ['br', 'gzip'], 'gzip'],
    ['identity', ['br', 'gzip'], null],
    ['GZIP , BR', ['br', 'gzip'], 'br'],
    ['deflate', ['br', 'gzip'], null],
    ['br', [], null],
  ] as const)('Accept-Encoding %p with %p available: %p', (header, available, expected) => {
    expect(chooseEncoding(header, available)).toBe(expected);
  });

  it('sends the file as it is without Accept-Encoding', () => {
    expect(chooseEncoding(undefined, ['br', 'gzip'])).toBeNull();
    expect(chooseEncoding('', ['br', 'gzip'])).toBeNull();
  });
});
