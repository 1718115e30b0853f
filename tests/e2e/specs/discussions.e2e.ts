import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConventionPage } from '../pages/convention.page';
import { DiscussionPanel } from '../pages/discussion.page';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';

const CHEF = 'chef.projet@demo.test';
const PREFECTURE = 'prefecture.creuse@demo.test';
const SGAR = 'sgar.nouvelle-aquitaine@demo.test';
const CSRF = { 'X-Requested-With': 'suivi-pvd' };
const PDF = resolve(__dirname, '../fixtures/convention-signee.pdf');

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

interface Summary {
  id: string;
  etat: string;
  version: number;
}

/**
 * A convention of Ahun awaiting the préfecture (déposée or en instruction), prepared through the API
 * as its chef de projet: the one the other journeys left there, or a new one (the convention-cadre
 * if there is none, an avenant otherwise), filled in, with a piece, deposited.
 */
async function conventionAwaitingPrefecture(request: APIRequestContext): Promise<string> {
  const commune = await (await request.get('/api/communes/23001')).json();
  const pvdId: string = commune.pvd.id;
  const dossier = await (await request.get(`/api/pvd/${pvdId}/dossier`)).json();
  const all: Summary[] = [dossier.conventions.cadre, ...dossier.conventions.avenants].filter(Boolean);
  const pending = all.find((c) => c.etat === 'deposee' || c.etat === 'en_instruction');
  if (pending) return pending.id;
  let id = all.find((c) => c.etat === 'brouillon' || c.etat === 'a_completer')?.id;
  if (!id) {
    const created = await request.post(`/api/pvd/${pvdId}/conventions`, { headers: CSRF, data: { type: dossier.conventions.cadre ? 'avenant' : 'cadre' } });
    expect(created.status()).toBe(201);
    id = (await created.json()).id as string;
  }
  const current = await (await request.get(`/api/conventions/${id}`)).json();
  const content =
    current.type === 'avenant'
      ? { objet: 'Ajout d’une action sur les commerces vacants' }
      : { diagnostic: 'Centre-bourg en perte de vitalité.', strategie: 'Reconquérir le centre-bourg par l’habitat et le commerce.' };
  const patched = await request.patch(`/api/conventions/${id}`, {
    headers: CSRF,
    data: {
      version: current.version,
      ...content,
      signataires: [{ nom: 'Marie Dupont', qualite: 'Maire', organisme: 'Commune d’Ahun' }],
      actions: [{ intitule: 'Reconquête des cellules commerciales', thematique: 'commerce', statut: 'a_lancer' }],
    },
  });
  expect(patched.status()).toBe(200);
  if (current.documents.length === 0) {
    const piece = await request.post(`/api/conventions/${id}/documents`, {
      headers: CSRF,
      multipart: { titre: 'Projet de convention', fichier: { name: 'projet.pdf', mimeType: 'application/pdf', buffer: readFileSync(PDF) } },
    });
    expect(piece.status()).toBe(201);
  }
  const deposited = await request.post(`/api/conventions/${id}/depot`, { headers: CSRF, data: { version: (await patched.json()).version } });
  expect(deposited.status()).toBe(200);
  return id;
}

