import { programmeToday } from '@suivi-pvd/domain';
import { CSRF, createPvd, useTestApp, type SignedInClient } from '../../test/test-app';
import { gradientPng } from './solid-png';

const PNG = gradientPng(16, 12, [0, 0, 145], [225, 0, 15]);

const FICHE = {
  titre: 'Rénovation de la halle du marché',
  themes: ['commerce', 'espaces_publics'],
  resume: 'La halle du XIXe siècle rénovée accueille le marché du samedi.',
  resultats: 'Douze commerçants chaque samedi.',
  budgetTotal: 45_000_000,
  financements: [{ financeur: 'État – DETR', montant: 15_000_000 }],
  partenaires: ['Banque des Territoires'],
  contactFonction: 'Chef de projet Petites villes de demain',
  contactOrganisation: 'Mairie d’Ahun',
  contactEmail: 'pvd@mairie-ahun.test',
};

describe('projetothèque', () => {
  const t = useTestApp();
  let chef: SignedInClient;
  let anct: SignedInClient;
  let pvdId: string;
  let idPvd: string;

  beforeAll(async () => {
    ({ id: pvdId, idPvd } = await createPvd(t.dataSource, ['23001']));
    chef = await t.signIn('chef_de_projet');
    anct = await t.signIn('anct_directeur');
  });

  async function createFiche(input: Record<string, unknown> = {}) {
    const res = await chef.agent.post('/api/fiches').set(CSRF).send({ pvdId, ...FICHE, ...input }).expect(201);
    return res.body as { id: string; version: number; statut: string };
  }

  it('goes from draft to review, changes, publication, unpublication and back, public only while published', async () => {
    const draft = await createFiche();
    expect(draft.statut).toBe('brouillon');
    // A draft does not exist for the public nor the ANCT.
    await t.http().get(`/api/public/fiches/${draft.id}`).expect(404);
    await anct.agent.get(`/api/fiches/${draft.id}`).expect(404);

    const photo = await chef.agent.post(`/api/fiches/${draft.id}/photos`).set(CSRF).field('texteAlternatif', 'La halle rénovée, vue de la place').attach('fichier', PNG, 'halle.png').expect(201);
    const photoId = photo.body.photos[0].id as string;
    await t.http().get(`/api/public/fiches/${draft.id}/photos/${photoId}/contenu`).expect(404);
    // The photo is a document of the PVD, but the dossier's document route does not serve it: only the sheet's routes do.
    const [{ document_id: documentId }] = await t.dataSource.query('SELECT document_id FROM fiche_projet_photo WHERE id = $1', [photoId]);
    await chef.agent.get(`/api/documents/${documentId}/versions/1/contenu`).expect(404);
    await chef.agent.get(`/api/fiches/${draft.id}/photos/${photoId}/contenu`).expect(200);

    const submitted = await chef.agent.post(`/api/fiches/${draft.id}/soumission`).set(CSRF).send({ version: photo.body.version }).expect(200);
    expect(submitted.body.statut).toBe('en_revue');
    expect(submitted.body.actions).toEqual([]);
    // The chef cannot edit while in review.
    await chef.agent.put(`/api/fiches/${draft.id}`).set(CSRF).send({ ...FICHE, version: submitted.body.version }).expect(409);
    // The ANCT is told; it asks for changes with a comment.
    const [told] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1 AND kind = 'fiche_soumise'`, [anct.user.id]);
    expect(told.n).toBe(1);
    await anct.agent.post(`/api/fiches/${draft.id}/demande-modifications`).set(CSRF).send({ version: submitted.body.version, commentaire: '' }).expect(400);
    const asked = await anct.agent
      .post(`/api/fiches/${draft.id}/demande-modifications`)
      .set(CSRF)
      .send({ version: submitted.body.version, commentaire: 'Précisez le calendrier des travaux.' })
      .expect(200);
    expect(asked.body.statut).toBe('a_modifier');
    const [changes] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1 AND kind = 'fiche_a_modifier'`, [chef.user.id]);
    expect(changes.n).toBe(1);

    // The chef reads the comment, edits (a stale version gets 409) and submits again.
    const mine = await chef.agent.get(`/api/fiches/${draft.id}`).expect(200);
    expect(mine.body.commentaires.map((c: { texte: string }) => c.texte)).toEqual(['Précisez le calendrier des travaux.']);
    await chef.agent.put(`/api/fiches/${draft.id}`).set(CSRF).send({ ...FICHE, version: submitted.body.version }).expect(409);
    const edited = await chef.agent
      .put(`/api/fiches/${draft.id}`)
      .set(CSRF)
      .send({ ...FICHE, resultats: 'Douze commerçants chaque samedi ; travaux de mars à septembre 2025.', version: mine.body.version })
      .expect(200);
    const again = await chef.agent.post(`/api/fiches/${draft.id}/soumission`).set(CSRF).send({ version: edited.body.version }).expect(200);
    // The chef may not publish.
    await chef.agent.post(`/api/fiches/${draft.id}/publication`).set(CSRF).send({ version: again.body.version }).expect(403);
    const published = await anct.agent.post(`/api/fiches/${draft.id}/publication`).set(CSRF).send({ version: again.body.version }).expect(200);
    expect(published.body.statut).toBe('publiee');
    expect(published.body.publieeLe).toBe(programmeToday());

    // Public: the content, the PVD to link to, never the review nor a person.
    const pub = await t.http().get(`/api/public/fiches/${draft.id}`).expect(200);
    expect(pub.body.pvd).toMatchObject({ idPvd, nom: 'Ahun', regionCode: '75' });
    expect(pub.body.photos).toEqual([expect.objectContaining({ id: photoId, texteAlternatif: 'La halle rénovée, vue de la place' })]);
    const text = JSON.stringify(pub.body);
    expect(text).not.toContain('calendrier des travaux');
    expect(text).not.toContain(chef.user.email);
    expect(pub.body).not.toHaveProperty('commentaires');
    expect(pub.body).not.toHaveProperty('statut');
    const image = await t.http().get(`/api/public/fiches/${draft.id}/photos/${photoId}/contenu`).expect(200);
    expect(image.headers['content-type']).toBe('image/png');

    // Searchable by theme, région and class of population; not by another theme.
    const found = await t.http().get('/api/public/fiches?theme=commerce&region=75').expect(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(draft.id);
    const byWords = await t.http().get('/api/public/fiches?q=halle').expect(200);
    expect(byWords.body.items.map((i: { id: string }) => i.id)).toContain(draft.id);
    const ofPvd = await t.http().get(`/api/public/fiches?pvd=${encodeURIComponent(idPvd)}&population=moins_2000`).expect(200);
    expect(ofPvd.body.items.map((i: { id: string }) => i.id)).toEqual([draft.id]);
    const other = await t.http().get('/api/public/fiches?theme=sante').expect(200);
    expect(other.body.items.map((i: { id: string }) => i.id)).not.toContain(draft.id);

    // Unpublished by the chef to edit it: gone from the public at once, days recorded for C1.
    const off = await chef.agent.post(`/api/fiches/${draft.id}/depublication`).set(CSRF).send({ version: published.body.version }).expect(200);
    expect(off.body).toMatchObject({ statut: 'depubliee', depublieeLe: programmeToday() });
    await t.http().get(`/api/public/fiches/${draft.id}`).expect(404);
    await t.http().get(`/api/public/fiches/${draft.id}/photos/${photoId}/contenu`).expect(404);
    const republished = await anct.agent.post(`/api/fiches/${draft.id}/publication`).set(CSRF).send({ version: off.body.version }).expect(200);
    expect(republished.body).toMatchObject({ statut: 'publiee', publieeLe: programmeToday(), depublieeLe: null });
    const [row] = await t.dataSource.query(`SELECT statut, to_char(publiee_le, 'YYYY-MM-DD') AS publiee_le, depubliee_le FROM fiche_projet WHERE id = $1`, [draft.id]);
    expect(row).toEqual({ statut: 'publiee', publiee_le: programmeToday(), depubliee_le: null });
  });

  it('refuses an incomplete sheet, a personal or an account’s address, and images that are not photos', async () => {
    const incomplete = await createFiche({ resume: null, resultats: null, contactEmail: null });
    const refused = await chef.agent.post(`/api/fiches/${incomplete.id}/soumission`).set(CSRF).send({ version: incomplete.version }).expect(400);
    expect(refused.body.code).toBe('FICHE_INCOMPLETE');
    expect(Object.keys(refused.body.fields).sort()).toEqual(['contactEmail', 'resultats', 'resume']);

    const personal = await chef.agent.post('/api/fiches').set(CSRF).send({ pvdId, ...FICHE, contactEmail: 'jean.dupont@gmail.com' }).expect(400);
    expect(personal.body.fields.contactEmail[0]).toMatch(/pas une adresse personnelle/);
    const account = await chef.agent.post('/api/fiches').set(CSRF).send({ pvdId, ...FICHE, contactEmail: chef.user.email }).expect(400);
    expect(account.body.fields.contactEmail[0]).toMatch(/compte personnel/);
    const over = await chef.agent.post('/api/fiches').set(CSRF).send({ pvdId, ...FICHE, financements: [{ financeur: 'Région', montant: 50_000_000 }] }).expect(400);
    expect(over.body.fields).toHaveProperty('financements');
    const badTheme = await chef.agent.post('/api/fiches').set(CSRF).send({ pvdId, ...FICHE, themes: ['inconnu'] }).expect(400);
    expect(badTheme.body.fields).toHaveProperty('themes');

    const pdf = await chef.agent.post(`/api/fiches/${incomplete.id}/photos`).set(CSRF).field('texteAlternatif', 'Un document').attach('fichier', Buffer.from('%PDF-1.4\n%%EOF\n'), 'photo.png').expect(415);
    expect(pdf.body.code).toBe('DOCUMENT_TYPE_REFUSED');
    await chef.agent.post(`/api/fiches/${incomplete.id}/photos`).set(CSRF).field('texteAlternatif', '  ').attach('fichier', PNG, 'halle.png').expect(400);
  });

  it('keeps a PVD’s sheets to its own chef de projet', async () => {
    const fiche = await createFiche();
    const other = await createPvd(t.dataSource, ['23002']);
    const neighbour = await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23002' });
    await neighbour.agent.get(`/api/fiches/${fiche.id}`).expect(404);
    await neighbour.agent.put(`/api/fiches/${fiche.id}`).set(CSRF).send({ ...FICHE, version: fiche.version }).expect(404);
    await neighbour.agent.post('/api/fiches').set(CSRF).send({ pvdId, ...FICHE }).expect(404);
    await neighbour.agent.post('/api/fiches').set(CSRF).send({ pvdId: other.id, ...FICHE }).expect(201);
    const list = await neighbour.agent.get('/api/fiches').expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(fiche.id);
    expect(list.body.pvdsRedigeables).toEqual([{ id: other.id, nom: 'Ajain' }]);
  });
});
