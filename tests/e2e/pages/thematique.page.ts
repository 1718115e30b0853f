import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { DossierPage } from './dossier.page';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The texts of one column of a table (rows with data cells only), by its header. */
export async function columnTexts(table: Locator, header: string): Promise<string[]> {
  const headers = (await table.getByRole('columnheader').allTextContents()).map((t) => t.trim());
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`No column « ${header} » in ${headers.join(', ')}`);
  const rows = table.getByRole('row').filter({ has: table.page().getByRole('cell') });
  const texts: string[] = [];
  for (let i = 0, n = await rows.count(); i < n; i++) texts.push(((await rows.nth(i).getByRole('cell').nth(index).textContent()) ?? '').trim());
  return texts;
}

/** The figure of one tile of a StatTiles list (« 9 » above « Opérations »). */
export async function tileValue(tiles: Locator, label: string): Promise<number> {
  const item = tiles.getByRole('listitem').filter({ hasText: new RegExp(`${escape(label)}$`) });
  const text = (await item.innerText()).trim();
  const match = /^([\d\s\u202f\u00a0]+)\n/.exec(text);
  if (!match) throw new Error(`No figure in the tile « ${label} »: ${text}`);
  return Number(match[1].replace(/\D/g, ''));
}

/** The dossier's thematic sections (/pvd/:id): ORT, habitat operations, financing, schemes. */
export class DossierThematiquePage {
  readonly operations: Locator;
  readonly financements: Locator;
  readonly demarches: Locator;

  constructor(private readonly page: Page) {
    this.operations = page.getByRole('region', { name: 'Opérations d’habitat', exact: true });
    this.financements = page.getByRole('region', { name: 'Financements', exact: true });
    this.demarches = page.getByRole('region', { name: 'Dispositifs thématiques', exact: true });
  }

  /** The PVD's id, from the address. */
  pvdId(): string {
    const match = /\/pvd\/([0-9a-f-]{36})/.exec(this.page.url());
    if (!match) throw new Error(`Not a dossier page: ${this.page.url()}`);
    return match[1];
  }

  operationRow(libelle: string): Locator {
    return this.operations
      .getByRole('table', { name: 'Opérations d’habitat couvrant la petite ville de demain' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name: libelle, exact: true }) });
  }

  /** Opens the dossier's tab of a section (it loads when opened). */
  async openTab(label: 'Opérations d’habitat' | 'Financements' | 'Dispositifs thématiques'): Promise<void> {
    await new DossierPage(this.page).openTab(label);
  }

  async startOperation(): Promise<OperationFormPage> {
    await this.openTab('Opérations d’habitat');
    await this.operations.getByRole('link', { name: 'Saisir une opération d’habitat' }).click();
    await expect(this.page).toHaveURL(/\/operations-habitat\/nouvelle\?pvd=[0-9a-f-]{36}$/);
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Saisir une opération d’habitat');
    return new OperationFormPage(this.page, this.page.getByRole('form', { name: 'Saisir une opération d’habitat' }));
  }

  participation(demarche: string): Locator {
    return this.demarches
      .getByRole('list', { name: 'Participations aux dispositifs thématiques' })
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 3, name: demarche }) });
  }

  async startParticipation(): Promise<ParticipationFormPage> {
    await this.openTab('Dispositifs thématiques');
    await this.demarches.getByRole('button', { name: 'Ajouter un dispositif' }).click();
    const form = this.demarches.getByRole('form', { name: 'Ajouter un dispositif' });
    await expect(form).toBeVisible();
    return new ParticipationFormPage(form);
  }

  async startFinancement(): Promise<LigneFormPage> {
    await this.openTab('Financements');
    await this.financements.getByRole('button', { name: 'Saisir un financement' }).click();
    const form = this.financements.getByRole('form', { name: 'Saisir une ligne de financement' });
    await expect(form).toBeVisible();
    return new LigneFormPage(form);
  }
}

export interface OperationInput {
  /** Label of the type, e.g. « OPAH-RR (revitalisation rurale) ». */
  type: string;
  libelle: string;
  phase: string;
  dateDebut: string;
  dateFin: string;
}

/** The habitat operation form (creation or modification). */
export class OperationFormPage {
  readonly communes: Locator;
  readonly dateDebut: Locator;
  readonly dateFin: Locator;

