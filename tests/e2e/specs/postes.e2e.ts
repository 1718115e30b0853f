import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DossierPage } from '../pages/dossier.page';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';
import { ParametresPage } from '../pages/parametres.page';
import { PostePage } from '../pages/poste.page';

const CHEF = 'chef.projet@demo.test';
const ANCT = 'anct@demo.test';
const FIN_ETAT = 'Fin de la participation de l’État / ANCT';

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

test.describe('Poste de chef de projet', () => {
  test('le cofinancement simulé puis enregistré suit les paramètres datés du programme', async ({ page }) => {
    test.setTimeout(120_000);
    const header = new HeaderPage(page);
    const dossier = new DossierPage(page);
    const poste = new PostePage(page);

    // The chef de projet of Ahun records the post from the dossier.
    await signIn(page, CHEF);
    await dossier.openFromCommune('23001', 'Ahun');
    await poste.openNewFromDossier();
    await poste.chooseEmployeur('Ahun (commune)');
    const titulaire = await poste.addTitulaire({ nom: 'Camille Martin', debut: '2024-01-01', quotite: '100' });

    // A departure before the arrival is refused beside the field, by the domain's rules.
    await titulaire.getByLabel('Date de départ').fill('2023-12-31');
    await expect(titulaire).toContainText('La date de départ précède la date d’arrivée.');
    await expect(titulaire.getByLabel('Date de départ')).toHaveAttribute('aria-invalid', 'true');
    await titulaire.getByLabel('Date de départ').fill('');
    await expect(titulaire).not.toContainText('La date de départ précède la date d’arrivée.');

    // The extension is planned from next year (a new value never applies in the past).
    const next = new Date().getFullYear() + 1;
    await poste.addCoutAnnuel(2025, '60000');
    await poste.addCoutAnnuel(2026, '60000');
    await poste.addCoutAnnuel(next, '60 000');
    await poste.checkCofinanceur('État / ANCT');

    // The simulation is computed while typing, before anything is saved: the State pays until 31/03/2026.
    await poste.expectTotals(poste.simulation, { 2025: '45 000,00 €', 2026: '11 095,89 €', [next]: '0,00 €' });

    // Saved: the API computes the same figures.
    await poste.save();
    await expect(page).toHaveURL(/\/postes\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('status').filter({ hasText: 'Le poste est enregistré.' })).toBeVisible();
    const posteId = poste.id();
    await poste.expectTotals(poste.saved, { 2025: '45 000,00 €', 2026: '11 095,89 €', [next]: '0,00 €' });
    await expect(poste.timeline).toContainText('Camille Martin, depuis le 01/01/2024, temps plein');
    await header.logout();

    // The ANCT extends the State's participation by two years, from 1 January next year.
    await signIn(page, ANCT);
    const parametres = new ParametresPage(page);
    await parametres.open();
    await parametres.planNewValue(FIN_ETAT, { valeur: `${next + 1}-12-31`, dateEffet: `${next}-01-01` });
    await header.logout();

    // The post now gets the State's co-financing next year; the past years are unchanged.
    await signIn(page, CHEF);
    await poste.goto(posteId);
    await poste.expectTotals(poste.saved, { 2025: '45 000,00 €', 2026: '11 095,89 €', [next]: '45 000,00 €' });
  });

  test('une décision prise après coup : la prolongation de l’État décidée le 15/06/2026 couvre avril et mai', async ({ page }) => {
    test.setTimeout(120_000);
    const header = new HeaderPage(page);
    const dossier = new DossierPage(page);
    const poste = new PostePage(page);

    // A post of Ahun co-financed by the State, held since 2025: in 2026 the State pays until 31 March.
    await signIn(page, CHEF);
    await dossier.openFromCommune('23001', 'Ahun');
    await poste.openNewFromDossier();
    await poste.chooseEmployeur('Ahun (commune)');
    await poste.addTitulaire({ nom: 'Dominique Petit', debut: '2025-01-01', quotite: '100' });
    await poste.addCoutAnnuel(2026, '60000');
    await poste.checkCofinanceur('État / ANCT');
    await poste.save();
    await expect(page).toHaveURL(/\/postes\/[0-9a-f-]{36}$/);
    const posteId = poste.id();
    await poste.expectTotals(poste.saved, { 2026: '11 095,89 €' });
    await header.logout();

    // The ANCT enters the decision of 15 June 2026 extending the State's participation from 1 April.
    await signIn(page, ANCT);
    const parametres = new ParametresPage(page);
    await parametres.open();
    const section = await parametres.fillNewValue(FIN_ETAT, { valeur: '2026-12-31', dateEffet: '2026-04-01', decideLe: '2026-06-15' });
    const notice = section.getByRole('heading', { name: 'Valeur rétroactive' });
    await expect(notice).toBeVisible();
    await expect(section).toContainText('Décidée le 15/06/2026, elle s’applique depuis le 01/04/2026, avant sa décision.');
    await expect(section).toContainText(/Le cofinancement des postes de chef de projet sera recalculé pour 2026( et les années suivantes)? ;/);
    // Without the decision's reference, the value is refused beside the field.
    await section.getByRole('button', { name: 'Enregistrer la nouvelle valeur' }).click();
    const reference = section.getByLabel('Référence de la décision');
    await expect(reference).toHaveAttribute('aria-invalid', 'true');
    await expect(section).toContainText('Une valeur rétroactive (qui s’applique avant le jour de sa décision) exige la référence de la décision.');
    await reference.fill('Circulaire ANCT du 15 juin 2026');
    await expect(reference).not.toHaveAttribute('aria-invalid', 'true');
    // The form and its warning meet WCAG 2.1 A and AA (axe-core: no serious or critical violation).
    const axe = await new AxeBuilder({ page }).include(`#${await section.getAttribute('id')}`).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: 'test-results/screenshots/parametre-retroactif-formulaire.png' });
    await section.getByRole('button', { name: 'Enregistrer la nouvelle valeur' }).click();
    await expect(parametres.status(FIN_ETAT)).toContainText('Nouvelle valeur enregistrée : 31/12/2026 à partir du 01/04/2026. Valeur rétroactive, décidée le 15/06/2026');
    const row = parametres.valueRow(FIN_ETAT, '2026-04-01');
    await expect(row).toContainText('le 15/06/2026');
    await expect(row).toContainText('Rétroactive');
    await expect(row).toContainText('Réf. : Circulaire ANCT du 15 juin 2026');
    await expect(parametres.valueRow(FIN_ETAT, '2020-10-01')).toContainText('du 01/10/2020 au 31/03/2026');
    await section.screenshot({ path: 'test-results/screenshots/parametre-retroactif-historique.png' });
    await header.logout();

    // The post earns April to December 2026; its dossier's history tells why (written by a background job).
    await signIn(page, CHEF);
    await poste.goto(posteId);
    await poste.expectTotals(poste.saved, { 2026: '45 000,00 €' });
    await dossier.openFromCommune('23001', 'Ahun');
    await dossier.openTab('Historique');
    await expect(async () => {
      // The open tab is in the address: a reload opens it again.
      await page.reload();
      await expect(dossier.history).toContainText(
        'Poste « Chef de projet Petites villes de demain » – Paramètre modifié : fin de la participation de l’État / ANCT prolongée au 31/12/2026 (à compter du 01/04/2026, décision du 15/06/2026, réf. Circulaire ANCT du 15 juin 2026) : subvention 2026 recalculée de 11 095,89 € à 45 000,00 €',
        { timeout: 2_000 },
      );
    }).toPass({ timeout: 30_000 });
    await dossier.history.scrollIntoViewIfNeeded();
    await dossier.history.screenshot({ path: 'test-results/screenshots/historique-poste-recalcule.png' });
  });
});
