import { expect, test, type Page } from '@playwright/test';
import { DossierPage } from '../pages/dossier.page';
import { HeaderPage } from '../pages/header.page';
import { LoginPage } from '../pages/login.page';
import {
  columnTexts,
  DemarchesPage,
  DossierThematiquePage,
  downloadBytes,
  downloadText,
  FinancementsPage,
  OperationsHabitatPage,
  tileValue,
} from '../pages/thematique.page';

const CHEF = 'chef.projet@demo.test';
const PREFECTURE = 'prefecture.creuse@demo.test';
const ANCT = 'anct@demo.test';

/** A suffix unique to each test run (the database is shared by the specs of a run, and by repeats). */
const unique = () => `${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 100)}`;

async function signIn(page: Page, email: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(email);
}

/** The cells of a « ; » CSV line (quoted cells may hold « ; » or doubled quotes). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

test.describe('Appui thématique', () => {
  test('une opération d’habitat saisie une fois apparaît sur chaque dossier couvert', async ({ page }) => {
    const header = new HeaderPage(page);
    const dossier = new DossierPage(page);
    const thematique = new DossierThematiquePage(page);
    const libelle = `OPAH-RR Creuse Sud Ouest ${unique()}`;

    // The chef de projet of Ahun enters it from the dossier, over Ahun and two communes of its EPCI.
    await signIn(page, CHEF);
    await dossier.openFromCommune('23001', 'Ahun');
    const form = await thematique.startOperation();
    await expect(form.chosenCommunes()).toHaveText([/^Ahun \(23001\)/]);
    await expect(form.form.getByLabel('SIREN de l’EPCI')).toHaveValue('200067189');
    await form.addCommune('Bourganeuf', '23030');
    await form.addCommune('Saint-Dizier-Masbaraud', '23189');
    await form.fill({ type: 'OPAH-RR (revitalisation rurale)', libelle, phase: 'Opérationnelle (suivi-animation)', dateDebut: '2025-03-01', dateFin: '2025-02-28' });
    const annee = await form.addObjectif('40');

    // An end before the start is refused beside the field.
    await form.submit();
    await expect(form.dateFin).toHaveAttribute('aria-invalid', 'true');
    await expect(form.dateFin).toHaveAccessibleDescription(/La date de fin précède la date de début\./);
    await expect(page).toHaveURL(/\/operations-habitat\/nouvelle/);
    await form.dateFin.fill('2030-02-28');
    await form.submit();

    // The operation page.
    await expect(page).toHaveURL(/\/operations-habitat\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(libelle);
    await expect(page.getByText('L’opération est enregistrée : elle apparaît sur le dossier de chaque petite ville de demain qu’elle couvre.')).toBeVisible();
    await expect(page.getByText('OPAH-RR (revitalisation rurale) portée par l’EPCI CC Creuse Sud Ouest, sur 3 communes')).toBeVisible();
    const objectifs = page.getByRole('table', { name: 'Logements : objectifs et traités par année' });
    await expect(objectifs.getByRole('row').filter({ has: page.getByRole('rowheader', { name: annee }) })).toContainText('40');
    await header.logout();

    // The Creuse préfecture sees it on the dossier of Bourganeuf.
    await signIn(page, PREFECTURE);
    await dossier.openFromCommune('23030', 'Bourganeuf');
    await thematique.openTab('Opérations d’habitat');
    const row = thematique.operationRow(libelle);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('3 communes');
    await expect(row.getByRole('link', { name: 'Ahun', exact: true })).toBeVisible();
    await expect(row.getByRole('link', { name: 'Saint-Dizier-Masbaraud', exact: true })).toBeVisible();

    // In the list filtered on the Creuse, the operation counts once (not once per PVD it covers).
    const list = new OperationsHabitatPage(page);
    await list.goto();
    await list.filterDepartement('Creuse (23)', '23');
    await expect(list.row(libelle)).toHaveCount(1);
    await expect(list.row(libelle)).toContainText('Ahun, Bourganeuf et Saint-Dizier-Masbaraud');
    await expect(list.row(libelle)).toContainText('3 communes');
    const rows = await list.table.getByRole('row').filter({ has: page.getByRole('cell') }).count();
    expect(await tileValue(list.totals, 'Opérations')).toBe(rows);
    await expect(list.status).toHaveText(`${rows} opérations (filtrées).`);
  });

  test('la préfecture filtre les financements et les exporte en CSV et en XLSX', async ({ page }) => {
    const header = new HeaderPage(page);
    const financements = new FinancementsPage(page);

    await signIn(page, PREFECTURE);
    await financements.goto();
    await financements.filterStatut('Engagé');
    await financements.filterDepartement('23');
    await expect(financements.status).toHaveText(/lignes? de financement \(filtrées\)/);
    await expect(financements.table).toBeVisible();
    const statuts = await columnTexts(financements.table, 'Statut');
    expect(statuts.length).toBeGreaterThan(0);
    for (const statut of statuts) expect(statut).toMatch(/^Engagé/);
    for (const beneficiaire of await columnTexts(financements.table, 'Bénéficiaire')) expect(beneficiaire).toMatch(/ · Creuse \(23\)(Dossier PVD : .*)?$/);

    // The CSV export: the same selection, header first, « ; » separators.
    const csv = await financements.download('CSV');
    expect(csv.suggestedFilename()).toMatch(/^financements-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await downloadText(csv)).replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
    expect(lines[0]).toMatch(/^Dispositif;Financeur;Pilier;/);
    const headers = csvCells(lines[0]);
    expect(headers.slice(0, 3)).toEqual(['Dispositif', 'Financeur', 'Pilier']);
    expect(headers).toContain('Statut');
    expect(lines.length).toBeGreaterThan(1);
    const statut = headers.indexOf('Statut');
    const departement = headers.indexOf('Département');
    for (const line of lines.slice(1)) {
      const cells = csvCells(line);
      expect(cells).toHaveLength(headers.length);
      expect(cells[statut]).toBe('Engagé');
      expect(cells[departement]).toBe('23 – Creuse');
    }

    // The XLSX export.
    const xlsx = await financements.download('XLSX');
    expect(xlsx.suggestedFilename()).toMatch(/^financements-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect((await downloadBytes(xlsx)).subarray(0, 2).toString('latin1')).toBe('PK');
    await header.logout();

    // The chef de projet of Ahun enters a line from the dossier and sees it there.
    await signIn(page, CHEF);
    const dossier = new DossierPage(page);
    const thematique = new DossierThematiquePage(page);
    await dossier.openFromCommune('23001', 'Ahun');
    const projet = `Étude de la halle ${unique()}`;
    const form = await thematique.startFinancement();
    // The dossier's own commune is already chosen.
    await expect(form.form.getByLabel('Bénéficiaire', { exact: true })).toHaveValue('commune:23001');
    await form.chooseBeneficiaire('Ahun', /^Ahun \(commune, 23001/);
    await form.chooseDispositif(/^DSIL – /);
    await form.fill({ projet, montant: '25 000', dateDemande: '2025-04-15' });
    await form.submit();
    await expect(form.form).toBeHidden();
    const table = thematique.financements.getByRole('table', { name: 'Financements de la petite ville de demain' });
    const row = table.getByRole('row').filter({ hasText: projet });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('DSIL');
    await expect(row).toContainText('Demandé');
    await expect(row).toContainText(/25\s000,00\s€/);
  });

  test('l’ANCT ajoute un dispositif thématique typé, aussitôt saisi par le chef de projet', async ({ page }) => {
    const header = new HeaderPage(page);
    const nom = `Café associatif ${unique()}`;
    const attribut = { libelle: 'Forme du lieu', choix: ['Fixe', 'Itinérant'], obligatoire: true };

    // The ANCT extends the catalogue: no code change.
    await signIn(page, ANCT);
    const demarches = new DemarchesPage(page);
    await demarches.goto();
    await demarches.addDemarche(nom, 'Tiers-lieux de convivialité soutenus dans les centres-bourgs.', attribut);
    await expect(demarches.demarche(nom)).toContainText('Forme du lieu (Fixe, Itinérant, obligatoire)');
    await expect(demarches.demarche(nom)).toContainText('Aucune participation');
    await header.logout();

    // The chef de projet of Ahun records Ahun's participation, the attribute being required.
    await signIn(page, CHEF);
    const dossier = new DossierPage(page);
    const thematique = new DossierThematiquePage(page);
    await dossier.openFromCommune('23001', 'Ahun');
    const form = await thematique.startParticipation();
    await form.chooseDemarche(nom);
    await form.form.getByLabel('Date de début', { exact: true }).fill('2025-09-01');
    const forme = form.attribut('Forme du lieu (obligatoire)');
    await form.submit();
    await expect(forme).toHaveAccessibleDescription(/Indiquez « Forme du lieu »\./);
    await expect(form.form.getByText('La participation n’a pas été enregistrée : corrigez les champs signalés.')).toBeVisible();

    await forme.selectOption({ label: 'Itinérant' });
    await form.submit();
    await expect(form.form).toBeHidden();
    await expect(thematique.demarches.getByText(`La participation à « ${nom} » a été enregistrée.`)).toBeVisible();
    const participation = thematique.participation(nom);
    await expect(participation).toHaveCount(1);
    await expect(participation).toContainText('Forme du lieu : Itinérant');
  });
});
