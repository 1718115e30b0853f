import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { CommunePage } from '../pages/commune.page';
import { CommunesPage } from '../pages/communes.page';
import { LoginPage } from '../pages/login.page';
import { PvdImportPage } from '../pages/pvd-import.page';

// Playwright loads specs as CommonJS here (the root package.json has no "type").
const PVD_MINI_CSV = join(__dirname, '..', 'fixtures', 'pvd-mini.csv');

test.describe('Communes', () => {
  test('un chef de projet retrouve Ahun et voit son statut PVD', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.login('chef.projet@demo.test');

    const communes = new CommunesPage(page);
    await communes.goto();
    await communes.search('ahun');
    await expect(communes.resultLink('Ahun')).toBeVisible();
    await communes.open('Ahun');

    await expect(page).toHaveURL(/\/communes\/23001$/);
    await expect(page).toHaveTitle('Ahun (23001) – Suivi PVD');
    const commune = new CommunePage(page);
    await expect(commune.heading).toHaveText('Ahun');
    await expect(commune.pvdSection.getByText('Petite ville de demain', { exact: true })).toBeVisible();
    // The id_pvd depends on the seed (and on earlier imports): only check that one is shown.
    await expect(commune.pvdSection.getByRole('term').filter({ hasText: 'Identifiant PVD' })).toBeVisible();
    await expect(page.getByText('Creuse (23)').first()).toBeVisible();
  });
});

test.describe('Import de la liste PVD', () => {
  test("l'ANCT prévisualise un fichier, le confirme et voit les lignes rejetées et la PVD provisoire", async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.login('anct@demo.test');

    const imports = new PvdImportPage(page);
    await imports.goto();
    await imports.upload(PVD_MINI_CSV);

    await expect(imports.figure('Lignes lues')).toHaveText('5');
    // Only the test row is rejected; the line without id_pvd gets a provisional PVD, with a warning.
    await expect(imports.figure('Lignes rejetées')).toHaveText('1');
    await expect(imports.report.getByRole('cell', { name: 'Ligne de test', exact: true })).toBeVisible();
    await expect(imports.report.getByRole('cell', { name: '999999', exact: true })).toBeVisible();
    await expect(imports.report.getByRole('cell', { name: 'PROV-50003', exact: true })).toBeVisible();
  });
});
