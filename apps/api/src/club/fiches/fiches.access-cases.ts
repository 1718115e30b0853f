import { roleCan, scopeCovers, scopeOf, type Membership } from '@suivi-pvd/domain';
import { defineArea, TERRITORY, type MatrixContext, type RecordKey } from '../../test/access-matrix.support';
import { CSRF } from '../../test/test-app';
import { gradientPng } from './solid-png';

const PNG = gradientPng(8, 8, [0, 0, 145], [225, 0, 15]);

/**
 * Records, per matrix record: a sheet in review (submitted, with a photo) and a published one;
 * workflow routes act on a fresh sheet in the right status at each call. A sheet is read privately
 * by its PVD's chef de projet and, once submitted, by the ANCT; published ones by everyone.
 */
interface Records {
  pvd: Record<RecordKey, string>;
  enRevue: Record<RecordKey, string>;
  photo: Record<RecordKey, string>;
  publiee: Record<RecordKey, string>;
  publieePhoto: Record<RecordKey, string>;
  fresh(record: RecordKey, statut: string, withPhoto?: boolean): Promise<{ id: string; version: number; photoId: string | null }>;
}

const readsFiche = (m: Membership, record: RecordKey) =>
  (roleCan(m.role, 'fiche:rediger') || roleCan(m.role, 'fiche:publier')) && scopeCovers(scopeOf(m), TERRITORY[record]);
const ficheAnswer = (ok: number) => (m: Membership, record: RecordKey) => (readsFiche(m, record) ? ok : 404);

async function insertFiche(ctx: MatrixContext, pvdId: string, statut: string, withPhoto: boolean, soumiseLe: Date = new Date()): Promise<{ id: string; version: number; photoId: string | null }> {
  const publiee = statut === 'publiee' || statut === 'depubliee';
  const [fiche] = await ctx.dataSource.query(
    `INSERT INTO fiche_projet (pvd_id, titre, themes, resume, resultats, contact_fonction, contact_email, statut, publiee_le, soumise_le)
     VALUES ($1, 'Fiche de la matrice', '{commerce}', 'Résumé', 'Résultats', 'Chef de projet PVD', 'pvd@mairie.test', $2, $3, $4) RETURNING id, version`,
    [pvdId, statut, publiee ? '2026-01-15' : null, statut === 'brouillon' ? null : soumiseLe],
  );
  let photoId: string | null = null;
  if (withPhoto) {
    const key = await ctx.storeDocument(PNG);
    const [doc] = await ctx.dataSource.query(`INSERT INTO document (pvd_id, nature, titre) VALUES ($1, 'photo_fiche', 'Photo') RETURNING id`, [pvdId]);
    await ctx.dataSource.query(
      `INSERT INTO document_version (document_id, numero, nom_fichier, type_mime, taille, sha256, cle_stockage, depose_par_label) VALUES ($1, 1, 'photo.png', 'image/png', $2, $3, $4, 'Matrice')`,
      [doc.id, PNG.length, 'x'.repeat(64), key],
    );
    const [photo] = await ctx.dataSource.query(`INSERT INTO fiche_projet_photo (fiche_id, document_id, texte_alternatif) VALUES ($1, $2, 'Une photo') RETURNING id`, [fiche.id, doc.id]);
    photoId = photo.id;
  }
  return { id: fiche.id, version: fiche.version, photoId };
}

