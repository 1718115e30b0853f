import { expect, type Locator, type Page } from '@playwright/test';

export interface Invitation {
  email: string;
  displayName: string;
  /** Name of the commune, and the start of the button that chooses it, e.g. "Ajain (23002)". */
  commune: { search: string; choice: string };
  role: string;
}

export class InvitePage {
  readonly heading: Locator;
  readonly form: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Inviter une personne' });
    this.form = page.getByRole('form', { name: 'Invitation' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Inviter une personne' }).click();
    await expect(this.heading).toBeVisible();
  }

  async inviteToCommune(invitation: Invitation): Promise<void> {
    await this.form.getByLabel('Adresse électronique').fill(invitation.email);
    await this.form.getByLabel('Prénom et nom').fill(invitation.displayName);
    await this.form.getByLabel("Type d'organisation", { exact: true }).selectOption({ label: 'Commune' });
    await this.form.getByLabel(/^Commune/).fill(invitation.commune.search);
    await this.form
      .getByRole('button', { name: new RegExp(`^${invitation.commune.choice.replace(/[()]/g, '\\$&')}`) })
      .click();
    await expect(this.form.getByText('Commune choisie')).toBeVisible();
    await this.form.getByLabel(/^Rôle/).selectOption({ label: invitation.role });
    await this.form.getByRole('button', { name: "Envoyer l'invitation" }).click();
  }

  successAlert(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'Invitation envoyée à' });
  }
}
