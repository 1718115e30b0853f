import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { DossierPage } from '../pages/dossier.page';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';
import { DossierMissionsSection, MissionFormPage, MissionPage, MissionsPage, type InMemoryFile } from '../pages/missions.page';

const PARTNER = 'partenaire@demo.test';
const CHEF = 'chef.projet@demo.test';
const FUNDER = 'Banque des Territoires';

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

/** A tiny but well-formed PDF (one blank page, with its cross-reference table). */
function tinyPdf(name: string): InMemoryFile {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body, 'latin1') };
}

test.describe('Missions d’expertise', () => {
  test('le partenaire saisit une mission pour Ahun ; le chef de projet la retrouve dans son dossier avec son livrable', async ({ page }) => {
    test.setTimeout(90_000);
    const header = new HeaderPage(page);
    const missions = new MissionsPage(page);
    const form = new MissionFormPage(page);
    const mission = new MissionPage(page);
    // Unique, so that a retry on the same database finds its own mission.
    const intitule = `Manager de commerce du centre-bourg ${Date.now().toString(36)}`;
    const livrable = tinyPdf('diagnostic-commerce.pdf');

    // The partner reads and enters missions; of the dossiers, it reaches those it funds something in (dossier-partenaire.e2e.ts).
    await signIn(page, PARTNER);
    await expect(header.navigation.getByRole('link', { name: 'Missions d’expertise', exact: true })).toBeVisible();
    await expect(header.navigation.getByRole('link', { name: 'Dossiers PVD' })).toBeVisible();
    await header.openNavigation('Missions d’expertise');
    await expect(missions.heading).toHaveText('Missions d’expertise');

    // A mission for Ahun: its own funder is preselected.
    await missions.startNewMission();
    await form.choosePvd('Ahun');
    await expect(form.selectedFinanceur()).toHaveText(FUNDER);
    await form.nature.selectOption({ label: 'Mesure d’urgence commerce' });
    await form.intitule.fill(intitule);
    await form.montantEngage.fill('12 500,50');
    await form.montantVerse.fill('15 000');
    await form.save();

    // More paid than engaged: refused beside the field, the input stays.
    await expect(form.montantVerse).toHaveAccessibleDescription(/Le montant versé dépasse le montant engagé\./);
    await expect(form.montantVerse).toBeFocused();
    await expect(page).toHaveURL(/\/missions\/nouvelle$/);
    await form.montantVerse.fill('5 000');
    await form.save();

    await expect(page).toHaveURL(/\/missions\/[0-9a-f-]{36}$/);
    await expect(mission.heading).toHaveText(intitule);
    await expect(page.getByText('La mission est enregistrée.')).toBeVisible();
    await expect(form.montantEngage).toHaveValue('12 500,50');
    await expect(form.montantVerse).toHaveValue('5 000');

    // Its deliverable, a PDF.
    await mission.uploadLivrable(livrable, 'Diagnostic commercial');
    await expect(mission.versionLink(1, livrable.name)).toBeVisible();

    // The partner's list holds its mission, and only the missions its organisation funds.
    await missions.goto();
    await expect(missions.results.getByRole('status')).toHaveText(/^\d[\d\s\u202f]* missions?/);
    expect(new Set(await missions.columnTexts('Financeur'))).toEqual(new Set([FUNDER]));
    await missions.search(intitule);
    await expect(missions.row(intitule)).toContainText('Ahun');
    await expect(missions.row(intitule)).toContainText('12 500,50');
    // Every page, through the API the list reads: all its missions are the Banque des Territoires'.
    const { financeurs } = (await (await page.request.get('/api/financeurs')).json()) as { financeurs: { id: string; nom: string }[] };
    const funderId = financeurs.find((f) => f.nom === FUNDER)?.id ?? '';
    const all = (await (await page.request.get('/api/missions?pageSize=1')).json()) as { total: number };
    const funded = (await (await page.request.get(`/api/missions?pageSize=1&financeurId=${funderId}`)).json()) as { total: number };
    expect(all.total).toBeGreaterThan(0);
    expect(funded.total).toBe(all.total);
    await header.logout();

    // The chef de projet of Ahun finds it in the dossier, and downloads the deliverable.
    await signIn(page, CHEF);
    const dossier = new DossierPage(page);
    await dossier.openFromCommune('23001', 'Ahun');
    await dossier.openTab('Missions d’expertise');
    const section = new DossierMissionsSection(page);
    await expect(section.missionLink(intitule)).toBeVisible();
    await expect(section.newMissionLink()).toHaveAttribute('href', /\/missions\/nouvelle\?pvd=[0-9a-f-]{36}$/);
    await section.missionLink(intitule).click();
    await expect(mission.heading).toHaveText(intitule);
    await expect(mission.livrables.getByRole('heading', { name: 'Diagnostic commercial' })).toBeVisible();
    const downloading = page.waitForEvent('download');
    await mission.versionLink(1, livrable.name).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(livrable.name);
    const content = await readFile(await download.path());
    expect(content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
