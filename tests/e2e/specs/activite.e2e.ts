import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { DossierPage } from '../pages/dossier.page';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';

const CSRF = { 'X-Requested-With': 'suivi-pvd' };

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

/** axe-core (WCAG 2.1 A and AA): the serious or critical violations of the page. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

/** Today in Paris, as the date inputs take it (AAAA-MM-JJ). */
function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

test.describe('Activité', () => {
  test('la préfecture filtre l’activité de son département par personne et par date, puis l’exporte', async ({ page }) => {
    test.setTimeout(60_000);
    // The chef de projet of Ahun names the élu référent: an entry of Ahun's dossier, in the Creuse.
    await signIn(page, 'chef.projet@demo.test');
    const dossier = new DossierPage(page);
    await dossier.openFromCommune('23001', 'Ahun');
    // The commune's page has the same heading: wait for the dossier's address.
    await expect(page).toHaveURL(/\/pvd\/[0-9a-f-]{36}$/);
    const pvdId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    const answer = await page.request.get(`/api/pvd/${pvdId}/dossier`);
    expect(answer.status(), `${page.url()} ${await answer.text()}`).toBe(200);
    const current = await answer.json();
    const version = current.contacts.find((c: { fonction: string }) => c.fonction === 'elu_referent')?.version ?? 0;
    const saved = await page.request.put(`/api/pvd/${pvdId}/contacts/elu_referent`, { headers: CSRF, data: { version, nom: 'Jean Moreau', qualite: 'Maire délégué à la revitalisation' } });
    expect(saved.status()).toBe(200);
    // The dossier's page shows it in its « Activité » section.
    await page.reload();
    await dossier.openTab('Historique');
    const section = page.getByRole('region', { name: 'Activité', exact: true });
    await expect(section.getByRole('listitem').first()).toContainText('Contact : Élu référent');
    await expect(section.getByRole('listitem').first()).toContainText('par Camille Martin');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: 'test-results/activite-dossier.png' });
    // The dossier's whole feed, one link away.
    await section.getByRole('link', { name: /Toute l’activité du dossier/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Activité – Ahun');
    await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'Contact : Élu référent' }).first()).toBeVisible();
    await new HeaderPage(page).logout();

    // The préfecture of the Creuse opens its département's feed from the navigation.
    await signIn(page, 'prefecture.creuse@demo.test');
    await new HeaderPage(page).navigation.getByRole('link', { name: 'Activité', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Activité – Creuse/);
    const filters = page.getByRole('search', { name: 'Filtrer l’activité' });
    const personne = filters.getByLabel('Personne');
    const camille = (await personne.locator('option', { hasText: 'Camille Martin (' }).getAttribute('value')) ?? '';
    await personne.selectOption(camille);
    await expect(page).toHaveURL(/personne=/);
    const today = todayInParis();
    await filters.getByLabel(/^Du/).fill(today);
    await filters.getByLabel(/^Au/).fill(today);
    await expect(page).toHaveURL(new RegExp(`du=${today}.*au=${today}|au=${today}.*du=${today}`));
    const table = page.getByRole('region', { name: 'Activité', exact: true }).getByRole('table');
    const row = table.getByRole('row').filter({ hasText: 'Contact : Élu référent' }).first();
    await expect(row).toContainText('Ahun');
    await expect(row).toContainText('Camille Martin (');
    await expect(row).toContainText('Contacts du dossier');
    // Every row is Camille Martin's.
    const authors = await table.locator('tbody tr td:last-child').allInnerTexts();
    expect(authors.length).toBeGreaterThan(0);
    for (const author of authors) expect(author).toMatch(/^Camille Martin \(/);
    await row.getByText('Voir le détail').click();
    await expect(row.getByRole('listitem').filter({ hasText: 'Qualité' })).toContainText('Maire délégué à la revitalisation');
    await page.screenshot({ path: 'test-results/activite-prefecture.png', fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // The export holds the same entries, with the same filters.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter en CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^activite-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile((await download.path()) ?? '')).toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe('Date;Dossier;Département;Type;Auteur;Action;Objet;Modifications');
    expect(lines.length - 1).toBe(authors.length);
    for (const line of lines.slice(1)) {
      expect(line).toContain(';23;');
      expect(line).toContain(';Camille Martin (');
      expect(line.startsWith(today)).toBe(true);
    }
    expect(lines.some((line) => line.includes('Contact : Élu référent'))).toBe(true);
  });
});
