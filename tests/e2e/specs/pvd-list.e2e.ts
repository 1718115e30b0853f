import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LoginPage } from '../pages/login.page';
import { PvdListPage } from '../pages/pvd-list.page';

/** The départements of Nouvelle-Aquitaine, as the list names them. */
const NOUVELLE_AQUITAINE = /\((16|17|19|23|24|33|40|47|64|79|86|87)\)/;

test.describe('Dossiers PVD', () => {
  test('un directeur de l’ANCT trouve les conventions en retard d’une région', async ({ page }, testInfo) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.login('anct@demo.test');

    const list = new PvdListPage(page);
    await list.open();
    await expect(list.rows.first()).toBeVisible();
    const all = Number.parseInt((/^[\d\s\u202f]+/.exec((await list.status.textContent()) ?? '')?.[0] ?? '').replace(/\D/g, ''), 10);

    // The région is chosen by its name; the départements offered are then its own, by name too.
    await list.choose('Région', 'Nouvelle-Aquitaine', /[?&]region=75(&|$)/);
    const departements = list.filters.getByRole('combobox', { name: 'Département', exact: true });
    await expect(departements.locator('option', { hasText: 'Creuse (23)' })).toHaveCount(1);
    await expect(departements.locator('option', { hasText: 'Haut-Rhin (68)' })).toHaveCount(0);

    await list.choose('Retards', 'En retard', /[?&]enRetard=true(&|$)/);
    await expect(page).toHaveURL(/[?&]region=75(&|$)/);
    await expect(list.status).toContainText('en retard – Nouvelle-Aquitaine');
    await expect(list.rows.first()).toBeVisible();
    const late = await list.rows.count();
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(all);

    // Each row is a PVD of the région with something late: its convention-cadre past its
    // deadline (by how many days), or a convention left « à compléter » without an answer.
    for (const departement of await list.column('Département')) expect(departement).toMatch(NOUVELLE_AQUITAINE);
    for (const echeance of await list.column('Échéance')) expect(echeance).toMatch(/En retard de \d[\d\s\u202f]* jours?|À compléter, sans réponse/);
    const first = list.rows.first();
    await expect(first.getByText(/^En retard de/)).toBeVisible();

    // The export carries the same filters.
    const csv = list.results.getByRole('link', { name: 'Exporter en CSV' });
    const href = new URL((await csv.getAttribute('href')) ?? '', 'http://x');
    expect(href.pathname).toBe('/api/pvd/export');
    expect(href.searchParams.get('region')).toBe('75');
    expect(href.searchParams.get('enRetard')).toBe('true');

    // A row opens its dossier.
    const name = (await first.getByRole('link').first().textContent()) ?? '';
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.screenshot({ path: testInfo.outputPath('pvd-list-en-retard-1400.png'), fullPage: true });
    await first.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  });
});
