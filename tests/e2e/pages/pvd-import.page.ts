import { expect, type Locator, type Page } from '@playwright/test';

export class PvdImportPage {
  readonly fileInput: Locator;
  readonly report: Locator;
  readonly summary: Locator;

  constructor(private readonly page: Page) {
    this.fileInput = page.getByLabel('Fichier de la liste PVD');
    this.report = page.getByRole('region', { name: /Rapport d'import|Aperçu de l'import/ });
    this.summary = this.report.getByRole('list', { name: "Résumé de l'import" });
  }

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'Import de la liste PVD' }).first().click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'Import de la liste des Petites villes de demain' }),
    ).toBeVisible();
  }

  /** Uploads a file for its preview, then confirms it: the report of the applied import shows. */
  async upload(filePath: string): Promise<void> {
    await this.fileInput.setInputFiles(filePath);
    await this.page.getByRole('button', { name: "Prévisualiser l'import" }).click();
    await expect(this.page.getByRole('heading', { name: /Aperçu de l'import/ })).toBeVisible();
    await this.page.getByRole('button', { name: "Confirmer l'import" }).click();
    await expect(this.page.getByRole('heading', { name: /Rapport d'import/ })).toBeVisible();
  }

  /** The figure shown above a label in the summary, e.g. "Lignes rejetées". */
  figure(label: string): Locator {
    return this.summary.getByRole('listitem').filter({ hasText: label }).locator('p').first();
  }

  reportRows(): Locator {
    // Data rows only (the header row holds column headers, not cells).
    return this.report.getByRole('table').getByRole('row').filter({ has: this.page.getByRole('cell') });
  }
}
