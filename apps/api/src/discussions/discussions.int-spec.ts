import { createConvention, createPvd, CSRF, TEST_PDF, useTestApp } from '../test/test-app';

interface Message {
  id: string;
  auteur: string;
  texte: string;
  interne: boolean;
  modifieLe: string | null;
  supprime: { le: string; par: string } | null;
  mentions: { id: string; nom: string }[];
  piecesJointes: { id: string; nomFichier: string; url: string }[];
  modifiableJusqua: string | null;
  supprimable: boolean;
  version: number;
}

describe('discussions', () => {
  const t = useTestApp();

  // A commune belongs to one PVD: the PVDs are created once for the file.
  const pvds = new Map<string, Promise<{ id: string }>>();
  const pvdOf = (insee: string) => pvds.get(insee) ?? (pvds.set(insee, createPvd(t.dataSource, [insee])).get(insee) as Promise<{ id: string }>);

  async function people() {
    const chef = await t.signIn('chef_de_projet');
    const prefecture = await t.signIn('prefecture_instructeur');
    const elu = await t.signIn('elu_lecteur');
    const ailleurs = await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '68004' });
    return { chef, prefecture, elu, ailleurs };
  }

  it('lets the readers of a convention talk in its thread, with mentions of its readers only', async () => {
    const ahun = await pvdOf('23001');
    await pvdOf('68004');
    const convention = await createConvention(t.dataSource, ahun.id, { etat: 'en_instruction' });
    const { chef, prefecture, elu, ailleurs } = await people();
    const url = `/api/discussions/convention/${convention.id}/messages`;

    const texte = 'Bonjour @Test chef_de_projet, voir https://www.legifrance.gouv.fr/ <b>merci</b>';
    const posted = await prefecture.agent.post(url).set(CSRF).send({ texte, mentions: [chef.user.id] }).expect(201);
    expect(posted.body).toMatchObject({
      texte,
      interne: false,
      auteur: 'Test prefecture_instructeur (Préfecture – Creuse (23))',
      modifieLe: null,
      supprime: null,
      mentions: [{ id: chef.user.id, nom: 'Test chef_de_projet' }],
      supprimable: true,
      version: 1,
    });
    expect(posted.body.modifiableJusqua).not.toBeNull();

    // The person mentioned is notified; answering notifies the thread's followers (here the préfecture).
    const notified = async (userId: string) =>
      (await t.dataSource.query(`SELECT kind, item_type, item_path, title FROM notification WHERE recipient_id = $1 ORDER BY created_at`, [userId])) as { kind: string; item_type: string; item_path: string; title: string }[];
    expect(await notified(chef.user.id)).toEqual([
      expect.objectContaining({ kind: 'mention', item_type: 'convention', item_path: `/conventions/${convention.id}`, title: expect.stringMatching(/^Test prefecture_instructeur vous a mentionné dans une discussion : convention/) }),
    ]);

    // The chef de projet and the élu read it; the same role in another territory does not.
    const read = await chef.agent.get(url).expect(200);
    expect(read.body).toMatchObject({ itemType: 'convention', total: 1, suivant: null, peutEcrireNoteInterne: false });
    expect(read.body.messages.map((m: Message) => m.texte)).toEqual([texte]);
    expect(read.body.messages[0]).toMatchObject({ supprimable: false, modifiableJusqua: null });
    await elu.agent.get(url).expect(200);
    await ailleurs.agent.get(url).expect(404);
    await ailleurs.agent.post(url).set(CSRF).send({ texte: 'Bonjour' }).expect(404);

    await chef.agent.post(url).set(CSRF).send({ texte: 'Je complète le calendrier.' }).expect(201);
    expect((await notified(prefecture.user.id)).map((n) => n.kind)).toEqual(['message']);
    expect(await notified(elu.user.id)).toEqual([]);

    // A mention of someone who cannot see the convention is refused, naming the field and the person.
    const refused = await chef.agent.post(url).set(CSRF).send({ texte: 'Cc @Ailleurs', mentions: [prefecture.user.id, ailleurs.user.id] }).expect(400);
    expect(refused.body).toMatchObject({
      code: 'MENTION_NOT_ALLOWED',
      fields: { 'mentions.1': ['Test chef_de_projet ne peut pas voir cet élément : mentionnez quelqu’un qui y a accès.'] },
    });
    const unknown = await chef.agent.post(url).set(CSRF).send({ texte: 'Cc', mentions: ['00000000-0000-4000-8000-000000000000'] }).expect(400);
    expect(unknown.body.fields).toEqual({ 'mentions.0': ['Personne introuvable.'] });

    // The people one may mention: those who see the convention.
    const candidates = await chef.agent.get(`/api/discussions/convention/${convention.id}/personnes?q=prefecture`).expect(200);
    expect(candidates.body.map((p: { id: string }) => p.id)).toContain(prefecture.user.id);
    const everyone = await chef.agent.get(`/api/discussions/convention/${convention.id}/personnes`).expect(200);
    expect(everyone.body.map((p: { id: string }) => p.id)).not.toContain(ailleurs.user.id);

    // Bad input names the field.
    const empty = await chef.agent.post(url).set(CSRF).send({ texte: '   ' }).expect(400);
    expect(empty.body).toMatchObject({ code: 'MESSAGE_INVALID', fields: { texte: ['Écrivez un message.'] } });
    const long = await chef.agent.post(url).set(CSRF).send({ texte: 'x'.repeat(5001) }).expect(400);
    expect(Object.keys(long.body.fields)).toEqual(['texte']);
    await chef.agent.get('/api/discussions/avion/00000000-0000-4000-8000-000000000000/messages').expect(400);
    const badCursor = await chef.agent.get(`${url}?curseur=abc`).expect(400);
    expect(Object.keys(badCursor.body.fields)).toEqual(['curseur']);
  });

  it('keeps internal notes to the State’s services: not listed, counted, mentionable nor downloadable by the commune', async () => {
    const ahun = await pvdOf('23001');
    const { chef, prefecture, elu } = await people();
    const sgar = await t.signIn('sgar_lecteur');
    const url = `/api/discussions/dossier/${ahun.id}/messages`;

    await chef.agent.post(url).set(CSRF).send({ texte: 'Message public' }).expect(201);
    const refusedNote = await chef.agent.post(url).set(CSRF).send({ texte: 'Note', interne: true }).expect(403);
    expect(refusedNote.body).toMatchObject({ code: 'NOTE_INTERNE_NOT_ALLOWED', fields: { interne: [expect.any(String)] } });

    const note = await prefecture.agent.post(url).set(CSRF).send({ texte: 'Note interne : dossier fragile', interne: true, mentions: [sgar.user.id] }).expect(201);
    expect(note.body).toMatchObject({ interne: true, mentions: [{ id: sgar.user.id }] });
    // A commune's person cannot be mentioned in a note they would not read.
    const notForCommune = await prefecture.agent.post(url).set(CSRF).send({ texte: 'Note', interne: true, mentions: [chef.user.id] }).expect(400);
    expect(notForCommune.body.fields['mentions.0'][0]).toMatch(/^Test chef_de_projet ne peut pas lire les notes internes/);
    const noteCandidates = await prefecture.agent.get(`/api/discussions/dossier/${ahun.id}/personnes?interne=true`).expect(200);
    expect(noteCandidates.body.map((p: { id: string }) => p.id)).toContain(sgar.user.id);
    expect(noteCandidates.body.map((p: { id: string }) => p.id)).not.toContain(chef.user.id);

    const attached = await prefecture.agent.post(`/api/discussions/messages/${note.body.id}/pieces-jointes`).set(CSRF).attach('fichier', TEST_PDF, 'rapport.pdf').expect(201);
    const pj = attached.body.piecesJointes[0];
    expect(pj).toMatchObject({ nomFichier: 'rapport.pdf', typeMime: 'application/pdf' });

    for (const commune of [chef, elu]) {
      const list = await commune.agent.get(url).expect(200);
      expect(list.body.messages.map((m: Message) => m.texte)).not.toContain('Note interne : dossier fragile');
      expect(list.body.messages.every((m: Message) => !m.interne)).toBe(true);
      expect(list.body.total).toBe(list.body.messages.length);
      expect(list.body.peutEcrireNoteInterne).toBe(false);
      await commune.agent.get(pj.url).expect(404);
      await commune.agent.get(`/api/documents/${pj.id}/versions/1/contenu`).expect(404);
      await commune.agent.patch(`/api/discussions/messages/${note.body.id}`).set(CSRF).send({ texte: 'x', version: 1 }).expect(404);
    }
    // Notifications of the note reach the State's services only: the SGAR mentioned, not the chef de projet who wrote in the thread.
    const kindsOf = async (userId: string) => (await t.dataSource.query(`SELECT kind FROM notification WHERE recipient_id = $1`, [userId])).map((r: { kind: string }) => r.kind);
    expect(await kindsOf(sgar.user.id)).toEqual(['mention']);
    expect(await kindsOf(chef.user.id)).toEqual([]);
    const stateView = await sgar.agent.get(url).expect(200);
    expect(stateView.body.messages.map((m: Message) => m.interne)).toContain(true);
    expect(stateView.body.peutEcrireNoteInterne).toBe(true);
    const file = await sgar.agent.get(pj.url).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');

    // The dossier's history (read by the commune) shows the public message, not the note nor its attachment.
    const history = await chef.agent.get(`/api/pvd/${ahun.id}/historique`).expect(200);
    const actions = history.body.items.map((i: { action: string; entityType: string }) => `${i.entityType}:${i.action}`);
    expect(actions).toContain('discussion_message:message.publie');
    expect(actions.filter((a: string) => a.startsWith('note_interne') || a.startsWith('document'))).toEqual([]);
    const [audited] = await t.dataSource.query(`SELECT pvd_id, after FROM audit_log WHERE entity_type = 'note_interne' AND entity_id = $1`, [note.body.id]);
    expect(audited).toMatchObject({ pvd_id: null, after: { texte: 'Note interne : dossier fragile', interne: true, mentionnes: ['Test sgar_lecteur'] } });
  });

  it('lets the author edit within 15 minutes (409 on a stale version) and delete, leaving a trace', async () => {
    const ahun = await pvdOf('23001');
    const { chef, prefecture } = await people();
    const [poste] = await t.dataSource.query(`INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code) VALUES ($1, 'Chef de projet', 'commune', '23001') RETURNING id`, [ahun.id]);
    const url = `/api/discussions/poste/${poste.id}/messages`;
    const posted = await chef.agent.post(url).set(CSRF).send({ texte: 'Premier jet' }).expect(201);
    const id = posted.body.id;

    await prefecture.agent.patch(`/api/discussions/messages/${id}`).set(CSRF).send({ texte: 'Pas le mien', version: 1 }).expect(403);
    const edited = await chef.agent.patch(`/api/discussions/messages/${id}`).set(CSRF).send({ texte: 'Version corrigée', version: 1 }).expect(200);
    expect(edited.body).toMatchObject({ texte: 'Version corrigée', version: 2 });
    expect(edited.body.modifieLe).not.toBeNull();
    const stale = await chef.agent.patch(`/api/discussions/messages/${id}`).set(CSRF).send({ texte: 'Autre', version: 1 }).expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');

    await chef.agent.post(`/api/discussions/messages/${id}/pieces-jointes`).set(CSRF).attach('fichier', Buffer.from('<html><script>alert(1)</script>'), 'x.pdf').expect(415);
    const withFile = await chef.agent.post(`/api/discussions/messages/${id}/pieces-jointes`).set(CSRF).attach('fichier', TEST_PDF, 'annexe.pdf').expect(201);
    const fileUrl = withFile.body.piecesJointes[0].url;
    await prefecture.agent.get(fileUrl).expect(200);

    // Sixteen minutes later, it is no longer editable.
    await t.dataSource.query(`UPDATE discussion_message SET cree_le = now() - interval '16 minutes' WHERE id = $1`, [id]);
    const late = await chef.agent.patch(`/api/discussions/messages/${id}`).set(CSRF).send({ texte: 'Trop tard', version: 2 }).expect(409);
    expect(late.body.code).toBe('MESSAGE_EDIT_EXPIRED');

    await prefecture.agent.delete(`/api/discussions/messages/${id}?version=2`).set(CSRF).expect(403);
    await chef.agent.delete(`/api/discussions/messages/${id}?version=1`).set(CSRF).expect(409);
    const deleted = await chef.agent.delete(`/api/discussions/messages/${id}?version=2`).set(CSRF).expect(200);
    expect(deleted.body).toMatchObject({ texte: '', piecesJointes: [], supprime: { par: 'Test chef_de_projet (Commune d’Ahun)' } });
    const list = await prefecture.agent.get(url).expect(200);
    expect(list.body.messages[0]).toMatchObject({ id, texte: '', supprime: { par: 'Test chef_de_projet (Commune d’Ahun)' } });
    await prefecture.agent.get(fileUrl).expect(404);
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['message.publie', 'message.modifie', 'message.supprime']);
  });

  it('pages the messages by cursor, newest first, without gaps or repeats', async () => {
    const ahun = await pvdOf('23001');
    const { chef } = await people();
    const convention = await createConvention(t.dataSource, ahun.id, { etat: 'brouillon' });
    const url = `/api/discussions/convention/${convention.id}/messages`;
    for (let i = 1; i <= 23; i++) await chef.agent.post(url).set(CSRF).send({ texte: `Message ${i}` }).expect(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { messages: Message[]; suivant: string | null; total: number } } = await chef.agent.get(`${url}?limite=10${cursor ? `&curseur=${cursor}` : ''}`).expect(200);
      expect(page.body.total).toBe(23);
      seen.push(...page.body.messages.map((m) => m.texte));
      cursor = page.body.suivant;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `Message ${23 - i}`));
  });

  it('opens a mission’s thread to its funder, not the dossier’s nor a convention’s', async () => {
    const ahun = await pvdOf('23001');
    const { chef } = await people();
    const partner = await t.signIn('partenaire', { type: 'partenaire', nom: 'Banque des Territoires (discussions)' });
    await t.dataSource.query(`UPDATE financeur SET organisation_id = $1 WHERE code = 'banque_des_territoires'`, [partner.user.organisationId]);
    const [mission] = await t.dataSource.query(
      `INSERT INTO mission (pvd_id, financeur_id, nature, intitule, statut) SELECT $1, id, 'etude', 'Étude', 'demandee' FROM financeur WHERE code = 'banque_des_territoires' RETURNING id`,
      [ahun.id],
    );
    const convention = await createConvention(t.dataSource, ahun.id, { etat: 'brouillon' });
    const url = `/api/discussions/mission/${mission.id}/messages`;
    const posted = await chef.agent.post(url).set(CSRF).send({ texte: 'Le cahier des charges est prêt', mentions: [partner.user.id] }).expect(201);
    expect(posted.body.mentions).toEqual([{ id: partner.user.id, nom: 'Test partenaire', libelle: 'Test partenaire' }]);
    const answer = await partner.agent.post(url).set(CSRF).send({ texte: 'Merci' }).expect(201);
    expect(answer.body.auteur).toBe('Test partenaire (Banque des Territoires (discussions))');
    const prefecture = await t.signIn('prefecture_instructeur');
    await prefecture.agent.post(url).set(CSRF).send({ texte: 'Note', interne: true }).expect(201);
    const partnerView = await partner.agent.get(url).expect(200);
    expect(partnerView.body.messages.map((m: Message) => m.texte)).toEqual(['Merci', 'Le cahier des charges est prêt']);
    expect(partnerView.body.total).toBe(2);

    // It reads the dossier's summary: its threads are not for it; a convention's thread does not exist for it.
    await partner.agent.get(`/api/discussions/dossier/${ahun.id}/messages`).expect(403);
    await partner.agent.get(`/api/discussions/convention/${convention.id}/messages`).expect(404);
    const mention = await chef.agent.post(`/api/discussions/dossier/${ahun.id}/messages`).set(CSRF).send({ texte: 'Cc', mentions: [partner.user.id] }).expect(400);
    expect(mention.body.fields['mentions.0'][0]).toMatch(/^Test partenaire ne peut pas voir cet élément/);
  });
});
