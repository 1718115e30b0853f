import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The partner's import page: templates, upload, progress, report and history. */
export class ImportsPartenairesPage {
  readonly fileInput: Locator;
  readonly report: Locator;
  readonly summary: Locator;
  readonly rejects: Locator;
  readonly changes: Locator;

  constructor(private readonly page: Page) {
    this.fileInput = page.getByLabel(/^Fichier :/);
    this.report = page.getByRole('region', { name: /Rapport d’import/ });
    this.summary = this.report.getByRole('list', { name: 'Résumé de l’import' });
    this.rejects = this.report.getByRole('table', { name: 'Rejets : ligne du fichier, colonne et motif' });
    this.changes = this.report.getByRole('list', { name: 'Lignes mises à jour' });
  }

  async goto(): Promise<void> {
    await this.page.getByRole('link', { name: 'Import partenaire' }).first().click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Import de données partenaire' })).toBeVisible();
  }

  async downloadTemplate(format: 'CSV' | 'XLSX'): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('link', { name: new RegExp(`Télécharger le modèle ${format}`) }).click()]);
    return download;
  }

  /** Sends a file and waits for its report (the import finishes in the background). */
  async upload(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.fileInput.setInputFiles(file);
    await this.page.getByRole('button', { name: 'Importer le fichier' }).click();
    await expect(this.report).toBeVisible();
    await expect(this.report.getByText(/^Import terminé/)).toBeVisible({ timeout: 20_000 });
  }

  /** The figure shown above a label in the summary, e.g. "Lignes rejetées". */
  figure(label: string): Locator {
    return this.summary.getByRole('listitem').filter({ hasText: label }).locator('p').first();
  }

  /** The rejects table's data rows, as [ligne, colonne, motif]. */
  async rejectRows(): Promise<string[][]> {
    const rows = this.rejects.getByRole('row').filter({ has: this.page.getByRole('cell') });
    return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
  }
}
