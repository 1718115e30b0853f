import type { JobView } from '../core/jobs/jobs.service';
import { waitForJob } from '../test/jobs';
import { createConvention, createPvd, CSRF, SignedInClient, TestApp, useTestApp } from '../test/test-app';
import { RappelsService, type RappelsBilan } from './rappels.service';

interface RappelRow {
  cle: string;
  type: string;
  objet_id: string;
  raison: string;
  destinataires: string[];
  detecte_le: string;
  leve_le: string | null;
}

/**
 * The daily reminders, through the administrator's route and the job queue, at chosen days with
 * known answers: each kind fires once per occurrence, a rerun the same day or the next sends
 * nothing, a cause that goes away lifts it and sends nothing more, new facts send it again. Each
 * scenario has a database of its own, so a check's totals are its own.
 */
function scenario(t: TestApp) {
  const ctx = {} as { admin: SignedInClient; chef: SignedInClient; prefecture: SignedInClient; pvdId: string; nom: string; insee: string };
  let used = 0;
  return {
    ctx,
    /** A PVD over a commune of the Creuse not used yet, its chef de projet, the Creuse préfecture, an administrator. */
    async setup(fields: { dateConventionAdhesion?: string | null } = {}) {
      const [commune] = await t.dataSource.query(`SELECT insee, nom FROM commune WHERE departement_code = '23' AND insee NOT IN (SELECT commune_insee FROM pvd_commune) ORDER BY insee OFFSET $1 LIMIT 1`, [used++]);
      const pvd = await createPvd(t.dataSource, [commune.insee], { dateConventionAdhesion: fields.dateConventionAdhesion ?? null });
      // Created long ago, and never dormant unless a scenario says so (a fresh change by a person each run day would be noisy).
      await t.dataSource.query(`UPDATE pvd SET created_at = '2030-01-01' WHERE id = $1`, [pvd.id]);
      Object.assign(ctx, {
        pvdId: pvd.id,
        nom: commune.nom,
        insee: commune.insee,
        admin: await t.signIn('administrateur'),
        chef: await t.signIn('chef_de_projet', { type: 'commune', communeInsee: commune.insee }),
        prefecture: await t.signIn('prefecture_instructeur'),
      });
    },
    /** Runs the check for `date` through the route and the queue; its totals. */
    async check(date: string): Promise<RappelsBilan> {
      const res = await ctx.admin.agent.post('/api/rappels/verification').set(CSRF).send({ date }).expect(202);
      expect(res.body.date).toBe(date);
      const job: JobView = await waitForJob(t.app, res.body.jobId);
      expect(job.state).toBe('completed');
      return job.output as RappelsBilan;
    },
    /** The notifications the reminders of this dossier made, per recipient. */
    async notifications(): Promise<{ recipient_id: string; kind: string; title: string; body: string; item_type: string; item_path: string; occurrence_key: string; delivery: string }[]> {
      return t.dataSource.query(
        `SELECT recipient_id, kind, title, body, item_type, item_path, occurrence_key, delivery FROM notification WHERE dossier_id = $1 ORDER BY created_at, occurrence_key, recipient_id`,
        [ctx.pvdId],
      );
    },
    async rows(): Promise<RappelRow[]> {
      return t.dataSource.query(
        `SELECT cle, type, objet_id, raison, destinataires::text[] AS destinataires, detecte_le::text, leve_le::text FROM rappel WHERE pvd_id = $1 ORDER BY detecte_le, cle`,
        [ctx.pvdId],
      );
    },
  };
}

const sent = (bilan: RappelsBilan) => Object.fromEntries(Object.entries(bilan.envoyes).filter(([, n]) => n > 0));

