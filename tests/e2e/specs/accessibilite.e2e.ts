import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LoginPage } from '../pages/login.page';
import { PilotagePage } from '../pages/pilotage.page';

/** axe-core (WCAG 2.1 A and AA rules) on the pilotage pages: no serious or critical violation. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

test.describe('Accessibilité du pilotage (axe-core)', () => {
  test('le tableau de bord, la liste derrière un chiffre et le rapport n’ont aucune violation grave', async ({ page }) => {
    test.setTimeout(120_000);
    await new LoginPage(page).goto();
    await new LoginPage(page).login('anct@demo.test');
    const dashboard = new PilotagePage(page);
    for (const section of ['programme', 'ingenierie', 'thematique', 'club']) {
      await dashboard.goto(`?section=${section}&date=2024-01-01`);
      await expect(dashboard.heading).toHaveText('Tableau de bord – France entière');
      await expect(page.locator('[data-indicateur]').first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page), `section ${section}`).toEqual([]);
    }
    await page.goto('/tableau-de-bord/indicateurs/P1?date=2024-01-01&ventilation=departement&cle=23');
    await expect(page.getByRole('table').first()).toBeVisible();
    expect(await seriousViolations(page), 'liste').toEqual([]);
    await page.goto('/tableau-de-bord/rapport?date=2024-01-01');
    await expect(page.locator('[data-rapport-pret="true"]')).toBeAttached({ timeout: 60_000 });
    expect(await seriousViolations(page), 'rapport').toEqual([]);
  });
});
