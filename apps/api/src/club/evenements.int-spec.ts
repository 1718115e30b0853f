import { CSRF, useTestApp, type SignedInClient } from '../test/test-app';

/** A published event in the future, with these fields over the defaults. */
const EVENT = (fields: Record<string, unknown> = {}) => ({
  type: 'webinaire',
  titre: 'Webinaire : revitaliser le commerce',
  description: 'Retours d’expérience de deux petites villes de demain.',
  themes: ['commerce'],
  dateDebut: '2099-03-30',
  dateFin: '2099-03-30',
  heureDebut: '10:00',
  heureFin: '11:30',
  departementCode: null,
  capacite: 1,
  lien: 'https://visio.exemple.fr/salle-42',
  intervenants: [{ nom: 'Camille Martin', fonction: 'Cheffe de projet, Ahun', pvd: true }],
  supports: [],
  statut: 'publie',
  ...fields,
});

interface Row {
  user_id: string;
  statut: string;
  position: number | null;
}

describe('Club: registrations and the waiting list', () => {
  const t = useTestApp();
  const rows = async (id: string): Promise<Row[]> =>
    t.dataSource.query(`SELECT user_id, statut, position FROM club_inscription WHERE evenement_id = $1 ORDER BY statut, position NULLS FIRST, user_id`, [id]);
  const confirmations = async (id: string) =>
    t.dataSource.query(`SELECT recipient_id, title, item_path FROM notification WHERE kind = 'club_inscription_confirmee' AND item_id = $1 ORDER BY created_at`, [id]);

  it('gives 1 seat and 19 places on the waiting list to 20 concurrent sign-ups for 1 seat, then moves up the first when the seat is freed', async () => {
    const anct = await t.signIn('anct_directeur');
    const created = await anct.agent.post('/api/club/evenements').set(CSRF).send(EVENT()).expect(201);
    const id: string = created.body.id;
    const chefs: SignedInClient[] = [];
    for (let i = 0; i < 20; i++) chefs.push(await t.signIn('chef_de_projet'));

    const answers = await Promise.all(chefs.map((c) => c.agent.post(`/api/club/evenements/${id}/inscription`).set(CSRF)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const stored = await rows(id);
    expect(stored.filter((r) => r.statut === 'inscrit')).toHaveLength(1);
    const waiting = stored.filter((r) => r.statut === 'attente');
    expect(waiting.map((r) => r.position)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    // Each answer tells its own place, as stored.
    for (const [i, chef] of chefs.entries()) {
      const row = stored.find((r) => r.user_id === chef.user.id) as Row;
      expect(answers[i].body).toEqual({ statut: row.statut, position: row.position });
    }
    // Registering again changes nothing.
    const seated = chefs.find((c) => c.user.id === stored.find((r) => r.statut === 'inscrit')?.user_id) as SignedInClient;
    expect((await seated.agent.post(`/api/club/evenements/${id}/inscription`).set(CSRF).expect(201)).body).toEqual({ statut: 'inscrit', position: null });

    // The page tells the waiting person their place; the link is for those with a seat.
    const first = chefs.find((c) => c.user.id === waiting[0].user_id) as SignedInClient;
    const page = (await first.agent.get(`/api/club/evenements/${id}`).expect(200)).body;
    expect([page.monInscription, page.inscrits, page.enAttente, page.lien, page.enLigne]).toEqual([{ statut: 'attente', position: 1 }, 1, 19, null, true]);
    expect((await seated.agent.get(`/api/club/evenements/${id}`).expect(200)).body.lien).toBe('https://visio.exemple.fr/salle-42');

    // The seated one leaves: the first waiting moves up, is notified; the others move one place.
    await seated.agent.delete(`/api/club/evenements/${id}/inscription`).set(CSRF).expect(204);
    const after = await rows(id);
    expect(after.find((r) => r.user_id === first.user.id)).toEqual({ user_id: first.user.id, statut: 'inscrit', position: null });
    expect(after.filter((r) => r.statut === 'attente').map((r) => r.position)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(after.find((r) => r.user_id === seated.user.id)?.statut).toBe('desinscrit');
    expect(await confirmations(id)).toEqual([{ recipient_id: first.user.id, title: 'Une place s’est libérée : vous êtes inscrit à « Webinaire : revitaliser le commerce »', item_path: `/club/evenements/${id}` }]);
    const centre = (await first.agent.get('/api/notifications').expect(200)).body;
    expect(centre.items.map((n: { kind: string }) => n.kind)).toEqual(['club_inscription_confirmee']);

    // Someone waiting leaves: those behind move up one place, nobody gets a seat.
    const third = after.find((r) => r.position === 3) as Row;
    const second = after.find((r) => r.position === 2) as Row;
    await (chefs.find((c) => c.user.id === second.user_id) as SignedInClient).agent.delete(`/api/club/evenements/${id}/inscription`).set(CSRF).expect(204);
    const later = await rows(id);
    expect(later.find((r) => r.user_id === third.user_id)?.position).toBe(2);
    expect(later.filter((r) => r.statut === 'inscrit')).toHaveLength(1);
    expect(later.filter((r) => r.statut === 'attente').map((r) => r.position)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));

    // Two more seats: the first two waiting move up, notified.
    const version = (await anct.agent.get(`/api/club/evenements/${id}`).expect(200)).body.version;
    const updated = await anct.agent.put(`/api/club/evenements/${id}`).set(CSRF).send({ ...EVENT({ capacite: 3 }), version }).expect(200);
    expect([updated.body.inscrits, updated.body.enAttente]).toEqual([3, 15]);
    expect(await confirmations(id)).toHaveLength(3);
    // Fewer seats than people seated is refused, naming the field.
    const shrink = await anct.agent.put(`/api/club/evenements/${id}`).set(CSRF).send({ ...EVENT({ capacite: 2 }), version: updated.body.version }).expect(400);
    expect(Object.keys(shrink.body.fields)).toEqual(['capacite']);
    // A stale version is a 409.
    await anct.agent.put(`/api/club/evenements/${id}`).set(CSRF).send({ ...EVENT({ capacite: 5 }), version }).expect(409);

    // The organiser's list and its export.
    const list = (await anct.agent.get(`/api/club/evenements/${id}/inscriptions`).expect(200)).body;
    expect([list.inscrits, list.enAttente]).toEqual([3, 15]);
    const seat = list.items[0];
    const marked = await anct.agent.put(`/api/club/evenements/${id}/inscriptions/${seat.id}/presence`).set(CSRF).send({ presence: true, version: seat.version }).expect(200);
    expect(marked.body.presence).toBe(true);
    await anct.agent.put(`/api/club/evenements/${id}/inscriptions/${seat.id}/presence`).set(CSRF).send({ presence: false, version: seat.version }).expect(409);
    const csv = await anct.agent.get(`/api/club/evenements/${id}/inscriptions/export?format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('Rang en liste d’attente');
    // Everyone who ever registered: 3 seated, 15 waiting, 2 who left.
    expect(csv.text.split('\n').filter((l) => l.trim()).length).toBe(1 + 20);

    // Cancelled: everyone registered or waiting is told.
    const current = (await anct.agent.get(`/api/club/evenements/${id}`).expect(200)).body;
    await anct.agent.post(`/api/club/evenements/${id}/annulation`).set(CSRF).send({ version: current.version }).expect(200);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'club_evenement_annule' AND item_id = $1`, [id]);
    expect(n).toBe(18);
    await first.agent.post(`/api/club/evenements/${id}/inscription`).set(CSRF).expect(409);
  });
});

describe('Club: organising', () => {
  const t = useTestApp();

  it('lets a préfecture hold its département’s club, not another’s, and keeps drafts to the organisers', async () => {
    const creuse = await t.signIn('prefecture_instructeur');
    const hautRhin = await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: '68' });
    const chef = await t.signIn('chef_de_projet');
    const meeting = { ...EVENT(), type: 'club_departemental', titre: 'Club PVD de la Creuse', departementCode: '23', capacite: null, participants: 14, lien: null, lieu: 'Préfecture, Guéret', statut: 'brouillon' };

    const refused = await creuse.agent.post('/api/club/evenements').set(CSRF).send({ ...meeting, departementCode: '87' }).expect(400);
    expect(Object.keys(refused.body.fields)).toEqual(['departementCode']);
    const national = await creuse.agent.post('/api/club/evenements').set(CSRF).send({ ...meeting, type: 'rencontre_nationale' }).expect(400);
    expect(Object.keys(national.body.fields)).toEqual(['type']);

    const created = (await creuse.agent.post('/api/club/evenements').set(CSRF).send(meeting).expect(201)).body;
    expect([created.statut, created.participants, created.peutGerer, created.departementNom]).toEqual(['brouillon', 14, true, 'Creuse']);
    // A draft: not on the agenda, 404 to participants and to other organisers.
    await chef.agent.get(`/api/club/evenements/${created.id}`).expect(404);
    await hautRhin.agent.get(`/api/club/evenements/${created.id}`).expect(404);
    await chef.agent.post(`/api/club/evenements/${created.id}/inscription`).set(CSRF).expect(404);
    expect((await creuse.agent.get('/api/club/organisation/evenements').expect(200)).body.items.map((e: { id: string }) => e.id)).toEqual([created.id]);
    expect((await hautRhin.agent.get('/api/club/organisation/evenements').expect(200)).body.items).toEqual([]);

    const published = (await creuse.agent.put(`/api/club/evenements/${created.id}`).set(CSRF).send({ ...meeting, statut: 'publie', version: created.version }).expect(200)).body;
    expect((await chef.agent.get('/api/club/evenements?departement=23&du=2099-01-01').expect(200)).body.items.map((e: { id: string }) => e.id)).toContain(created.id);
    expect((await chef.agent.get('/api/club/evenements?departement=68&du=2099-01-01').expect(200)).body.items.map((e: { id: string }) => e.id)).not.toContain(created.id);
    // Another préfecture reads it, may not change it.
    await hautRhin.agent.get(`/api/club/evenements/${created.id}`).expect(200);
    await hautRhin.agent.put(`/api/club/evenements/${created.id}`).set(CSRF).send({ ...meeting, statut: 'publie', version: published.version }).expect(403);
    await hautRhin.agent.get(`/api/club/evenements/${created.id}/inscriptions`).expect(403);
    // Published stays published.
    const back = await creuse.agent.put(`/api/club/evenements/${created.id}`).set(CSRF).send({ ...meeting, statut: 'brouillon', version: published.version }).expect(400);
    expect(Object.keys(back.body.fields)).toEqual(['statut']);
    // Bad input names the field.
    const bad = await creuse.agent.post('/api/club/evenements').set(CSRF).send({ ...meeting, dateFin: '2099-03-01', lien: 'javascript:alert(1)' }).expect(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['lien']);
    const order = await creuse.agent.post('/api/club/evenements').set(CSRF).send({ ...meeting, dateFin: '2099-03-01' }).expect(400);
    expect(Object.keys(order.body.fields)).toEqual(['dateFin']);
    // Each change is in the audit log.
    const audited = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [created.id]);
    expect(audited.map((a: { action: string }) => a.action)).toEqual(['club_evenement.cree', 'club_evenement.modifie']);
  });

  it('lets a partner hold its trainings only', async () => {
    const partner = await t.signIn('partenaire');
    await partner.agent.post('/api/club/evenements').set(CSRF).send(EVENT({ type: 'formation_initiale' })).expect(201);
    const refused = await partner.agent.post('/api/club/evenements').set(CSRF).send(EVENT()).expect(400);
    expect(Object.keys(refused.body.fields)).toEqual(['type']);
    const chef = await t.signIn('chef_de_projet');
    await chef.agent.post('/api/club/evenements').set(CSRF).send(EVENT()).expect(403);
  });
});

