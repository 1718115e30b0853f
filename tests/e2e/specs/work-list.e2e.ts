import { expect, test } from '@playwright/test';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';
import { WorkListPage } from '../pages/work-list.page';

const A_INSTRUIRE = 'Déposée, à prendre en instruction';
const CADRE_EN_RETARD = 'Convention-cadre en retard';

test.describe('Conventions à traiter', () => {
  test('la préfecture de la Creuse prend une convention déposée en instruction', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.login('prefecture.creuse@demo.test');

    const workList = new WorkListPage(page);
    await workList.open();

    // The demo data has late conventions-cadres (adhésion signed in 2021, no signed convention-cadre).
    await workList.selectTab(CADRE_EN_RETARD);
    await expect(page).toHaveURL(/[?&]motif=cadre_en_retard/);
    await expect(workList.rows.first()).toBeVisible();
    expect(await workList.tabCount(CADRE_EN_RETARD)).toBeGreaterThan(0);
    await expect(workList.rows.first()).toContainText(CADRE_EN_RETARD);

    // …and conventions déposées waiting for the préfecture.
    await workList.selectTab(A_INSTRUIRE);
    await expect(page).toHaveURL(/[?&]motif=a_instruire/);
    await expect(workList.rows.first()).toBeVisible();
    const before = await workList.tabCount(A_INSTRUIRE);
    expect(before).toBeGreaterThan(0);

    const first = workList.rows.first();
    const conventionHref = await first.getByRole('link').nth(1).getAttribute('href');
    expect(conventionHref).toMatch(/^\/conventions\//);
    await first.getByRole('button', { name: /^Prendre en instruction/ }).click();

    await expect(workList.successNotice).toBeVisible();
    await expect(workList.rowsLinkingTo(conventionHref ?? '')).toHaveCount(0);
    await expect(workList.tab(A_INSTRUIRE)).toHaveAccessibleName(`${A_INSTRUIRE} (${before - 1})`);
  });

  test("un chef de projet n'a pas accès aux conventions à traiter", async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.login('chef.projet@demo.test');

    const header = new HeaderPage(page);
    await expect(header.navigation.getByRole('link', { name: 'Dossiers PVD', exact: true })).toBeVisible();
    await expect(header.navigation.getByRole('link', { name: 'À traiter', exact: true })).toHaveCount(0);

    await page.goto('/a-traiter');
    await expect(page.getByRole('heading', { level: 1, name: 'Accès refusé' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Conventions à traiter' })).toHaveCount(0);
  });

  test('le SGAR suit les retards de sa région, en lecture seule', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.login('sgar.nouvelle-aquitaine@demo.test');

    await new HeaderPage(page).openNavigation('Retards et en attente');
    await expect(page).toHaveURL(/\/a-traiter/);
    await expect(page.getByRole('heading', { level: 1, name: 'Retards et conventions en attente' })).toBeVisible();
    await expect(page.getByText(/^En lecture seule/)).toBeVisible();
    const workList = new WorkListPage(page);
    await workList.selectTab(CADRE_EN_RETARD);
    await expect(workList.rows.first()).toBeVisible();
    await expect(workList.rows.first()).toContainText(CADRE_EN_RETARD);
    await expect(page.getByRole('button', { name: /^Prendre en instruction/ })).toHaveCount(0);
  });
});
