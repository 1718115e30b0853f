import { expect, type Locator, type Page } from '@playwright/test';

/** The site header: account menu and main navigation. */
export class HeaderPage {
  /** The account menu button (desktop copy), named after the signed-in person. */
  readonly accountButton: Locator;
  readonly navigation: Locator;

  constructor(private readonly page: Page) {
    this.accountButton = page.getByRole('banner').getByRole('button', { name: /menu du compte/ }).first();
    this.navigation = page.getByRole('navigation', { name: 'Menu principal' });
  }

  async openNavigation(name: string): Promise<void> {
    await this.navigation.getByRole('link', { name, exact: true }).click();
  }

  async openAccountMenu(): Promise<void> {
    if ((await this.accountButton.getAttribute('aria-expanded')) !== 'true') await this.accountButton.click();
    await expect(this.accountButton).toHaveAttribute('aria-expanded', 'true');
  }

  async logout(): Promise<void> {
    await this.openAccountMenu();
    await this.page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Connexion à Suivi PVD' })).toBeVisible();
  }
}
