import { expect, test } from '@playwright/test';
import { HeaderPage } from '../pages/header.page';
import { ProConnectStandInPage } from '../pages/proconnect.page';

test.describe('ProConnect', () => {
  test('un agent de préfecture se connecte avec ProConnect et revient sur la page demandée', async ({ page }) => {
    await page.goto('/communes/23001');
    await expect(page).toHaveURL(/\/connexion/);
    await page.getByRole('button', { name: /identifier avec\s*ProConnect/i }).or(page.getByRole('link', { name: /identifier avec\s*ProConnect/i })).first().click();

    await new ProConnectStandInPage(page).loginAs('prefecture.creuse@demo.test');

    await expect(page).toHaveURL(/\/communes\/23001$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Ahun' })).toBeVisible();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(me).toMatchObject({ email: 'prefecture.creuse@demo.test', authMethod: 'proconnect' });

    // Logging out ends the ProConnect session too, and comes back to the sign-in page.
    await new HeaderPage(page).logout();
    await expect(page).toHaveURL(/\/connexion\?deconnexion=ok/);
    await expect(page.getByText('Vous êtes déconnecté(e) de Suivi PVD et de ProConnect.')).toBeVisible();
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
  });

  test('un agent sans compte est renvoyé vers la connexion avec une explication', async ({ page }) => {
    await page.goto('/connexion');
    await page.getByRole('button', { name: /identifier avec\s*ProConnect/i }).or(page.getByRole('link', { name: /identifier avec\s*ProConnect/i })).first().click();
    await new ProConnectStandInPage(page).loginAs('inconnu@agent.gouv.fr');
    await expect(page).toHaveURL(/\/connexion\?erreur=compte-inconnu/);
    await expect(page.getByRole('alert').or(page.locator('.fr-alert')).first()).toContainText(/compte/i);
  });
});