test.describe('Discussions', () => {
  test('la préfecture renvoie une convention en mentionnant le chef de projet, qui est prévenu, répond et la redépose', async ({ page }) => {
    test.setTimeout(120_000);
    const header = new HeaderPage(page);
    const convention = new ConventionPage(page);
    const discussion = new DiscussionPanel(page, 'Discussion sur la convention');

    await signIn(page, CHEF);
    const id = await conventionAwaitingPrefecture(page.request);
    await header.logout();

    // The préfecture opens the convention, takes it into instruction if needed, writes in its thread
    // mentioning the chef de projet (picked among those who see it), and sends it back.
    await signIn(page, PREFECTURE);
    await convention.goto(id);
    if (await convention.workflow.getByRole('button', { name: 'Prendre en instruction', exact: true }).isVisible()) {
      await convention.step('Prendre en instruction');
      await convention.expectState('En instruction');
    }
    await discussion.mention('Camille', 'Camille Martin (Commune d’Ahun)');
    await discussion.write('merci de joindre le plan de financement : voir https://agence-cohesion-territoires.gouv.fr/petites-villes-de-demain-45 <b>avant vendredi</b>.');
    await discussion.send();
    const request = discussion.message(/joindre le plan de financement/);
    await expect(request).toContainText('Dominique Bernard (Préfecture – Creuse (23))');
    await expect(request.getByRole('link', { name: 'https://agence-cohesion-territoires.gouv.fr/petites-villes-de-demain-45' })).toBeVisible();
    // Markup stays text.
    await expect(request).toContainText('<b>avant vendredi</b>');
    // An internal note for the State's services only.
    await discussion.write('Dossier à suivre de près avec le SGAR.');
    await discussion.send({ interne: true });
    await expect(discussion.message('Dossier à suivre de près').getByText('note interne')).toBeVisible();
    await convention.requestComplements('Plan de financement manquant : voir la discussion.');
    await convention.expectState('À compléter');
    await page.screenshot({ path: 'test-results/discussion-prefecture.png', fullPage: true });
    await header.logout();

    // The chef de projet sees the notification of the mention: the unread count in the header, the
    // notification centre, its link to the convention.
    await signIn(page, CHEF);
    const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications\s*[,(]\s*\d+ non lues?\)?$/ }).first();
    await expect(bell).toBeVisible();
    await bell.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    const mention = page
      .getByRole('list', { name: 'Liste des notifications' })
      .getByRole('listitem')
      .filter({ hasText: 'Dominique Bernard vous a mentionné dans une discussion' })
      .first();
    await expect(mention).toContainText('Non lue');
    await mention.getByRole('link', { name: /vous a mentionné dans une discussion/ }).click();
    await expect(page).toHaveURL(new RegExp(`/conventions/${id}$`));

    // And its email, in the development mailbox (the SMTP sink).
    await expect
      .poll(
        async () => {
          const mails = (await (await page.request.get(`/api/dev/emails?to=${encodeURIComponent(CHEF)}`)).json()) as { items: { subject: string; text: string }[] };
          return mails.items.filter((m) => /mentionné/.test(`${m.subject} ${m.text}`)).length;
        },
        { timeout: 30_000, message: 'the email of the mention reaches the chef de projet' },
      )
      .toBeGreaterThan(0);

    // They answer in the thread, do not see the internal note, and deposit again.
    await convention.goto(id);
    await convention.expectState('À compléter');
    await expect(discussion.message(/joindre le plan de financement/)).toBeVisible();
    await expect(discussion.region.getByText('Dossier à suivre de près')).toHaveCount(0);
    await discussion.mention('Dominique', 'Dominique Bernard (Préfecture – Creuse (23))');
    await discussion.write('le plan de financement est joint.');
    await discussion.form.getByLabel(/^Joindre un document/).setInputFiles(PDF);
    await discussion.send();
    const answer = discussion.message(/le plan de financement est joint/);
    await expect(answer).toContainText('Camille Martin (Commune d’Ahun)');
    await expect(answer.getByRole('link', { name: /convention-signee\.pdf/ })).toBeVisible();

    // Corrects their answer within 15 minutes: shown « modifié ».
    await answer.getByRole('button', { name: 'Modifier' }).click();
    await answer.getByLabel(/^Message/).fill('@Dominique Bernard le plan de financement est joint, daté du 1er mars.');
    await answer.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(discussion.message(/daté du 1er mars/).getByText('modifié')).toBeVisible();
    await page.screenshot({ path: 'test-results/discussion-chef.png', fullPage: true });
    // The panel passes axe-core (WCAG 2.1 A and AA): no serious or critical violation.
    const axe = await new AxeBuilder({ page }).include('[data-testid="discussion"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

    await convention.step('Déposer');
    await convention.expectState('Déposée');
    await header.logout();

    // The SGAR reads the internal note; the préfecture sees the answer.
    await signIn(page, SGAR);
    await convention.goto(id);
    await expect(discussion.message('Dossier à suivre de près')).toBeVisible();
  });

  test('une ligne de financement a sa discussion, où son financeur peut être mentionné', async ({ page }) => {
    test.setTimeout(60_000);
    await signIn(page, CHEF);
    const commune = await (await page.request.get('/api/communes/23001')).json();
    const catalogue = await (await page.request.get('/api/financements/dispositifs')).json();
    const pret = catalogue.dispositifs.find((d: { code: string }) => d.code === 'bdt_pret_renouvellement');
    const projet = `Halle couverte ${Date.now()}`;
    const created = await page.request.post('/api/financements/lignes', {
      headers: CSRF,
      data: { dispositifId: pret.id, beneficiaireType: 'commune', beneficiaireCode: '23001', projet, montant: 150_000_00, statut: 'demande', dateDemande: '2026-02-01' },
    });
    expect(created.status()).toBe(201);

    // The dossier's « Financements » tab, opened from its address.
    await page.goto(`/pvd/${commune.pvd.id}?onglet=financements`);
    await page.getByRole('button', { name: `Modifier « ${projet} »` }).click();
    const discussion = new DiscussionPanel(page, 'Discussion sur la ligne');
    // The Banque des Territoires funds the line: its partner sees it, so can be mentioned.
    await discussion.mention('Morgane', 'Morgane Leroy (Banque des Territoires)');
    await discussion.write('le plan de financement est à jour.');
    await discussion.send();
    await expect(discussion.message(/le plan de financement est à jour/)).toContainText('Camille Martin (Commune d’Ahun)');
  });
});
