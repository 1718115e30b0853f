import { expect, type Page } from '@playwright/test';
import { HeaderPage } from './header.page';

export const DEMO_PASSWORD = 'demo-pvd-2026';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/connexion');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Connexion à Suivi PVD' })).toBeVisible();
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.page.getByLabel('Adresse électronique').fill(email);
    await this.page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(new HeaderPage(this.page).accountButton).toBeVisible();
  }
}
