import { expect, type Locator, type Page } from '@playwright/test';
import { DossierPage } from './dossier.page';

export interface Titulaire {
  nom: string;
  /** `YYYY-MM-DD` */
  debut: string;
  /** `YYYY-MM-DD`; none while in post. */
  fin?: string;
  /** Working time in %, « 100 » by default. */
  quotite?: string;
}

export const SIMULATION_CAPTION = 'Cofinancement calculé par année';
export const SAVED_CAPTION = 'Cofinancement du poste par année';

/** The creation page (/pvd/:id/postes/nouveau) and the page (/postes/:id) of a chef de projet post. */
export class PostePage {
  readonly heading: Locator;
  /** The live simulation of the co-financing, computed in the browser while typing. */
  readonly simulation: Locator;
  /** The co-financing computed by the API for the stored post. */
  readonly saved: Locator;
  readonly timeline: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.simulation = page.getByRole('table', { name: SIMULATION_CAPTION, exact: true });
    this.saved = page.getByRole('table', { name: SAVED_CAPTION, exact: true });
    this.timeline = page.getByRole('region', { name: 'Titulaires et vacances', exact: true });
  }

  /** The form: « Description du poste » on the creation page, « Modifier le poste » on a stored post. */
  get form(): Locator {
    return this.page.getByRole('form', { name: /^(Description du poste|Modifier le poste)$/ });
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/postes/${id}`);
    await expect(this.saved.or(this.page.getByText('Aucun cofinancement calculé'))).toBeVisible();
  }

  /** The id of the post shown, from the address. */
  id(): string {
    const match = /\/postes\/([0-9a-f-]{36})$/.exec(this.page.url());
    if (!match) throw new Error(`Not a post page: ${this.page.url()}`);
    return match[1];
  }

  /** From the dossier page: « Enregistrer un poste » in the « Poste de chef de projet » section. */
  async openNewFromDossier(): Promise<void> {
    await new DossierPage(this.page).openTab('Poste de chef de projet');
    await this.page.getByRole('region', { name: 'Poste de chef de projet', exact: true }).getByRole('link', { name: 'Enregistrer un poste' }).click();
    await expect(this.heading).toHaveText('Enregistrer un poste de chef de projet');
  }

  async chooseEmployeur(label: string): Promise<void> {
    await this.form.getByLabel('Employeur').selectOption({ label });
  }

  titulaire(index: number): Locator {
    return this.form.getByRole('group', { name: `Titulaire ${index}`, exact: true });
  }

  coutAnnuel(index: number): Locator {
    return this.form.getByRole('group', { name: `Coût annuel ${index}`, exact: true });
  }

  /** Adds a holder row at the end and fills it. */
  async addTitulaire(t: Titulaire): Promise<Locator> {
    const index = (await this.form.getByRole('group', { name: /^Titulaire \d+$/ }).count()) + 1;
    await this.form.getByRole('button', { name: 'Ajouter un titulaire' }).click();
    const row = this.titulaire(index);
    await row.getByLabel('Nom').fill(t.nom);
    await row.getByLabel('Date d’arrivée').fill(t.debut);
    if (t.fin) await row.getByLabel('Date de départ').fill(t.fin);
    await row.getByLabel('Quotité (%)').fill(t.quotite ?? '100');
    return row;
  }

  /** Adds a yearly cost row: the year and the cost in euros as a user types it (« 60000 », « 60 000,50 »). */
  async addCoutAnnuel(annee: number, euros: string): Promise<void> {
    const index = (await this.form.getByRole('group', { name: /^Coût annuel \d+$/ }).count()) + 1;
    await this.form.getByRole('button', { name: 'Ajouter une année' }).click();
    const row = this.coutAnnuel(index);
    await row.getByLabel('Année').fill(String(annee));
    await row.getByLabel('Coût annuel chargé (€)').fill(euros);
  }

  /** Ticks a co-financer (« État / ANCT », « Banque des Territoires », « Anah »). */
  async checkCofinanceur(label: string): Promise<void> {
    // The DSFR checkbox input sits under its label: click through it. Its label also holds a hint.
    await this.form.getByRole('checkbox', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`) }).check({ force: true });
  }

  async save(): Promise<void> {
    await this.form.getByRole('button', { name: /^Enregistrer (le poste|les modifications)$/ }).click();
  }

  /** The « Total » cell of a year in a co-financing table (live simulation or stored). */
  async yearTotal(table: Locator, annee: number): Promise<Locator> {
    await expect(table).toBeVisible();
    const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
    const column = headers.indexOf('Total');
    if (column < 0) throw new Error(`No « Total » column in: ${headers.join(' | ')}`);
    return table
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: String(annee), exact: true }) })
      .locator('th, td')
      .nth(column);
  }

  /** Checks the total of each year, e.g. `{ 2025: '45 000,00 €' }`. */
  async expectTotals(table: Locator, totals: Record<number, string>): Promise<void> {
    for (const [annee, text] of Object.entries(totals)) {
      await expect(await this.yearTotal(table, Number(annee))).toHaveText(text);
    }
  }
}
