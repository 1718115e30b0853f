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
    await convention.step('Valider');
    await convention.expectState('Validée');
    await convention.recordSignature(todayInParis(), SIGNED_PDF);
    await convention.expectState('Signée');
    await expect(convention.documents).toContainText('Convention signée');

    // The dossier shows the signed convention and the history of the changes.
    await page.getByRole('navigation', { name: /vous êtes ici/i }).getByRole('link', { name: 'Ahun' }).click();
    await expect(dossier.heading).toHaveText('Ahun');
    await expect(dossier.conventionRow('Convention-cadre')).toContainText('Signée');
    await expect(dossier.echeance).toHaveText(/^Signée le /);
    await expect(dossier.history).toContainText('État : Validée');
    await expect(dossier.history).toContainText('Merci de chiffrer le plan d’actions.');
    await dossier.history.getByRole('button', { name: 'Modifications plus anciennes' }).click();
    await expect(dossier.history).toContainText('Synthèse du diagnostic : (vide)');
  });
});
