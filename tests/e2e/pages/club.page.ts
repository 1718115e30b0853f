import { expect, type Locator, type Page } from '@playwright/test';

/** An event's page of the Club: its registration panel. */
export class ClubEvenementPage {
  readonly inscription: Locator;

  constructor(private readonly page: Page) {
    this.inscription = page.getByRole('region', { name: 'Inscription' });
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/club/evenements/${id}`);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(this.inscription).toBeVisible();
  }

  button(name: string | RegExp): Locator {
    return this.inscription.getByRole('button', { name });
  }
}
