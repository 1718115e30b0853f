import { expect, test, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { ConventionPage } from '../pages/convention.page';
import { DossierPage } from '../pages/dossier.page';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';

const CHEF = 'chef.projet@demo.test';
const PREFECTURE = 'prefecture.creuse@demo.test';
const SIGNED_PDF = resolve(__dirname, '../fixtures/convention-signee.pdf');

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

/** Today in Paris, yyyy-mm-dd (a signature cannot be dated in the future). */
function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

test.describe('Dossier et conventions', () => {
  // One journey in two steps: the avenant of the second needs the convention-cadre signed in the first.
  test.describe.configure({ mode: 'serial' });

  test('la convention-cadre d’Ahun, de sa création à sa signature', async ({ page }) => {
    test.setTimeout(90_000);
    const header = new HeaderPage(page);
    const dossier = new DossierPage(page);
    const convention = new ConventionPage(page);

    // The chef de projet opens the dossier of Ahun, which has no convention-cadre yet.
    await signIn(page, CHEF);
    await dossier.openFromCommune('23001', 'Ahun');
    await expect(dossier.echeance).toBeVisible();
    await dossier.createConvention('Créer la convention-cadre');
    await expect(convention.heading).toHaveText('Convention-cadre');
    await convention.expectState('Brouillon');
    const conventionId = convention.id();

    // Fills it in; a plan action that ends before it starts is refused beside the field.
    await convention.fillText('Synthèse du diagnostic', 'Centre-bourg en perte de vitalité, vacance commerciale de 18 %.');
    await convention.fillText('Stratégie de revitalisation', 'Reconquérir le centre-bourg par l’habitat et le commerce.');
    await convention.addSignataire(1, { nom: 'Marie Dupont', qualite: 'Maire', organisme: "Commune d'Ahun" });
    await convention.addAction(1, { intitule: 'Réhabilitation de la halle', thematique: 'Commerce et artisanat', porteur: 'Commune', dateDebut: '2027-01-01', dateFin: '2027-12-31' });
    await convention.addAction(2, { intitule: 'Opération façades', thematique: 'Habitat', dateDebut: '2027-06-01', dateFin: '2027-01-31' });
    await convention.save();
    await expect(convention.action(2)).toContainText('La fin prévue ne peut pas précéder le début prévu.');
    await convention.action(2).getByLabel(/^Fin prévue/).fill('2028-06-30');
    await convention.save();
    await convention.expectSaved();

    // Two tabs edit the same draft: the second save is refused, naming who changed it.
    const other = await page.context().newPage();
    const otherConvention = new ConventionPage(other);
    await otherConvention.goto(conventionId);
    await otherConvention.fillText('Stratégie de revitalisation', 'Version de l’autre onglet.');
    await convention.fillText('Stratégie de revitalisation', 'Reconquérir le centre-bourg par l’habitat, le commerce et les mobilités.');
    await convention.save();
    await convention.expectSaved();
    await otherConvention.save();
    const conflict = other.getByRole('alert').filter({ hasText: 'Modifié entre-temps' });
    await expect(conflict).toContainText('Camille Martin');
    await expect(otherConvention.content.getByLabel('Stratégie de revitalisation')).toHaveValue('Version de l’autre onglet.');
    await conflict.getByRole('button', { name: 'Recharger' }).click();
    await expect(otherConvention.content.getByLabel('Stratégie de revitalisation')).toHaveValue(/les mobilités/);
    await other.close();

    // A piece, then the deposit.
    await convention.addPiece(SIGNED_PDF, 'Diagnostic territorial');
    await expect(convention.documents.getByRole('link', { name: /Version 1.*convention-signee\.pdf/ })).toBeVisible();
    await convention.step('Déposer');
    await convention.expectState('Déposée');
    await header.logout();

    // The préfecture takes it from its work list and asks for more.
    await signIn(page, PREFECTURE);
    await page.goto('/a-traiter?q=Ahun');
    await page.getByRole('link', { name: 'Convention-cadre', exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/conventions/${conventionId}$`));
    await convention.step('Prendre en instruction');
    await convention.expectState('En instruction');
    await convention.requestComplements('Merci de chiffrer le plan d’actions.');
    await convention.expectState('À compléter');
    await header.logout();

    // The chef de projet reads the message, completes and deposits again.
    await signIn(page, CHEF);
    await convention.goto(conventionId);
    await expect(convention.timeline).toContainText('Dominique Bernard');
    await expect(convention.timeline).toContainText('a demandé des compléments');
    await expect(convention.timeline).toContainText('« Merci de chiffrer le plan d’actions. »');
    await convention.action(1).getByLabel(/^Porteur/).fill('Commune (budget : 450 000 €)');
    await convention.save();
    await convention.expectSaved();
    await convention.step('Déposer');
    await convention.expectState('Déposée');
    await header.logout();

    // The préfecture validates and records the signature with the signed PDF.
    await signIn(page, PREFECTURE);
    await convention.goto(conventionId);
    await convention.step('Prendre en instruction');
    await convention.expectState('En instruction');
    await convention.confirmStep('Valider', 'Valider la convention ?', 'Valider la convention');
    await convention.expectState('Validée');
    await convention.recordSignature(todayInParis(), SIGNED_PDF);
    await convention.expectState('Signée');
    await expect(convention.documents).toContainText('Convention signée');

    // The dossier shows the signed convention and the history of the changes.
    await page.getByRole('navigation', { name: /vous êtes ici/i }).getByRole('link', { name: 'Ahun' }).click();
    await expect(dossier.heading).toHaveText('Ahun');
    await expect(dossier.conventionRow('Convention-cadre')).toContainText('Signée');
    await expect(dossier.echeance).toHaveText(/^Signée le /);
    await dossier.openTab('Historique');
    await expect(dossier.history).toContainText('État : Validée');
    await expect(dossier.history).toContainText('Merci de chiffrer le plan d’actions.');
    await dossier.history.getByRole('button', { name: 'Modifications plus anciennes' }).click();
    await expect(dossier.history).toContainText('Synthèse du diagnostic : (vide)');
  });

  test('un avenant à la convention-cadre d’Ahun : les pièces manquantes, le dépôt, une validation confirmée puis rouverte avec son motif', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const header = new HeaderPage(page);
    const dossier = new DossierPage(page);
    const convention = new ConventionPage(page);
    const reason = 'Validée par erreur : la délibération du conseil municipal n’est pas jointe.';

    // The chef de projet creates an avenant to the signed convention-cadre: the checklist says what is missing, and « Déposer » waits for it.
    await signIn(page, CHEF);
    await dossier.openFromCommune('23001', 'Ahun');
    await dossier.createAvenant('Ajout de l’opération façades au plan d’actions');
    await expect(convention.heading).toHaveText(/^Avenant n° \d+ à la convention-cadre$/);
    await convention.expectState('Brouillon');
    const conventionId = convention.id();
    await expect(convention.checklist).toContainText('Ajoutez au moins un signataire.');
    await expect(convention.checklist).toContainText('Joignez au moins un document (le projet de convention).');
    const deposer = convention.workflow.getByRole('button', { name: 'Déposer', exact: true });
    await expect(deposer).toBeDisabled();

    // Completes it item by item: the checklist shrinks, then disappears.
    await convention.addSignataire(1, { nom: 'Marie Dupont', qualite: 'Maire', organisme: "Commune d'Ahun" });
    await convention.save();
    await convention.expectSaved();
    await expect(convention.checklist).not.toContainText('Ajoutez au moins un signataire.');
    await expect(convention.checklist).toContainText('Joignez au moins un document');
    await convention.addPiece(SIGNED_PDF, "Projet d'avenant");
    await expect(convention.checklist).toHaveCount(0);
    await expect(deposer).toBeEnabled();
    await convention.step('Déposer');
    await convention.expectState('Déposée');
    await header.logout();

    // The préfecture takes it, and is asked to confirm the validation; cancelling changes nothing.
    await signIn(page, PREFECTURE);
    await convention.goto(conventionId);
    await convention.step('Prendre en instruction');
    await convention.expectState('En instruction');
    const valider = convention.workflow.getByRole('button', { name: 'Valider', exact: true });
    await valider.focus();
    await page.keyboard.press('Enter');
    const question = convention.confirmation('Valider la convention ?');
    await expect(question).toBeVisible();
    await expect(question).toContainText('La validation ne pourra être annulée que par une réouverture motivée, avant la signature.');
    await page.screenshot({ path: testInfo.outputPath('confirmation-validation.png') });
    await page.keyboard.press('Escape');
    await expect(question).toBeHidden();
    await expect(valider).toBeFocused();
    await convention.expectState('En instruction');

    // Confirmed, it is validated.
    await convention.confirmStep('Valider', 'Valider la convention ?', 'Valider la convention');
    await convention.expectState('Validée');
    await expect(convention.workflow.getByText('La convention est validée : il reste à enregistrer sa signature.')).toBeVisible();

    // It was a mistake: the préfecture reopens it; the reason is required.
    await convention.step("Rouvrir l'instruction");
    const reopen = page.getByRole('dialog', { name: "Rouvrir l'instruction" });
    await expect(reopen).toBeVisible();
    await reopen.getByRole('button', { name: "Rouvrir l'instruction" }).click();
    await expect(reopen).toContainText('Indiquez le motif de la réouverture.');
    await reopen.getByLabel(/^Motif de la réouverture/).fill(reason);
    await page.screenshot({ path: testInfo.outputPath('reouverture.png') });
    await reopen.getByRole('button', { name: "Rouvrir l'instruction" }).click();
    await expect(reopen).toBeHidden();
    await convention.expectState('En instruction');

    // The timeline tells both, in words, with the reason.
    await expect(convention.timeline).toContainText('a validé la convention');
    await expect(convention.timeline).toContainText(`a annulé la validation et rouvert l’instruction`);
    await expect(convention.timeline).toContainText(`motif : « ${reason} »`);
    const steps = convention.timeline.getByRole('listitem');
    await expect(steps.nth(-2)).toContainText('En instruction → Validée');
    await expect(steps.last()).toContainText('Validée → En instruction');
    await convention.timeline.scrollIntoViewIfNeeded();
    await convention.timeline.screenshot({ path: testInfo.outputPath('suivi.png') });
    // The chef de projet reads the same.
    await header.logout();
    await signIn(page, CHEF);
    await convention.goto(conventionId);
    await expect(convention.timeline).toContainText(`motif : « ${reason} »`);
    await convention.expectState('En instruction');
  });
});
