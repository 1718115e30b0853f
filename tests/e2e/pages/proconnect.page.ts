import { expect, type Page } from '@playwright/test';

/** The local ProConnect stand-in's login page (an oidc-provider configured like ProConnect). */
export class ProConnectStandInPage {
  constructor(private readonly page: Page) {}

  async loginAs(email: string): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Connexion ProConnect (fournisseur de test)' })).toBeVisible();
    await this.page.getByLabel('Identifiant (sub) ou adresse e-mail').fill(email);
    await this.page.getByRole('button', { name: 'Se connecter' }).click();
  }
}
