import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { LoginPage } from '../pages/login.page';
import { PvdImportPage } from '../pages/pvd-import.page';

// INSEE's grid as published, the copy shipped with the application.
const GRILLE_XLSX = join(__dirname, '..', '..', '..', 'apps', 'api', 'assets', 'grille_densite_7_niveaux_2024.xlsx');

test.describe('Grille de densité', () => {
  test("l'ANCT importe le classeur XLSX de l'INSEE tel que publié", async ({ page }) => {
    test.setTimeout(90_000);
    const login = new LoginPage(page);
    await login.goto();
    await login.login('anct@demo.test');
    await new PvdImportPage(page).goto();

    const input = page.getByLabel('Fichier de la grille communale de densité');
    await expect(input).toHaveAttribute('accept', /\.xlsx/);
    await expect(page.getByText('Formats acceptés : classeur Excel (.xlsx) ou fichier CSV (.csv), encodé en UTF-8 ou en Windows-1252.')).toBeVisible();

    await input.setInputFiles(GRILLE_XLSX);
    await page.getByRole('button', { name: 'Importer la grille de densité' }).click();
    const summary = page.getByRole('list', { name: "Résumé de l'import de la grille de densité" });
    // Loaded at first start: the same file again changes nothing.
    await expect(summary.getByRole('listitem').filter({ hasText: 'Lignes lues' }).locator('p').first()).toHaveText(/34\s935/, { timeout: 60_000 });
    await expect(summary.getByRole('listitem').filter({ hasText: 'Communes mises à jour' }).locator('p').first()).toHaveText('0');
  });
});
