import { addDaysIso, POSTE_ALERTE_CODES, type PosteAlerte } from '@suivi-pvd/domain';
import { todayInFrance } from '../core/time/today';
import { loadParametres } from '../programme/programme-parametres.service';
import { createPvd, CSRF, useTestApp } from '../test/test-app';
import { PosteAlertesJobs } from './poste-alertes.jobs';
import { alertesOf, loadPostes } from './postes.service';

type Item = { posteId: string; intitule: string; pvdId: string; pvdNom: string; departementCode: string; alerte: PosteAlerte };

const YEAR = Number(todayInFrance().slice(0, 4));

describe('post alerts stored and listed by PostgreSQL', () => {
  const t = useTestApp();

  /** A post straight in the database (as an import or a script writes it), with its holders and co-financers. */
  async function poste(
    pvdId: string,
    intitule: string,
    insee: string,
    fields: { creeLe?: string; titulaires?: { debut: string; fin: string | null }[]; cofinanceurs?: { financeur: string; fin?: string | null }[] } = {},
  ): Promise<string> {
    const [row] = await t.dataSource.query(
      `INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code, created_at) VALUES ($1, $2, 'commune', $3, COALESCE($4::timestamptz, now())) RETURNING id`,
      [pvdId, intitule, insee, fields.creeLe ?? null],
    );
    for (const h of fields.titulaires ?? []) {
      await t.dataSource.query('INSERT INTO poste_titulaire (poste_id, nom, date_debut, date_fin, quotite) VALUES ($1, $2, $3, $4, 100)', [row.id, `Titulaire de ${intitule}`, h.debut, h.fin]);
    }
    for (const c of fields.cofinanceurs ?? []) {
      await t.dataSource.query('INSERT INTO poste_cofinanceur (poste_id, financeur, date_fin) VALUES ($1, $2, $3)', [row.id, c.financeur, c.fin ?? null]);
    }
    return row.id as string;
  }

  /** What the domain's rule gives over every stored post on `day`, in the list's order (the previous, all-in-Node computation). */
  async function byTheRule(day: string): Promise<Item[]> {
    const [postes, parametres] = await Promise.all([loadPostes(t.dataSource, 'true', []), loadParametres(t.dataSource)]);
    return postes
      .flatMap((p) => alertesOf(p, parametres, day).map((alerte) => ({ posteId: p.id, intitule: p.intitule, pvdId: p.pvdId, pvdNom: p.pvdNom, departementCode: p.departementCode, alerte })))
      .sort(
        (a, b) =>
          POSTE_ALERTE_CODES.indexOf(a.alerte.code) - POSTE_ALERTE_CODES.indexOf(b.alerte.code) || a.alerte.date.localeCompare(b.alerte.date) || a.pvdNom.localeCompare(b.pvdNom, 'fr'),
      );
  }

  const codesOf = (items: Item[], posteId: string) => items.filter((i) => i.posteId === posteId).map((i) => i.alerte.code);

  it('lists, counts and pages the alerts the domain rule gives, and follows each change at once', async () => {
    const today = todayInFrance();
    const [ahun, guret, colmar] = [await createPvd(t.dataSource, ['23001']), await createPvd(t.dataSource, ['23096']), await createPvd(t.dataSource, ['68066'])];
    const soon = addDaysIso(today, 30);
    // Vacant since its holder left on 31 December of last year (more than 3 months ago).
    const vacant = await poste(ahun.id, 'Poste vacant', '23001', { titulaires: [{ debut: '2022-01-01', fin: `${YEAR - 1}-12-31` }], cofinanceurs: [{ financeur: 'etat' }] });
    // Held and co-financed this year, no request this year; the State's participation set to end in 30 days.
    const held = await poste(guret.id, 'Poste tenu', '23096', { titulaires: [{ debut: '2022-01-01', fin: null }], cofinanceurs: [{ financeur: 'etat', fin: soon }] });
    // Never held, recorded a year ago: vacant since it was recorded.
    const never = await poste(colmar.id, 'Poste jamais pourvu', '68066', { creeLe: `${YEAR - 1}-01-15T12:00:00Z` });
    // Nothing to say: held, co-financed and requested.
    const calm = await poste(colmar.id, 'Poste sans alerte', '68066', { titulaires: [{ debut: '2022-01-01', fin: null }], cofinanceurs: [{ financeur: 'etat' }] });
    await t.dataSource.query('INSERT INTO demande_cofinancement (poste_id, annee, montant_demande, date_demande) VALUES ($1, $2, 100, $3)', [calm, YEAR, `${YEAR}-01-10`]);

    const anct = (await t.signIn('anct_directeur')).agent;
    const national = await anct.get('/api/postes/alertes?pageSize=200').expect(200);
    // The same answer as the rule run over the same posts, in the same order.
    const expected = await byTheRule(today);
    expect(national.body.items).toEqual(expected);
    expect(national.body.total).toBe(expected.length);
    expect(national.body.parMotif).toEqual(Object.fromEntries(POSTE_ALERTE_CODES.map((c) => [c, expected.filter((e) => e.alerte.code === c).length])));
    // The known answer for the fixtures.
    const items: Item[] = national.body.items;
    expect(codesOf(items, vacant)).toEqual(['POSTE_VACANT']);
    expect(items.find((i) => i.posteId === vacant)?.alerte.date).toBe(`${YEAR}-01-01`);
    // (The State's participation may already have ended by the programme's parameters: the rule's comparison above covers it.)
    if (today > `${YEAR}-01-31`) expect(codesOf(items, held)).toContain('DEMANDE_ANNUELLE_MANQUANTE');
    expect(codesOf(items, never)).toEqual(['POSTE_VACANT']);
    expect(items.find((i) => i.posteId === never)).toMatchObject({ pvdId: colmar.id, departementCode: '68', alerte: { date: `${YEAR - 1}-01-15` } });
    expect(codesOf(items, calm)).toEqual([]);

    // Pages, a motive, a département: filtered and counted in the database, the counts by motive over the whole scope.
    const page1 = await anct.get('/api/postes/alertes?pageSize=2&page=1').expect(200);
    const page2 = await anct.get('/api/postes/alertes?pageSize=2&page=2').expect(200);
    expect([...page1.body.items, ...page2.body.items]).toEqual(expected.slice(0, 4));
    expect(page2.body.total).toBe(expected.length);
    const vacants = await anct.get('/api/postes/alertes?code=POSTE_VACANT&departement=23').expect(200);
    expect(vacants.body.items.map((i: Item) => i.posteId)).toEqual(expected.filter((e) => e.alerte.code === 'POSTE_VACANT' && e.departementCode === '23').map((e) => e.posteId));
    expect(vacants.body.total).toBe(vacants.body.items.length);
    // The préfecture of the Creuse: its département only.
    const prefecture = (await t.signIn('prefecture_instructeur')).agent;
    const creuse = await prefecture.get('/api/postes/alertes?pageSize=200').expect(200);
    expect(creuse.body.items).toEqual(expected.filter((e) => e.departementCode === '23'));

    // A change through the post's own service: its alerts change in the same transaction.
    const chef = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23001' })).agent;
    const current = await chef.get(`/api/postes/${vacant}`).expect(200);
    await chef
      .put(`/api/postes/${vacant}`)
      .set(CSRF)
      .send({
        intitule: current.body.intitule,
        employeurType: 'commune',
        employeurCode: '23001',
        titulaires: [{ nom: 'Arrivée', debut: `${YEAR}-02-01`, quotite: 100 }],
        coutsAnnuels: [],
        cofinanceurs: [{ financeur: 'etat' }],
        operationHabitat: null,
        version: current.body.version,
      })
      .expect(200);
    expect(Number((await t.dataSource.query('SELECT count(*) FROM poste_alerte_perime WHERE poste_id = $1', [vacant]))[0].count)).toBe(0);
    const stored = await t.dataSource.query('SELECT code FROM poste_alerte WHERE poste_id = $1 AND jour = $2 ORDER BY rang', [vacant, today]);
    expect(stored.map((r: { code: string }) => r.code)).toEqual(today > `${YEAR}-01-31` ? ['DEMANDE_ANNUELLE_MANQUANTE'] : []);
    if (today > `${YEAR}-01-31`) {
      const demande = await chef.put(`/api/postes/${vacant}/demandes/${YEAR}`).set(CSRF).send({ montantDemande: 100, dateDemande: today, motifDepassement: 'Coûts de l’année à saisir', version: 0 });
      expect(demande.status).toBe(200);
      expect(await t.dataSource.query('SELECT code FROM poste_alerte WHERE poste_id = $1 AND jour = $2', [vacant, today])).toEqual([]);
    }
    // A write from elsewhere (an import, a script): the post is marked, and the next read computes it again.
    await t.dataSource.query(`UPDATE poste_titulaire SET date_fin = $2 WHERE poste_id = $1`, [held, `${YEAR - 1}-12-31`]);
    expect(Number((await t.dataSource.query('SELECT count(*) FROM poste_alerte_perime WHERE poste_id = $1', [held]))[0].count)).toBe(1);
    const after = await anct.get('/api/postes/alertes?pageSize=200').expect(200);
    expect(codesOf(after.body.items, vacant)).toEqual([]);
    expect(codesOf(after.body.items, held)[0]).toBe('POSTE_VACANT');
    expect(after.body.items).toEqual(await byTheRule(today));
  });

  it('keeps tomorrow ready with the daily job, drops past days, and computes again after a parameter change', async () => {
    const today = todayInFrance();
    const tomorrow = addDaysIso(today, 1);
    const jobs = t.app.get(PosteAlertesJobs);
    await jobs.run(today);
    const days = async () => (await t.dataSource.query('SELECT jour::text AS jour FROM poste_alerte_calcul ORDER BY jour')).map((r: { jour: string }) => r.jour);
    expect(await days()).toEqual([today, tomorrow]);
    // Tomorrow's alerts are the rule's for tomorrow.
    const stored = await t.dataSource.query(
      `SELECT a.poste_id AS "posteId", a.code, a.date::text AS date, a.message FROM poste_alerte a WHERE a.jour = $1 ORDER BY a.poste_id, a.rang`,
      [tomorrow],
    );
    const [postes, parametres] = await Promise.all([loadPostes(t.dataSource, 'true', []), loadParametres(t.dataSource)]);
    const rule = postes
      .flatMap((p) => alertesOf(p, parametres, tomorrow).map((a) => ({ posteId: p.id, code: a.code, date: a.date, message: a.message })))
      .sort((a, b) => (a.posteId < b.posteId ? -1 : a.posteId > b.posteId ? 1 : 0));
    expect(stored).toEqual(rule);
    expect(stored.length).toBeGreaterThan(0);
    // A second run has nothing to do.
    expect(await jobs.run(today)).toEqual({ recalcules: 0, jours: [] });
    // The next day's run drops the past day.
    await jobs.run(tomorrow);
    expect(await days()).toEqual([tomorrow, addDaysIso(tomorrow, 1)]);
    expect(Number((await t.dataSource.query('SELECT count(*) FROM poste_alerte WHERE jour < $1', [tomorrow]))[0].count)).toBe(0);
    // Any write to the programme parameters: every day is computed again.
    await t.dataSource.query('UPDATE programme_parametre SET cle = cle WHERE false');
    expect(await days()).toEqual([]);
    const anct = (await t.signIn('anct_directeur')).agent;
    const list = await anct.get('/api/postes/alertes?pageSize=200').expect(200);
    expect(list.body.items).toEqual(await byTheRule(today));
    expect(await days()).toEqual([today]);
  });
});
