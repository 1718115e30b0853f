import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';

const CHEF = 'chef.projet@demo.test';
const ANCT = 'anct@demo.test';
const CSRF = { 'X-Requested-With': 'suivi-pvd' };
const SHOTS = '/tmp/club/shots';
const PDF = resolve(__dirname, '../fixtures/convention-signee.pdf');
/** Written by the chef de projet in Ahun's dossier thread: never on a public page. */
const PRIVATE_MESSAGE = `Message privé du dossier (e2e public ${Date.now()})`;

async function expectAccessible(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

test.describe('Pages publiques', () => {
  test('un visiteur sans compte lit les chiffres du programme, la page d’Ahun et les données ouvertes, et rien de privé', async ({ page }) => {
    test.setTimeout(120_000);
    mkdirSync(SHOTS, { recursive: true });

    // Signed in, the chef de projet leaves private things in Ahun's dossier: a message in its thread,
    // a convention-cadre deposited with its signatories and a piece (the discussions journey leaves
    // one deposited; alone, this journey deposits it).
    const login = new LoginPage(page);
    await login.goto();
    await login.login(CHEF);
    const commune = await (await page.request.get('/api/communes/23001')).json();
    const pvdId: string = commune.pvd.id;
    let dossier = await (await page.request.get(`/api/pvd/${pvdId}/dossier`)).json();
    if (!dossier.conventions.cadre) {
      // No convention-cadre yet (this journey alone): one is written, with a piece, and deposited.
      const created = await page.request.post(`/api/pvd/${pvdId}/conventions`, { headers: CSRF, data: { type: 'cadre' } });
      expect(created.status()).toBe(201);
      const id = (await created.json()).id as string;
      const current = await (await page.request.get(`/api/conventions/${id}`)).json();
      const patched = await page.request.patch(`/api/conventions/${id}`, {
        headers: CSRF,
        data: {
          version: current.version,
          diagnostic: 'Centre-bourg en perte de vitalité.',
          strategie: 'Reconquérir le centre-bourg par l’habitat et le commerce.',
          signataires: [{ nom: 'Marie Dupont', qualite: 'Maire', organisme: 'Commune d’Ahun' }],
          actions: [{ intitule: 'Reconquête des cellules commerciales', thematique: 'commerce', statut: 'a_lancer' }],
        },
      });
      expect(patched.status()).toBe(200);
      const piece = await page.request.post(`/api/conventions/${id}/documents`, {
        headers: CSRF,
        multipart: { titre: 'Projet de convention', fichier: { name: 'projet.pdf', mimeType: 'application/pdf', buffer: readFileSync(PDF) } },
      });
      expect(piece.status()).toBe(201);
      const deposited = await page.request.post(`/api/conventions/${id}/depot`, { headers: CSRF, data: { version: (await patched.json()).version } });
      expect(deposited.status()).toBe(200);
      dossier = await (await page.request.get(`/api/pvd/${pvdId}/dossier`)).json();
    }
    const cadre: { etat: string; dateSignature: string | null } = dossier.conventions.cadre;
    const posted = await page.request.post(`/api/discussions/dossier/${pvdId}/messages`, { headers: CSRF, data: { texte: PRIVATE_MESSAGE, mentions: [] } });
    expect(posted.status()).toBe(201);
    await new HeaderPage(page).logout();

    // The national page: the public figures, the map and its table.
    await page.goto('/programme');
    await expect(page.getByRole('heading', { level: 1, name: 'Le programme Petites villes de demain en chiffres' })).toBeVisible();
    await expect(page).toHaveTitle('Le programme Petites villes de demain en chiffres – Suivi PVD');
    await expect(page.getByRole('banner').getByRole('link', { name: 'Se connecter' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Communes bénéficiaires' })).toBeVisible();
    await expect(page.locator('map-chart')).toBeVisible();
    const table = page.getByRole('table', { name: /par département/ });
    await expect(table).toBeVisible();
    await expect(table.getByRole('button', { name: 'Creuse (23)' })).toBeVisible();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SHOTS}/public-programme.png`, fullPage: true });
    await expectAccessible(page);

    // The département's PVD, then Ahun's page.
    await table.getByRole('button', { name: 'Creuse (23)' }).click();
    const list = page.getByRole('region', { name: 'Les Petites villes de demain de Creuse (23)' });
    await list.getByRole('link', { name: 'Ahun', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ahun' })).toBeVisible();
    await expect(page).toHaveTitle('Ahun – Petites villes de demain – Suivi PVD');
    const main = page.getByRole('main');
    await expect(main.getByText('(code INSEE 23001)')).toBeVisible();
    await expect(main.getByText('Creuse (23)').first()).toBeVisible();
    const signee = cadre?.etat === 'signee';
    await expect(main.getByText(signee ? 'Signée' : 'En préparation', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Les chiffres clés' })).toBeVisible();
    // Its published project sheets, never its draft.
    const fiches = page.getByRole('region', { name: 'Fiches-projets' });
    await expect(fiches.getByRole('link', { name: 'Réouverture de la halle marchande' })).toBeVisible();
    await expect(fiches.getByText('Rénovation des façades du centre-bourg')).toHaveCount(0);
    // Nothing unpublished: no workflow state of an unsigned convention, no message, no person, no document.
    const text = await main.innerText();
    expect(text).not.toContain('Rénovation des façades du centre-bourg');
    expect(text).not.toContain(PRIVATE_MESSAGE);
    for (const secret of ['Déposée', 'En instruction', 'À compléter', 'Validée', 'Marie Dupont', 'Camille Martin', 'Projet de convention', '€']) expect(text).not.toContain(secret);
    const api = await (await page.request.get(`/api/public/pvd/${encodeURIComponent(page.url().split('/').pop() as string)}`)).text();
    expect(api).not.toContain(PRIVATE_MESSAGE);
    expect(api).not.toContain('deposee');
    await page.screenshot({ path: `${SHOTS}/public-pvd-ahun.png`, fullPage: true });
    await expectAccessible(page);

    // Shared links get a preview written by the server (robots run no script).
    const html = await (await page.request.get(new URL(page.url()).pathname)).text();
    expect(html).toContain('<meta property="og:title" content="Ahun – Petites villes de demain – Suivi PVD" />');
    expect(html).toContain('<meta name="twitter:card" content="summary" />');

    // An unknown or malformed address.
    await page.goto('/programme/pvd/pvd-inconnue-404');
    await expect(page.getByRole('heading', { level: 1, name: 'Page non trouvée' })).toBeVisible();
    await page.goto('/programme/pvd/%3Cscript%3E');
    await expect(page.getByRole('heading', { level: 1, name: 'Page non trouvée' })).toBeVisible();

    // Open data: the page, then the CSV.
    await page.goto('/donnees');
    await expect(page.getByRole('heading', { level: 1, name: 'Données ouvertes' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Date de signature de la convention-cadre (AAAA-MM-JJ), vide tant qu’elle n’est pas signée.' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/public-donnees.png`, fullPage: true });
    await expectAccessible(page);
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Liste des PVD en CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^petites-villes-de-demain-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    const [header, ...rows] = csv.split('\r\n');
    expect(header).toBe(
      'id_pvd,nom,communes_insee,epci_siren,epci_nom,departement_code,region_code,date_entree,date_signature_convention_adhesion,statut_convention_cadre,date_signature_convention_cadre,ort_en_vigueur,date_signature_ort,date_extraction',
    );
    expect(rows.find((r) => r.includes(',23001,'))).toContain(signee ? ',signee,' : ',en_preparation,,');
    expect(csv).not.toContain(PRIVATE_MESSAGE);
  });

  test('l’ANCT choisit les chiffres publics, que la page nationale montre aussitôt', async ({ page }) => {
    test.setTimeout(90_000);
    const login = new LoginPage(page);
    await login.goto();
    await login.login(ANCT);
    await page.goto('/administration/parametres');
    const section = page.getByRole('region', { name: 'Chiffres publics', exact: true });
    await expect(section.getByRole('checkbox', { name: 'P1 – Communes bénéficiaires' })).toBeChecked();
    const microFolies = section.getByRole('checkbox', { name: 'T14 – Micro-Folies' });
    await expect(microFolies).not.toBeChecked();
    const save = section.getByRole('button', { name: 'Enregistrer les chiffres publics' });
    await expect(save).toBeDisabled();
    await microFolies.check({ force: true });
    await save.click();
    await expect(section.getByText('Chiffres publics enregistrés.')).toBeVisible();
    await section.screenshot({ path: `${SHOTS}/public-chiffres-publics.png` });
    await expectAccessible(page);

    await page.goto('/programme');
    await expect(page.getByRole('heading', { name: 'Micro-Folies' })).toBeVisible();

    // Back as it was, for the other journeys.
    await page.goto('/administration/parametres');
    await page.getByRole('region', { name: 'Chiffres publics', exact: true }).getByRole('checkbox', { name: 'T14 – Micro-Folies' }).uncheck({ force: true });
    await page.getByRole('region', { name: 'Chiffres publics', exact: true }).getByRole('button', { name: 'Enregistrer les chiffres publics' }).click();
    await expect(page.getByText('Chiffres publics enregistrés.')).toBeVisible();
  });
});
