import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { SESSION_COOKIE } from '../core/auth/session.service';

/** Chromium's flags: headless on a server, no sandbox (containers), nothing fetched from the internet. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** A failure the user can act on: its French message is stored as the report's error. */
export class RapportRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RapportRenderError';
  }
}

export interface RenderRequest {
  chromiumPath: string;
  /** The platform as the renderer reaches it, without trailing slash (http://127.0.0.1:3000). */
  baseUrl: string;
  /** The report page, with its query (`/tableau-de-bord/rapport?portee=…`). */
  path: string;
  /** A session of the requesting user (the page is opened as them) and their id, to check it. */
  sessionToken: string;
  userId: string;
  /** The footer's title (« Le point d’avancement au 1 janvier 2024 – France entière »). */
  titre: string;
  signal: AbortSignal;
  /** Called as the page's parts become ready: steps done out of `total`. */
  onProgress(done: number, total: number): Promise<void>;
  /** Longest wait for the page to be ready (ms). */
  timeoutMs?: number;
}

/** Steps reported: browser started, page opened, 4 parts ready, PDF printed. */
export const RENDER_STEPS = 7;
const PARTS = 4;

/** Read in the page (a string: the API is compiled without the DOM's types). */
const READ_STATE = `(() => {
  const root = document.querySelector('[data-rapport]');
  return {
    path: location.pathname,
    pret: root?.getAttribute('data-rapport-pret') === 'true',
    erreur: root?.getAttribute('data-rapport-erreur') ?? null,
    parties: Number(root?.getAttribute('data-rapport-parties-pretes') ?? '0'),
  };
})()`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Renders the report page to PDF in headless Chromium, as the requesting user: the PDF shows
 * exactly what the page shows (the dashboard's figures, from the same API), never a second
 * computation. Checks first what is cheap to check, so that a misconfiguration fails in a second
 * with a message saying what to do.
 */
export async function renderRapportPdf(req: RenderRequest): Promise<Buffer> {
  try {
    await access(req.chromiumPath, constants.X_OK);
  } catch {
    throw new RapportRenderError(
      `Chromium est introuvable (${req.chromiumPath}) : installez le paquet Debian « chromium » sur le serveur ou indiquez son chemin dans CHROMIUM_PATH.`,
    );
  }
  await preflight(req);

  const { chromium } = await import('playwright-core');
  let browser: Browser | undefined;
  const onAbort = () => void browser?.close().catch(() => undefined);
  req.signal.addEventListener('abort', onAbort, { once: true });
  try {
    try {
      browser = await chromium.launch({ executablePath: req.chromiumPath, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
    } catch (error) {
      throw new RapportRenderError(`Chromium (${req.chromiumPath}) n’a pas pu démarrer : ${firstLine(error)}`);
    }
    await req.onProgress(1, RENDER_STEPS);
    // The width of an A4 page inside its margins (210 − 2 × 12 mm at 96 dpi), so that the screen
    // layout is the printed one: charts are drawn once, at the size they are printed.
    const context = await browser.newContext({ viewport: { width: 703, height: 1000 }, deviceScaleFactor: 2, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    await context.addCookies([{ name: SESSION_COOKIE, value: req.sessionToken, url: req.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    const url = `${req.baseUrl}${req.path}`;
    const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (!response || !response.ok()) throw new RapportRenderError(`La page du rapport n’a pas pu être ouverte (${url} : ${response?.status() ?? 'pas de réponse'}).`);
    await req.onProgress(2, RENDER_STEPS);

    const deadline = Date.now() + (req.timeoutMs ?? 180_000);
    let reported = 0;
    for (;;) {
      if (req.signal.aborted) throw new RapportRenderError('Génération interrompue.');
      const state = (await page.evaluate(READ_STATE)) as { path: string; pret: boolean; erreur: string | null; parties: number };
      if (!state.path.startsWith('/tableau-de-bord/rapport')) {
        throw new RapportRenderError('La page du rapport a renvoyé vers une autre page (session non reconnue ou accès refusé) : le PDF n’a pas été produit.');
      }
      if (state.erreur) throw new RapportRenderError(`La page du rapport signale une erreur : ${state.erreur}`);
      const parts = Math.min(state.parties, PARTS);
      if (parts > reported) {
        reported = parts;
        await req.onProgress(2 + parts, RENDER_STEPS);
      }
      if (state.pret) break;
      if (Date.now() > deadline) throw new RapportRenderError(`La page du rapport n’était pas prête après ${Math.round((req.timeoutMs ?? 180_000) / 1000)} s (${reported} parties sur ${PARTS}).`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-family: Marianne, Arial, sans-serif; font-size: 8px; color: #666; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between;"><span>${escapeHtml(req.titre)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
    await req.onProgress(RENDER_STEPS, RENDER_STEPS);
    return pdf;
  } catch (error) {
    if (error instanceof RapportRenderError) throw error;
    if (req.signal.aborted) throw new RapportRenderError('Génération interrompue.');
    throw new RapportRenderError(`Le rendu du PDF a échoué : ${firstLine(error)}`);
  } finally {
    req.signal.removeEventListener('abort', onAbort);
    await browser?.close().catch(() => undefined);
  }
}

/** The platform answers at the address, knows the session (same database) and serves the web app. */
async function preflight(req: RenderRequest): Promise<void> {
  const cookie = `${SESSION_COOKIE}=${req.sessionToken}`;
  let me: Response;
  try {
    me = await fetch(`${req.baseUrl}/api/auth/me`, { headers: { cookie }, signal: AbortSignal.any([req.signal, AbortSignal.timeout(15_000)]) });
  } catch (error) {
    throw new RapportRenderError(`La plateforme ne répond pas à son adresse interne ${req.baseUrl} (${firstLine(error)}) : indiquez-la dans INTERNAL_URL.`);
  }
  const body = me.ok ? ((await me.json().catch(() => null)) as { id?: string } | null) : null;
  if (body?.id !== req.userId) {
    throw new RapportRenderError(`L’adresse interne ${req.baseUrl} ne sert pas cette plateforme (la session de rendu n’y est pas reconnue) : vérifiez INTERNAL_URL.`);
  }
  let page: Response;
  try {
    page = await fetch(`${req.baseUrl}/tableau-de-bord/rapport`, { headers: { cookie }, signal: AbortSignal.any([req.signal, AbortSignal.timeout(15_000)]) });
  } catch (error) {
    throw new RapportRenderError(`La plateforme ne répond pas à son adresse interne ${req.baseUrl} (${firstLine(error)}).`);
  }
  await page.body?.cancel().catch(() => undefined);
  if (!page.ok || !(page.headers.get('content-type') ?? '').includes('text/html')) {
    throw new RapportRenderError(
      `L’application web n’est pas servie par la plateforme (${req.baseUrl}/tableau-de-bord/rapport : ${page.status}) : construisez-la (npm run build) ou vérifiez WEB_DIST_DIR.`,
    );
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 300);
}