  constructor(
    private readonly page: Page,
    readonly form: Locator,
  ) {
    this.communes = form.getByRole('group', { name: /^Communes couvertes/ });
    this.dateDebut = form.getByLabel('Date de début', { exact: true });
    this.dateFin = form.getByLabel('Date de fin (prévue ou de clôture)', { exact: true });
  }

  chosenCommunes(): Locator {
    return this.communes.getByRole('list', { name: 'Communes choisies' }).getByRole('listitem');
  }

  /** Searches a commune in the picker and picks it (button « Nom (INSEE) – Département »). */
  async addCommune(nom: string, insee: string): Promise<void> {
    await this.communes.getByRole('searchbox', { name: /^Ajouter une commune/ }).fill(nom);
    await this.communes
      .getByRole('list', { name: 'Communes correspondantes' })
      .getByRole('button', { name: new RegExp(`^${escape(`${nom} (${insee})`)}`) })
      .click();
    await expect(this.chosenCommunes().filter({ hasText: `${nom} (${insee})` })).toHaveCount(1);
  }

  async fill(o: OperationInput): Promise<void> {
    await this.form.getByLabel('Type', { exact: true }).selectOption({ label: o.type });
    await this.form.getByLabel(/^Intitulé/).fill(o.libelle);
    await this.form.getByLabel('Phase', { exact: true }).selectOption({ label: o.phase });
    await this.dateDebut.fill(o.dateDebut);
    await this.dateFin.fill(o.dateFin);
  }

  /** Adds the next year's row and fills its objective; returns the year. */
  async addObjectif(objectif: string): Promise<string> {
    await this.form.getByRole('button', { name: 'Ajouter une année' }).click();
    const year = this.form.getByRole('group', { name: /^Année \d{4}$/ }).last();
    await year.getByLabel('Objectif (logements)').fill(objectif);
    return year.getByLabel('Année', { exact: true }).inputValue();
  }

  async submit(label = 'Enregistrer l’opération'): Promise<void> {
    await this.form.getByRole('button', { name: label }).click();
  }

  /** The id of the operation shown, from the address. */
  operationId(): string {
    const match = /\/operations-habitat\/([0-9a-f-]{36})$/.exec(this.page.url());
    if (!match) throw new Error(`Not an operation page: ${this.page.url()}`);
    return match[1];
  }
}

/** The national list of habitat operations (/operations-habitat). */
export class OperationsHabitatPage {
  readonly filters: Locator;
  readonly results: Locator;
  readonly status: Locator;
  readonly totals: Locator;
  readonly table: Locator;

  constructor(private readonly page: Page) {
    this.filters = page.getByRole('search', { name: 'Filtrer les opérations' });
    this.results = page.getByRole('region', { name: 'Opérations', exact: true });
    const results = this.results;
    this.status = results.getByRole('status');
    this.totals = results.getByRole('list', { name: 'Totaux de la sélection' });
    this.table = results.getByRole('table', { name: 'Opérations d’habitat', exact: true });
  }

  async goto(): Promise<void> {
    await this.page.goto('/operations-habitat');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Opérations d’habitat');
  }

  async filterDepartement(label: string, code: string): Promise<void> {
    await this.filters.getByLabel('Département', { exact: true }).selectOption({ label });
    await expect(this.page).toHaveURL(new RegExp(`[?&]departement=${code}(&|$)`));
    await expect(this.status).toHaveText(/opérations? \(filtrées\)\.$/);
    await expect(this.results).toHaveAttribute('aria-busy', 'false');
  }

  row(libelle: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name: libelle, exact: true }) });
  }
}

/** The national list of financing lines (/financements). */
export class FinancementsPage {
  readonly filters: Locator;
  readonly results: Locator;
  readonly status: Locator;
  readonly table: Locator;
  readonly exports: Locator;

  constructor(private readonly page: Page) {
    this.filters = page.getByRole('search', { name: 'Filtrer les financements' });
    this.results = page.getByRole('region', { name: 'Financements', exact: true });
    this.status = this.results.getByRole('status');
    this.table = this.results.getByRole('table', { name: 'Lignes de financement' });
    this.exports = this.results.getByRole('list', { name: 'Exporter la sélection' });
  }

