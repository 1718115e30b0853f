import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { LoginPage } from '../pages/login.page';

/** axe-core (WCAG 2.1 A and AA) on the page: its serious or critical violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

/** The columns of the PVD table and of its CSV export (see pvd-list.view.tsx and the API's export). */
const TABLE = { nom: 0, departement: 1 };
const CSV = { nom: 1, departements: 3 };

test.describe('Listes : filtres dans l’adresse, tri et export', () => {
  test('l’ANCT filtre les dossiers PVD par département, recharge la page, trie par nom et exporte en CSV', async ({ page }, testInfo) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.login('anct@demo.test');

    // The filter comes from the address: the field shows it, the list applies it.
    await page.goto('/pvd?departement=23');
    const table = page.getByRole('table', { name: 'Petites villes de demain – Creuse (23)' });
    const rows = table.locator('tbody tr');
    const departement = page.getByRole('combobox', { name: 'Département' });
    await expect(departement).toHaveValue('23');
    await expect(departement.locator('option:checked')).toHaveText('Creuse (23)');
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    expect(count).toBeGreaterThan(1);
    for (const cell of await rows.locator(`td:nth-child(${TABLE.departement + 1})`).allTextContents()) expect(cell).toContain('Creuse (23)');
    const status = page.getByRole('status').filter({ hasText: /Petites? villes? de demain/ });
    await expect(status).toContainText('– Creuse (23)');

    // Reloaded: the same filter, the same rows.
    const names = await rows.locator('td:first-child a').allTextContents();
    await page.reload();
    await expect(departement).toHaveValue('23');
    await expect(rows.first()).toBeVisible();
    expect(await rows.locator('td:first-child a').allTextContents()).toEqual(names);

    // Sorted by name, descending: the order is in the address and on the column.
    const nameHeader = table.getByRole('columnheader', { name: 'Petite ville de demain' });
    await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    await nameHeader.getByRole('button').click();
    await expect(page).toHaveURL(/[?&]tri=-nom/);
    await expect(page).toHaveURL(/[?&]departement=23/);
    await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(rows.first().locator('td a').first()).not.toHaveText(names[0]);
    const sorted = await rows.locator('td:first-child a').allTextContents();
    expect(sorted[0].localeCompare(sorted[sorted.length - 1], 'fr')).toBeGreaterThan(0);
    // The sort button keeps the keyboard focus.
    await expect(nameHeader.getByRole('button')).toBeFocused();

    // The CSV export carries the filter and the order: its rows are the list's, in its order.
    const csvLink = page.getByRole('link', { name: 'Exporter en CSV' });
    await expect(csvLink).toHaveAttribute('href', /^\/api\/pvd\/export\?/);
    const href = (await csvLink.getAttribute('href')) ?? '';
    expect(new URL(href, 'http://x').searchParams.get('departement')).toBe('23');
    expect(new URL(href, 'http://x').searchParams.get('tri')).toBe('-nom');
    expect(new URL(href, 'http://x').searchParams.get('format')).toBe('csv');
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^pvd-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = (await readFile((await download.path()) ?? '')).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter((l) => l !== '');
    expect(lines[0].split(';')[CSV.nom]).toBe('Nom');
    const data = lines.slice(1).map((l) => l.split(';'));
    expect(data.every((r) => r[CSV.departements].includes('23'))).toBe(true);
    expect(data.slice(0, sorted.length).map((r) => r[CSV.nom].replace(/^"|"$/g, ''))).toEqual(sorted);
    await expect(page.getByRole('link', { name: 'Exporter en XLSX' })).toHaveAttribute('href', /format=xlsx/);
    expect(await seriousViolations(page)).toEqual([]);

    // How the list looks on a desk and on a phone.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: testInfo.outputPath('pvd-list-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: testInfo.outputPath('pvd-list-390.png'), fullPage: true });
  });

  test('la préfecture ouvre la liste des ORT depuis l’accueil, la filtre par statut et la trie par date de signature', async ({ page }, testInfo) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.login('prefecture.creuse@demo.test');
    await page.getByRole('link', { name: 'Opérations de revitalisation de territoire (ORT)' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opérations de revitalisation de territoire (ORT)');

    const results = page.getByRole('region', { name: 'ORT', exact: true });
    const table = results.getByRole('table', { name: 'Opérations de revitalisation de territoire' });
    await expect(table.locator('tbody tr').first()).toBeVisible();
    // The préfecture of Creuse: Creuse only, in the choices as in the rows.
    const departements = page.getByRole('combobox', { name: 'Département' });
    await expect(departements.locator('option')).toHaveText(['Tous les départements', 'Creuse (23)']);

    await page.getByRole('combobox', { name: 'Statut' }).selectOption({ label: 'Signée' });
    await expect(page).toHaveURL(/[?&]statut=signee/);
    await expect(results.getByRole('status')).toHaveText(/^\d+ ORT \(filtrées\)/);
    for (const badge of await table.locator('tbody tr td:nth-child(3)').allTextContents()) expect(badge).toBe('Signée');

    const header = table.getByRole('columnheader', { name: 'Signée le' });
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await header.getByRole('button').press('Enter');
    await expect(page).toHaveURL(/[?&]tri=dateSignature/);
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(results.getByRole('link', { name: 'Exporter en XLSX' })).toHaveAttribute('href', /^\/api\/orts\/export\?statut=signee&tri=dateSignature&format=xlsx$/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: testInfo.outputPath('ort-list-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: testInfo.outputPath('ort-list-390.png'), fullPage: true });
  });
});
