import { estServiceEtat, missionRights, roleCan, scopeCovers, scopeOf, type Membership } from '@suivi-pvd/domain';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { defineArea, dossierAnswer, TERRITORY, type RecordKey } from '../test/access-matrix.support';
import { CSRF, createConvention, TEST_PDF } from '../test/test-app';

/**
 * Records, per matrix record: a convention with a message (and its attachment) and an internal note
 * (and its attachment) of the préfecture; a mission funded by the matrix's partner in a and b (by
 * the Cerema in c). Threads are read and written by whoever reads the item; internal notes by the
 * State's services among them.
 */
interface Records {
  convention: Record<RecordKey, string>;
  mission: Record<RecordKey, string>;
  pvd: Record<RecordKey, string>;
  note: Record<RecordKey, string>;
  pieceJointe: Record<RecordKey, string>;
  pieceJointeNote: Record<RecordKey, string>;
}

/** Set by `setup`, for the expectations that need the partner's organisation. */
let partnerOrganisationId: string | null = null;

const readsConvention = (m: Membership, record: RecordKey) => roleCan(m.role, 'pvd:lire') && scopeCovers(scopeOf(m), TERRITORY[record]);
const conventionAnswer = (ok: number) => (m: Membership, record: RecordKey) => (readsConvention(m, record) ? ok : 404);
const missionAnswer = (ok: number) => (m: Membership, record: RecordKey) =>
  missionRights([m], TERRITORY[record], record === 'c' ? null : partnerOrganisationId).lire ? ok : 404;
/** An internal note: its readers are the State's services reading the item; `stateOk` for them. */
const noteAnswer = (stateOk: number) => (m: Membership, record: RecordKey) => (readsConvention(m, record) && estServiceEtat([m]) ? stateOk : 404);

/** Posts a message as the caller on the convention's thread, then acts on it; a caller who cannot post acts on the stored message (404 for them). */
async function onOwnMessage(a: TestAgent, r: Records, record: RecordKey, act: (messageId: string, version: number) => Promise<Response>): Promise<Response> {
  const posted = await a.post(`/api/discussions/convention/${r.convention[record]}/messages`).set(CSRF).send({ texte: 'Message de la matrice' });
  return posted.status === 201 ? act(posted.body.id, posted.body.version) : act(r.note[record], 1);
}

