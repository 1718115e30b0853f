import { expect, type Locator, type Page } from '@playwright/test';
import { HeaderPage } from './header.page';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** « Conventions à traiter », the préfecture's work list (/a-traiter). */
export class WorkListPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  /** The success notice shown once a convention is taken into instruction. */
  readonly successNotice: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Conventions à traiter' });
    this.table = page.getByRole('table');
    this.rows = this.table.locator('tbody tr');
    this.successNotice = page.getByRole('status').filter({ hasText: 'est prise en instruction' });
  }

  /** Opens the page from the main navigation. */
  async open(): Promise<void> {
    await new HeaderPage(this.page).openNavigation('À traiter');
    await expect(this.heading).toBeVisible();
    await expect(this.page).toHaveURL(/\/a-traiter/);
  }

  /** The tab of a motif, named « <label> (<count>) ». */
  tab(label: string): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^${escapeRegExp(label)} \\(\\d[\\d\\s\\u202f]*\\)$`) });
  }

  /** The count shown in a motif's tab. */
  async tabCount(label: string): Promise<number> {
    const text = (await this.tab(label).textContent()) ?? '';
    const match = /\(([\d\s\u202f]+)\)\s*$/.exec(text);
    return match?.[1] ? Number.parseInt(match[1].replace(/\D/g, ''), 10) : Number.NaN;
  }

  async selectTab(label: string): Promise<void> {
    await this.tab(label).click();
    await expect(this.tab(label)).toHaveAttribute('aria-selected', 'true');
  }

  /** The rows whose convention links to `href` (/conventions/<id>). */
  rowsLinkingTo(href: string): Locator {
    return this.rows.filter({ has: this.page.locator(`a[href="${href}"]`) });
  }
}