describe('reminders: convention-cadre due in 90 and 30 days, then late', () => {
  const t = useTestApp();
  const s = scenario(t);

  it('sends each notice once, to the chef de projet, then the lateness to the préfecture too; a signature stops them', async () => {
    // Adhésion 12 September 2025 + 18 months: due 12 March 2027.
    await s.setup({ dateConventionAdhesion: '2025-09-12' });
    const { ctx } = s;

    expect(sent(await s.check('2026-12-11'))).toEqual({});
    expect(sent(await s.check('2026-12-12'))).toEqual({ cadre_90: 1 });
    let rows = await s.rows();
    expect(rows).toEqual([
      {
        cle: `cadre_90:${ctx.pvdId}:2027-03-12`,
        type: 'cadre_90',
        objet_id: ctx.pvdId,
        raison: `La convention-cadre de ${ctx.nom} doit être signée au plus tard le 12 mars 2027 (dans 90 jours).`,
        destinataires: [ctx.chef.user.id],
        detecte_le: '2026-12-12',
        leve_le: null,
      },
    ]);

    // The chef de projet is notified, told why, and emailed at once (the default for deadlines).
    const expected90 = {
      recipient_id: ctx.chef.user.id,
      kind: 'echeance',
      title: 'Convention-cadre à signer sous 90 jours',
      body: rows[0].raison,
      item_type: 'dossier',
      item_path: `/pvd/${ctx.pvdId}`,
      occurrence_key: rows[0].cle,
      delivery: 'immediat',
    };
    expect(await s.notifications()).toEqual([expected90]);
    // The chef de projet reads it in the notification centre, with its reason; the préfecture has nothing.
    const centre = await ctx.chef.agent.get('/api/notifications').expect(200);
    expect(centre.body.items.map((n: { kind: string; title: string; body: string; itemLabel: string; itemPath: string; actorName: string | null }) => [n.kind, n.title, n.body, n.itemLabel, n.itemPath, n.actorName])).toEqual([
      ['echeance', 'Convention-cadre à signer sous 90 jours', rows[0].raison, ctx.nom, `/pvd/${ctx.pvdId}`, null],
    ]);
    expect((await ctx.prefecture.agent.get('/api/notifications').expect(200)).body.total).toBe(0);
    const [{ n: emails }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification_email WHERE recipient_id = $1`, [ctx.chef.user.id]);
    expect(emails).toBe(1);

    // A rerun the same day, the next day, or a week later sends nothing new.
    expect(sent(await s.check('2026-12-12'))).toEqual({});
    expect(sent(await s.check('2026-12-13'))).toEqual({});
    expect(sent(await s.check('2026-12-20'))).toEqual({});
    expect(await s.notifications()).toEqual([expected90]);
    const [{ n: emailsAfter }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification_email WHERE recipient_id = $1`, [ctx.chef.user.id]);
    expect(emailsAfter).toBe(1);

    // 30 days before: the second notice; the first is no longer current.
    expect(sent(await s.check('2027-02-10'))).toEqual({ cadre_30: 1 });
    expect(sent(await s.check('2027-02-11'))).toEqual({});
    rows = await s.rows();
    expect(rows.map((r) => [r.type, r.leve_le])).toEqual([
      ['cadre_90', '2027-02-10'],
      ['cadre_30', null],
    ]);
    expect(rows[1].raison).toBe(`La convention-cadre de ${ctx.nom} doit être signée au plus tard le 12 mars 2027 (dans 30 jours).`);

    // The due day itself is on time; the day after, late: chef de projet and préfecture.
    expect(sent(await s.check('2027-03-12'))).toEqual({});
    expect(sent(await s.check('2027-03-13'))).toEqual({ cadre_retard: 1 });
    expect(sent(await s.check('2027-03-14'))).toEqual({});
    const late = (await s.rows()).find((r) => r.type === 'cadre_retard') as RappelRow;
    expect(late.raison).toBe(`La convention-cadre de ${ctx.nom} devait être signée au plus tard le 12 mars 2027 : elle a 1 jour de retard.`);
    expect([...late.destinataires].sort()).toEqual([ctx.chef.user.id, ctx.prefecture.user.id].sort());
    const lateNotifications = (await s.notifications()).filter((n) => n.occurrence_key === late.cle);
    expect(lateNotifications.map((n) => [n.recipient_id, n.kind, n.body, n.delivery]).sort()).toEqual(
      [
        [ctx.chef.user.id, 'echeance', late.raison, 'immediat'],
        [ctx.prefecture.user.id, 'echeance', late.raison, 'quotidien'],
      ].sort(),
    );

    // Signed: the cause is gone, the reminder is lifted and nothing more is sent.
    await createConvention(t.dataSource, ctx.pvdId, { type: 'cadre', etat: 'signee', dateSignature: '2027-03-14' });
    const after = await s.check('2027-03-15');
    expect(sent(after)).toEqual({});
    expect(after.leves).toBe(1);
    expect(sent(await s.check('2027-06-01'))).toEqual({});
    expect((await s.rows()).map((r) => [r.type, r.leve_le])).toEqual([
      ['cadre_90', '2027-02-10'],
      ['cadre_30', '2027-03-13'],
      ['cadre_retard', '2027-03-15'],
    ]);
    // Three reminders in all: the 90- and 30-day notices to the chef de projet, the lateness to both.
    expect((await s.notifications()).map((n) => n.occurrence_key.split(':')[0])).toEqual(['cadre_90', 'cadre_30', 'cadre_retard', 'cadre_retard']);
  });
});

