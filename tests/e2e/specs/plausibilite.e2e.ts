import { expect, test, type Page } from '@playwright/test';
import { DossierPage } from '../pages/dossier.page';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';
import { DossierThematiquePage } from '../pages/thematique.page';

const CHEF = 'chef.projet@demo.test';
const PREFECTURE = 'prefecture.creuse@demo.test';
const CSRF = { 'X-Requested-With': 'suivi-pvd' };
const SHOTS = process.env.E2E_SCREENSHOTS;

/** A suffix unique to each test run (the database is shared by the specs of a run, and by repeats). */
const unique = () => `${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 100)}`;

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

test.describe('Plausibilité des montants', () => {
  test('la demande annuelle au-delà du calcul demande un motif ; l’accord au-delà de la demande et la décision avant elle sont refusés', async ({ page }) => {
    test.setTimeout(90_000);
    const header = new HeaderPage(page);
    await signIn(page, CHEF);
    // A post of Ahun (the demo has none): 33,000 € computed for 2025 (75 % of 55,000 € from 15 March).
    const commune = await (await page.request.get('/api/communes/23001')).json();
    const created = await page.request.post(`/api/pvd/${commune.pvd.id}/postes`, {
      headers: CSRF,
      data: {
        intitule: `Cheffe de projet ${unique()}`,
        employeurType: 'commune',
        employeurCode: '23001',
        titulaires: [{ nom: 'Camille Martin', debut: '2025-03-15', quotite: 100 }],
        coutsAnnuels: [{ annee: 2025, cout: 5_500_000 }],
        cofinanceurs: [{ financeur: 'etat' }],
        operationHabitat: null,
      },
    });
    expect(created.status()).toBe(201);
    const posteId = (await created.json()).id as string;
    await page.goto(`/postes/${posteId}`);

    const demandes = page.getByRole('region', { name: 'Demandes de cofinancement annuelles' });
    await demandes.getByRole('button', { name: 'Déposer une demande' }).click();
    const form = page.getByRole('form', { name: 'Déposer une demande de cofinancement' });
    await form.getByLabel('Année', { exact: true }).selectOption('2025');
    const montant = form.getByLabel(/^Montant demandé/);
    await expect(montant).toHaveValue('33 000');
    await form.getByLabel('Date de la demande').fill('2025-01-20');

    // 50,000,000 €: refused while typing, beyond the yearly cap.
    await montant.fill('50 000 000');
    await expect(montant).toHaveAttribute('aria-invalid', 'true');
    await expect(form).toContainText('dépasse le plafond annuel du programme pour un poste');
    // 40,000 €: unusual, the reason is asked.
    await montant.fill('40 000');
    await expect(montant).not.toHaveAttribute('aria-invalid', 'true');
    await expect(form).toContainText('dépasse le cofinancement calculé pour 2025');
    const motif = form.getByLabel(/^Motif du dépassement/);
    if (SHOTS) await form.screenshot({ path: `${SHOTS}/demande-motif.png` });
    await form.getByRole('button', { name: 'Déposer la demande' }).click();
    await expect(motif).toHaveAttribute('aria-invalid', 'true');
    await motif.fill('Revalorisation indiciaire du 1er janvier, pas encore saisie dans les coûts');
    await form.getByRole('button', { name: 'Déposer la demande' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'La demande de cofinancement 2025 est déposée.' })).toBeVisible();
    await expect(demandes.getByRole('table')).toContainText('Motif du dépassement : Revalorisation indiciaire du 1er janvier');
    await header.logout();

    // The préfecture may not grant more than asked, nor decide before the request.
    await signIn(page, PREFECTURE);
    await page.goto(`/postes/${posteId}`);
    await demandes.getByRole('button', { name: 'Instruire la demande 2025' }).click();
    const instruction = page.getByRole('form', { name: 'Instruire la demande 2025' });
    const accorde = instruction.getByLabel(/^Montant accordé/);
    await accorde.fill('80 000');
    await expect(accorde).toHaveAttribute('aria-invalid', 'true');
    await expect(instruction).toContainText(/Le montant accordé \(80\s000,00\s€\) dépasse le montant demandé \(40\s000,00\s€\) de 40\s000,00\s€\./);
    const decision = instruction.getByLabel('Date de la décision');
    await decision.fill('2025-01-19');
    await expect(decision).toHaveAttribute('aria-invalid', 'true');
    await expect(instruction).toContainText('La décision ne peut pas précéder la demande, déposée le 20/01/2025.');
    if (SHOTS) await instruction.screenshot({ path: `${SHOTS}/instruction-refus.png` });
    await accorde.fill('33 000');
    await decision.fill('2025-03-10');
    await instruction.getByRole('button', { name: 'Enregistrer la décision' }).click();
    // A decision is confirmed first (one dialog for every decision).
    await page.getByRole('dialog', { name: /^Accorder 33\s000,00\s€ pour 2025 \?$/ }).getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'La décision et les versements de la demande 2025 sont enregistrés.' })).toBeVisible();
  });

  test('les engagements d’une opération d’habitat sont bornés par la population couverte', async ({ page }) => {
    const dossier = new DossierPage(page);
    const thematique = new DossierThematiquePage(page);
    await signIn(page, CHEF);
    await dossier.openFromCommune('23001', 'Ahun');
    const form = await thematique.startOperation();
    await form.fill({ type: 'OPAH-RU (renouvellement urbain)', libelle: `OPAH-RU du centre d’Ahun ${unique()}`, phase: 'Opérationnelle (suivi-animation)', dateDebut: '2025-01-01', dateFin: '2029-12-31' });
    const anah = form.form.getByLabel(/^Engagement de l’Anah/);

    await anah.fill('30 000 000');
    await expect(anah).toHaveAttribute('aria-invalid', 'true');
    await expect(form.form).toContainText(/Engagement de l’Anah invraisemblable pour une opération OPAH-RU couvrant 1\s394 habitants/);
    await anah.fill('3 000 000');
    await expect(anah).not.toHaveAttribute('aria-invalid', 'true');
    await expect(form.form).toContainText('Engagement de l’Anah inhabituel');
    if (SHOTS) await form.form.screenshot({ path: `${SHOTS}/operation-motif.png` });
    await form.submit();
    const motif = form.form.getByLabel(/^Motif du dépassement/);
    await expect(motif).toHaveAttribute('aria-invalid', 'true');
    await motif.fill('Acquisition-amélioration de trois îlots dégradés par la commune');
    await form.submit();
    await expect(page).toHaveURL(/\/operations-habitat\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('definition').filter({ hasText: 'Acquisition-amélioration de trois îlots dégradés par la commune' })).toBeVisible();
  });

  test('le montant d’une ligne de financement est borné par son dispositif', async ({ page }) => {
    const dossier = new DossierPage(page);
    const thematique = new DossierThematiquePage(page);
    await signIn(page, CHEF);
    await dossier.openFromCommune('23001', 'Ahun');
    const form = await thematique.startFinancement();
    await form.chooseBeneficiaire('Ahun', /^Ahun \(commune, 23001/);
    await form.chooseDispositif(/^DSIL – /);
    const projet = `Reconstruction des halles ${unique()}`;
    await form.fill({ projet, montant: '60 000 000', dateDemande: '2025-04-15' });
    const montant = form.form.getByLabel(/^Montant \(€\)/);
    await expect(montant).toHaveAttribute('aria-invalid', 'true');
    await expect(form.form).toContainText('Montant invraisemblable pour DSIL');
    await montant.fill('6 000 000');
    await expect(form.form).toContainText('Montant inhabituel pour DSIL');
    await form.form.getByLabel(/^Motif du dépassement/).fill('Reconstruction complète après incendie');
    if (SHOTS) await form.form.screenshot({ path: `${SHOTS}/ligne-motif.png` });
    await form.submit();
    await expect(form.form).toBeHidden();
    const row = thematique.financements.getByRole('table', { name: 'Financements de la petite ville de demain' }).getByRole('row').filter({ hasText: projet });
    await expect(row).toContainText(/6\s000\s000,00\s€/);
  });
});
