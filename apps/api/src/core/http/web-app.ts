import type { NextFunction, Request, Response } from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/** Files whose name carries a content hash (Vite's `assets/`): never change, cached for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html: always revalidated, so that a deployment reaches every browser at once. */
export const REVALIDATE = 'no-cache';
/** The other files (design system icons and favicons, versioned by a query string): an hour. */
export const SHORT = 'public, max-age=3600';

export type Encoding = 'br' | 'gzip';

/**
 * The encoding to send among those available, by the client's Accept-Encoding (q-values
 * honoured, `*` understood): brotli before gzip when both are as welcome. Null: the file as it is.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding | null {
  if (!acceptEncoding || available.length === 0) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const weight = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(name, weight === undefined ? 1 : Number(weight));
  }
  const weightOf = (encoding: Encoding) => q.get(encoding) ?? (encoding === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0;
  let best: Encoding | null = null;
  for (const encoding of (['br', 'gzip'] as const).filter((e) => available.includes(e))) {
    const weight = weightOf(encoding);
    if (weight > 0 && (best === null || weight > weightOf(best))) best = encoding;
  }
  return best;
}

/** What a page's social preview says: its title and a sentence. */
export interface PageMeta {
  title: string;
  description: string;
}

/** Finds a page's preview by its path (null: the default index.html); may read the database. */
export type PageMetaResolver = (path: string) => PageMeta | null | Promise<PageMeta | null>;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * index.html with a page's own <title>, description and social preview tags (Open Graph, Twitter
 * card), every value escaped: the preview of a link shared on a social network or a messaging app,
 * whose robots run no JavaScript. The existing <title> and description are replaced.
 */
export function withPageMeta(html: string, meta: PageMeta, url: string): string {
  const title = escapeHtml(meta.title);
  const description = escapeHtml(meta.description);
  const tags = [
    `<title>${title}</title>`,
    `<meta name="description" content="${description}" />`,
    `<meta property="og:type" content="website" />`,
    `<meta property="og:site_name" content="Suivi PVD" />`,
    `<meta property="og:locale" content="fr_FR" />`,
    `<meta property="og:title" content="${title}" />`,
    `<meta property="og:description" content="${description}" />`,
    `<meta property="og:url" content="${escapeHtml(url)}" />`,
    `<meta name="twitter:card" content="summary" />`,
    `<meta name="twitter:title" content="${title}" />`,
    `<meta name="twitter:description" content="${description}" />`,
  ].join('\n    ');
  return html
    .replace(/<title>[\s\S]*?<\/title>\s*/i, '')
    .replace(/<meta\s+name="description"[^>]*>\s*/i, '')
    .replace(/<\/head>/i, () => `  ${tags}\n  </head>`); // a function: no `$&` in a title is interpreted
}

function listFiles(dir: string, root = dir, out = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, root, out);
    else if (entry.isFile()) out.add(`/${relative(root, path).split(sep).join('/')}`);
  }
  return out;
}

/**
 * Serves the built web app (`WEB_DIST_DIR`): its files, each with the `.br` or `.gz` the build
 * wrote beside it when the client accepts it (Content-Encoding, Vary: Accept-Encoding), then
 * index.html for every other GET outside the API. Only the files present at start are served
 * (the build does not change under a running server), which also rules out any path traversal.
 */
export function serveWebApp(distDir: string, apiPrefix: string, pages?: { resolve: PageMetaResolver; publicUrl: string }) {
  const files = listFiles(distDir);
  const indexHtml = pages ? readFileSync(join(distDir, 'index.html'), 'utf8') : '';
  const cacheControl = (path: string) => (path.startsWith('/assets/') ? IMMUTABLE : path === '/index.html' ? REVALIDATE : SHORT);

  const send = (req: Request, res: Response, next: NextFunction, path: string) => {
    const variants = (['br', 'gzip'] as const).filter((e) => files.has(`${path}.${e === 'br' ? 'br' : 'gz'}`));
    const encoding = chooseEncoding(req.headers['accept-encoding'], variants);
    if (variants.length > 0) res.vary('Accept-Encoding');
    res.setHeader('Cache-Control', cacheControl(path));
    // The type of the file itself, not of its compressed copy (send keeps a type already set).
    res.type(extname(path) || 'application/octet-stream');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    const file = encoding ? `${path}.${encoding === 'br' ? 'br' : 'gz'}` : path;
    res.sendFile(join(distDir, ...file.split('/')), { cacheControl: false, dotfiles: 'allow', acceptRanges: !encoding }, (error) => {
      if (error && !res.headersSent) {
        res.removeHeader('Content-Encoding');
        next(error);
      }
    });
  };

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === `/${apiPrefix}` || req.path.startsWith(`/${apiPrefix}/`)) return next();
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    if (files.has(path) && !path.endsWith('.br') && !path.endsWith('.gz')) {
      res.locals.metricsRoute = 'static';
      return send(req, res, next, path);
    }
    // A missing asset is a 404, not the application's page (a stale chunk must fail visibly).
    if (path.startsWith('/assets/')) return next();
    res.locals.metricsRoute = 'spa';
    if (!pages) return send(req, res, next, '/index.html');
    // A page with its own preview (public pages) gets its tags written in; the others, the file.
    Promise.resolve()
      .then(() => pages.resolve(path))
      .then((meta) => {
        if (!meta) return send(req, res, next, '/index.html');
        res.setHeader('Cache-Control', REVALIDATE);
        res.type('html').send(withPageMeta(indexHtml, meta, `${pages.publicUrl}${req.path}`));
      })
      .catch(next);
  };
}
