import { peutGererEvenement, type Membership } from '@suivi-pvd/domain';
import type { DataSource } from 'typeorm';
import { ensureOrganisation } from '../organisations/ensure-organisation';
import { defineArea, type RecordKey } from '../test/access-matrix.support';
import { CSRF } from '../test/test-app';

/**
 * One published event per matrix record: a, the Creuse's club (organised by the préfecture of the
 * Creuse, the matrix's préfecture); b, a training of the matrix's partner; c, the Haut-Rhin's club
 * (another préfecture). Each has a registration of a chef de projet. Everyone signed in reads them;
 * chefs de projet and élus register; their organiser (and the ANCT) manage them, other organisers get 403.
 */
interface Records {
  evenement: Record<RecordKey, string>;
  organisateur: Record<RecordKey, string>;
  inscription: Record<RecordKey, string>;
  input: Record<RecordKey, Record<string, unknown>>;
  fresh(record: RecordKey): Promise<string>;
  dataSource: DataSource;
}

let organisateurs: Record<RecordKey, string> = { a: '', b: '', c: '' };
const manages = (ok: number) => (m: Membership, record: RecordKey) => (peutGererEvenement([m], organisateurs[record]) ? ok : 403);

const base = (type: string, departementCode: string | null, dateDebut: string) => ({
  type,
  titre: `Événement de la matrice (${type})`,
  themes: ['commerce'],
  dateDebut,
  dateFin: dateDebut,
  heureDebut: '10:00',
  heureFin: '12:00',
  departementCode,
  capacite: null,
  intervenants: [],
  supports: [],
  statut: 'publie',
});

