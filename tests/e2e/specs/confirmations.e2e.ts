import { expect, test, type Page } from '@playwright/test';
import { DossierPage } from '../pages/dossier.page';
import { LoginPage } from '../pages/login.page';
import { FinancementsPage } from '../pages/thematique.page';

const PARTENAIRE = 'partenaire@demo.test';
const PREFECTURE = 'prefecture.creuse@demo.test';

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

/** Today in Paris, yyyy-mm-dd. */
function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

/** Decisions that cannot simply be taken back are confirmed in the same dialog; cancelling changes nothing. */
test.describe('Confirmations des décisions', () => {
  test('le partenaire confirme le nouveau statut d’un financement, et peut renoncer à supprimer une ligne', async ({ page }, testInfo) => {
    const financements = new FinancementsPage(page);
    await signIn(page, PARTENAIRE);
    await financements.goto();
    await financements.filterStatut('Engagé');
    await financements.table.getByRole('button', { name: /^Modifier/ }).first().click();
    const form = page.getByRole('form', { name: 'Modifier la ligne de financement' });
    await expect(form).toBeVisible();
    const projet = await form.getByLabel(/^Projet financé/).inputValue();

    // A new status is the funder's decision: asked first; « Annuler » keeps the form as typed.
    await form.getByLabel(/^Statut/).selectOption({ label: 'Contractualisé' });
    await form.getByLabel(/^Date : contractualisé/).fill(todayInParis());
    const enregistrer = form.getByRole('button', { name: 'Enregistrer', exact: true });
    await enregistrer.click();
    const question = page.getByRole('dialog', { name: 'Passer le financement à « Contractualisé » ?' });
    await expect(question).toBeVisible();
    await expect(question).toContainText(`Le financement « ${projet} » passe de « Engagé » à « Contractualisé »`);
    await page.screenshot({ path: testInfo.outputPath('confirmation-statut.png') });
    await question.getByRole('button', { name: 'Annuler' }).click();
    await expect(question).toBeHidden();
    await expect(enregistrer).toBeFocused();
    await expect(form.getByLabel(/^Statut/)).toHaveValue('contractualise');

    // Confirmed, it is saved and the form closes.
    await enregistrer.click();
    await question.getByRole('button', { name: 'Enregistrer le statut « Contractualisé »' }).click();
    await expect(form).toBeHidden();

    // Deleting a line is asked too; cancelled, the line stays. (Reloaded first: the list no longer moves under the click.)
    await page.reload();
    await expect(financements.results).toHaveAttribute('aria-busy', 'false');
    await financements.table.getByRole('button', { name: /^Modifier/ }).first().click();
    await expect(form).toBeVisible();
    await form.getByRole('button', { name: 'Supprimer' }).click();
    const deletion = page.getByRole('dialog', { name: 'Supprimer la ligne de financement ?' });
    await expect(deletion).toContainText('pour rétablir la ligne, il faudra la saisir à nouveau');
    await page.keyboard.press('Escape');
    await expect(deletion).toBeHidden();
    await expect(form.getByRole('button', { name: 'Supprimer' })).toBeFocused();
    await expect(form).toBeVisible();
  });

  test('la préfecture confirme la décision sur une demande de cofinancement d’un poste', async ({ page }, testInfo) => {
    const dossier = new DossierPage(page);
    await signIn(page, PREFECTURE);
    await dossier.openFromCommune('23030', 'Bourganeuf');
    await dossier.openTab('Poste de chef de projet');
    await page.getByRole('region', { name: 'Poste de chef de projet', exact: true }).getByRole('table').getByRole('link').first().click();
    await expect(page).toHaveURL(/\/postes\/[0-9a-f-]{36}$/);
    const demandes = page.getByRole('region', { name: 'Demandes de cofinancement annuelles' });
    await demandes.getByRole('button', { name: 'Instruire la demande 2025' }).click();
    const form = page.locator('#instruction-form');
    await expect(form.getByRole('heading', { name: 'Instruire la demande 2025' })).toBeVisible();

    // The payments alone would be saved as they are; a new amount granted is a decision, asked first.
    // (The 2025 grant of the demo is paid in full and equals the request: without its payments, a
    // lower amount is plausible.)
    for (let n = await form.getByRole('button', { name: /^Retirer le versement/ }).count(); n > 0; n--) {
      await form.getByRole('button', { name: /^Retirer le versement/ }).first().click();
    }
    await form.getByLabel(/^Montant accordé/).fill('1 234,56');
    const enregistrer = form.getByRole('button', { name: 'Enregistrer la décision' });
    await enregistrer.click();
    const question = page.getByRole('dialog', { name: /^Accorder 1\s234,56\s€ pour 2025 \?$/ });
    await expect(question).toBeVisible();
    await expect(question).toContainText('Le chef de projet verra cette décision dans le poste');
    await page.screenshot({ path: testInfo.outputPath('confirmation-decision.png') });
    await question.getByRole('button', { name: 'Annuler' }).click();
    await expect(question).toBeHidden();
    await expect(enregistrer).toBeFocused();
    // Nothing was recorded: the form is still open, as typed.
    await expect(form.getByLabel(/^Montant accordé/)).toHaveValue('1 234,56');
  });
});
