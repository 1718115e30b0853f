import { injectPageMeta, PageMetaRegistry } from './page-meta';

const INDEX = `<!doctype html>
<html lang="fr">
  <head>
    <meta name="description" content="Suivi PVD : suivi du programme." />
    <title>Suivi PVD</title>
  </head>
  <body><div id="root"></div></body>
</html>`;

describe('page meta', () => {
  it('writes the title, description and social preview tags, escaped, with absolute addresses', () => {
    const html = injectPageMeta(INDEX, { title: 'La halle <rénovée> & "vivante"', description: 'Un marché\nchaque samedi.', path: '/projetotheque/1', image: '/api/photo' }, 'https://pvd.example.fr/');
    expect(html).toContain('<title>La halle &lt;rénovée&gt; &amp; &quot;vivante&quot; – Suivi PVD</title>');
    expect(html).toContain('<meta name="description" content="Un marché chaque samedi." />');
    expect(html).toContain('<meta property="og:title" content="La halle &lt;rénovée&gt; &amp; &quot;vivante&quot; – Suivi PVD" />');
    expect(html).toContain('<meta property="og:url" content="https://pvd.example.fr/projetotheque/1" />');
    expect(html).toContain('<meta property="og:image" content="https://pvd.example.fr/api/photo" />');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image" />');
    expect(html).toContain('<link rel="canonical" href="https://pvd.example.fr/projetotheque/1" />');
    expect(html.match(/<title>/g)).toHaveLength(1);
  });

  it('escapes every value, and reads no replacement pattern in it', () => {
    const html = injectPageMeta(INDEX, { title: `</title><script>alert(1)</script> $& $' $\` "x"`, description: `a'b<i>`, path: '/"><script>' }, 'https://x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; $&amp; $&#39; $` &quot;x&quot;');
    expect(html).toContain('content="a&#39;b&lt;i&gt;"');
    expect(html.match(/<\/head>/g)).toHaveLength(1);
    expect(html.match(/<body>/g)).toHaveLength(1);
  });

  it('resolves the first matching page, null for the others', async () => {
    const registry = new PageMetaRegistry();
    registry.register(/^\/a\/(\d+)$/, ([, n]) => (n === '1' ? { title: 'A1', description: '', path: '/a/1' } : null));
    expect(await registry.resolve('/a/1')).toEqual({ title: 'A1', description: '', path: '/a/1' });
    expect(await registry.resolve('/a/2')).toBeNull();
    expect(await registry.resolve('/b')).toBeNull();
  });
});