const version = async (ds: DataSource, table: 'club_evenement' | 'club_inscription', id: string) => (await ds.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version as number;

export const clubAccessCases = defineArea<Records>({
  setup: async (ctx) => {
    const ds = ctx.dataSource;
    const prefecture23 = (await ensureOrganisation(ds, { type: 'prefecture', departementCode: '23' })).id;
    const prefecture68 = (await ensureOrganisation(ds, { type: 'prefecture', departementCode: '68' })).id;
    organisateurs = { a: prefecture23, b: ctx.partnerOrganisationId, c: prefecture68 };
    const input: Records['input'] = {
      a: base('club_departemental', '23', '2098-03-10'),
      b: base('formation_initiale', null, '2098-03-11'),
      c: base('club_departemental', '68', '2098-03-12'),
    };
    const [{ id: chef }] = await ds.query(`INSERT INTO app_user (email, display_name) VALUES ('club.matrice@test.invalid', 'Cheffe de la matrice') RETURNING id`);
    const insert = async (record: RecordKey) => {
      const i = input[record];
      const [row] = await ds.query(
        `INSERT INTO club_evenement (type, titre, themes, date_debut, date_fin, heure_debut, heure_fin, departement_code, organisateur_id, statut)
         VALUES ($1, $2, $3, $4, $4, '10:00', '12:00', $5, $6, 'publie') RETURNING id`,
        [i.type, i.titre, i.themes, i.dateDebut, i.departementCode, organisateurs[record]],
      );
      return row.id as string;
    };
    const evenement = { a: await insert('a'), b: await insert('b'), c: await insert('c') };
    const inscription = { a: '', b: '', c: '' };
    for (const record of ['a', 'b', 'c'] as const) {
      const [row] = await ds.query(`INSERT INTO club_inscription (evenement_id, user_id, statut) VALUES ($1, $2, 'inscrit') RETURNING id`, [evenement[record], chef]);
      inscription[record] = row.id;
    }
    return { evenement, organisateur: organisateurs, inscription, input, fresh: insert, dataSource: ds };
  },
  cases: {
    'GET /api/club/evenements': {
      send: (a) => a.get('/api/club/evenements?pageSize=200&du=2098-01-01'),
      ok: 200,
      listed: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
      listedIds: (r) => r.evenement,
      listedFor: () => true,
    },
    'GET /api/club/organisation/evenements': {
      send: (a) => a.get('/api/club/organisation/evenements?pageSize=200&statut=publie'),
      ok: 200,
      listed: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
      listedIds: (r) => r.evenement,
      listedFor: (m, record) => peutGererEvenement([m], organisateurs[record]),
    },
    'POST /api/club/evenements': {
      send: (a) => a.post('/api/club/evenements').set(CSRF).send(base('club_departemental', '23', '2099-05-05')),
      ok: 201,
      // The ANCT and the Creuse's préfecture hold the Creuse's club; a partner holds trainings only (400 on `type`).
      expected: (m) => (m.organisationType === 'partenaire' ? 400 : 201),
    },
    'GET /api/club/evenements/:id': { send: (a, r, record) => a.get(`/api/club/evenements/${r.evenement[record]}`), ok: 200, scoped: true, expected: () => 200 },
    'GET /api/club/evenements/:id/ics': { send: (a, r, record) => a.get(`/api/club/evenements/${r.evenement[record]}/ics`), ok: 200, scoped: true, expected: () => 200 },
    'PUT /api/club/evenements/:id': {
      send: async (a, r, record) =>
        a
          .put(`/api/club/evenements/${r.evenement[record]}`)
          .set(CSRF)
          .send({ ...r.input[record], version: await version(r.dataSource, 'club_evenement', r.evenement[record]) }),
      ok: 200,
      scoped: true,
      expected: manages(200),
    },
    'POST /api/club/evenements/:id/annulation': {
      send: async (a, r, record) => a.post(`/api/club/evenements/${await r.fresh(record)}/annulation`).set(CSRF).send({ version: 1 }),
      ok: 200,
      scoped: true,
      expected: manages(200),
    },
    'POST /api/club/evenements/:id/inscription': {
      send: (a, r, record) => a.post(`/api/club/evenements/${r.evenement[record]}/inscription`).set(CSRF),
      ok: 201,
      scoped: true,
      expected: () => 201,
    },
    'DELETE /api/club/evenements/:id/inscription': {
      send: async (a, r, record) => {
        await a.post(`/api/club/evenements/${r.evenement[record]}/inscription`).set(CSRF);
        return a.delete(`/api/club/evenements/${r.evenement[record]}/inscription`).set(CSRF);
      },
      ok: 204,
      scoped: true,
      expected: () => 204,
    },
    'GET /api/club/evenements/:id/inscriptions': {
      send: (a, r, record) => a.get(`/api/club/evenements/${r.evenement[record]}/inscriptions`),
      ok: 200,
      scoped: true,
      expected: manages(200),
    },
    'GET /api/club/evenements/:id/inscriptions/export': {
      send: (a, r, record) => a.get(`/api/club/evenements/${r.evenement[record]}/inscriptions/export?format=csv`),
      ok: 200,
      scoped: true,
      expected: manages(200),
    },
    'PUT /api/club/evenements/:id/inscriptions/:inscriptionId/presence': {
      send: async (a, r, record) =>
        a
          .put(`/api/club/evenements/${r.evenement[record]}/inscriptions/${r.inscription[record]}/presence`)
          .set(CSRF)
          .send({ presence: true, version: await version(r.dataSource, 'club_inscription', r.inscription[record]) }),
      ok: 200,
      scoped: true,
      expected: manages(200),
    },
    'GET /api/club/calendrier': { send: (a) => a.get('/api/club/calendrier'), ok: 200 },
    'POST /api/club/calendrier/renouvellement': { send: (a) => a.post('/api/club/calendrier/renouvellement').set(CSRF), ok: 200 },
    'DELETE /api/club/calendrier': { send: (a) => a.delete('/api/club/calendrier').set(CSRF), ok: 204 },
    // Public: answers on the signed token.
    'GET /api/club/calendrier/:fichier': { send: (a) => a.get('/api/club/calendrier/pas-un-jeton.ics'), ok: 404 },
  },
});
