import { expect, type Locator, type Page } from '@playwright/test';

/** A file given to an upload field without touching the disk. */
export interface InMemoryFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The list of expertise missions (/missions). */
export class MissionsPage {
  readonly heading: Locator;
  readonly filters: Locator;
  readonly results: Locator;
  readonly table: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.filters = page.getByRole('search', { name: 'Filtrer les missions' });
    this.results = page.getByRole('region', { name: 'Missions', exact: true });
    this.table = this.results.getByRole('table');
  }

  async goto(search = ''): Promise<void> {
    await this.page.goto(`/missions${search}`);
    await expect(this.heading).toHaveText('Missions d’expertise');
  }

  async search(text: string): Promise<void> {
    await this.filters.getByLabel(/^Recherche/).fill(text);
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=`));
  }

  row(intitule: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name: intitule, exact: true }) });
  }

  /** The cells of one column of the table, by its header. */
  async columnTexts(header: string): Promise<string[]> {
    const headers = (await this.table.getByRole('columnheader').allTextContents()).map((t) => t.trim());
    const index = headers.indexOf(header);
    if (index < 0) throw new Error(`No column « ${header} » in ${headers.join(', ')}`);
    return (await this.table.locator(`tbody tr td:nth-child(${index + 1})`).allTextContents()).map((t) => t.trim());
  }

  async startNewMission(): Promise<MissionFormPage> {
    await this.page.getByRole('link', { name: 'Saisir une mission' }).click();
    await expect(this.page).toHaveURL(/\/missions\/nouvelle/);
    await expect(this.heading).toHaveText('Saisir une mission d’expertise');
    return new MissionFormPage(this.page);
  }
}

/** The fields of a mission, on its creation page or its own page. */
export class MissionFormPage {
  readonly pvd: Locator;
  readonly financeur: Locator;
  readonly nature: Locator;
  readonly intitule: Locator;
  readonly montantEngage: Locator;
  readonly montantVerse: Locator;
  readonly statut: Locator;

  constructor(private readonly page: Page) {
    this.pvd = page.getByRole('combobox', { name: /^Petite ville de demain/ });
    this.financeur = page.getByLabel(/^Financeur/);
    this.nature = page.getByLabel(/^Nature/);
    this.intitule = page.getByLabel(/^Intitulé/);
    this.montantEngage = page.getByLabel(/^Montant engagé/);
    this.montantVerse = page.getByLabel(/^Montant versé/);
    this.statut = page.getByLabel(/^Statut/);
  }

  /** Types the start of the name in the PVD combobox, then picks the PVD in the list. */
  async choosePvd(search: string, name: string = search): Promise<void> {
    await this.pvd.fill(search);
    const option = this.page.getByRole('option', { name: new RegExp(`^${name} – département`) });
    await expect(option).toBeVisible();
    await option.click();
    await expect(this.pvd).toHaveValue(new RegExp(`^${name} \\(\\d`));
  }

  selectedFinanceur(): Locator {
    return this.financeur.locator('option:checked');
  }

  async save(label: 'Enregistrer la mission' | 'Enregistrer les modifications' = 'Enregistrer la mission'): Promise<void> {
    await this.page.getByRole('button', { name: label, exact: true }).click();
  }
}

/** The page of one mission (/missions/:id). */
export class MissionPage {
  readonly heading: Locator;
  readonly infos: Locator;
  readonly livrables: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.infos = page.getByRole('region', { name: 'Informations de la mission' });
    this.livrables = page.getByRole('region', { name: 'Livrables' });
  }

  /** The id of the mission shown, from the address. */
  id(): string {
    const match = /\/missions\/([0-9a-f-]{36})/.exec(this.page.url());
    if (!match) throw new Error(`Not a mission page: ${this.page.url()}`);
    return match[1];
  }

  async uploadLivrable(file: InMemoryFile, titre: string): Promise<void> {
    const form = this.livrables.getByRole('form', { name: 'Fichier du livrable' });
    await form.getByLabel(/^Fichier du livrable/).setInputFiles(file);
    await form.getByLabel(/^Titre du document/).fill(titre);
    await form.getByRole('button', { name: 'Déposer le livrable' }).click();
    await expect(this.livrables.getByText(`Le livrable « ${titre} » a été déposé.`)).toBeVisible();
  }

  versionLink(numero: number, fileName: string): Locator {
    return this.livrables.getByRole('link', { name: new RegExp(`^Version ${numero}.* – ${fileName.replace(/\./g, '\\.')}$`) });
  }
}

/** The « Missions d’expertise » section of a dossier (/pvd/:id). */
export class DossierMissionsSection {
  readonly region: Locator;

  constructor(page: Page) {
    this.region = page.getByRole('region', { name: 'Missions d’expertise', exact: true });
  }

  missionLink(intitule: string): Locator {
    return this.region.getByRole('link', { name: intitule, exact: true });
  }

  newMissionLink(): Locator {
    return this.region.getByRole('link', { name: 'Saisir une mission' });
  }
}
