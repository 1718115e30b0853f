import { expect, test, type Page } from '@playwright/test';
import { AdministrationPage } from '../pages/administration.page';
import { DossierPage } from '../pages/dossier.page';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';

const PARTENAIRE = 'partenaire@demo.test';
const ADMIN = 'admin@demo.test';
const CSRF = { 'X-Requested-With': 'suivi-pvd' };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** French amounts: narrow no-break spaces between thousands, a no-break space before €. */
const SPACE = '[\\s\\u00a0\\u202f]';

/** A change as shown (« avant → après ») and read (« avant devient après »: the arrow is hidden from screen readers). */
function change(libelle: string, avant: string, apres: string): RegExp {
  const words = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, SPACE);
  return new RegExp(`^${words(libelle)} : ${words(avant)} → +devient ${words(apres)}$`);
}

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

test.describe('Historique et journal en clair', () => {
  test('le dossier et le journal nomment les champs, les communes, les dispositifs et les comptes, sans identifiant', async ({ page }) => {
    test.setTimeout(60_000);
    // The Banque des Territoires records a loan for Ahun, then moves it to Ajain and raises it.
    await signIn(page, PARTENAIRE);
    const catalogue = await (await page.request.get('/api/financements/dispositifs')).json();
    const pret = catalogue.dispositifs.find((d: { code: string }) => d.code === 'bdt_pret_renouvellement');
    const ligne = { dispositifId: pret.id, beneficiaireType: 'commune', beneficiaireCode: '23001', projet: 'Halle du marché', montant: 3_257_535, statut: 'demande', dateDemande: '2024-02-01' };
    const created = await page.request.post('/api/financements/lignes', { headers: CSRF, data: ligne });
    expect(created.status()).toBe(201);
    const id = (await created.json()).id;
    const moved = await page.request.put(`/api/financements/lignes/${id}`, {
      headers: CSRF,
      data: { ...ligne, beneficiaireCode: '23002', montant: 4_000_000, statut: 'engage', dateEngagement: '2024-03-12', version: 1 },
    });
    expect(moved.status()).toBe(200);
    await new HeaderPage(page).logout();

    // Ahun's dossier shows the change in words.
    await signIn(page, 'chef.projet@demo.test');
    const dossier = new DossierPage(page);
    await dossier.openFromCommune('23001', 'Ahun');
    await dossier.openTab('Historique');
    const entry = dossier.history.getByRole('listitem').filter({ hasText: 'Financement « Halle du marché » – Modification' });
    await expect(entry).toContainText('par Morgane Leroy (Banque des Territoires)');
    await expect(entry.getByRole('listitem')).toHaveText([
      change('Bénéficiaire', 'Ahun (23)', 'Ajain (23)'),
      change('Montant', '32 575,35 €', '40 000,00 €'),
      change('Statut', 'Demandé', 'Engagé'),
      change('Date : engagé', '(vide)', '12 mars 2024'),
    ]);
    expect(await dossier.history.innerText()).not.toMatch(UUID);
    await entry.scrollIntoViewIfNeeded();
    await dossier.history.screenshot({ path: 'test-results/historique-dossier.png' });
    await new HeaderPage(page).logout();

    // The administrator's journal names the accounts, the targets and the dossiers.
    await signIn(page, ADMIN);
    const administration = new AdministrationPage(page);
    await administration.goto();
    await administration.openTab('Journal');
    const journal = page.getByRole('table');
    // The change is recorded in each dossier it concerns: Ahun's and Ajain's.
    const rows = journal.getByRole('row').filter({ hasText: 'Financement « Halle du marché »' }).filter({ hasText: 'Modification' });
    await expect(rows.filter({ hasText: 'Dossier : Ajain' })).toHaveCount(1);
    const row = rows.filter({ hasText: 'Dossier : Ahun' });
    await expect(row).toContainText('Morgane Leroy (Banque des Territoires)');
    await row.getByText('Voir le détail').click();
    await expect(row.getByRole('listitem').first()).toHaveText(change('Bénéficiaire', 'Ahun (23)', 'Ajain (23)'));
    const login = journal.getByRole('row').filter({ hasText: 'Connexion' }).first();
    await expect(login).toContainText('Compte Sacha Robert (');
    expect(await journal.innerText()).not.toMatch(UUID);
    await journal.getByRole('row').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/journal.png' });
  });

  test('le journal se parcourt par curseur : entrées plus anciennes, puis plus récentes', async ({ page }) => {
    await signIn(page, ADMIN);
    const administration = new AdministrationPage(page);
    await administration.goto();
    await administration.openTab('Journal');
    const status = page.getByRole('status').filter({ hasText: 'du plus récent au plus ancien' });
    await expect(status).toContainText('les plus récentes');
    const newest = (await page.getByRole('table').getByRole('row').nth(1).textContent()) ?? '';
    // Older entries: the cursor in the address, the page's dates in the status.
    await page.getByRole('link', { name: 'Entrées plus anciennes' }).click();
    await expect(page).toHaveURL(/[?&]avant=\d+/);
    await expect(status).toContainText(/– du .+ au .+, du plus récent au plus ancien/);
    await expect(page.getByRole('link', { name: 'Entrées les plus récentes' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Pages du journal' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/journal-curseur.png' });
    // And back: the newest page again.
    await page.getByRole('link', { name: 'Entrées plus récentes', exact: true }).click();
    await expect(page).toHaveURL(/[?&]apres=\d+/);
    await expect(status).toContainText('les plus récentes');
    await expect(page.getByRole('table').getByRole('row').nth(1)).toHaveText(newest);
  });
});
