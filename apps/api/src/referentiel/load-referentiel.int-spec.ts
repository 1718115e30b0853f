import { useTestApp } from '../test/test-app';
import { LoadReferentielService } from './load-referentiel.service';

describe('loading the référentiel', () => {
  const t = useTestApp();

  it('holds every current commune, with its département, région and EPCI', async () => {
    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM commune)::int AS communes, (SELECT count(*) FROM departement)::int AS departements,
              (SELECT count(*) FROM region)::int AS regions, (SELECT count(*) FROM epci)::int AS epci,
              (SELECT count(*) FROM commune WHERE epci_siren IS NULL)::int AS sans_epci`,
    );
    expect(counts.communes).toBeGreaterThan(34000);
    expect(counts.departements).toBe(109);
    expect(counts.regions).toBeGreaterThanOrEqual(18);
    expect(counts.epci).toBeGreaterThan(1200);
    expect(counts.sans_epci).toBeLessThan(100); // islands without EPCI and a few others
  });

  it('is skipped when the same data is already loaded, and changes nothing when forced', async () => {
    const loader = t.app.get(LoadReferentielService);
    const again = await loader.load();
    expect(again.skipped).toBe(true);
    await t.dataSource.query("UPDATE commune SET densite = 5 WHERE insee = '23001'");
    const forced = await loader.load({ force: true });
    expect(forced).toMatchObject({ skipped: false, communes: expect.any(Number) });
    const [ahun] = await t.dataSource.query("SELECT nom, densite FROM commune WHERE insee = '23001'");
    expect(ahun).toEqual({ nom: 'Ahun', densite: 5 }); // the density import's value survives
  });

  it('keeps former communes so that imports can name their successor', async () => {
    const [row] = await t.dataSource.query(
      `SELECT a.insee, c.nom FROM commune_ancienne a JOIN commune c ON c.insee = a.commune_actuelle_insee LIMIT 1`,
    );
    expect(row.insee).toMatch(/^[0-9AB]{5}$/);
  });
});
