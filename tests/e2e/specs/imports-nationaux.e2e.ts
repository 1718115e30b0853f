import { expect, test } from '@playwright/test';
import { LoginPage } from '../pages/login.page';
import { DossierPage } from '../pages/dossier.page';
import { ImportsNationauxPage } from '../pages/imports-nationaux.page';

const ANCT = 'anct@demo.test';
/** Ahun (Creuse), a demo PVD commune. */
const AHUN = '23001';

test.describe('Imports nationaux', () => {
  test('l’ANCT importe la liste des ORT : une ligne en erreur dans l’aperçu, la confirmation, l’import terminé, l’ORT sur le dossier', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    const ref = `ORT-E2E-${Date.now().toString(36)}`;
    const login = new LoginPage(page);
    await login.goto();
    await login.login(ANCT);

    // From the home page, then the navigation.
    await expect(page.getByRole('link', { name: /^Imports nationaux \(ORT/ })).toBeVisible();
    const imports = new ImportsNationauxPage(page);
    await imports.goto();
    await imports.chooseKind('Opérations de revitalisation de territoire');
    await expect(page.getByRole('link', { name: /Télécharger le modèle CSV/ })).toHaveAttribute('href', '/api/imports-nationaux/modeles/orts?format=csv');

    const lines = ['reference;libelle;communes;statut;date_signature;duree_annees;colonne_inconnue', `${ref};ORT d’Ahun (import national);${AHUN};signée;15/06/2022;5;x`, `${ref}-2;ORT fantôme;99999;signée;15/06/2022;5;x`];
    await imports.preview({ name: 'orts.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8') });
    await expect(imports.figure('Aperçu de l’import', 'À créer')).toHaveText('1');
    await expect(imports.figure('Aperçu de l’import', 'Rejetées')).toHaveText('1');
    expect(await imports.rows('Erreurs de l’aperçu : ligne du fichier, colonne et motif')).toEqual([['3', 'communes', 'Commune 99999 inconnue du référentiel.']]);
    await expect(imports.report.getByText('Colonnes ignorées (inconnues du modèle) : colonne_inconnue.')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('imports-nationaux-apercu-1280.png'), fullPage: true });

    await imports.report.getByRole('button', { name: 'Confirmer l’import' }).click();
    await expect(imports.report.getByText(/^Import terminé/)).toBeVisible({ timeout: 30_000 });
    await expect(imports.figure('Résumé de l’import', 'Créées')).toHaveText('1');
    await expect(imports.figure('Résumé de l’import', 'Rejetées')).toHaveText('1');
    expect(await imports.rows('Lignes rejetées : ligne du fichier, colonne et motif')).toEqual([['3', 'communes', 'Commune 99999 inconnue du référentiel.']]);
    const history = page.getByRole('table', { name: /^Imports nationaux, du plus récent/ });
    await expect(history.getByRole('row').nth(1)).toContainText('orts.csv');
    await expect(history.getByRole('row').nth(1)).toContainText('Terminé');
    await page.screenshot({ path: testInfo.outputPath('imports-nationaux-termine-1280.png'), fullPage: true });

    // On the dossier of Ahun.
    const dossier = new DossierPage(page);
    await dossier.openFromCommune(AHUN, 'Ahun');
    await dossier.openTab('ORT');
    await expect(page.getByRole('heading', { level: 3, name: 'ORT d’Ahun (import national)' })).toBeVisible();
  });
});
