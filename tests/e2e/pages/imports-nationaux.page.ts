import { expect, type Locator, type Page } from '@playwright/test';

/** The ANCT's national imports page: kind, template, upload, preview, confirmation, report, history. */
export class ImportsNationauxPage {
  readonly fileInput: Locator;
  readonly report: Locator;

  constructor(private readonly page: Page) {
    this.fileInput = page.getByLabel(/^Fichier :/);
    this.report = page.getByRole('region', { name: /^(Aperçu de l’import|Rapport d’import)/ });
  }

  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: /menu principal/i }).getByRole('link', { name: 'Imports nationaux' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Imports nationaux' })).toBeVisible();
  }

  async chooseKind(label: string): Promise<void> {
    await this.page.getByRole('radio', { name: new RegExp(`^${label}`) }).check({ force: true });
  }

  /** Sends a file and waits for its preview (the report's heading gets the focus). */
  async preview(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.fileInput.setInputFiles(file);
    await this.page.getByRole('button', { name: 'Prévisualiser l’import' }).click();
    await expect(this.page.getByRole('heading', { level: 2, name: /^Aperçu de l’import/ })).toBeFocused();
  }

  /** A figure of the preview's or the report's tiles, by its label. */
  figure(list: 'Aperçu de l’import' | 'Résumé de l’import', label: string): Locator {
    return this.report.getByRole('list', { name: list }).getByRole('listitem').filter({ hasText: label }).locator('p').first();
  }

  /** A table's data rows, as [ligne, colonne, motif]. */
  async rows(name: string): Promise<string[][]> {
    const rows = this.report.getByRole('table', { name }).getByRole('row').filter({ has: this.page.getByRole('cell') });
    return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
  }
}
