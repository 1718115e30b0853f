import { expect, type Locator, type Page } from '@playwright/test';

/** The thread panel beside an item (« Discussion sur la convention »…). */
export class DiscussionPanel {
  readonly region: Locator;
  readonly form: Locator;
  readonly messages: Locator;

  constructor(page: Page, title: string) {
    this.region = page.getByRole('region', { name: new RegExp(`^${title}`) });
    this.form = this.region.getByRole('form', { name: 'Écrire un message' });
    this.messages = this.region.getByRole('list', { name: 'Messages, du plus récent au plus ancien' }).getByRole('listitem');
  }

  /** Picks a person to mention by the start of their name, among those who see the item. */
  async mention(search: string, libelle: string): Promise<void> {
    await this.form.getByRole('combobox', { name: /^Mentionner une personne/ }).fill(search);
    await this.form.getByRole('list', { name: 'Personnes à mentionner' }).getByRole('button', { name: libelle }).click();
  }

  async write(text: string): Promise<void> {
    const field = this.form.getByLabel(/^Votre message/);
    // Keeps what the mention picker wrote.
    await field.fill(`${await field.inputValue()}${text}`);
  }

  async send(options: { interne?: boolean } = {}): Promise<void> {
    if (options.interne) await this.form.getByLabel(/^Note interne/).check({ force: true });
    await this.form.getByRole('button', { name: options.interne ? 'Publier la note interne' : 'Envoyer le message' }).click();
    await expect(this.form.getByText(options.interne ? 'Votre note interne est publiée.' : 'Votre message est publié.')).toBeVisible();
  }

  message(text: string | RegExp): Locator {
    return this.messages.filter({ hasText: text });
  }
}
