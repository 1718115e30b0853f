import type { Locator, Page } from '@playwright/test';

/** The print-ready « Point d'avancement » and the list of generated PDF reports. */
export class RapportPage {
  readonly root: Locator;
  readonly generer: Locator;
  readonly imprimer: Locator;

  constructor(private readonly page: Page) {
    this.root = page.locator('[data-rapport]');
    this.generer = page.getByRole('button', { name: 'Générer le PDF' });
    this.imprimer = page.getByRole('button', { name: 'Imprimer' });
  }

  async goto(search = ''): Promise<void> {
    await this.page.goto(`/tableau-de-bord/rapport${search}`);
  }

  /** A figure's value as shown (by indicator id). */
  valeur(id: string): Locator {
    return this.root.locator(`[data-indicateur="${id}"] .fr-h3`);
  }
}

export class RapportsPage {
  readonly heading: Locator;
  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
  }

  /** The newest report's row. */
  get first(): Locator {
    return this.page.locator('tr[data-rapport-id]').first();
  }
}