/** The access-matrix cases of this area's routes (merged by core/access-matrix.int-spec.ts). */
export const discussionsAccessCases = defineArea<Records>({
  setup: async (ctx) => {
    partnerOrganisationId = ctx.partnerOrganisationId;
    const [{ id: bdt }] = await ctx.dataSource.query(`SELECT id FROM financeur WHERE code = 'banque_des_territoires'`);
    const [{ id: cerema }] = await ctx.dataSource.query(`SELECT id FROM financeur WHERE code = 'cerema'`);
    const records: Records = { convention: { a: '', b: '', c: '' }, mission: { a: '', b: '', c: '' }, pvd: ctx.pvd, note: { a: '', b: '', c: '' }, pieceJointe: { a: '', b: '', c: '' }, pieceJointeNote: { a: '', b: '', c: '' } };
    const attach = async (pvdId: string, messageId: string) => {
      const key = await ctx.storeDocument(TEST_PDF);
      const [doc] = await ctx.dataSource.query(`INSERT INTO document (pvd_id, message_id, nature, titre) VALUES ($1, $2, 'piece_jointe', 'Pièce jointe') RETURNING id`, [pvdId, messageId]);
      await ctx.dataSource.query(
        `INSERT INTO document_version (document_id, numero, nom_fichier, type_mime, taille, sha256, cle_stockage, depose_par_label) VALUES ($1, 1, 'pj.pdf', 'application/pdf', $2, $3, $4, 'Matrice')`,
        [doc.id, TEST_PDF.length, 'x'.repeat(64), key],
      );
      return doc.id as string;
    };
    for (const record of ['a', 'b', 'c'] as const) {
      const pvdId = ctx.pvd[record];
      const convention = (await createConvention(ctx.dataSource, pvdId, { etat: 'deposee' })).id;
      records.convention[record] = convention;
      const [mission] = await ctx.dataSource.query(`INSERT INTO mission (pvd_id, financeur_id, nature, intitule, statut) VALUES ($1, $2, 'etude', 'Étude', 'demandee') RETURNING id`, [
        pvdId,
        record === 'c' ? cerema : bdt,
      ]);
      records.mission[record] = mission.id;
      const insert = async (interne: boolean) =>
        (
          await ctx.dataSource.query(
            `INSERT INTO discussion_message (item_type, item_id, pvd_id, auteur_label, texte, interne) VALUES ('convention', $1, $2, 'Préfecture de la matrice', $3, $4) RETURNING id`,
            [convention, pvdId, interne ? 'Note interne' : 'Message', interne],
          )
        )[0].id as string;
      const message = await insert(false);
      records.note[record] = await insert(true);
      records.pieceJointe[record] = await attach(pvdId, message);
      records.pieceJointeNote[record] = await attach(pvdId, records.note[record]);
    }
    return records;
  },
  cases: {
    'GET /api/discussions/:type/:id/messages': {
      send: (a, r, record) => a.get(`/api/discussions/convention/${r.convention[record]}/messages`),
      ok: 200,
      scoped: true,
      expected: conventionAnswer(200),
    },
    'GET /api/discussions/:type/:id/messages — mission': {
      send: (a, r, record) => a.get(`/api/discussions/mission/${r.mission[record]}/messages`),
      ok: 200,
      scoped: true,
      expected: missionAnswer(200),
    },
    'GET /api/discussions/:type/:id/messages — dossier': {
      send: (a, r, record) => a.get(`/api/discussions/dossier/${r.pvd[record]}/messages`),
      ok: 200,
      scoped: true,
      // A partner reading the summary of a dossier it funds something in is refused its threads.
      expected: dossierAnswer(200, 403),
    },
    'POST /api/discussions/:type/:id/messages': {
      send: (a, r, record) => a.post(`/api/discussions/convention/${r.convention[record]}/messages`).set(CSRF).send({ texte: 'Bonjour' }),
      ok: 201,
      scoped: true,
      expected: conventionAnswer(201),
    },
    'POST /api/discussions/:type/:id/messages — note interne': {
      send: (a, r, record) => a.post(`/api/discussions/convention/${r.convention[record]}/messages`).set(CSRF).send({ texte: 'Note', interne: true }),
      ok: 201,
      scoped: true,
      // Communes, EPCI and partners never write a note (403 before looking at the item).
      expected: (m, record) => (!estServiceEtat([m]) ? 403 : readsConvention(m, record) ? 201 : 404),
    },
    'POST /api/discussions/:type/:id/messages — mission': {
      send: (a, r, record) => a.post(`/api/discussions/mission/${r.mission[record]}/messages`).set(CSRF).send({ texte: 'Bonjour' }),
      ok: 201,
      scoped: true,
      expected: missionAnswer(201),
    },
    'GET /api/discussions/:type/:id/personnes': {
      send: (a, r, record) => a.get(`/api/discussions/convention/${r.convention[record]}/personnes?q=test`),
      ok: 200,
      scoped: true,
      expected: conventionAnswer(200),
    },
    'PATCH /api/discussions/messages/:id': {
      send: (a, r, record) => onOwnMessage(a, r, record, (id, version) => a.patch(`/api/discussions/messages/${id}`).set(CSRF).send({ texte: 'Corrigé', version })),
      ok: 200,
      scoped: true,
      expected: conventionAnswer(200),
    },
    'PATCH /api/discussions/messages/:id — note interne d’un autre': {
      send: (a, r, record) => a.patch(`/api/discussions/messages/${r.note[record]}`).set(CSRF).send({ texte: 'Corrigé', version: 1 }),
      ok: 403,
      scoped: true,
      // The State's services read it (not theirs: 403); for anyone else it does not exist.
      expected: noteAnswer(403),
    },
    'DELETE /api/discussions/messages/:id': {
      send: (a, r, record) => onOwnMessage(a, r, record, (id, version) => a.delete(`/api/discussions/messages/${id}?version=${version}`).set(CSRF)),
      ok: 200,
      scoped: true,
      expected: conventionAnswer(200),
    },
    'POST /api/discussions/messages/:id/pieces-jointes': {
      send: (a, r, record) => onOwnMessage(a, r, record, (id) => a.post(`/api/discussions/messages/${id}/pieces-jointes`).set(CSRF).attach('fichier', TEST_PDF, 'pj.pdf')),
      ok: 201,
      scoped: true,
      expected: conventionAnswer(201),
    },
    'GET /api/discussions/pieces-jointes/:id/contenu': {
      send: (a, r, record) => a.get(`/api/discussions/pieces-jointes/${r.pieceJointe[record]}/contenu`),
      ok: 200,
      scoped: true,
      expected: conventionAnswer(200),
    },
    'GET /api/discussions/pieces-jointes/:id/contenu — note interne': {
      send: (a, r, record) => a.get(`/api/discussions/pieces-jointes/${r.pieceJointeNote[record]}/contenu`),
      ok: 200,
      scoped: true,
      expected: noteAnswer(200),
    },
    'GET /api/documents/:id/versions/:numero/contenu — pièce jointe d’une note interne': {
      send: (a, r, record) => a.get(`/api/documents/${r.pieceJointeNote[record]}/versions/1/contenu`),
      ok: 404,
      scoped: true,
      // Never through the dossier's documents, whoever asks.
      expected: () => 404,
    },
  },
});
