import { expect, type Locator, type Page } from '@playwright/test';

export interface NewValue {
  /** The value as typed: « 80 » (%), « 45000 » (€), « 24 » (mois), or a day `YYYY-MM-DD` for an end date. */
  valeur?: string;
  /** For an end of participation: « Sans date de fin ». */
  sansFin?: boolean;
  /** `YYYY-MM-DD`, from the programme's start on; a past day makes the value retroactive. */
  dateEffet: string;
  /** `YYYY-MM-DD`, today or earlier; the form's default (today) when absent. */
  decideLe?: string;
  /** The decision's reference, required for a value applying before today. */
  reference?: string;
}

/** "2027-01-01" -> "01/01/2027", as the page writes days. */
export function frenchDay(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The programme parameters page (/administration/parametres), for the ANCT. */
export class ParametresPage {
  readonly heading: Locator;
  readonly financeurs: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Paramètres du programme' });
    this.financeurs = page.getByRole('region', { name: 'Financeurs des missions d’expertise', exact: true });
  }

  async open(): Promise<void> {
    await this.page.goto('/administration/parametres');
    await expect(this.heading).toBeVisible();
    await expect(this.page.getByRole('region').first()).toBeVisible();
  }

  /** The section of a parameter, named by its libellé (e.g. « Fin de la participation de l’État / ANCT »). */
  section(libelle: string): Locator {
    return this.page.getByRole('region', { name: libelle, exact: true });
  }

  /** « En vigueur : 31/03/2026 » in the section of a parameter. */
  enVigueur(libelle: string): Locator {
    return this.section(libelle).getByText(/^En vigueur : /);
  }

  /** The row of the dated value starting on `dateEffet` (`YYYY-MM-DD`) in the history of a parameter (its first day has its own element). */
  valueRow(libelle: string, dateEffet: string): Locator {
    return this.section(libelle)
      .getByRole('row')
      .filter({ has: this.page.locator('td:first-child').getByText(frenchDay(dateEffet), { exact: true }) });
  }

  /** The success message of the section (role=status): « Nouvelle valeur enregistrée : … à partir du … ». */
  status(libelle: string): Locator {
    return this.section(libelle).getByRole('status');
  }

  /** Opens the form of a parameter and fills it, without submitting it. */
  async fillNewValue(libelle: string, value: NewValue): Promise<Locator> {
    const section = this.section(libelle);
    await section.getByRole('button', { name: 'Saisir une nouvelle valeur' }).click();
    if (value.sansFin !== undefined) {
      // The DSFR checkbox input sits under its label: click through it.
      const sansFin = section.getByRole('checkbox', { name: 'Sans date de fin', exact: true });
      await sansFin.setChecked(value.sansFin, { force: true });
    }
    // The labels also hold a hint (kept out of the accessible name): match them by their start.
    if (value.valeur !== undefined) await section.getByLabel('Nouvelle valeur').fill(value.valeur);
    await section.getByLabel('Date d’effet').fill(value.dateEffet);
    if (value.decideLe !== undefined) await section.getByLabel('Date de la décision').fill(value.decideLe);
    if (value.reference !== undefined) await section.getByLabel('Référence de la décision').fill(value.reference);
    return section;
  }

  /** Opens the form of a parameter, fills it and submits it, without checking the outcome. */
  async submitNewValue(libelle: string, value: NewValue): Promise<Locator> {
    const section = await this.fillNewValue(libelle, value);
    await section.getByRole('button', { name: 'Enregistrer la nouvelle valeur' }).click();
    return section;
  }

  /** Plans a new value of a parameter from a date and waits for the confirmation. */
  async planNewValue(libelle: string, value: NewValue): Promise<void> {
    await this.submitNewValue(libelle, value);
    await expect(this.status(libelle)).toContainText(`Nouvelle valeur enregistrée : `);
    await expect(this.status(libelle)).toContainText(`à partir du ${frenchDay(value.dateEffet)}`);
    // « À venir », or « En vigueur » for a value from today.
    await expect(this.valueRow(libelle, value.dateEffet)).toBeVisible();
  }

  /** Cancels the value to come starting on `dateEffet` (`YYYY-MM-DD`), confirming it. */
  async cancelValue(libelle: string, dateEffet: string): Promise<void> {
    await this.valueRow(libelle, dateEffet).getByRole('button', { name: 'Annuler', exact: true }).click();
    await this.section(libelle).getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await expect(this.status(libelle)).toContainText(`Valeur prévue à partir du ${frenchDay(dateEffet)} annulée`);
    await expect(this.valueRow(libelle, dateEffet)).toHaveCount(0);
  }

  /** The row of a funder in the funders' table. */
  financeurRow(nom: string): Locator {
    return this.financeurs.getByRole('row').filter({ has: this.page.getByRole('cell', { name: nom, exact: true }) });
  }
}
