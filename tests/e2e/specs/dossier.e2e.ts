import { expect, test, type Page } from '@playwright/test';
import { DossierPage } from '../pages/dossier.page';
import { LoginPage } from '../pages/login.page';

const SHOTS = 'test-results/dossier';

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

/** The API calls the page makes from now on (their paths and queries), the session's included. */
function recordApiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    // The header's unread-notification count belongs to the layout, on every page: not the dossier's.
    if (url.pathname.startsWith('/api/') && url.pathname !== '/api/notifications/non-lues') calls.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  return calls;
}

test.describe('Le dossier d’une petite ville de demain', () => {
  test('s’ouvre en un appel, puis charge chaque rubrique à son ouverture ; la rubrique ouverte est dans l’adresse', async ({ page }) => {
    const dossier = new DossierPage(page);
    await signIn(page, 'prefecture.creuse@demo.test');
    await page.goto('/communes/23001');
    const link = page.getByRole('link', { name: 'Voir le dossier de la Petite ville de demain' });
    await expect(link).toBeVisible();
    await page.waitForLoadState('networkidle');
    const calls = recordApiCalls(page);
    await link.click();
    await expect(dossier.heading).toHaveText('Ahun');
    await expect(dossier.conventions).toBeVisible();
    await expect(dossier.contacts).toBeVisible();
    await page.waitForLoadState('networkidle');
    // From the application: the first screen is one call, before any section is opened.
    expect(calls, calls.join('\n')).toEqual([expect.stringMatching(/^GET \/api\/pvd\/[0-9a-f-]{36}\/dossier\/apercu$/)]);

    // Opened from an address: the session, and the same one call.
    calls.length = 0;
    await page.reload();
    await expect(dossier.heading).toHaveText('Ahun');
    await expect(dossier.conventions).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(calls.length, calls.join('\n')).toBeLessThanOrEqual(2);
    expect(calls).toContainEqual(expect.stringMatching(/\/dossier\/apercu$/));
    await expect(dossier.tabs.getByRole('tab', { selected: true })).toHaveText('Synthèse');
    // Each tab tells how many records its section holds.
    await expect(dossier.tabs.getByRole('tab', { name: /^Missions d’expertise \(\d+\)$/ })).toBeVisible();
    await expect(dossier.tabs.getByRole('tab', { name: /^Historique \(\d+\)$/ })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/premier-ecran.png`, fullPage: true });

    // Opening a tab loads its section only, and puts it in the address.
    calls.length = 0;
    await dossier.openTab('Missions d’expertise');
    await expect(page.getByRole('region', { name: 'Missions d’expertise', exact: true })).toBeVisible();
    await expect(page).toHaveURL(/\?onglet=missions$/);
    await page.waitForLoadState('networkidle');
    expect(calls.filter((c) => c.startsWith('GET /api/missions?'))).toHaveLength(1);
    expect(calls.filter((c) => /\/historique|\/financements|\/operations-habitat|\/demarches|\/adhesions|\/ort\b/.test(c)), calls.join('\n')).toEqual([]);
    await expect(dossier.contacts).toHaveCount(0);

    // A reload (or a shared link) opens the same tab.
    await page.reload();
    await expect(dossier.tabs.getByRole('tab', { selected: true })).toHaveText(/^Missions d’expertise/);
    await expect(page.getByRole('region', { name: 'Missions d’expertise', exact: true })).toBeVisible();

    // Keyboard: the arrows move between tabs, each opened as it is reached.
    await dossier.tabs.getByRole('tab', { selected: true }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(dossier.tabs.getByRole('tab', { name: /^ORT/ })).toBeFocused();
    await expect(dossier.tabs.getByRole('tab', { name: /^ORT/ })).toHaveAttribute('aria-selected', 'true');
    await expect(page).toHaveURL(/\?onglet=ort$/);
    await expect(page.getByRole('region', { name: 'ORT', exact: true })).toBeVisible();
    await page.keyboard.press('Home');
    await expect(dossier.tabs.getByRole('tab', { name: 'Synthèse' })).toBeFocused();
    await expect(dossier.conventions).toBeVisible();
    await expect(page).not.toHaveURL(/onglet=/);

    await dossier.openTab('Historique');
    await expect(dossier.history).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/onglet-historique.png`, fullPage: true });
  });

  test('une adresse de fiche mal formée mène à « Page non trouvée », sans appeler l’API', async ({ page }) => {
    await signIn(page, 'prefecture.creuse@demo.test');
    // The home page's own calls (the work list's count) are over before the count starts.
    await page.waitForLoadState('networkidle');
    const calls = recordApiCalls(page);
    // `/api/postes/alertes` is another route: its answer must never be read as a post.
    for (const address of ['/postes/alertes', '/pvd/demo-23-10', '/conventions/a-traiter', '/missions/1', '/operations-habitat/x']) {
      await page.goto(address);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page non trouvée');
    }
    await page.waitForLoadState('networkidle');
    expect(calls.filter((c) => !c.startsWith('GET /api/auth/me')), calls.join('\n')).toEqual([]);
  });
});
