import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { LoginPage } from '../pages/login.page';
import { ImportsPartenairesPage } from '../pages/imports-partenaires.page';

const PARTNER = 'partenaire@demo.test';
const HEADER = 'reference;dispositif;beneficiaire;projet;montant;statut;date_engagement';

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

/** A CSV as a spreadsheet saves it: BOM, semicolons, French amounts and dates, CRLF, an empty line. */
function csv(name: string, lines: string[]) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8') };
}

test.describe('Import de données partenaire', () => {
  test('le partenaire télécharge le modèle, importe un fichier avec deux lignes en erreur puis le fichier corrigé', async ({ page }) => {
    test.setTimeout(60_000);
    const ref = `E2E-${Date.now().toString(36)}`;
    await signIn(page, PARTNER);
    const imports = new ImportsPartenairesPage(page);
    await imports.goto();

    // The template: the documented columns and an example line with the partner's own dispositif.
    const template = await imports.downloadTemplate('CSV');
    expect(template.suggestedFilename()).toBe('modele-import-financements.csv');
    const text = await readFile(await template.path(), 'utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFreference;dispositif;beneficiaire;projet;montant;statut;date_demande;date_engagement;date_contractualisation;date_versement;annee_campagne;source;date_source;logements;dossiers');
    expect(text.split('\r\n')[1]).toMatch(/^BDT-2024-0001;bdt_/);

    // A file with two bad lines: an amount with three decimals, another funder's dispositif.
    await imports.upload(
      csv('financements.csv', [
        `${ref}-1;bdt_pret_renouvellement;23001;Halle couverte;1 000,00;engagé;31/12/2023`,
        `${ref}-2;bdt_pret_renouvellement;23001;Place du marché;12,345;engagé;31/12/2023`,
        '',
        `${ref}-3;dsil;23001;Voirie;5 000;engagé;15/01/2024`,
        `${ref}-4;bdt_ingenierie;23001;Étude de centre-bourg;2 500,50;Engagé;2024-02-01`,
      ]),
    );
    await expect(imports.figure('Lignes créées')).toHaveText('2');
    await expect(imports.figure('Lignes rejetées')).toHaveText('2');
    expect(await imports.rejectRows()).toEqual([
      ['3', 'montant', '« 12,345 » n’est pas un montant (exemple : 1 234,56).'],
      ['5', 'dispositif', 'Dispositif « dsil » d’un autre financeur : vous n’importez que les dispositifs de votre organisation.'],
    ]);

    // The corrected file, with an updated amount: nothing is duplicated, the changes are listed.
    await imports.upload(
      csv('financements-corrige.csv', [
        `${ref}-1;bdt_pret_renouvellement;23001;Halle couverte;1 500,00;engagé;31/12/2023`,
        `${ref}-2;bdt_pret_renouvellement;23001;Place du marché;12 345;engagé;31/12/2023`,
        '',
        `${ref}-3;bdt_pret_renouvellement;23001;Voirie;5 000;engagé;15/01/2024`,
        `${ref}-4;bdt_ingenierie;23001;Étude de centre-bourg;2 500,50;Engagé;2024-02-01`,
      ]),
    );
    await expect(imports.figure('Lignes créées')).toHaveText('2');
    await expect(imports.figure('Lignes mises à jour')).toHaveText('1');
    await expect(imports.figure('Lignes inchangées')).toHaveText('1');
    await expect(imports.figure('Lignes rejetées')).toHaveText('0');
    await expect(imports.report.getByText('Aucune ligne rejetée')).toBeVisible();
    await expect(imports.changes.getByRole('listitem')).toHaveText([`${ref}-1 : montant 1 000,00 € → 1 500,00 €`]);

    // Both imports are in the organisation's history, newest first.
    const history = page.getByRole('table', { name: 'Imports précédents, du plus récent au plus ancien' });
    await expect(history.getByRole('row').nth(1)).toContainText('financements-corrige.csv');
    await expect(history.getByRole('row').nth(2)).toContainText('financements.csv');
  });
});