describe('reminders: a new due date is a new occurrence', () => {
  const t = useTestApp();
  const s = scenario(t);

  it('sends the notice again for the new due date', async () => {
    await s.setup({ dateConventionAdhesion: '2025-09-12' });
    expect(sent(await s.check('2027-03-13'))).toEqual({ cadre_retard: 1 });
    // The adhésion date is corrected: due 5 July 2027, 113 days away, then 90.
    await t.dataSource.query(`UPDATE pvd SET date_convention_adhesion = '2026-01-05' WHERE id = $1`, [s.ctx.pvdId]);
    expect(sent(await s.check('2027-03-14'))).toEqual({});
    expect(sent(await s.check('2027-04-06'))).toEqual({ cadre_90: 1 });
    expect(sent(await s.check('2027-04-06'))).toEqual({});
    expect((await s.rows()).map((r) => [r.cle, r.leve_le])).toEqual([
      [`cadre_retard:${s.ctx.pvdId}:2027-03-12`, '2027-03-14'],
      [`cadre_90:${s.ctx.pvdId}:2027-07-05`, null],
    ]);
  });
});

describe('reminders: « à compléter » without an answer for 30 days', () => {
  const t = useTestApp();
  const s = scenario(t);

  it('fires once after 30 days, stops when answered, fires again when sent back again', async () => {
    await s.setup();
    const { ctx } = s;
    const avenant = await createConvention(t.dataSource, ctx.pvdId, { type: 'avenant', etat: 'a_completer', etatDepuis: new Date('2027-01-01T10:00:00+01:00') });

    expect(sent(await s.check('2027-01-31'))).toEqual({});
    expect(sent(await s.check('2027-02-01'))).toEqual({ a_completer: 1 });
    expect(sent(await s.check('2027-02-01'))).toEqual({});
    const [row] = await s.rows();
    expect(row.cle).toBe(`a_completer:${avenant.id}:2027-01-01`);
    expect((await s.notifications()).map((n) => [n.kind, n.item_type, n.item_path, n.body])).toEqual([
      ['echeance', 'convention', `/conventions/${avenant.id}`, row.raison],
      ['echeance', 'convention', `/conventions/${avenant.id}`, row.raison],
    ]);
    expect(row.raison).toBe(`Avenant n° 1 à la convention-cadre de ${ctx.nom} : renvoi pour compléments le 1er janvier 2027, sans réponse depuis 31 jours (plus de 30 jours).`);
    expect([...row.destinataires].sort()).toEqual([ctx.chef.user.id, ctx.prefecture.user.id].sort());

    // Answered (deposited again): lifted, nothing more.
    await t.dataSource.query(`UPDATE convention SET etat = 'deposee', etat_depuis = '2027-02-01T15:00:00+01:00' WHERE id = $1`, [avenant.id]);
    const answered = await s.check('2027-02-02');
    expect(sent(answered)).toEqual({});
    expect(answered.leves).toBe(1);

    // Sent back again on 10 February: a new occurrence, 31 days later.
    await t.dataSource.query(`UPDATE convention SET etat = 'a_completer', etat_depuis = '2027-02-10T09:00:00+01:00' WHERE id = $1`, [avenant.id]);
    expect(sent(await s.check('2027-03-12'))).toEqual({});
    expect(sent(await s.check('2027-03-13'))).toEqual({ a_completer: 1 });
    expect((await s.rows()).map((r) => [r.cle, r.leve_le])).toEqual([
      [`a_completer:${avenant.id}:2027-01-01`, '2027-02-02'],
      [`a_completer:${avenant.id}:2027-02-10`, null],
    ]);
  });
});

