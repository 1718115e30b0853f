import { expect, test } from '@playwright/test';
import { AdministrationPage } from '../pages/administration.page';
import { HeaderPage } from '../pages/header.page';
import { InvitationPage } from '../pages/invitation.page';
import { InvitePage } from '../pages/invite.page';
import { LoginPage } from '../pages/login.page';

test.describe('Comptes', () => {
  test("l'administrateur invite un chef de projet, qui active son compte et se reconnecte", async ({ page }) => {
    const email = `lou.garnier.${Date.now()}@exemple.test`;
    const displayName = 'Lou Garnier';
    const password = 'une phrase de passe solide';
    const header = new HeaderPage(page);

    // The administrator invites a chef de projet for Ajain (Creuse).
    const login = new LoginPage(page);
    await login.goto();
    await login.login('admin@demo.test');
    const administration = new AdministrationPage(page);
    await administration.goto();
    await expect(page).toHaveTitle('Comptes – Administration – Suivi PVD');

    const invite = new InvitePage(page);
    await invite.open();
    // An empty submission flags the fields; each message goes as soon as its field is corrected.
    await invite.form.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await expect(invite.form.getByText("Saisissez l'adresse électronique de la personne.")).toBeVisible();
    await expect(invite.form.getByText('Saisissez le prénom et le nom de la personne.')).toBeVisible();
    await invite.form.getByLabel('Adresse électronique').fill(email);
    await expect(invite.form.getByText("Saisissez l'adresse électronique de la personne.")).toHaveCount(0);
    await expect(invite.form.getByText('Saisissez le prénom et le nom de la personne.')).toBeVisible();
    await invite.inviteToCommune({
      email,
      displayName,
      commune: { search: 'Ajain', choice: 'Ajain (23002)' },
      role: 'Chef de projet PVD',
    });
    await expect(invite.successAlert()).toContainText(`Invitation envoyée à ${email}`);

    // The new account is listed, waiting for its invitation to be accepted.
    await administration.goto();
    await expect(administration.accountRow(email)).toContainText('Invitation en attente');
    await expect(administration.accountRow(email)).toContainText('Commune d’Ajain');

    // The invitation email, read in the development mailbox.
    await administration.openTab('Courriels de développement');
    const message = administration.email(email, 'Invitation à rejoindre Suivi PVD');
    await expect(message).toBeVisible();
    const link = await administration.linkIn(message, '/invitation');
    await header.logout();

    // The invited person chooses a password and is signed in.
    const invitation = new InvitationPage(page);
    await invitation.open(link);
    await invitation.choosePassword(password);
    await expect(header.accountButton).toContainText(displayName);
    await expect(page).not.toHaveURL(/\/invitation/);
    await header.openAccountMenu();
    await expect(page.getByRole('banner').getByText('Chef de projet PVD – Commune d’Ajain').first()).toBeVisible();

    // The link only works once.
    await header.logout();
    await invitation.open(link);
    await invitation.choosePassword(password);
    await expect(page.getByRole('alert')).toContainText("Cette invitation n'est plus valable");

    // And the new password opens a session.
    await login.goto();
    await login.login(email, password);
    await expect(header.accountButton).toContainText(displayName);
  });
});
