import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { LoginPage } from '../pages/login.page';
import { PilotagePage } from '../pages/pilotage.page';
import { RapportPage, RapportsPage } from '../pages/rapport.page';

const ANCT = 'anct@demo.test';
const SHOTS = process.env.RAPPORT_SHOTS_DIR ?? 'test-results/rapport';

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

/** Spaces as the PDF's text gives them (non-breaking and narrow ones become plain spaces, runs collapse). */
const normalise = (text: string) => text.replace(/[\u00a0\u202f\s]+/g, ' ').trim();

test.describe('Point d’avancement', () => {
  test('l’ANCT génère le Point d’avancement en PDF : son texte donne les chiffres du tableau de bord', async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, ANCT);

    // The dashboard's headline figures.
    const dashboard = new PilotagePage(page);
    await dashboard.goto('?section=programme');
    const p1 = normalise(await dashboard.card('P1').locator('.fr-h3').innerText());
    expect(p1).toMatch(/^\d[\d ]* communes?$/);
    await dashboard.goto('?section=thematique');
    const t1 = normalise(await dashboard.card('T1').locator('.fr-h3').innerText());
    expect(t1).toMatch(/€$/);

    // The print-ready page: same figures, every part and chart drawn.
    await dashboard.goto();
    await page.getByRole('link', { name: /Point d’avancement imprimable/ }).click();
    const rapport = new RapportPage(page);
    await expect(rapport.root).toHaveAttribute('data-rapport-pret', 'true', { timeout: 90_000 });
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Le point d’avancement');
    await expect(page.getByRole('heading', { level: 2 })).toHaveText([/Le programme/, /soutien en ingénierie/, /appui thématique/, /Club/]);
    expect(normalise(await rapport.valeur('P1').innerText())).toBe(p1);
    expect(normalise(await rapport.valeur('T1').innerText())).toBe(t1);
    await expect(rapport.imprimer).toBeVisible();

    // Generated on the server, followed on the list, downloaded.
    await rapport.generer.click();
    await expect(page).toHaveURL(/\/tableau-de-bord\/rapports$/);
    const list = new RapportsPage(page);
    await expect(list.heading).toHaveText('Points d’avancement en PDF');
    await expect(list.first).toContainText('France entière');
    await expect(list.first).toContainText('Prêt', { timeout: 180_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), list.first.getByRole('link', { name: /Télécharger le PDF/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^point-avancement-france-\d{4}-\d{2}-\d{2}\.pdf$/);
    mkdirSync(SHOTS, { recursive: true });
    const file = `${SHOTS}/point-avancement.pdf`;
    await download.saveAs(file);

    const text = normalise(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
    expect(text).toContain('LE POINT D’AVANCEMENT');
    expect(text).toContain('France entière');
    expect(text).toContain(p1);
    expect(text).toContain(t1);
    expect(text).toContain('Source :');
    // Pages to look at.
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '4', file, `${SHOTS}/page`]);

    // The ANCT publishes it.
    await list.first.getByRole('button', { name: 'Publier' }).click();
    const confirmation = page.getByRole('dialog', { name: 'Publier ce point d’avancement ?' });
    await expect(confirmation).toContainText('Une publication ne peut pas être retirée.');
    await confirmation.getByRole('button', { name: 'Publier le rapport' }).click();
    await expect(list.first).toContainText('Publié le');
  });
});
