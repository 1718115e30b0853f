import { expect, type Locator, type Page } from '@playwright/test';
import { HeaderPage } from './header.page';

/** « Dossiers PVD » (/pvd): the PVDs of the user's territory and where each stands. */
export class PvdListPage {
  readonly heading: Locator;
  readonly filters: Locator;
  readonly results: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly status: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Dossiers PVD' });
    this.filters = page.getByRole('search', { name: 'Filtrer les dossiers PVD' });
    this.results = page.getByRole('region', { name: 'Dossiers', exact: true });
    this.table = this.results.getByRole('table');
    this.rows = this.table.locator('tbody tr');
    this.status = this.results.getByRole('status');
  }

  /** Opens the list from the main navigation. */
  async open(): Promise<void> {
    await new HeaderPage(this.page).openNavigation('Dossiers PVD');
    await expect(this.heading).toBeVisible();
    await expect(this.page).toHaveURL(/\/pvd(\?|$)/);
  }

  /** Chooses a value of one of the filters' selects by its label, and waits for the list to apply it. */
  async choose(filter: string, option: string, param: RegExp): Promise<void> {
    await this.filters.getByRole('combobox', { name: filter, exact: true }).selectOption({ label: option });
    await expect(this.page).toHaveURL(param);
    await expect(this.results).toHaveAttribute('aria-busy', 'false');
  }

  /** The text of each row's cell under a header. */
  async column(header: string): Promise<string[]> {
    const headers = await this.table.locator('thead th').allTextContents();
    const index = headers.findIndex((h) => h.trim() === header);
    expect(index, `column « ${header} »`).toBeGreaterThanOrEqual(0);
    return this.rows.locator(`td:nth-child(${index + 1})`).allTextContents();
  }
}