describe('reminders: post vacant and yearly co-financing request missing', () => {
  const t = useTestApp();
  const s = scenario(t);

  const poste = async (intitule: string, titulaires: { debut: string; fin: string | null }[], cofinanceurs: string[]) => {
    const [row] = await t.dataSource.query(
      `INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code, created_at) VALUES ($1, $2, 'commune', $3, '2024-06-01') RETURNING id`,
      [s.ctx.pvdId, intitule, s.ctx.insee],
    );
    for (const tt of titulaires) {
      await t.dataSource.query(`INSERT INTO poste_titulaire (poste_id, nom, date_debut, date_fin) VALUES ($1, 'Camille Martin', $2, $3)`, [row.id, tt.debut, tt.fin]);
    }
    for (const f of cofinanceurs) await t.dataSource.query(`INSERT INTO poste_cofinanceur (poste_id, financeur) VALUES ($1, $2)`, [row.id, f]);
    return row.id as string;
  };

  it('fires the vacancy once after 3 months, lifted when someone is hired', async () => {
    await s.setup();
    const { ctx } = s;
    // Held until 31 December 2026: vacant from 1 January 2027, flagged after 1 April.
    const id = await poste('Chef de projet PVD', [{ debut: '2025-01-01', fin: '2026-12-31' }], []);
    expect(sent(await s.check('2027-04-01'))).toEqual({});
    expect(sent(await s.check('2027-04-02'))).toEqual({ poste_vacant: 1 });
    expect(sent(await s.check('2027-04-03'))).toEqual({});
    const [row] = await s.rows();
    expect(row.cle).toBe(`poste_vacant:${id}:2027-01-01`);
    expect(row.raison).toMatch(new RegExp(`^Poste « Chef de projet PVD » de ${ctx.nom} : Le poste est vacant depuis le 01/01/2027`));
    expect([...row.destinataires].sort()).toEqual([ctx.chef.user.id, ctx.prefecture.user.id].sort());

    expect((await s.notifications()).map((n) => [n.kind, n.item_type, n.item_path, n.body])).toEqual([
      ['alerte_poste', 'poste', `/postes/${id}`, row.raison],
      ['alerte_poste', 'poste', `/postes/${id}`, row.raison],
    ]);

    await t.dataSource.query(`INSERT INTO poste_titulaire (poste_id, nom, date_debut) VALUES ($1, 'Dominique Petit', '2027-04-10')`, [id]);
    const hired = await s.check('2027-04-11');
    expect(sent(hired)).toEqual({});
    expect(hired.leves).toBe(1);
  });

  it('fires the missing yearly request once after 31 January, lifted when it is filed', async () => {
    // Held and co-financed by the État (its participation ends 31 March 2026 by default): a request is due for 2026.
    const id = await poste('Chef de projet habitat', [{ debut: '2025-01-01', fin: null }], ['etat']);
    await t.dataSource.query(`INSERT INTO demande_cofinancement (poste_id, annee, montant_demande, date_demande) VALUES ($1, 2025, 100000, '2025-01-15')`, [id]);
    expect(sent(await s.check('2026-01-31'))).toEqual({});
    expect(sent(await s.check('2026-02-01'))).toEqual({ demande_annuelle: 1 });
    expect(sent(await s.check('2026-02-02'))).toEqual({});
    const row = (await s.rows()).find((r) => r.type === 'demande_annuelle') as RappelRow;
    expect(row.cle).toBe(`demande_annuelle:${id}:2026`);
    expect(row.raison).toBe(`Poste « Chef de projet habitat » de ${s.ctx.nom} : Aucune demande de cofinancement n’a été déposée pour 2026 (attendue au plus tard le 31/01/2026).`);
    expect(row.destinataires).toEqual([s.ctx.chef.user.id]);

    await t.dataSource.query(`INSERT INTO demande_cofinancement (poste_id, annee, montant_demande, date_demande) VALUES ($1, 2026, 100000, '2026-02-02')`, [id]);
    const filed = await s.check('2026-02-03');
    expect(sent(filed)).toEqual({});
    expect(filed.leves).toBe(1);
  });
});

