import { expect, type Locator, type Page } from '@playwright/test';
import { HeaderPage } from './header.page';

export class AdministrationPage {
  readonly heading: Locator;
  readonly tabs: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Administration' });
    this.tabs = page.getByRole('tablist', { name: "Rubriques de l'administration" });
  }

  async goto(): Promise<void> {
    await new HeaderPage(this.page).openNavigation('Administration');
    await expect(this.heading).toBeVisible();
  }

  async openTab(name: string): Promise<void> {
    await this.tabs.getByRole('tab', { name }).click();
    await expect(this.tabs.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  }

  accountRow(email: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('cell', { name: email, exact: true }) });
  }

  /** The captured email (newest first) sent to `to` with `subject`. */
  email(to: string, subject: string): Locator {
    return this.page
      .getByRole('article')
      .filter({ has: this.page.getByRole('heading', { name: subject }) })
      .filter({ hasText: to })
      .first();
  }

  /** Path and query of the first link of an email that points to `path` (e.g. "/invitation"). */
  async linkIn(email: Locator, path: string): Promise<string> {
    const href = await email.getByRole('link', { name: new RegExp(`${path}\\?jeton=`) }).first().getAttribute('href');
    expect(href).toBeTruthy();
    const url = new URL(href ?? '');
    return `${url.pathname}${url.search}`;
  }
}