  async goto(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Financements', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Financements');
    await expect(this.status).toBeVisible();
  }

  async filterStatut(label: string): Promise<void> {
    await this.filters.getByLabel('Statut', { exact: true }).selectOption({ label });
    await expect(this.page).toHaveURL(/[?&]statut=/);
    await expect(this.results).toHaveAttribute('aria-busy', 'false');
  }

  /** The département is a text filter, applied once typing pauses. */
  async filterDepartement(code: string): Promise<void> {
    await this.filters.getByRole('textbox', { name: /^Département/ }).fill(code);
    await expect(this.page).toHaveURL(new RegExp(`[?&]departement=${code}(&|$)`));
    await expect(this.results).toHaveAttribute('aria-busy', 'false');
  }

  async download(format: 'CSV' | 'XLSX'): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exports.getByRole('link', { name: `Exporter en ${format}` }).click()]);
    return download;
  }
}

/** The text of a download. */
export async function downloadText(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8');
}

/** The first bytes of a download. */
export async function downloadBytes(download: Download): Promise<Buffer> {
  return readFile(await download.path());
}

/** The financing line form (a panel in the dossier or the list). */
export class LigneFormPage {
  constructor(readonly form: Locator) {}

  async chooseBeneficiaire(search: string, option: RegExp): Promise<void> {
    await this.form.getByRole('searchbox', { name: /^Rechercher le bénéficiaire/ }).fill(search);
    const select = this.form.getByLabel('Bénéficiaire', { exact: true });
    const choice = select.getByRole('option', { name: option });
    await expect(choice).toHaveCount(1);
    await select.selectOption({ label: (await choice.textContent()) ?? '' });
  }

  async chooseDispositif(option: RegExp): Promise<void> {
    const select = this.form.getByLabel(/^Dispositif/);
    const choice = select.getByRole('option', { name: option });
    await expect(choice).toHaveCount(1);
    await select.selectOption({ label: (await choice.textContent()) ?? '' });
  }

  async fill(values: { projet: string; montant: string; dateDemande: string }): Promise<void> {
    await this.form.getByLabel('Projet financé').fill(values.projet);
    await this.form.getByLabel(/^Montant \(€\)/).fill(values.montant);
    await this.form.getByLabel('Date : demandé', { exact: true }).fill(values.dateDemande);
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  }
}

export interface AttributChoix {
  libelle: string;
  choix: string[];
  obligatoire: boolean;
}

/** The catalogue of thematic schemes (/demarches). */
export class DemarchesPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/demarches');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Dispositifs thématiques');
  }

  demarche(nom: string): Locator {
    return this.page.getByRole('list', { name: 'Dispositifs du catalogue' }).getByRole('region', { name: nom, exact: true });
  }

  /** The ANCT adds a scheme with one list-of-choices attribute. */
  async addDemarche(nom: string, description: string, attribut: AttributChoix): Promise<void> {
    await this.page.getByRole('button', { name: 'Ajouter un dispositif' }).click();
    const form = this.page.getByRole('form', { name: 'Nouveau dispositif' });
    await form.getByLabel('Nom (obligatoire)').fill(nom);
    await form.getByLabel('Description').fill(description);
    await form.getByRole('button', { name: 'Ajouter un attribut' }).click();
    const group = form.getByRole('group', { name: /^Attribut 1/ });
    await group.getByLabel('Libellé', { exact: true }).fill(attribut.libelle);
    await expect(group).toHaveAccessibleName(`Attribut 1 – ${attribut.libelle}`);
    await group.getByLabel('Type', { exact: true }).selectOption({ label: 'Liste de choix' });
    await group.getByLabel(/^Choix possibles/).fill(attribut.choix.join('\n'));
    if (attribut.obligatoire) {
      const checkbox = group.getByRole('checkbox', { name: 'Obligatoire' });
      await checkbox.check({ force: true });
      await expect(checkbox).toBeChecked();
    }
    await form.getByRole('button', { name: 'Enregistrer le dispositif' }).click();
    await expect(form).toBeHidden();
    await expect(this.page.getByText(`Le dispositif « ${nom} » a été ajouté au catalogue.`)).toBeVisible();
  }
}

/** The participation form of the dossier's « Dispositifs thématiques » section. */
export class ParticipationFormPage {
  constructor(readonly form: Locator) {}

  async chooseDemarche(nom: string): Promise<void> {
    await this.form.getByLabel('Dispositif (obligatoire)').selectOption({ label: nom });
    await expect(this.form.getByRole('group', { name: `Caractéristiques – ${nom}` })).toBeVisible();
  }

  attribut(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  }
}