describe('reminders: dossier not updated for 6 months', () => {
  const t = useTestApp();
  const s = scenario(t);

  it('counts changes by a person, fires once, lifted by a new change, fires again 6 months later', async () => {
    await s.setup();
    const { ctx } = s;
    await t.dataSource.query(`UPDATE pvd SET created_at = '2026-01-10T12:00:00+01:00' WHERE id = $1`, [ctx.pvdId]);
    const change = (at: string, actorId: string | null) =>
      t.dataSource.query(`INSERT INTO audit_log (at, actor_id, actor_label, action, entity_type, entity_id, pvd_id) VALUES ($1, $2, 'test', 'pvd.update', 'pvd', $3::text, $3::uuid)`, [at, actorId, ctx.pvdId]);
    // 1 February 2026, 00:30 in Paris (still 31 January in UTC): a change by the chef de projet.
    await change('2026-02-01T00:30:00+01:00', ctx.chef.user.id);
    // A change by no person (an import) does not count.
    await change('2026-05-01T12:00:00+02:00', null);

    expect(sent(await s.check('2026-08-01'))).toEqual({});
    expect(sent(await s.check('2026-08-02'))).toEqual({ dossier_inactif: 1 });
    expect(sent(await s.check('2026-08-02'))).toEqual({});
    expect(sent(await s.check('2026-08-03'))).toEqual({});
    const [row] = await s.rows();
    expect(row.cle).toBe(`dossier_inactif:${ctx.pvdId}:2026-02-01`);
    expect(row.raison).toBe(`Le dossier de ${ctx.nom} n’a pas été mis à jour depuis le 1er février 2026 (plus de 6 mois).`);
    expect([...row.destinataires].sort()).toEqual([ctx.chef.user.id, ctx.prefecture.user.id].sort());

    await change('2026-08-03T10:00:00+02:00', ctx.chef.user.id);
    const updated = await s.check('2026-08-04');
    expect(sent(updated)).toEqual({});
    expect(updated.leves).toBe(1);
    expect(sent(await s.check('2027-02-03'))).toEqual({});
    expect(sent(await s.check('2027-02-04'))).toEqual({ dossier_inactif: 1 });
  });
});

describe('reminders: two checks at once', () => {
  const t = useTestApp();
  const s = scenario(t);

  it('send each occurrence once (the checks run one after the other)', async () => {
    await s.setup({ dateConventionAdhesion: '2025-09-12' });
    const service = t.app.get(RappelsService);
    const [first, second] = await Promise.all([service.verifier('2027-03-13'), service.verifier('2027-03-13')]);
    expect(first.envoyes.cadre_retard + second.envoyes.cadre_retard).toBe(1);
    expect((await s.rows()).map((r) => r.type)).toEqual(['cadre_retard']);
    expect((await s.notifications()).length).toBe(2);
  });
});

describe('reminders: the check route', () => {
  const t = useTestApp();

  it('refuses a day that is not a calendar day, naming the field', async () => {
    const admin = await t.signIn('administrateur');
    const res = await admin.agent.post('/api/rappels/verification').set(CSRF).send({ date: '2027-02-30' }).expect(400);
    expect(JSON.stringify(res.body.fields)).toContain('date');
  });
});
