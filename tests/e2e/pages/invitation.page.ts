import { expect, type Locator, type Page } from '@playwright/test';

/** The page an invitation link opens: the invited person chooses a password. */
export class InvitationPage {
  readonly heading: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Bienvenue sur Suivi PVD' });
  }

  async open(pathAndQuery: string): Promise<void> {
    await this.page.goto(pathAndQuery);
    await expect(this.heading).toBeVisible();
  }

  async choosePassword(password: string): Promise<void> {
    await this.page.getByLabel(/^Mot de passe/).fill(password);
    await this.page.getByLabel(/^Confirmation du mot de passe/).fill(password);
    await this.page.getByRole('button', { name: 'Activer mon compte' }).click();
  }
}