/** The access-matrix cases of the projetothèque (merged by core/access-matrix.int-spec.ts). */
export const fichesAccessCases = defineArea<Records>({
  setup: async (ctx) => {
    const records: Records = {
      pvd: ctx.pvd,
      enRevue: { a: '', b: '', c: '' },
      photo: { a: '', b: '', c: '' },
      publiee: { a: '', b: '', c: '' },
      publieePhoto: { a: '', b: '', c: '' },
      fresh: (record, statut, withPhoto = false) => insertFiche(ctx, ctx.pvd[record], statut, withPhoto),
    };
    for (const record of ['a', 'b', 'c'] as const) {
      // Submitted « tomorrow »: they head the review queue's first page whatever the fresh sheets the other cases add.
      const enRevue = await insertFiche(ctx, ctx.pvd[record], 'en_revue', true, new Date(Date.now() + 86_400_000));
      records.enRevue[record] = enRevue.id;
      records.photo[record] = enRevue.photoId ?? '';
      const publiee = await insertFiche(ctx, ctx.pvd[record], 'publiee', true);
      records.publiee[record] = publiee.id;
      records.publieePhoto[record] = publiee.photoId ?? '';
    }
    return records;
  },
  cases: {
    'GET /api/fiches': {
      send: (a) => a.get('/api/fiches?statut=en_revue'),
      ok: 200,
      listed: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
      listedIds: (r) => r.enRevue,
      listedFor: readsFiche,
    },
    'POST /api/fiches': {
      send: (a, r, record) =>
        a
          .post('/api/fiches')
          .set(CSRF)
          .send({ pvdId: r.pvd[record], titre: 'Nouvelle fiche', themes: ['habitat'], contactFonction: 'Chef de projet PVD', contactEmail: 'pvd@mairie.test' }),
      ok: 201,
      scoped: true,
    },
    'GET /api/fiches/:id': { send: (a, r, record) => a.get(`/api/fiches/${r.enRevue[record]}`), ok: 200, expected: ficheAnswer(200) },
    'PUT /api/fiches/:id': {
      send: async (a, r, record) => {
        const f = await r.fresh(record, 'a_modifier');
        return a.put(`/api/fiches/${f.id}`).set(CSRF).send({ version: f.version, titre: 'Fiche modifiée', themes: ['commerce'] });
      },
      ok: 200,
      scoped: true,
    },
    'DELETE /api/fiches/:id': {
      send: async (a, r, record) => {
        const f = await r.fresh(record, 'brouillon');
        return a.delete(`/api/fiches/${f.id}?version=${f.version}`).set(CSRF);
      },
      ok: 204,
      scoped: true,
    },
    'POST /api/fiches/:id/soumission': {
      send: async (a, r, record) => {
        const f = await r.fresh(record, 'brouillon');
        return a.post(`/api/fiches/${f.id}/soumission`).set(CSRF).send({ version: f.version });
      },
      ok: 200,
      scoped: true,
    },
    'POST /api/fiches/:id/demande-modifications': {
      send: async (a, r, record) => {
        const f = await r.fresh(record, 'en_revue');
        return a.post(`/api/fiches/${f.id}/demande-modifications`).set(CSRF).send({ version: f.version, commentaire: 'Ajoutez une photo.' });
      },
      ok: 200,
      scoped: true,
    },
    'POST /api/fiches/:id/publication': {
      send: async (a, r, record) => {
        const f = await r.fresh(record, 'en_revue');
        return a.post(`/api/fiches/${f.id}/publication`).set(CSRF).send({ version: f.version });
      },
      ok: 200,
      scoped: true,
    },
    'POST /api/fiches/:id/depublication': {
      send: async (a, r, record) => {
        const f = await r.fresh(record, 'publiee');
        return a.post(`/api/fiches/${f.id}/depublication`).set(CSRF).send({ version: f.version });
      },
      ok: 200,
      expected: ficheAnswer(200),
    },
    'POST /api/fiches/:id/commentaires': {
      send: (a, r, record) => a.post(`/api/fiches/${r.enRevue[record]}/commentaires`).set(CSRF).send({ texte: 'Commentaire de la matrice' }),
      ok: 201,
      expected: ficheAnswer(201),
    },
    'POST /api/fiches/:id/photos': {
      send: async (a, r, record) => {
        const f = await r.fresh(record, 'brouillon');
        return a.post(`/api/fiches/${f.id}/photos`).set(CSRF).field('texteAlternatif', 'La halle').attach('fichier', PNG, 'halle.png');
      },
      ok: 201,
      scoped: true,
    },
    'DELETE /api/fiches/:id/photos/:photoId': {
      send: async (a, r, record) => {
        const f = await r.fresh(record, 'brouillon', true);
        return a.delete(`/api/fiches/${f.id}/photos/${f.photoId}`).set(CSRF);
      },
      ok: 200,
      scoped: true,
    },
    'GET /api/fiches/:id/photos/:photoId/contenu': {
      send: (a, r, record) => a.get(`/api/fiches/${r.enRevue[record]}/photos/${r.photo[record]}/contenu`),
      ok: 200,
      expected: ficheAnswer(200),
    },
    // Public: everyone reads the published sheets, signed in or not.
    'GET /api/public/fiches': { send: (a) => a.get('/api/public/fiches?theme=commerce'), ok: 200 },
    'GET /api/public/fiches/:id': { send: (a, r, record) => a.get(`/api/public/fiches/${r.publiee[record]}`), ok: 200, scoped: false },
    'GET /api/public/fiches/:id/photos/:photoId/contenu': {
      send: (a, r, record) => a.get(`/api/public/fiches/${r.publiee[record]}/photos/${r.publieePhoto[record]}/contenu`),
      ok: 200,
    },
  },
});
