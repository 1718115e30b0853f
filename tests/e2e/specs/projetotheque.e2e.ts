import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { LoginPage } from '../pages/login.page';

const CHEF = 'chef.projet@demo.test';
const ANCT = 'anct@demo.test';
const CSRF = { 'X-Requested-With': 'suivi-pvd' };
/** A 1×1 PNG, written out here. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const SHOTS = '/tmp/club/shots';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
  return page;
}

async function expectNoSeriousAxeViolation(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

test.describe('projetothèque', () => {
  test('a chef writes a sheet, the ANCT asks for changes then publishes it, a visitor finds it without signing in', async ({ browser }) => {
    test.setTimeout(120_000);
    const titre = `Une navette vers la gare ${Date.now().toString(36)}`;
    const comment = 'Précisez la fréquence de la navette.';

    // The chef de projet writes the sheet, previews it, adds a photo and submits it.
    const chef = await signedIn(browser, CHEF);
    await chef.goto('/projetotheque/fiches');
    await expect(chef.getByRole('heading', { level: 1, name: 'Mes fiches-projets' })).toBeVisible();
    await chef.getByRole('link', { name: 'Nouvelle fiche-projet' }).click();
    await expect(chef.getByRole('heading', { level: 1, name: 'Nouvelle fiche-projet' })).toBeVisible();
    await chef.getByLabel('Titre du projet').fill(titre);
    await chef.getByText('Mobilités', { exact: true }).click();
    await chef.getByLabel('Résumé du projet').fill('Une navette électrique relie le centre-bourg à la gare, à chaque train du matin et du soir.');
    await chef.getByLabel('Résultats').fill('Quarante voyageurs par jour.');
    await chef.getByLabel('Budget total (€)').fill('85 000');
    await chef.getByRole('button', { name: 'Ajouter un financement' }).click();
    await chef.getByLabel('Financeur 1').fill('Région Nouvelle-Aquitaine');
    await chef.getByLabel('Montant 1 (€)').fill('30 000');
    await chef.getByLabel('Organisation').fill('Mairie d’Ahun');
    await chef.getByLabel('Adresse électronique du service').fill('mobilite@mairie-ahun.demo.test');
    await chef.getByRole('tab', { name: 'Aperçu' }).click();
    await expect(chef.getByRole('heading', { level: 2, name: titre })).toBeVisible();
    await expect(chef.getByText('Région Nouvelle-Aquitaine')).toBeVisible();
    await chef.screenshot({ path: `${SHOTS}/fiches-apercu.png`, fullPage: true });
    await chef.getByRole('tab', { name: 'Rédaction' }).click();
    await chef.getByRole('button', { name: 'Créer le brouillon' }).click();
    await expect(chef.getByText('Brouillon créé')).toBeVisible();
    await chef.locator('#photo-fichier').setInputFiles({ name: 'navette.png', mimeType: 'image/png', buffer: PNG });
    await chef.getByLabel('Texte alternatif (obligatoire)').fill('La navette électrique devant la gare');
    await chef.getByRole('button', { name: 'Ajouter la photo' }).click();
    await expect(chef.getByRole('img', { name: 'La navette électrique devant la gare' })).toBeVisible();
    await chef.screenshot({ path: `${SHOTS}/fiches-editeur.png`, fullPage: true });
    await chef.getByRole('link', { name: 'Annuler' }).click();
    // The sheet's own page (the editor's heading holds the title too): its id from its address.
    await expect(chef).toHaveURL(/\/projetotheque\/fiches\/[0-9a-f-]{36}$/);
    await expect(chef.getByRole('heading', { level: 1, name: new RegExp(titre) })).toBeVisible();
    const ficheId = /\/projetotheque\/fiches\/([0-9a-f-]{36})$/.exec(chef.url())?.[1] as string;
    await chef.getByRole('button', { name: 'Soumettre à la revue' }).click();
    await expect(chef.getByRole('heading', { level: 1, name: new RegExp(titre) })).toContainText('En revue');

    // The ANCT asks for changes, with a comment.
    const anct = await signedIn(browser, ANCT);
    await anct.goto('/projetotheque/revue');
    await expect(anct.getByRole('heading', { level: 1, name: 'Fiches-projets à relire' })).toBeVisible();
    await anct.screenshot({ path: `${SHOTS}/fiches-revue.png`, fullPage: true });
    await anct.getByRole('link', { name: titre }).click();
    await anct.getByRole('button', { name: 'Demander des modifications' }).click();
    await anct.getByLabel('Ce qu’il faut modifier').fill(comment);
    await anct.getByRole('button', { name: 'Renvoyer au chef de projet' }).click();
    await expect(anct.getByRole('heading', { level: 1, name: new RegExp(titre) })).toContainText('À modifier');

    // The chef reads the comment, fixes the sheet and submits it again.
    await chef.reload();
    await expect(chef.getByText(comment)).toBeVisible();
    await chef.screenshot({ path: `${SHOTS}/fiches-a-modifier.png`, fullPage: true });
    await chef.getByRole('link', { name: 'Modifier', exact: true }).click();
    await chef.getByLabel('Résultats').fill('Quarante voyageurs par jour ; une navette toutes les 30 minutes aux heures de pointe.');
    await chef.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(chef.getByText('Fiche enregistrée.')).toBeVisible();
    await chef.getByRole('button', { name: 'Soumettre à la revue' }).click();
    await expect(chef.getByRole('heading', { level: 1, name: new RegExp(titre) })).toContainText('En revue');

    // The ANCT publishes it.
    await anct.reload();
    await anct.getByRole('button', { name: 'Publier' }).click();
    await expect(anct.getByRole('heading', { level: 1, name: new RegExp(titre) })).toContainText('Publiée');

    // A visitor without an account finds it by theme and reads it: never the review.
    const visitor = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
    await visitor.goto('/projetotheque');
    await expect(visitor.getByRole('heading', { level: 1, name: 'Projetothèque' })).toBeVisible();
    await expect(visitor.getByRole('link', { name: 'Se connecter' }).first()).toBeVisible();
    await visitor.getByLabel('Thème', { exact: true }).selectOption('mobilite');
    await expect(visitor).toHaveURL(/theme=mobilite/);
    await expect(visitor.getByRole('link', { name: titre })).toBeVisible();
    await expectNoSeriousAxeViolation(visitor);
    await visitor.screenshot({ path: `${SHOTS}/fiches-recherche.png`, fullPage: true });
    await visitor.getByRole('link', { name: titre }).click();
    await expect(visitor.getByRole('heading', { level: 1, name: titre })).toBeVisible();
    await expect(visitor).toHaveTitle(new RegExp(titre));
    await expect(visitor.getByText('une navette toutes les 30 minutes')).toBeVisible();
    await expect(visitor.getByRole('img', { name: 'La navette électrique devant la gare' })).toBeVisible();
    await expect(visitor.getByRole('link', { name: 'Ahun', exact: true })).toHaveAttribute('href', /^\/programme\/pvd\//);
    await expect(visitor.getByText(comment)).toHaveCount(0);
    await expect(visitor.getByText(CHEF)).toHaveCount(0);
    await expectNoSeriousAxeViolation(visitor);
    await visitor.screenshot({ path: `${SHOTS}/fiches-page-publique.png`, fullPage: true });
    // The page served to a visitor carries the sheet's title for social previews.
    const html = await (await visitor.request.get(`/projetotheque/${ficheId}`)).text();
    expect(html).toContain(`<meta property="og:title" content="${titre}`);

    // A draft opened anonymously does not exist.
    const draft = await chef.request.post('/api/fiches', {
      headers: CSRF,
      data: { pvdId: (await (await chef.request.get(`/api/fiches/${ficheId}`)).json()).pvdId, titre: 'Brouillon secret', themes: ['habitat'] },
    });
    expect(draft.status()).toBe(201);
    const draftId = (await draft.json()).id as string;
    await visitor.goto(`/projetotheque/${draftId}`);
    await expect(visitor.getByRole('heading', { level: 1, name: 'Page non trouvée' })).toBeVisible();
    await expect(visitor.getByText('Brouillon secret')).toHaveCount(0);
    expect((await visitor.request.get(`/api/public/fiches/${draftId}`)).status()).toBe(404);
    await visitor.screenshot({ path: `${SHOTS}/fiches-brouillon-anonyme.png`, fullPage: true });
  });
});
