import { expect, test } from '@playwright/test';
import { DossierPage } from '../pages/dossier.page';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';
import { MissionsPage } from '../pages/missions.page';

const PARTNER = 'partenaire@demo.test';
const SHOTS = process.env.PARTNER_SHOTS_DIR ?? 'test-results/dossier-partenaire';

test.describe('Le partenaire et les dossiers qu’il finance', () => {
  test('le partenaire ouvre depuis une de ses missions le dossier de la PVD : son résumé, sans contacts, documents ni historique', async ({ page }) => {
    const header = new HeaderPage(page);
    const missions = new MissionsPage(page);
    const dossier = new DossierPage(page);
    const login = new LoginPage(page);
    await login.goto();
    await login.login(PARTNER);
    await expect(page.getByRole('heading', { name: 'Les petites villes de demain que vous financez' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/accueil.png`, fullPage: true });

    // « Dossiers PVD »: the PVDs where the Banque des Territoires funds something.
    await header.openNavigation('Dossiers PVD');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossiers PVD');
    await expect(page.getByText(/où votre organisation finance une mission d’expertise/)).toBeVisible();
    await expect(page.locator('main table a[href^="/pvd/"]').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/liste.png`, fullPage: true });

    // Its financing lines link to the dossiers of their beneficiaries' PVDs.
    await page.goto('/financements');
    await expect(page.locator('main table a[href^="/pvd/"]').first()).toBeVisible();
    await page.locator('main table').first().screenshot({ path: `${SHOTS}/financements.png` });

    // From one of its missions, the link to the PVD opens the dossier's summary.
    await missions.goto();
    const firstRow = missions.table.locator('tbody tr').first();
    const pvdLink = firstRow.locator('a[href^="/pvd/"]');
    const pvdName = (await pvdLink.textContent())?.trim() ?? '';
    await pvdLink.click();
    await expect(page).toHaveURL(/\/pvd\/[0-9a-f-]{36}$/);
    await expect(dossier.heading).toHaveText(pvdName);
    await expect(page.getByText(/vous consultez le résumé de son dossier/)).toBeVisible();
    await expect(dossier.conventions).toBeVisible();
    await expect(page.getByRole('region', { name: 'Poste de chef de projet' })).toBeVisible();
    // The summary's tabs only: neither the history, nor the membership, nor the posts' details.
    await expect(dossier.tabs.getByRole('tab')).toHaveText(['Synthèse', 'En chiffres', /^Missions d’expertise$/, /^ORT \(\d+\)$/, /^Financements$/]);
    await dossier.openTab('Missions d’expertise');
    await expect(page.getByRole('region', { name: 'Missions d’expertise' })).toBeVisible();
    await expect(page).toHaveURL(/\?onglet=missions$/);
    await dossier.openTab('Synthèse');

    // Neither contacts, nor history, nor the conventions' pages (their pieces are documents), nor an error.
    await expect(dossier.contacts).toHaveCount(0);
    await expect(dossier.history).toHaveCount(0);
    await expect(page.locator('main a[href^="/conventions/"]')).toHaveCount(0);
    // No section failing on a refusal: the dossier's own alerts (a post vacant) are small, without title.
    await expect(page.locator('main .fr-alert--error .fr-alert__title')).toHaveCount(0);
    await expect(page.getByText(/Votre rôle ne permet pas|ne vous est pas ouvert/)).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/dossier.png`, fullPage: true });
    await dossier.openTab('Financements');
    await expect(page.getByRole('region', { name: 'Financements', exact: true })).toBeVisible();
    await expect(page.getByText(/Votre rôle ne permet pas|ne vous est pas ouvert/)).toHaveCount(0);
  });
});
