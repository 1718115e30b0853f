import type { Locator, Page } from '@playwright/test';

export class CommunePage {
  readonly heading: Locator;
  /** The "Programme Petites villes de demain" panel. */
  readonly pvdSection: Locator;

  constructor(page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.pvdSection = page.getByRole('region', { name: 'Programme Petites villes de demain' });
  }
}
