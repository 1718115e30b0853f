import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';

const CHEF = 'chef.projet@demo.test';
const PREFECTURE = 'prefecture.creuse@demo.test';
const CSRF = { 'X-Requested-With': 'suivi-pvd' };
const PDF = readFileSync(resolve(__dirname, '../fixtures/convention-signee.pdf'));
const SCREENSHOTS = resolve(__dirname, '../../../test-results/notifications');

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

/** axe-core (WCAG 2.1 A and AA): the serious and critical violations of the page. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

async function ok<T>(response: Promise<import('@playwright/test').APIResponse>): Promise<T> {
  const r = await response;
  if (!r.ok()) throw new Error(`${r.url()} answered ${r.status()}: ${await r.text()}`);
  return (await r.json()) as T;
}

/**
 * A complete convention of Ahun, deposited by its chef de projet through the API (the deposit
 * journey in the browser is conventions.e2e.ts): the convention-cadre when Ahun has none yet, else
 * an avenant to its signed convention-cadre (when that journey ran before). Returns its id.
 */
async function depositForAhun(api: APIRequestContext): Promise<string> {
  const commune = await ok<{ pvd: { id: string } }>(api.get('/api/communes/23001'));
  const dossier = await ok<{ conventions: { cadre: { id: string; etat: string } | null } }>(api.get(`/api/pvd/${commune.pvd.id}/dossier`));
  const cadre = dossier.conventions.cadre;
  const type = cadre?.etat === 'signee' ? 'avenant' : 'cadre';
  const created =
    cadre && cadre.etat === 'brouillon'
      ? await ok<{ id: string; version: number }>(api.get(`/api/conventions/${cadre.id}`))
      : await ok<{ id: string; version: number }>(
          api.post(`/api/pvd/${commune.pvd.id}/conventions`, { headers: CSRF, data: type === 'avenant' ? { type, objet: 'Ajout d’une action de mobilité' } : { type } }),
        );
  const content =
    type === 'avenant'
      ? { objet: 'Ajout d’une action de mobilité' }
      : { diagnostic: 'Centre-bourg en perte de vitalité.', strategie: 'Reconquérir le centre-bourg par l’habitat et le commerce.' };
  const filled = await ok<{ version: number }>(
    api.patch(`/api/conventions/${created.id}`, {
      headers: CSRF,
      data: {
        version: created.version,
        ...content,
        signataires: [{ nom: 'Marie Dupont', qualite: 'Maire', organisme: 'Commune d’Ahun' }],
        actions: [{ intitule: 'Navette de centre-bourg', thematique: 'mobilite', porteur: 'Commune', statut: 'a_lancer' }],
      },
    }),
  );
  await ok(api.post(`/api/conventions/${created.id}/documents`, { headers: CSRF, multipart: { titre: 'Projet', fichier: { name: 'projet.pdf', mimeType: 'application/pdf', buffer: PDF } } }));
  const current = await ok<{ version: number }>(api.get(`/api/conventions/${created.id}`));
  expect(current.version).toBeGreaterThanOrEqual(filled.version);
  await ok(api.post(`/api/conventions/${created.id}/depot`, { headers: CSRF, data: { version: current.version } }));
  return created.id;
}

test('un dépôt notifie la préfecture : compteur, centre de notifications, lien, courriel et préférences', async ({ page }) => {
  test.setTimeout(90_000);
  const header = new HeaderPage(page);

  await signIn(page, CHEF);
  const conventionId = await depositForAhun(page.request);
  await header.logout();

  // The préfecture of the Creuse sees the unread count in the header.
  await signIn(page, PREFECTURE);
  const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications \(\d+ non lues?\)$/ }).first();
  await expect(bell).toBeVisible();
  const before = Number(/(\d+) non lue/.exec((await bell.textContent()) ?? '')?.[1] ?? (await bell.innerText()));
  expect(before).toBeGreaterThanOrEqual(1);

  // The centre lists the deposit, unread, with a link to the convention.
  await bell.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Liste des notifications' });
  const item = list.getByRole('listitem').filter({ hasText: 'Convention déposée' }).first();
  await expect(item).toContainText('Non lue');
  await expect(item).toContainText('Ahun');
  await expect(item).toContainText('par Camille Martin');
  await page.screenshot({ path: `${SCREENSHOTS}/centre.png`, fullPage: true });
  expect(await seriousViolations(page), 'centre').toEqual([]);
  await item.getByRole('link', { name: /Convention déposée — .*Ahun/ }).click();
  await expect(page).toHaveURL(new RegExp(`/conventions/${conventionId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Followed: it is read, one fewer in the header.
  await page.goto('/notifications?filtre=non-lues');
  // (Other journeys may have left the préfecture other unread notifications: the count is the total's.)
  const remaining = before - 1;
  await expect(remaining === 0 ? page.getByText('Aucune notification non lue.') : page.getByText(new RegExp(`dont ${remaining} non lues?$`))).toBeVisible();

  // The immediate email (the préfecture's default for a deposit), in the development mailbox.
  const emails = await ok<{ items: { to: string[]; subject: string; text: string }[] }>(page.request.get(`/api/dev/emails?to=${encodeURIComponent(PREFECTURE)}`));
  const email = emails.items.find((e) => e.subject === 'Suivi PVD : Convention déposée' && e.text.includes(`/conventions/${conventionId}`));
  expect(email?.text).toContain('/notifications/preferences');
  expect(email?.text).toContain('/notifications/desabonnement?jeton=');

  // Preferences: deposits in the daily digest instead.
  await page.getByRole('link', { name: 'Préférences de courriel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Préférences de notification' })).toBeVisible();
  const immediate = page.getByRole('radio', { name: 'Convention déposée : Immédiatement' });
  await expect(immediate).toBeChecked();
  // By keyboard: the arrow moves to the next choice of the row's group.
  await immediate.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('status').filter({ hasText: 'Votre choix est enregistré.' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/preferences.png`, fullPage: true });
  expect(await seriousViolations(page), 'préférences').toEqual([]);
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Convention déposée : Résumé quotidien' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Convention déposée : Immédiatement' })).not.toBeChecked();

  // The unsubscribe link of the email opens a public confirmation page.
  const link = /http:\/\/localhost:\d+(\/notifications\/desabonnement\?jeton=\S+)/.exec(email?.text ?? '')?.[1] as string;
  await header.logout();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Se désabonner des courriels' })).toBeVisible();
  await expect(page.getByText(/ne reçoive plus les courriels « Convention déposée »/)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/desabonnement.png`, fullPage: true });
  expect(await seriousViolations(page), 'désabonnement').toEqual([]);
  await page.getByRole('button', { name: 'Confirmer le désabonnement' }).click();
  await expect(page.getByText('C’est fait')).toBeVisible();
});
