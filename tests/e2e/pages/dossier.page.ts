import { expect, type Locator, type Page } from '@playwright/test';

/** The dossier of a Petite ville de demain (/pvd/:id). */
export class DossierPage {
  readonly heading: Locator;
  readonly conventions: Locator;
  readonly contacts: Locator;
  readonly history: Locator;
  /** The convention-cadre countdown: « Échéance le … – dans N jours », « En retard de N jours », « Signée le … ». */
  readonly echeance: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.conventions = page.getByRole('region', { name: 'Conventions', exact: true });
    this.contacts = page.getByRole('region', { name: 'Contacts', exact: true });
    this.history = page.getByRole('region', { name: 'Historique des modifications' });
    this.echeance = this.conventions.getByText(/^(Échéance le \d{2}\/\d{2}\/\d{4} – |En retard de \d+ jours?|Signée le |Convention-cadre signée)/);
  }

  /** The tabs of the dossier: « Synthèse », then one per section, with its count (« Missions d’expertise (2) »). */
  get tabs(): Locator {
    return this.page.getByRole('tablist', { name: 'Rubriques du dossier' });
  }

  /** Opens one tab of the dossier (its label without the count): its section loads then. */
  async openTab(label: string): Promise<void> {
    const tab = this.tabs.getByRole('tab', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(\\d+\\))?$`) });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  /** Opens the dossier from the page of one of its communes. */
  async openFromCommune(insee: string, name: string): Promise<void> {
    await this.page.goto(`/communes/${insee}`);
    await this.page.getByRole('link', { name: 'Voir le dossier de la Petite ville de demain' }).click();
    await expect(this.heading).toHaveText(name);
  }

  async createConvention(label: 'Créer la convention-cadre' | "Créer la convention d'adhésion"): Promise<void> {
    await this.conventions.getByRole('button', { name: label }).click();
    await expect(this.page).toHaveURL(/\/conventions\/[0-9a-f-]{36}$/);
  }

  /** Creates an avenant to the signed convention-cadre, with its objet. */
  async createAvenant(objet: string): Promise<void> {
    const form = this.conventions.getByRole('form', { name: 'Créer un avenant à la convention-cadre' });
    await form.getByLabel(/^Objet de l'avenant/).fill(objet);
    await form.getByRole('button', { name: "Créer l'avenant" }).click();
    await expect(this.page).toHaveURL(/\/conventions\/[0-9a-f-]{36}$/);
  }

  conventionRow(title: string): Locator {
    return this.conventions.getByRole('row').filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }
}
