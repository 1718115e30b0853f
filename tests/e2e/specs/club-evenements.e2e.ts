import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { ClubEvenementPage } from '../pages/club.page';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';

const CHEF = 'chef.projet@demo.test';
const ELU = 'elu@demo.test';
const ANCT = 'anct@demo.test';
const PREFECTURE = 'prefecture.creuse@demo.test';
const CSRF = { 'X-Requested-With': 'suivi-pvd' };
const SHOTS = '/tmp/club/shots';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  // A context per person (axe-core needs a page of its own context).
  const page = await (await browser.newContext()).newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
  return page;
}

async function ok<T>(response: Promise<import('@playwright/test').APIResponse>): Promise<T> {
  const r = await response;
  if (!r.ok()) throw new Error(`${r.url()} answered ${r.status()}: ${await r.text()}`);
  return (await r.json()) as T;
}

/** axe-core (WCAG 2.1 A and AA): the serious and critical violations of the page. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

/** A fresh atelier with one seat, published by the ANCT through the API, its seat taken by the élu: this spec's own event. */
async function fullEvent(anct: APIRequestContext, elu: APIRequestContext): Promise<{ id: string; titre: string }> {
  const titre = `Atelier in situ : la halle de Guéret (${Date.now().toString(36)})`;
  const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const event = await ok<{ id: string }>(
    anct.post('/api/club/evenements', {
      headers: CSRF,
      data: {
        type: 'atelier_in_situ',
        titre,
        description: 'Visite de la halle rénovée et échanges avec l’équipe municipale.',
        themes: ['commerce'],
        dateDebut: day,
        dateFin: day,
        heureDebut: '14:00',
        heureFin: '17:00',
        departementCode: '23',
        capacite: 1,
        lieu: 'Halle de Guéret',
        intervenants: [{ nom: 'Hélène Garnier', fonction: 'Cheffe de projet PVD, Bourganeuf', pvd: true }],
        supports: [],
        statut: 'publie',
      },
    }),
  );
  expect(await ok<{ statut: string }>(elu.post(`/api/club/evenements/${event.id}/inscription`, { headers: CSRF }))).toEqual({ statut: 'inscrit', position: null });
  return { id: event.id, titre };
}