describe('Club: calendars', () => {
  const t = useTestApp();

  it('serves an event as iCalendar, and a personal feed at a signed address that can be renewed', async () => {
    const anct = await t.signIn('anct_directeur');
    const chef = await t.signIn('chef_de_projet');
    const event = (await anct.agent.post('/api/club/evenements').set(CSRF).send(EVENT({ capacite: null, titre: 'Atelier, habitat; vacance' })).expect(201)).body;
    const ics = await chef.agent.get(`/api/club/evenements/${event.id}/ics`).expect(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.text).toContain('DTSTART;TZID=Europe/Paris:20990330T100000');
    expect(ics.text).toContain('SUMMARY:Atelier\\, habitat\\; vacance');
    // Not registered: no connection link in the file.
    expect(ics.text).not.toContain('salle-42');

    await chef.agent.post(`/api/club/evenements/${event.id}/inscription`).set(CSRF).expect(201);
    const { url } = (await chef.agent.get('/api/club/calendrier').expect(200)).body;
    expect((await chef.agent.get('/api/club/calendrier').expect(200)).body.url).toBe(url);
    const path = new URL(url).pathname;
    const feed = await t.http().get(path).expect(200);
    expect(feed.text).toContain(`UID:${event.id}@`);
    expect(feed.text).toContain('salle-42');
    // A forged or altered token is refused.
    await t.http().get(path.replace(/.{4}\.ics$/, 'AAAA.ics')).expect(404);

    const renewed = (await chef.agent.post('/api/club/calendrier/renouvellement').set(CSRF).expect(200)).body.url;
    expect(renewed).not.toBe(url);
    await t.http().get(path).expect(404);
    await t.http().get(new URL(renewed).pathname).expect(200);
    await chef.agent.delete('/api/club/calendrier').set(CSRF).expect(204);
    await t.http().get(new URL(renewed).pathname).expect(404);
  });
});
