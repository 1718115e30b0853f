import { chooseEncoding, withPageMeta } from './web-app';

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

describe('withPageMeta', () => {
  const html = '<html><head>\n<meta name="description" content="Défaut" />\n<title>Suivi PVD</title>\n</head><body></body></html>';

  it('replaces the title and description and adds the social preview tags', () => {
    const out = withPageMeta(html, { title: 'Ahun – Petites villes de demain', description: 'La page publique d’Ahun.' }, 'https://pvd.example/programme/pvd/demo-23-1');
    expect(out.match(/<title>/g)).toHaveLength(1);
    expect(out).toContain('<title>Ahun – Petites villes de demain</title>');
    expect(out).not.toContain('Défaut');
    expect(out).toContain('<meta property="og:title" content="Ahun – Petites villes de demain" />');
    expect(out).toContain('<meta property="og:url" content="https://pvd.example/programme/pvd/demo-23-1" />');
    expect(out).toContain('<meta name="twitter:card" content="summary" />');
    expect(out.indexOf('og:description')).toBeLessThan(out.indexOf('</head>'));
  });

  it('escapes every value, and interprets no replacement pattern', () => {
    const out = withPageMeta(html, { title: '</title><script>alert(1)</script> $& "x"', description: `a'b<i>` }, 'https://x/"><script>');
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; $&amp; &quot;x&quot;');
    expect(out).toContain('content="a&#39;b&lt;i&gt;"');
  });
});
