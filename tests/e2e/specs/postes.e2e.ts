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
});
