import { expect, type Locator, type Page } from '@playwright/test';

export class CommunesPage {
  readonly searchInput: Locator;
  readonly results: Locator;

  constructor(private readonly page: Page) {
    this.searchInput = page.getByLabel('Rechercher une commune (nom ou code INSEE)');
    this.results = page.getByRole('table');
  }

  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Communes' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Communes' })).toBeVisible();
  }

  async search(text: string): Promise<void> {
    await this.searchInput.fill(text);
    await this.searchInput.press('Enter');
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text)}`));
    await expect(this.page.getByText(/communes? trouvées? pour/)).toBeVisible();
  }

  resultLink(nom: string): Locator {
    return this.results.getByRole('link', { name: nom, exact: true });
  }

  async open(nom: string): Promise<void> {
    await this.resultLink(nom).click();
    await expect(this.page.getByRole('heading', { level: 1, name: nom })).toBeVisible();
  }
}
