import { expect, type Locator, type Page } from '@playwright/test';

/** « Tableau de bord »: scope and date pickers, section tabs, figures, charts and maps. */
export class PilotagePage {
  readonly heading: Locator;
  readonly region: Locator;
  readonly departement: Locator;
  readonly date: Locator;
  readonly comparaison: Locator;
  readonly status: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.region = page.getByLabel('Région');
    this.departement = page.getByLabel('Département');
    this.date = page.getByLabel('Données au');
    this.comparaison = page.getByLabel(/Comparer au/);
    this.status = page.getByRole('status').filter({ hasText: 'données au' });
  }

  async goto(search = ''): Promise<void> {
    await this.page.goto(`/tableau-de-bord${search}`);
  }

  /** A figure's card (by its indicator id). */
  card(id: string): Locator {
    return this.page.locator(`[data-indicateur="${id}"]`);
  }

  /** The département's area on a figure's map by département (dsfr-chart's SVG). */
  mapArea(code: string): Locator {
    return this.page.locator(`.pilotage-carte path.FR-${code}`).first();
  }

  async setDate(day: string): Promise<void> {
    await this.date.fill(day);
    await expect(this.page).toHaveURL(new RegExp(`date=${day}`));
  }
}

/** The list behind a figure: its rows and exports. */
export class IndicateurDetailPage {
  readonly heading: Locator;
  readonly count: Locator;
  readonly table: Locator;
  readonly exportCsv: Locator;
  readonly exportXlsx: Locator;

  constructor(page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.count = page.locator('#liste-titre');
    this.table = page.getByRole('table');
    this.exportCsv = page.getByRole('link', { name: 'Exporter en CSV' });
    this.exportXlsx = page.getByRole('link', { name: 'Exporter en XLSX' });
  }
}
