import { Global, Injectable, Module } from '@nestjs/common';

/** What a page shows in search results and social previews (Open Graph, Twitter cards). */
export interface PageMeta {
  /** The page's title, without the application's name (added here). */
  title: string;
  description: string;
  /** The page's path (`/projetotheque/<id>`), made absolute with PUBLIC_URL. */
  path: string;
  /** An image's path or absolute address, for the preview card. */
  image?: string;
}

const APP_NAME = 'Suivi PVD';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/**
 * index.html with a page's title, description and social preview tags (og:*, twitter:*), for the
 * public pages a link may be shared to: crawlers read them without running the application. The
 * existing `<title>` and description are replaced; every value is escaped.
 */
export function injectPageMeta(html: string, meta: PageMeta, publicUrl: string): string {
  const title = `${oneLine(meta.title, 200)} – ${APP_NAME}`;
  const description = oneLine(meta.description, 300);
  const absolute = (p: string) => (/^https?:\/\//.test(p) ? p : `${publicUrl.replace(/\/+$/, '')}${p.startsWith('/') ? p : `/${p}`}`);
  const tags = [
    ['property', 'og:type', 'article'],
    ['property', 'og:site_name', APP_NAME],
    ['property', 'og:locale', 'fr_FR'],
    ['property', 'og:title', title],
    ['property', 'og:description', description],
    ['property', 'og:url', absolute(meta.path)],
    ...(meta.image ? [['property', 'og:image', absolute(meta.image)]] : []),
    ['name', 'twitter:card', meta.image ? 'summary_large_image' : 'summary'],
    ['name', 'twitter:title', title],
    ['name', 'twitter:description', description],
  ]
    .map(([attr, key, value]) => `<meta ${attr}="${key}" content="${escapeHtml(value)}" />`)
    .join('\n    ');
  const canonical = `<link rel="canonical" href="${escapeHtml(absolute(meta.path))}" />`;
  // Replacement functions, so that no `$&` or `$'` in a title is read as a replacement pattern.
  let out = html.replace(/<title>[\s\S]*?<\/title>/, () => `<title>${escapeHtml(title)}</title>`);
  out = out.replace(/<meta name="description" content="[^"]*"\s*\/?>/, () => `<meta name="description" content="${escapeHtml(description)}" />`);
  return out.replace('</head>', () => `    ${tags}\n    ${canonical}\n  </head>`);
}

type Resolver = (match: RegExpExecArray) => Promise<PageMeta | null> | PageMeta | null;

/**
 * The pages whose index.html carries their own title and preview tags. Areas register their
 * public pages (a path pattern and how to read its meta); `serveWebApp` asks here before sending
 * index.html. A page whose resolver answers null (a draft, an unknown id) gets the plain index.html.
 */
@Injectable()
export class PageMetaRegistry {
  private readonly entries: { pattern: RegExp; resolve: Resolver }[] = [];

  register(pattern: RegExp, resolve: Resolver): void {
    this.entries.push({ pattern, resolve });
  }

  async resolve(path: string): Promise<PageMeta | null> {
    for (const { pattern, resolve } of this.entries) {
      const match = pattern.exec(path);
      if (match) return resolve(match);
    }
    return null;
  }
}

@Global()
@Module({ providers: [PageMetaRegistry], exports: [PageMetaRegistry] })
export class PageMetaModule {}
