import { readCsv, readXlsx } from '../test/export-reader';
import { createPvd, useTestApp } from '../test/test-app';

describe('the national ORT list and its export', () => {
  const t = useTestApp();

  async function createOrt(libelle: string, communes: string[], fields: { statut?: string; epciSiren?: string; dateSignature?: string; dureeAnnees?: number } = {}): Promise<string> {
    const [ort] = await t.dataSource.query(`INSERT INTO ort (libelle, statut, epci_siren, date_signature, duree_annees) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      libelle,
      fields.statut ?? 'en_preparation',
      fields.epciSiren ?? null,
      fields.dateSignature ?? null,
      fields.dureeAnnees ?? null,
    ]);
    await t.dataSource.query('INSERT INTO ort_commune (ort_id, commune_insee) SELECT $1, unnest($2::varchar[])', [ort.id, communes]);
    return ort.id;
  }

  it('lists the ORT of the caller’s territory, filtered, with the totals; a préfecture sees its département only', async () => {
    await createPvd(t.dataSource, ['23001']);
    const [{ epci_siren: epci }] = await t.dataSource.query(`SELECT epci_siren FROM commune WHERE insee = '23001'`);
    const creuse = await createOrt('=HYPERLINK("http://x")', ['23001', '23002'], { statut: 'signee', epciSiren: epci, dateSignature: '2023-06-15', dureeAnnees: 5 });
    const alsace = await createOrt('ORT d’Altkirch', ['68004']);
    const anct = (await t.signIn('anct_directeur')).agent;
    const prefecture = (await t.signIn('prefecture_instructeur')).agent;

    const all = await anct.get('/api/orts?pageSize=200').expect(200);
    expect(all.body.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([creuse, alsace]));
    const row = all.body.items.find((o: { id: string }) => o.id === creuse);
    expect(row).toMatchObject({ statut: 'signee', epciSiren: epci, dateSignature: '2023-06-15', dureeAnnees: 5, dateFin: '2028-06-14' });
    expect(row.communes.map((c: { insee: string }) => c.insee)).toEqual(['23001', '23002']);
    expect(all.body.departements.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['23', '68']));

    // Filters: statut and département; the totals count the programme's communes (Ahun) apart from the others (Ajain).
    const signed = await anct.get('/api/orts?statut=signee&departement=23').expect(200);
    expect(signed.body.items.map((o: { id: string }) => o.id)).toEqual([creuse]);
    expect(signed.body.totaux).toEqual({ ort: 1, communes: 1, communesHorsPvd: 1 });
    expect((await anct.get('/api/orts?region=44').expect(200)).body.items.map((o: { id: string }) => o.id)).toEqual([alsace]);

    // The préfecture of Creuse: Creuse only, whatever it asks.
    const own = await prefecture.get('/api/orts').expect(200);
    expect(own.body.items.map((o: { id: string }) => o.id)).toEqual([creuse]);
    expect(own.body.departements.map((d: { code: string }) => d.code)).toEqual(['23']);
    expect((await prefecture.get('/api/orts?departement=68').expect(200)).body.items).toEqual([]);

    const bad = await anct.get('/api/orts?statut=finie&tri=x').expect(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['statut', 'tri']);

    // Sorted by title.
    const byTitle = await anct.get('/api/orts?tri=-libelle').expect(200);
    const titles = byTitle.body.items.map((o: { libelle: string }) => o.libelle);
    expect(titles).toEqual([...titles].sort((a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  it('exports the list with its filters and scope, the formula-like title neutralised', async () => {
    const creuse = await createOrt('=1+1 ORT de Creuse', ['23001'], { statut: 'signee', dateSignature: '2024-01-31', dureeAnnees: 6 });
    await createOrt('ORT de Saint-Louis', ['68005']);
    const prefecture = (await t.signIn('prefecture_instructeur')).agent;
    const file = await readCsv(prefecture, '/api/orts/export?format=csv');
    expect(file.header).toEqual([
      'Intitulé',
      'Statut',
      'EPCI signataire',
      'SIREN de l’EPCI',
      'Date de signature',
      'Durée (années)',
      'Date de fin',
      'Communes couvertes',
      'Départements',
      'Communes PVD couvertes',
    ]);
    // Creuse only.
    expect(file.rows.length).toBeGreaterThan(0);
    expect(file.rows.every((r) => r[8] === '23')).toBe(true);
    const row = file.rows.find((r) => r[0].includes('ORT de Creuse'));
    expect(row).toEqual(["'=1+1 ORT de Creuse", 'Signée', '', '', '2024-01-31', '6', '2030-01-30', 'Ahun (23001)', '23', expect.stringMatching(/^\d+$/)]);
    expect(file.text).not.toMatch(/(^|;)=1\+1/m);

    const anct = (await t.signIn('anct_directeur')).agent;
    const sheet = await readXlsx(anct, '/api/orts/export?format=xlsx&statut=signee&departement=23');
    expect(sheet.getRow(1).getCell(1).value).toBe('Intitulé');
    const titles: unknown[] = [];
    sheet.eachRow((r, n) => {
      if (n > 1) titles.push(r.getCell(1).value);
    });
    expect(titles).toContain("'=1+1 ORT de Creuse");
    expect(titles).not.toContain('ORT de Saint-Louis');
    expect(creuse).toBeDefined();
    await anct.get('/api/orts/export?format=ods').expect(400);
  });
});
