import { DataSource, EntityManager } from 'typeorm';
import { JobsService } from '../core/jobs/jobs.service';
import { Mailer } from '../core/mail/mailer.service';
import { startSmtpSink, type CapturedEmail, type SmtpSink } from '../core/mail/smtp-sink';
import { createSharedTestDatabase, startAppOn, waitForJob } from '../test/jobs';
import { createConvention, createPvd, CSRF, useTestApp } from '../test/test-app';
import { DAILY_DIGEST_JOB } from './notification-emails.service';
import { NotificationsService, type NotificationEvent } from './notifications.service';

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | null | undefined | false = null;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Condition not met in ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

const emailsTo = (sink: SmtpSink, address: string): CapturedEmail[] => sink.messages().filter((e) => e.to.includes(address));

describe('notifications', () => {
  const t = useTestApp();
  let sink: SmtpSink;

  beforeAll(() => {
    sink = t.app.get(Mailer).sink() as SmtpSink;
  });

  const record = (event: NotificationEvent) => t.dataSource.transaction((em) => t.app.get(NotificationsService).record(em, event));
  const event = (kind: NotificationEvent['kind'], recipientIds: string[], title: string, extra: Partial<NotificationEvent> = {}): NotificationEvent => ({
    kind,
    recipientIds,
    actorId: null,
    item: { type: 'dossier', id: 'x', label: 'Ahun', path: '/pvd/x' },
    dossierId: null,
    title,
    ...extra,
  });

  it('tells the préfecture of the département of a deposit, at once by email, and the chef de projet of the sending back', async () => {
    const chef = await t.signIn('chef_de_projet');
    const prefecture = await t.signIn('prefecture_instructeur');
    const otherPrefecture = await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: '68' });
    const pvd = await createPvd(t.dataSource, ['23001']);
    const convention = await createConvention(t.dataSource, pvd.id, { type: 'cadre', complete: true });

    await chef.agent.post(`/api/conventions/${convention.id}/depot`).set(CSRF).send({ version: convention.version }).expect(200);

    const list = await prefecture.agent.get('/api/notifications').expect(200);
    expect(list.body).toMatchObject({ total: 1, unread: 1, page: 1 });
    expect(list.body.items[0]).toMatchObject({
      kind: 'convention_deposee',
      kindLabel: 'Convention déposée',
      title: 'Convention déposée',
      itemType: 'convention',
      itemId: convention.id,
      itemPath: `/conventions/${convention.id}`,
      dossierId: pvd.id,
      actorName: 'Test chef_de_projet',
      readAt: null,
    });
    expect(list.body.items[0].itemLabel).toContain('Ahun');
    expect((await otherPrefecture.agent.get('/api/notifications/non-lues').expect(200)).body).toEqual({ unread: 0 });
    // The actor is never told of their own act.
    expect((await chef.agent.get('/api/notifications/non-lues').expect(200)).body).toEqual({ unread: 0 });

    // The préfecture's default for a deposit is an immediate email: French, text and HTML, links, one-click unsubscribe.
    const email = await sink.waitFor((e) => e.to.includes(prefecture.user.email), 15_000);
    expect(email.subject).toBe('Suivi PVD : Convention déposée');
    expect(email.text).toContain(`/conventions/${convention.id}`);
    expect(email.text).toContain('/notifications/preferences');
    expect(email.html).toContain(`href="http://localhost:3000/conventions/${convention.id}"`);
    // Marked sent in the transaction that sent it, which commits just after the SMTP server's answer.
    const sent = await eventually(async () => {
      const [row]: { id: string; etat: string; tentatives: number }[] = await t.dataSource.query(`SELECT id, etat, tentatives FROM notification_email WHERE recipient_id = $1`, [prefecture.user.id]);
      return row?.etat === 'envoye' ? row : null;
    });
    expect(sent.tentatives).toBe(1);
    expect(email.messageId).toBe(`<notification-${sent.id}@localhost>`);
    expect(email.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(email.headers['list-unsubscribe']).toMatch(/^<http:\/\/localhost:3000\/api\/notifications\/desabonnement\?jeton=[^>]+>$/);

    // Sent back: the chef de projet hears of it with the préfecture's comment.
    let { version } = (await prefecture.agent.post(`/api/conventions/${convention.id}/instruction`).set(CSRF).send({ version: convention.version + 1 }).expect(200)).body;
    ({ version } = (
      await prefecture.agent.post(`/api/conventions/${convention.id}/demande-complements`).set(CSRF).send({ version, commentaire: 'Précisez le plan de financement.' }).expect(200)
    ).body);
    const chefList = await chef.agent.get('/api/notifications?nonLues=true').expect(200);
    expect(chefList.body.items).toEqual([expect.objectContaining({ kind: 'convention_renvoyee', title: 'Convention renvoyée pour compléments', body: 'Précisez le plan de financement.' })]);
    const chefEmail = await sink.waitFor((e) => e.to.includes(chef.user.email), 15_000);
    expect(chefEmail.text).toContain('Précisez le plan de financement.');
    expect(version).toBeGreaterThan(0);
  });

  it('lets each user read and mark only their own notifications', async () => {
    const alice = await t.signIn('elu_lecteur');
    const bob = await t.signIn('elu_lecteur');
    for (let i = 1; i <= 3; i++) await record(event('message', [alice.user.id], `Message ${i}`));
    await record(event('message', [bob.user.id], 'Pour Bob'));

    const page = await alice.agent.get('/api/notifications?pageSize=2').expect(200);
    expect(page.body).toMatchObject({ total: 3, unread: 3, pageSize: 2 });
    expect(page.body.items.map((n: { title: string }) => n.title)).toEqual(['Message 3', 'Message 2']);
    const bobs = (await bob.agent.get('/api/notifications').expect(200)).body.items;
    expect(bobs.map((n: { title: string }) => n.title)).toEqual(['Pour Bob']);

    // Bob's notification does not exist for Alice.
    await alice.agent.post(`/api/notifications/${bobs[0].id}/lue`).set(CSRF).expect(404);
    const read = await alice.agent.post(`/api/notifications/${page.body.items[0].id}/lue`).set(CSRF).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await alice.agent.get('/api/notifications/non-lues').expect(200)).body).toEqual({ unread: 2 });
    expect((await alice.agent.get('/api/notifications?nonLues=true').expect(200)).body.total).toBe(2);
    expect((await alice.agent.post('/api/notifications/lues').set(CSRF).expect(200)).body).toEqual({ marked: 2 });
    expect((await alice.agent.get('/api/notifications/non-lues').expect(200)).body).toEqual({ unread: 0 });
    expect((await bob.agent.get('/api/notifications/non-lues').expect(200)).body).toEqual({ unread: 1 });

    await alice.agent.get('/api/notifications?pageSize=500').expect(400);
    await alice.agent.get('/api/notifications?nonLues=peut-etre').expect(400);
    await alice.agent.post('/api/notifications/pas-un-uuid/lue').set(CSRF).expect(400);
    await t.http().get('/api/notifications').expect(401);
  });

  it('records an occurrence once per recipient', async () => {
    const chef = await t.signIn('chef_de_projet');
    const reminder = event('echeance', [chef.user.id], 'Convention-cadre à signer dans 30 jours', { occurrenceKey: 'cadre-30j:abc' });
    await record(reminder);
    await record(reminder);
    expect((await chef.agent.get('/api/notifications').expect(200)).body.total).toBe(1);
  });

  it('keeps preferences per kind, with role defaults, validated, versioned and audited', async () => {
    const prefecture = await t.signIn('prefecture_instructeur');
    const initial = (await prefecture.agent.get('/api/notifications/preferences').expect(200)).body.items;
    expect(initial.find((p: { kind: string }) => p.kind === 'convention_deposee')).toEqual({
      kind: 'convention_deposee',
      label: 'Convention déposée',
      delivery: 'immediat',
      defaultDelivery: 'immediat',
      chosen: false,
      version: 0,
    });

    const bad = await prefecture.agent.put('/api/notifications/preferences/convention_deposee').set(CSRF).send({ delivery: 'mensuel', version: 0 }).expect(400);
    expect(bad.body.fields).toHaveProperty('delivery');
    const badKind = await prefecture.agent.put('/api/notifications/preferences/inconnu').set(CSRF).send({ delivery: 'aucun', version: 0 }).expect(400);
    expect(badKind.body.fields).toHaveProperty('kind');
    await prefecture.agent.put('/api/notifications/preferences/convention_deposee').set(CSRF).send({ delivery: 'aucun' }).expect(400);

    const saved = await prefecture.agent.put('/api/notifications/preferences/convention_deposee').set(CSRF).send({ delivery: 'quotidien', version: 0 }).expect(200);
    expect(saved.body.items.find((p: { kind: string }) => p.kind === 'convention_deposee')).toMatchObject({ delivery: 'quotidien', chosen: true, version: 1 });
    const stale = await prefecture.agent.put('/api/notifications/preferences/convention_deposee').set(CSRF).send({ delivery: 'aucun', version: 0 }).expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');

    const [audit] = await t.dataSource.query(`SELECT actor_id, before, after FROM audit_log WHERE action = 'notification.preference' AND entity_id = $1`, [prefecture.user.id]);
    expect(audit).toEqual({ actor_id: prefecture.user.id, before: { notificationType: 'convention_deposee', envoi: 'immediat' }, after: { notificationType: 'convention_deposee', envoi: 'quotidien' } });

    // The choice applies to the next events: no immediate email any more.
    await record(event('convention_deposee', [prefecture.user.id], 'Convention déposée'));
    const [n] = await t.dataSource.query('SELECT delivery, email_id FROM notification WHERE recipient_id = $1', [prefecture.user.id]);
    expect(n).toEqual({ delivery: 'quotidien', email_id: null });
  });

  it('unsubscribes by a signed link without signing in: a confirmation page, then a POST (one click from the mail client)', async () => {
    const chef = await t.signIn('chef_de_projet');
    await record(event('convention_validee', [chef.user.id], 'Convention validée'));
    const email = await sink.waitFor((e) => e.to.includes(chef.user.email), 15_000);
    const link = /^<http:\/\/localhost:3000(\/api\/notifications\/desabonnement\?jeton=[^>]+)>$/.exec(email.headers['list-unsubscribe'])?.[1] as string;
    const token = decodeURIComponent(link.split('jeton=')[1]);
    expect(email.text).toContain(`/notifications/desabonnement?jeton=${encodeURIComponent(token)}`);

    // Reading the link (a prefetching mail client) changes nothing.
    const info = await t.http().get(link).expect(200);
    expect(info.body).toEqual({ label: 'les courriels « Convention validée »', email: expect.stringMatching(/^c\*\*\*@test\.invalid$/), kinds: ['convention_validee'], done: false });
    // RFC 8058: a POST with that body, without cookie or CSRF header.
    const done = await t.http().post(link).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(done.body).toMatchObject({ done: true, kinds: ['convention_validee'] });
    const prefs = (await chef.agent.get('/api/notifications/preferences').expect(200)).body.items;
    expect(prefs.find((p: { kind: string }) => p.kind === 'convention_validee')).toMatchObject({ delivery: 'aucun', chosen: true });
    const [audit] = await t.dataSource.query(`SELECT actor_id, actor_label, after FROM audit_log WHERE action = 'notification.desabonnement' AND entity_id = $1`, [chef.user.id]);
    expect(audit).toMatchObject({ actor_id: chef.user.id, actor_label: chef.user.email, after: { notificationType: 'convention_validee', envoi: 'aucun' } });
    // Twice is harmless.
    await t.http().post(link).expect(200);

    // A forged or altered token is refused, naming the field.
    const forged = await t.http().post(`/api/notifications/desabonnement?jeton=${encodeURIComponent(token.slice(0, -2) + 'AA')}`).expect(400);
    expect(forged.body).toMatchObject({ code: 'UNSUBSCRIBE_LINK_INVALID', fields: { jeton: ['Lien invalide.'] } });
    const otherKind = token.replace('convention_validee', 'convention_signee');
    await t.http().get(`/api/notifications/desabonnement?jeton=${encodeURIComponent(otherKind)}`).expect(400);
    await t.http().get('/api/notifications/desabonnement').expect(400);
  });

  it('groups a day’s events of a user in one digest email, once', async () => {
    const chef = await t.signIn('chef_de_projet');
    // A chef de projet reads deposits in the daily digest by default.
    for (const label of ['Ahun', 'Ajain', 'Aubusson']) {
      await record(event('convention_deposee', [chef.user.id], 'Convention déposée', { item: { type: 'convention', id: label, label: `Convention-cadre — ${label}`, path: `/conventions/${label}` } }));
    }
    await record(event('alerte_poste', [chef.user.id], 'Poste vacant depuis plus de 3 mois', { body: 'Le poste de chef de projet est vacant depuis le 01/06/2026.' }));
    expect(emailsTo(sink, chef.user.email)).toEqual([]);

    const jobs = t.app.get(JobsService);
    const first = await waitForJob(t.app, await jobs.send(DAILY_DIGEST_JOB, { today: '2026-12-04' }));
    expect(first).toMatchObject({ state: 'completed', output: { digests: expect.any(Number) } });
    const digest = await sink.waitFor((e) => e.to.includes(chef.user.email), 15_000);
    expect(digest.subject).toBe('Suivi PVD : 4 notifications du 04/12/2026');
    for (const label of ['Ahun', 'Ajain', 'Aubusson']) expect(digest.text).toContain(`Convention-cadre — ${label}`);
    expect(digest.text).toContain('Convention déposée (3)');
    expect(digest.text).toContain('Alerte sur un poste (1)');
    expect(digest.text).toContain('Le poste de chef de projet est vacant depuis le 01/06/2026.');
    expect(digest.html).toContain('href="http://localhost:3000/conventions/Ajain"');
    expect(digest.headers['list-unsubscribe']).toContain('/api/notifications/desabonnement?jeton=');

    // The same day again, and a later event of that day: no second digest for that day.
    await record(event('convention_deposee', [chef.user.id], 'Convention déposée'));
    await waitForJob(t.app, await jobs.send(DAILY_DIGEST_JOB, { today: '2026-12-04' }));
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification_email WHERE recipient_id = $1`, [chef.user.id]);
    expect(n).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(emailsTo(sink, chef.user.email)).toHaveLength(1);
    // The next day's digest takes it.
    await waitForJob(t.app, await jobs.send(DAILY_DIGEST_JOB, { today: '2026-12-05' }));
    const next = await sink.waitFor((e) => e.to.includes(chef.user.email) && e.subject.includes('05/12/2026'), 15_000);
    expect(next.subject).toBe('Suivi PVD : 1 notification du 05/12/2026');
  });

  it('delivers every email exactly once across a mail outage', async () => {
    const mailer = t.app.get(Mailer);
    const port = sink.port;
    const users = await Promise.all([1, 2, 3].map(() => t.signIn('anct_directeur')));
    await sink.stop();
    let restarted: SmtpSink | null = null;
    try {
      // Import outcomes go out at once by default: three emails while the SMTP server is down.
      for (const u of users) await record(event('import_echoue', [u.user.id], 'Import national en échec'));
      const ids = users.map((u) => u.user.id);
      await eventually(async () => {
        const rows: { tentatives: number; etat: string }[] = await t.dataSource.query('SELECT tentatives, etat FROM notification_email WHERE recipient_id = ANY($1::uuid[])', [ids]);
        return rows.length === 3 && rows.every((r) => r.etat === 'en_attente' && r.tentatives >= 2);
      });
      const [failing] = await t.dataSource.query('SELECT derniere_erreur FROM notification_email WHERE recipient_id = $1', [ids[0]]);
      expect(failing.derniere_erreur).toMatch(/could not be sent/);

      restarted = await startSmtpSink({ port });
      await eventually(async () => {
        const rows: { etat: string }[] = await t.dataSource.query(`SELECT etat FROM notification_email WHERE recipient_id = ANY($1::uuid[]) AND etat = 'envoye'`, [ids]);
        return rows.length === 3;
      }, 30_000);
      // Jobs already completed, and one more run of each: nothing sent again.
      const jobs = t.app.get(JobsService);
      const emailIds: { id: string }[] = await t.dataSource.query('SELECT id FROM notification_email WHERE recipient_id = ANY($1::uuid[])', [ids]);
      for (const { id } of emailIds) {
        const again = await waitForJob(t.app, await jobs.send('notifications.courriel', { emailId: id }));
        expect(again.output).toEqual({ etat: 'envoye' });
      }
      const sinkNow = restarted;
      for (const u of users) expect(emailsTo(sinkNow, u.user.email)).toHaveLength(1);
      expect(mailer).toBeDefined();
    } finally {
      await restarted?.stop();
    }
  });
});

describe('notifications across a restart', () => {
  it('are sent by the next process when the first stopped before sending', async () => {
    // Covered with two apps on one database: the API enqueues only (JOBS_WORKER=false), a worker started afterwards sends.
    const db = await createSharedTestDatabase();
    const api = await startAppOn(db.url, { JOBS_WORKER: 'false' });
    let apiOpen = true;
    let worker: Awaited<ReturnType<typeof startAppOn>> | null = null;
    try {
      const dataSource = api.get(DataSource);
      const [user] = await dataSource.query(`INSERT INTO app_user (email, display_name) VALUES ('relance@test.invalid', 'Relance') RETURNING id`);
      await dataSource.transaction((em: EntityManager) =>
        api.get(NotificationsService).record(em, {
          kind: 'mention',
          recipientIds: [user.id],
          actorId: null,
          item: { type: 'dossier', id: 'x', label: 'Ahun', path: '/pvd/x' },
          dossierId: null,
          title: 'Vous avez été mentionné',
        }),
      );
      await api.close();
      apiOpen = false;
      worker = await startAppOn(db.url);
      const workerSink = worker.get(Mailer).sink() as SmtpSink;
      const email = await workerSink.waitFor((e) => e.to.includes('relance@test.invalid'), 20_000);
      expect(email.subject).toBe('Suivi PVD : Vous avez été mentionné');
      // Marked sent by the transaction that sent it, which commits just after the SMTP server's answer.
      const workerDb = worker.get(DataSource);
      const row = await eventually(async () => {
        const [r]: { etat: string; tentatives: number }[] = await workerDb.query(`SELECT etat, tentatives FROM notification_email WHERE recipient_id = $1`, [user.id]);
        return r?.etat === 'envoye' ? r : null;
      });
      expect(row.tentatives).toBe(1);
      expect(workerSink.messages().filter((e) => e.to.includes('relance@test.invalid'))).toHaveLength(1);
    } finally {
      if (apiOpen) await api.close();
      await worker?.close();
      await db.drop();
    }
  });
});
