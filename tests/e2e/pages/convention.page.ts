import { expect, type Locator, type Page } from '@playwright/test';

export interface Signataire {
  nom: string;
  qualite: string;
  organisme: string;
}

export interface PlanAction {
  intitule: string;
  /** Label of the theme, e.g. "Habitat". */
  thematique: string;
  porteur?: string;
  dateDebut?: string;
  dateFin?: string;
}

/** The page of one convention (/conventions/:id). */
export class ConventionPage {
  readonly heading: Locator;
  readonly workflow: Locator;
  readonly content: Locator;
  readonly documents: Locator;
  readonly timeline: Locator;
  /** The checklist shown beside « Déposer » while something is missing. */
  readonly checklist: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.workflow = page.getByRole('region', { name: 'Étape suivante' });
    this.content = page.getByRole('region', { name: 'Contenu de la convention' });
    this.documents = page.getByRole('region', { name: 'Documents' });
    this.timeline = page.getByRole('region', { name: 'Suivi de la convention' });
    this.checklist = this.workflow.locator('#depot-manquants');
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/conventions/${id}`);
    await expect(this.heading).toBeVisible();
  }

  /** The id of the convention shown, from the address. */
  id(): string {
    const match = /\/conventions\/([0-9a-f-]{36})/.exec(this.page.url());
    if (!match) throw new Error(`Not a convention page: ${this.page.url()}`);
    return match[1];
  }

  async expectState(label: string): Promise<void> {
    await expect(this.workflow.getByText(`État actuel : ${label}`, { exact: true })).toBeVisible();
  }

  async fillText(label: 'Synthèse du diagnostic' | 'Stratégie de revitalisation' | "Objet de l'avenant", text: string): Promise<void> {
    await this.content.getByLabel(label).fill(text);
  }

  signataire(index: number): Locator {
    return this.content.getByRole('group', { name: `Signataire ${index}`, exact: true });
  }

  action(index: number): Locator {
    return this.content.getByRole('group', { name: `Action ${index}`, exact: true });
  }

  async addSignataire(index: number, s: Signataire): Promise<void> {
    await this.content.getByRole('button', { name: 'Ajouter un signataire' }).click();
    const row = this.signataire(index);
    await row.getByLabel(/^Nom/).fill(s.nom);
    await row.getByLabel(/^Qualité/).fill(s.qualite);
    await row.getByLabel(/^Organisme/).fill(s.organisme);
  }

  async addAction(index: number, a: PlanAction): Promise<void> {
    await this.content.getByRole('button', { name: 'Ajouter une action' }).click();
    const row = this.action(index);
    await row.getByLabel(/^Intitulé/).fill(a.intitule);
    await row.getByLabel(/^Thématique/).selectOption({ label: a.thematique });
    if (a.porteur) await row.getByLabel(/^Porteur/).fill(a.porteur);
    if (a.dateDebut) await row.getByLabel(/^Début prévu/).fill(a.dateDebut);
    if (a.dateFin) await row.getByLabel(/^Fin prévue/).fill(a.dateFin);
  }

  async save(): Promise<void> {
    await this.content.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  }

  async expectSaved(): Promise<void> {
    await expect(this.content.getByText('Les modifications de la convention sont enregistrées.')).toBeVisible();
  }

  async addPiece(file: string, titre: string): Promise<void> {
    const form = this.documents.getByRole('form', { name: 'Fichier de la pièce' });
    await form.getByLabel(/^Fichier de la pièce/).setInputFiles(file);
    await form.getByLabel(/^Titre du document/).fill(titre);
    await form.getByRole('button', { name: 'Ajouter la pièce' }).click();
    await expect(this.documents.getByText(`La pièce « ${titre} » a été ajoutée.`)).toBeVisible();
  }

  /** Takes a workflow step that needs no more input (Déposer, Prendre en instruction…). */
  async step(label: string): Promise<void> {
    await this.workflow.getByRole('button', { name: label, exact: true }).click();
  }

  /** The confirmation dialog of a step, by its question (« Valider la convention ? »). */
  confirmation(question: string): Locator {
    return this.page.getByRole('dialog', { name: question });
  }

  /** Takes a step that asks for confirmation first (Valider, Retirer le dépôt), and confirms it. */
  async confirmStep(label: string, question: string, confirmLabel: string): Promise<void> {
    await this.step(label);
    const dialog = this.confirmation(question);
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: confirmLabel, exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** Reopens a validated convention with its reason (préfecture). */
  async reopen(reason: string): Promise<void> {
    await this.step("Rouvrir l'instruction");
    const dialog = this.page.getByRole('dialog', { name: "Rouvrir l'instruction" });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(/^Motif de la réouverture/).fill(reason);
    await dialog.getByRole('button', { name: "Rouvrir l'instruction" }).click();
    await expect(dialog).toBeHidden();
  }

  async requestComplements(message: string): Promise<void> {
    await this.step('Demander des compléments');
    const dialog = this.page.getByRole('dialog', { name: 'Demander des compléments' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(/^Compléments attendus/).fill(message);
    await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
    await expect(dialog).toBeHidden();
  }

  async recordSignature(date: string, file: string): Promise<void> {
    await this.step('Enregistrer la signature');
    const dialog = this.page.getByRole('dialog', { name: 'Enregistrer la signature' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(/^Date de signature/).fill(date);
    await dialog.getByLabel(/^Convention signée/).setInputFiles(file);
    await dialog.getByRole('button', { name: 'Enregistrer la signature' }).click();
    await expect(dialog).toBeHidden();
  }
}