test('Club : un chef de projet rejoint la liste d’attente d’un atelier complet, puis obtient la place libérée et en est notifié', async ({ browser }) => {
  test.setTimeout(120_000);
  const anct = await signedIn(browser, ANCT);
  const elu = await signedIn(browser, ELU);
  const event = await fullEvent(anct.request, elu.request);

  // The chef de projet finds it in the agenda, filtered on its kind and département.
  const chef = await signedIn(browser, CHEF);
  await new HeaderPage(chef).openNavigation('Club');
  await expect(chef.getByRole('heading', { level: 1, name: 'Agenda du Club' })).toBeVisible();
  await chef.getByLabel('Type').selectOption({ label: 'Atelier in situ' });
  const departement = chef.getByLabel(/^Département/);
  await departement.fill('23');
  await departement.press('Enter');
  await expect(chef).toHaveURL(/type=atelier_in_situ/);
  await expect(chef).toHaveURL(/departement=23/);
  const row = chef.getByRole('row').filter({ hasText: event.titre });
  await expect(row).toContainText('Complet');
  await chef.screenshot({ path: `${SHOTS}/evenements-agenda.png`, fullPage: true });
  expect(await seriousViolations(chef), 'agenda').toEqual([]);
  await row.getByRole('link', { name: event.titre }).click();

  // Full: the chef joins the waiting list, and is told its place.
  const page = new ClubEvenementPage(chef);
  await expect(chef.getByRole('heading', { level: 1, name: event.titre })).toBeVisible();
  await expect(page.inscription).toContainText('Complet');
  await page.button('Rejoindre la liste d’attente').click();
  await expect(page.inscription.getByRole('status')).toContainText('Liste d’attente (1er)');
  await expect(page.inscription).toContainText('le premier sur la liste d’attente');
  await expect(page.button('Quitter la liste d’attente')).toBeVisible();
  await expect(page.inscription.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' })).toHaveAttribute('href', `/api/club/evenements/${event.id}/ics`);
  await chef.screenshot({ path: `${SHOTS}/evenements-liste-attente.png`, fullPage: true });
  expect(await seriousViolations(chef), 'event page').toEqual([]);

  // The élu, who holds the seat, unregisters in the browser.
  const eluPage = new ClubEvenementPage(elu);
  await eluPage.goto(event.id);
  await expect(eluPage.inscription.getByRole('status')).toContainText('Inscrit');
  await eluPage.button('Me désinscrire').click();
  await expect(eluPage.inscription.getByRole('status')).toContainText('Vous êtes désinscrit.');

  // The chef de projet moved up: « Inscrit » on the page, and a notification.
  await page.goto(event.id);
  await expect(page.inscription.getByRole('status')).toContainText('Inscrit');
  await expect(page.inscription).toContainText('Votre place est réservée.');
  await expect(page.button('Me désinscrire')).toBeVisible();
  await chef.screenshot({ path: `${SHOTS}/evenements-inscrit.png`, fullPage: true });
  await chef.goto('/notifications');
  const item = chef.getByRole('list', { name: 'Liste des notifications' }).getByRole('listitem').filter({ hasText: event.titre }).first();
  await expect(item).toContainText('Une place s’est libérée');
  await item.getByRole('link').first().click();
  await expect(chef).toHaveURL(new RegExp(`/club/evenements/${event.id}$`));

  // The organiser sees the registrations, marks attendance, and can export them.
  const organiser = new ClubEvenementPage(anct);
  await organiser.goto(event.id);
  const registrations = anct.getByRole('table', { name: `Inscriptions à « ${event.titre} »` });
  await expect(registrations.getByRole('row')).toHaveCount(3);
  await registrations.locator('label').filter({ hasText: 'Présent : Camille Martin' }).click();
  await expect(registrations.getByRole('checkbox', { name: 'Présent : Camille Martin' })).toBeChecked();
  await expect(anct.getByText(/1 présent marqué/)).toBeVisible();
  const csv = anct.getByRole('list', { name: 'Exporter les inscriptions' }).getByRole('link', { name: 'Exporter en CSV' });
  await expect(csv).toHaveAttribute('href', `/api/club/evenements/${event.id}/inscriptions/export?format=csv`);
  const exported = await anct.request.get(`/api/club/evenements/${event.id}/inscriptions/export?format=csv`);
  expect(exported.ok()).toBe(true);
  expect(await exported.text()).toContain('Camille Martin');
  await anct.screenshot({ path: `${SHOTS}/evenements-organisateur.png`, fullPage: true });
  expect(await seriousViolations(anct), 'organiser').toEqual([]);
  await Promise.all([anct.context().close(), elu.context().close(), chef.context().close()]);
});

test('Club : la préfecture enregistre une réunion de son club départemental', async ({ browser }) => {
  const prefecture = await signedIn(browser, PREFECTURE);
  await prefecture.goto('/club/organisation');
  await expect(prefecture.getByRole('heading', { level: 1, name: 'Mes événements organisés' })).toBeVisible();
  await prefecture.screenshot({ path: `${SHOTS}/evenements-organisation.png`, fullPage: true });
  await prefecture.getByRole('link', { name: 'Enregistrer une réunion du club départemental' }).click();
  await expect(prefecture.getByRole('heading', { level: 1, name: 'Enregistrer une réunion du club départemental' })).toBeVisible();
  await expect(prefecture.getByLabel('Type d’événement')).toHaveValue('club_departemental');
  await expect(prefecture.getByLabel(/^Département/)).toHaveValue('23');
  const titre = `Club PVD de la Creuse (${Date.now().toString(36)})`;
  await prefecture.getByLabel('Titre').fill(titre);
  await prefecture.getByLabel('Date de début').fill('2026-11-20');
  await prefecture.getByLabel('Participants').fill('12');
  // The DSFR draws the box on the label: click it, as people do.
  await prefecture.getByText('Commerce et artisanat', { exact: true }).click();
  await expect(prefecture.getByLabel('Commerce et artisanat')).toBeChecked();
  await prefecture.getByRole('button', { name: 'Ajouter un support (diaporama, compte rendu…)' }).click();
  await prefecture.getByLabel('Titre du support 1').fill('Compte rendu');
  await prefecture.getByLabel('Adresse du support 1').fill('https://www.creuse.gouv.fr/club/cr.pdf');
  await prefecture.screenshot({ path: `${SHOTS}/evenements-formulaire-club.png`, fullPage: true });
  expect(await seriousViolations(prefecture), 'form').toEqual([]);
  await prefecture.getByRole('button', { name: 'Enregistrer la réunion' }).click();
  await expect(prefecture.getByRole('heading', { level: 1, name: titre })).toBeVisible();
  await expect(prefecture.getByText('Club départemental', { exact: true }).first()).toBeVisible();
  await expect(prefecture.getByRole('link', { name: 'Compte rendu' })).toBeVisible();
  await prefecture.screenshot({ path: `${SHOTS}/evenements-club.png`, fullPage: true });
  await prefecture.context().close();
});

test('Club : la saison thématique de démonstration et ses séances, et l’abonnement à son agenda', async ({ browser }) => {
  const chef = await signedIn(browser, CHEF);
  await chef.goto('/club/agenda?type=saison_thematique');
  await chef.getByRole('link', { name: 'Saison « Habiter le centre-bourg »' }).click();
  await expect(chef.getByRole('heading', { level: 2, name: 'Séances' })).toBeVisible();
  await expect(chef.getByRole('link', { name: 'Webinaire : repérer et mobiliser les logements vacants' })).toBeVisible();
  await chef.screenshot({ path: `${SHOTS}/evenements-saison.png`, fullPage: true });
  await chef.goto('/club/agenda');
  await chef.getByRole('button', { name: 'Ajouter mes inscriptions à mon agenda' }).click();
  const address = chef.getByLabel('Adresse de mon agenda');
  await expect(address).toHaveValue(/\/api\/club\/calendrier\/[^/]+\.ics$/);
  const feed = await chef.request.get(new URL(await address.inputValue()).pathname);
  expect(feed.headers()['content-type']).toMatch(/^text\/calendar/);
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  await chef.screenshot({ path: `${SHOTS}/evenements-agenda-abonnement.png`, fullPage: true });
  expect(await seriousViolations(chef), 'agenda').toEqual([]);
  await chef.context().close();
});
