import { unnamedAuditedFields } from '../test/audit-coverage';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { canEditContact, missionRights, Role, ROLES, roleCan, scopeCovers, scopeOf, type Membership } from '@suivi-pvd/domain';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DocumentStorage } from '../documents/storage/document-storage';
import { Mailer } from './mail/mailer.service';
import { ensureOrganisation } from '../organisations/ensure-organisation';
import { AREA_CASES } from '../test/access-matrix.areas';
import { dossierLectureOf, INSEE, nextNumber, TERRITORY, type MatrixContext, type RouteCase as SupportRouteCase } from '../test/access-matrix.support';
import { CSRF, createConvention, createPvd, defaultOrganisation, TEST_PDF, useTestApp } from '../test/test-app';
import { ACCESS_KEY, AccessRule } from './auth/access.decorators';

/**
 * The access matrix: every route of the API, for every role, against a record of the role's own
 * scope and records of other scopes (another commune of the same département, another département
 * and région). Expected answers come from the shared permission table and the stored territory of
 * each record. A route without a case here fails the suite: every new route needs a decision.
 */

/** Records created once: A in Ahun (23001), B in Ajain (23002, same département), C in Altkirch (68004, Grand Est). */
interface Records {
  pvd: { a: string; b: string; c: string };
  importId: string;
  /** An account the administration routes act on, and a way to read its current version. */
  account: { id: string; membershipId: string; version(): Promise<number> };
  organisation: { id: string; version(): Promise<number> };
  /** A déposée avenant per record (the work list lists it), and a stored document per record. */
  convention: { a: string; b: string; c: string };
  document: { a: string; b: string; c: string };
  /** A fresh convention of a record's PVD in a given state, for the workflow routes. */
  fresh(record: 'a' | 'b' | 'c', etat: string): Promise<{ id: string; version: number }>;
  contactVersion(record: 'a' | 'b' | 'c', fonction: 'elu_referent' | 'referent_prefecture'): Promise<number>;
  /** A chef de projet post per record, vacant for a year (it has an alert), with a 2026 request. */
  poste: { a: string; b: string; c: string };
  version(table: 'poste' | 'mission' | 'financeur', id: string): Promise<number>;
  demandeVersion(record: 'a' | 'b' | 'c'): Promise<number>;
  /** A mission per record: a and b funded by the matrix's partner (Banque des Territoires), c by the Cerema. */
  mission: { a: string; b: string; c: string };
  financeur: { a: string; b: string; c: string };
  /** A funder the ANCT edits. */
  financeurEdite: string;
  /** A programme parameter value planned in the future, fresh for each call. */
  futureParametre(): Promise<string>;
  /** The records of the areas that declare their cases in their own file, by area. */
  area: Record<string, unknown>;
  /** Emails in the development mailbox addressed to other accounts (a: an administrator's password reset). */
  mailbox: { others: Record<'a' | 'b' | 'c', string>; refill(): Promise<void>; sendTo(address: string): Promise<void> };
}
/** The organisation of the matrix's partner user, which the Banque des Territoires is linked to. */
let partnerOrganisationId = '';
const FINANCEUR_ORG = { a: () => partnerOrganisationId, b: () => partnerOrganisationId, c: () => null };
const next = nextNumber;
/** A day of that year not used before in this file. */
const futureDay = (year: number) => new Date(Date.UTC(year, 0, 1) + next() * 86_400_000).toISOString().slice(0, 10);

type RouteCase = SupportRouteCase<Records>;

/** Convention documents: read by the dossier's readers, written by its chef de projet. */
const dossierRight = (m: Membership, record: 'a' | 'b' | 'c', permission: 'pvd:lire' | 'pvd:modifier') => roleCan(m.role, permission) && scopeCovers(scopeOf(m), TERRITORY[record]);
const missionAnswer = (need: 'lire' | 'ecrire', ok: number) => (m: Membership, record: 'a' | 'b' | 'c') => {
  const rights = missionRights([m], TERRITORY[record], FINANCEUR_ORG[record]());
  return !rights.lire ? 404 : need === 'ecrire' && !rights.ecrire ? 403 : ok;
};
const POSTE_INPUT = (insee: string) => ({
  intitule: 'Chef de projet',
  employeurType: 'commune',
  employeurCode: insee,
  titulaires: [{ nom: 'Titulaire', debut: '2024-01-01', quotite: 100 }],
  coutsAnnuels: [{ annee: 2025, cout: 6_000_000 }],
  cofinanceurs: [{ financeur: 'etat' }],
  operationHabitat: null,
});
const MISSION_INPUT = { nature: 'etude', intitule: 'Étude de centre-bourg', statut: 'demandee' };

const csv = (lines: string[]) => Buffer.from(lines.join('\n'));

const OWN_CASES: Record<string, RouteCase> = {
  'GET /api/health': { send: (a) => a.get('/api/health'), ok: 200 },
  'GET /api/health/live': { send: (a) => a.get('/api/health/live'), ok: 200 },
  'GET /api/health/ready': { send: (a) => a.get('/api/health/ready'), ok: 200 },
  'POST /api/auth/login': {
    send: (a) => a.post('/api/auth/login').set(CSRF).send({ email: `nobody.${randomUUID()}@test.invalid`, password: 'x' }),
    ok: 401, // public: reachable by all, answers on the credentials
  },
  'POST /api/auth/logout': { send: (a) => a.post('/api/auth/logout').set(CSRF), ok: 204, endsSession: true },
  // ProConnect is off in this app: its public routes answer, the login route says it is disabled.
  'GET /api/auth/proconnect/statut': { send: (a) => a.get('/api/auth/proconnect/statut'), ok: 200 },
  'GET /api/auth/proconnect/connexion': { send: (a) => a.get('/api/auth/proconnect/connexion'), ok: 404 },
  'GET /api/auth/proconnect/callback': { send: (a) => a.get('/api/auth/proconnect/callback?code=x&state=y'), ok: 302 },
  'GET /api/auth/proconnect/deconnexion/retour': { send: (a) => a.get('/api/auth/proconnect/deconnexion/retour?state=y'), ok: 302 },
  'POST /api/auth/proconnect/deconnexion': { send: (a) => a.post('/api/auth/proconnect/deconnexion').set(CSRF), ok: 200, endsSession: true },
  'GET /api/auth/me': { send: (a) => a.get('/api/auth/me'), ok: 200 },
  'GET /api/communes': { send: (a) => a.get('/api/communes?q=ahun'), ok: 200 },
  'GET /api/communes/export': { send: (a) => a.get('/api/communes/export?format=csv&q=ahun'), ok: 200 },
  'GET /api/communes/:insee': { send: (a) => a.get('/api/communes/23001'), ok: 200 },
  'POST /api/referentiel/densite': {
    send: (a) => a.post('/api/referentiel/densite').set(CSRF).attach('fichier', csv(['CODGEO;DENS', '23001;5']), 'g.csv'),
    ok: 201,
  },
  'POST /api/pvd/imports': {
    send: (a) => a.post('/api/pvd/imports').set(CSRF).attach('fichier', csv(['insee_com,lib_com,id_pvd,date_signature', '23003,Alleyrat,pvd-matrix-1,']), 'p.csv'),
    ok: 201,
  },
  'GET /api/pvd/imports': { send: (a) => a.get('/api/pvd/imports'), ok: 200 },
  'GET /api/pvd/imports/export': { send: (a) => a.get('/api/pvd/imports/export?format=csv'), ok: 200 },
  'GET /api/pvd/imports/:id': { send: (a, r) => a.get(`/api/pvd/imports/${r.importId}`), ok: 200 },
  'GET /api/referentiel/aires': { send: (a) => a.get('/api/referentiel/aires'), ok: 200 },
  'GET /api/comptes': { send: (a) => a.get('/api/comptes'), ok: 200 },
  'GET /api/comptes/export': { send: (a) => a.get('/api/comptes/export?format=csv'), ok: 200 },
  'GET /api/organisations': { send: (a) => a.get('/api/organisations'), ok: 200 },
  'GET /api/journal/export': { send: (a) => a.get('/api/journal/export?format=csv'), ok: 200 },
  'GET /api/journal': { send: (a) => a.get('/api/journal'), ok: 200 },
  'PATCH /api/organisations/:id/siret': {
    send: async (a, r) => a.patch(`/api/organisations/${r.organisation.id}/siret`).set(CSRF).send({ siret: '21230001000014', version: await r.organisation.version() }),
    ok: 204,
  },
  'POST /api/comptes/invitations': {
    send: (a) =>
      a
        .post('/api/comptes/invitations')
        .set(CSRF)
        .send({ email: `matrix.${randomUUID()}@test.invalid`, displayName: 'Invitée', organisation: { type: 'commune', communeInsee: '23001' }, role: 'elu_lecteur' }),
    ok: 201,
  },
  'POST /api/comptes/:id/desactivation': {
    send: async (a, r) => a.post(`/api/comptes/${r.account.id}/desactivation`).set(CSRF).send({ version: await r.account.version() }),
    ok: 200,
  },
  'POST /api/comptes/:id/reactivation': {
    send: async (a, r) => a.post(`/api/comptes/${r.account.id}/reactivation`).set(CSRF).send({ version: await r.account.version() }),
    ok: 200,
  },
  'PATCH /api/comptes/:id/rattachements/:membershipId': {
    send: async (a, r) =>
      a.patch(`/api/comptes/${r.account.id}/rattachements/${r.account.membershipId}`).set(CSRF).send({ role: 'elu_lecteur', version: await r.account.version() }),
    ok: 200,
  },
  // Public links: reachable by all, they answer on the token.
  'POST /api/auth/invitation/acceptation': {
    send: (a) => a.post('/api/auth/invitation/acceptation').set(CSRF).send({ token: 'x'.repeat(43), password: 'une phrase de passe solide' }),
    ok: 400,
  },
  'POST /api/auth/reinitialisation/demande': {
    send: (a) => a.post('/api/auth/reinitialisation/demande').set(CSRF).send({ email: `matrix.${randomUUID()}@test.invalid` }),
    ok: 202,
  },
  'POST /api/auth/reinitialisation/confirmation': {
    send: (a) => a.post('/api/auth/reinitialisation/confirmation').set(CSRF).send({ token: 'x'.repeat(43), password: 'une phrase de passe solide' }),
    ok: 400,
  },
  // Signed in: answers on the current password.
  'POST /api/auth/mot-de-passe': {
    send: (a) => a.post('/api/auth/mot-de-passe').set(CSRF).send({ currentPassword: 'pas le bon', newPassword: 'une phrase de passe solide' }),
    ok: 400,
  },
  'PUT /api/pvd/:id/contacts/:fonction': {
    send: async (a, r, record) =>
      a.put(`/api/pvd/${r.pvd[record]}/contacts/elu_referent`).set(CSRF).send({ version: await r.contactVersion(record, 'elu_referent'), nom: `Élu ${randomUUID().slice(0, 6)}` }),
    ok: 200,
    scoped: true,
    // Any reader passes the guard; the élu référent is the chef de projet's to fill in (canEditContact).
    expected: (m, record) => (!dossierRight(m, record, 'pvd:lire') ? 404 : canEditContact([m], 'elu_referent', TERRITORY[record]) ? 200 : 403),
  },
  'PUT /api/pvd/:id/contacts/:fonction — référent en préfecture': {
    send: async (a, r, record) =>
      a
        .put(`/api/pvd/${r.pvd[record]}/contacts/referent_prefecture`)
        .set(CSRF)
        .send({ version: await r.contactVersion(record, 'referent_prefecture'), nom: `Référent ${randomUUID().slice(0, 6)}` }),
    ok: 200,
    scoped: true,
    // The préfecture fills in its own référent as well as the chef de projet.
    expected: (m, record) => (!dossierRight(m, record, 'pvd:lire') ? 404 : canEditContact([m], 'referent_prefecture', TERRITORY[record]) ? 200 : 403),
  },
  'GET /api/conventions/a-traiter': {
    send: (a) => a.get('/api/conventions/a-traiter?pageSize=200'),
    ok: 200,
    listed: (body) => (body as { items: { pvdId: string }[] }).items.map((i) => i.pvdId),
  },
  'GET /api/conventions/a-traiter/export': { send: (a) => a.get('/api/conventions/a-traiter/export?format=csv'), ok: 200 },
  'POST /api/pvd/:id/conventions': { send: (a, r, record) => a.post(`/api/pvd/${r.pvd[record]}/conventions`).set(CSRF).send({ type: 'avenant' }), ok: 201, scoped: true },
  'GET /api/conventions/:id': { send: (a, r, record) => a.get(`/api/conventions/${r.convention[record]}`), ok: 200, scoped: true },
  'PATCH /api/conventions/:id': {
    send: async (a, r, record) => {
      const c = await r.fresh(record, 'brouillon');
      return a.patch(`/api/conventions/${c.id}`).set(CSRF).send({ version: c.version, objet: 'Objet modifié' });
    },
    ok: 200,
    scoped: true,
  },
  'POST /api/conventions/:id/depot': { send: (a, r, record) => step(a, r, record, 'brouillon', 'depot'), ok: 200, scoped: true },
  'POST /api/conventions/:id/retrait': { send: (a, r, record) => step(a, r, record, 'deposee', 'retrait'), ok: 200, scoped: true },
  'POST /api/conventions/:id/instruction': { send: (a, r, record) => step(a, r, record, 'deposee', 'instruction'), ok: 200, scoped: true },
  'POST /api/conventions/:id/demande-complements': {
    send: (a, r, record) => step(a, r, record, 'en_instruction', 'demande-complements', 'Précisez le calendrier.'),
    ok: 200,
    scoped: true,
  },
  'POST /api/conventions/:id/validation': { send: (a, r, record) => step(a, r, record, 'en_instruction', 'validation'), ok: 200, scoped: true },
  'POST /api/conventions/:id/reouverture': {
    send: (a, r, record) => step(a, r, record, 'validee', 'reouverture', 'Validée par erreur.'),
    ok: 200,
    scoped: true,
  },
  'POST /api/conventions/:id/signature': {
    send: async (a, r, record) => {
      const c = await r.fresh(record, 'validee');
      return a
        .post(`/api/conventions/${c.id}/signature`)
        .set(CSRF)
        .field('version', String(c.version))
        .field('dateSignature', '2026-01-15')
        .attach('fichier', TEST_PDF, 'signee.pdf');
    },
    ok: 200,
    scoped: true,
  },
  'POST /api/conventions/:id/documents': {
    send: async (a, r, record) => {
      const c = await r.fresh(record, 'brouillon');
      return a.post(`/api/conventions/${c.id}/documents`).set(CSRF).attach('fichier', TEST_PDF, 'piece.pdf');
    },
    ok: 201,
    scoped: true,
  },
  'POST /api/documents/:id/versions': {
    send: (a, r, record) => a.post(`/api/documents/${r.document[record]}/versions`).set(CSRF).attach('fichier', TEST_PDF, 'piece-v2.pdf'),
    ok: 201,
    scoped: true,
    // Signed in; checked on the stored document: a convention piece is the chef de projet's to replace.
    expected: (m, record) => (!dossierRight(m, record, 'pvd:lire') ? 404 : !dossierRight(m, record, 'pvd:modifier') ? 403 : 201),
  },
  'GET /api/documents/:id/versions/:numero/contenu': {
    send: (a, r, record) => a.get(`/api/documents/${r.document[record]}/versions/1/contenu`),
    ok: 200,
    scoped: true,
    // A partner funding something in the PVD reads its summary, not its documents (403); elsewhere the document does not exist for it.
    expected: (m, record) => (dossierRight(m, record, 'pvd:lire') ? 200 : dossierLectureOf(m, record) === 'resume' ? 403 : 404),
  },
  'GET /api/programme/parametres': { send: (a) => a.get('/api/programme/parametres'), ok: 200 },
  'POST /api/programme/parametres': {
    send: (a) => a.post('/api/programme/parametres').set(CSRF).send({ cle: 'plafond_poste', valeur: 50000, dateEffet: futureDay(2090) }),
    ok: 201,
  },
  'DELETE /api/programme/parametres/:id': { send: async (a, r) => a.delete(`/api/programme/parametres/${await r.futureParametre()}`).set(CSRF), ok: 200 },
  'GET /api/pvd/:id/postes': { send: (a, r, record) => a.get(`/api/pvd/${r.pvd[record]}/postes`), ok: 200, scoped: true },
  'POST /api/pvd/:id/postes': { send: (a, r, record) => a.post(`/api/pvd/${r.pvd[record]}/postes`).set(CSRF).send(POSTE_INPUT(INSEE[record])), ok: 201, scoped: true },
  'GET /api/postes/alertes': {
    send: (a) => a.get('/api/postes/alertes?pageSize=200'),
    ok: 200,
    listed: (body) => (body as { items: { pvdId: string }[] }).items.map((i) => i.pvdId),
  },
  'GET /api/postes/alertes/export': { send: (a) => a.get('/api/postes/alertes/export?format=csv'), ok: 200 },
  'GET /api/postes/:id': { send: (a, r, record) => a.get(`/api/postes/${r.poste[record]}`), ok: 200, scoped: true },
  'GET /api/postes/:id/subvention': { send: (a, r, record) => a.get(`/api/postes/${r.poste[record]}/subvention?auDate=2026-05-01`), ok: 200, scoped: true },
  'PUT /api/postes/:id': {
    send: async (a, r, record) =>
      a
        .put(`/api/postes/${r.poste[record]}`)
        .set(CSRF)
        .send({ ...POSTE_INPUT(INSEE[record]), intitule: `Chef de projet ${next()}`, version: await r.version('poste', r.poste[record]) }),
    ok: 200,
    scoped: true,
  },
  'PUT /api/postes/:id/demandes/:annee': {
    send: async (a, r, record) =>
      // The post has no cost: nothing is computed, so any amount needs a reason (plausibilite.rules).
      a
        .put(`/api/postes/${r.poste[record]}/demandes/2026`)
        .set(CSRF)
        .send({ version: await r.demandeVersion(record), montantDemande: next(), dateDemande: '2026-01-15', motifDepassement: 'Coûts du poste à saisir' }),
    ok: 200,
    scoped: true,
  },
  'PUT /api/postes/:id/demandes/:annee/instruction': {
    send: async (a, r, record) =>
      a
        .put(`/api/postes/${r.poste[record]}/demandes/2026/instruction`)
        .set(CSRF)
        // A grant never exceeds the request (at least 1 cent here).
        .send({ version: await r.demandeVersion(record), montantAccorde: 1, dateDecision: '2026-03-01', versements: [] }),
    ok: 200,
    scoped: true,
  },
  'GET /api/missions': {
    send: (a) => a.get('/api/missions?pageSize=200'),
    ok: 200,
    listed: (body) => (body as { items: { pvdId: string }[] }).items.map((i) => i.pvdId),
    listedFor: (m, record) => missionRights([m], TERRITORY[record], FINANCEUR_ORG[record]()).lire,
  },
  'GET /api/missions/export': { send: (a) => a.get('/api/missions/export?format=csv'), ok: 200 },
  'GET /api/missions/pvd-choix': { send: (a) => a.get('/api/missions/pvd-choix?q=ahun'), ok: 200 },
  'POST /api/missions': {
    send: (a, r, record) => a.post('/api/missions').set(CSRF).send({ ...MISSION_INPUT, pvdId: r.pvd[record], financeurId: r.financeur[record] }),
    ok: 201,
    scoped: true,
    // A partner naming another funder is told so (403); a PVD outside a chef de projet's territory does not exist (404).
    expected: (m, record) =>
      missionRights([m], TERRITORY[record], FINANCEUR_ORG[record]()).ecrire ? 201 : m.organisationType === 'partenaire' ? 403 : 404,
  },
  'GET /api/missions/:id': { send: (a, r, record) => a.get(`/api/missions/${r.mission[record]}`), ok: 200, scoped: true, expected: missionAnswer('lire', 200) },
  'PUT /api/missions/:id': {
    send: async (a, r, record) =>
      a
        .put(`/api/missions/${r.mission[record]}`)
        .set(CSRF)
        .send({ ...MISSION_INPUT, intitule: `Étude ${next()}`, financeurId: r.financeur[record], version: await r.version('mission', r.mission[record]) }),
    ok: 200,
    scoped: true,
    expected: missionAnswer('ecrire', 200),
  },
  'POST /api/missions/:id/livrables': {
    send: (a, r, record) => a.post(`/api/missions/${r.mission[record]}/livrables`).set(CSRF).attach('fichier', TEST_PDF, 'livrable.pdf'),
    ok: 201,
    scoped: true,
    expected: missionAnswer('ecrire', 201),
  },
  'GET /api/financeurs': { send: (a) => a.get('/api/financeurs'), ok: 200 },
  'POST /api/financeurs': { send: (a) => a.post('/api/financeurs').set(CSRF).send({ nom: `Financeur ${next()}`, actif: true }), ok: 201 },
  'PATCH /api/financeurs/:id': {
    send: async (a, r) =>
      a.patch(`/api/financeurs/${r.financeurEdite}`).set(CSRF).send({ nom: `Financeur édité ${next()}`, actif: true, version: await r.version('financeur', r.financeurEdite) }),
    ok: 200,
  },
  // The development mailbox: each reads only the emails addressed to them (one sent to them here);
  // the three captured for other accounts (a password reset for an administrator among them) are
  // listed to administrators only, who alone may empty the mailbox.
  'GET /api/dev/emails': {
    send: async (a, r) => {
      await r.mailbox.refill();
      const me = await a.get('/api/auth/me');
      const res = await a.get('/api/dev/emails');
      if (me.status === 200 && res.status === 200) {
        await r.mailbox.sendTo(me.body.email);
        const own = await a.get('/api/dev/emails').query({ to: me.body.email });
        expect(own.body.items.map((e: { subject: string }) => e.subject)).toContain('Pour vous');
      }
      return res;
    },
    ok: 200,
    listed: (body) => (body as { items: { to: string[] }[] }).items.flatMap((e) => e.to),
    listedIds: (r) => r.mailbox.others,
    listedFor: (m) => m.role === 'administrateur',
  },
  'DELETE /api/dev/emails': {
    send: async (a, r) => {
      await r.mailbox.refill();
      return a.delete('/api/dev/emails').set(CSRF);
    },
    ok: 204,
    expected: (m) => (m.role === 'administrateur' ? 204 : 403),
  },
};

/** A case's route: its key without a variant (`PUT /api/orts/:id — EPCI signataire` is a second case of `PUT /api/orts/:id`). */
const routeOf = (key: string) => key.split(' — ')[0];

/** Every case: this file's, and those each area declares (their records under `records.area[name]`). */
const CASES: Record<string, RouteCase> = {
  ...OWN_CASES,
  ...Object.fromEntries(
    Object.entries(AREA_CASES).flatMap(([name, area]) =>
      Object.entries(area.cases).map(([key, c]): [string, RouteCase] => [
        key,
        { ...c, send: (agent, r, record) => c.send(agent, r.area[name], record), listedIds: c.listedIds ? (r) => c.listedIds?.(r.area[name]) ?? r.pvd : undefined },
      ]),
    ),
  ),
};

/** A workflow step on a fresh convention in the state the step starts from. */
async function step(a: TestAgent, r: Records, record: 'a' | 'b' | 'c', etat: string, route: string, commentaire?: string): Promise<Response> {
  const c = await r.fresh(record, etat);
  return a.post(`/api/conventions/${c.id}/${route}`).set(CSRF).send({ version: c.version, ...(commentaire ? { commentaire } : {}) });
}

function routeTable(t: ReturnType<typeof useTestApp>): { key: string; rule: AccessRule | undefined }[] {
  const reflector = t.app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: { key: string; rule: AccessRule | undefined }[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const prototype = Object.getPrototypeOf(wrapper.instance);
      const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) ?? '');
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const route = `/api/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        routes.push({ key: `${method} ${route}`, rule: reflector.getAllAndOverride(ACCESS_KEY, [handler, wrapper.metatype as object]) });
      }
    }
  }
  return routes;
}

describe('access matrix', () => {
  const t = useTestApp({ DEV_MAILBOX: 'true' });
  let records: Records;

  beforeAll(async () => {
    const [a, b, c] = [
      await createPvd(t.dataSource, ['23001']),
      await createPvd(t.dataSource, ['23002']),
      await createPvd(t.dataSource, ['68004']),
    ];
    const pvdOf = { a: a.id, b: b.id, c: c.id };
    const storage = t.app.get(DocumentStorage);
    const convention = { a: '', b: '', c: '' };
    const document = { a: '', b: '', c: '' };
    for (const record of ['a', 'b', 'c'] as const) {
      // A brouillon avenant with a stored piece, and a déposée one the work list shows.
      const draft = await createConvention(t.dataSource, pvdOf[record], { etat: 'brouillon' });
      convention[record] = (await createConvention(t.dataSource, pvdOf[record], { etat: 'deposee' })).id;
      const key = await storage.put(TEST_PDF, { sha256: 'x' });
      const [doc] = await t.dataSource.query(`INSERT INTO document (pvd_id, convention_id, nature, titre) VALUES ($1, $2, 'piece', 'Pièce') RETURNING id`, [pvdOf[record], draft.id]);
      await t.dataSource.query(
        `INSERT INTO document_version (document_id, numero, nom_fichier, type_mime, taille, sha256, cle_stockage, depose_par_label) VALUES ($1, 1, 'piece.pdf', 'application/pdf', $2, $3, $4, 'test')`,
        [doc.id, TEST_PDF.length, 'x'.repeat(64), key],
      );
      document[record] = doc.id;
    }
    // The matrix's partner funds the missions of records a and b; the Cerema funds c's.
    partnerOrganisationId = (await ensureOrganisation(t.dataSource, defaultOrganisation('partenaire'))).id;
    await t.dataSource.query(`UPDATE financeur SET organisation_id = $1 WHERE code = 'banque_des_territoires'`, [partnerOrganisationId]);
    const [{ id: bdt }] = await t.dataSource.query(`SELECT id FROM financeur WHERE code = 'banque_des_territoires'`);
    const [{ id: cerema }] = await t.dataSource.query(`SELECT id FROM financeur WHERE code = 'cerema'`);
    const financeur = { a: bdt, b: bdt, c: cerema };
    const poste = { a: '', b: '', c: '' };
    const mission = { a: '', b: '', c: '' };
    for (const record of ['a', 'b', 'c'] as const) {
      const [p] = await t.dataSource.query(
        `INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code, created_at) VALUES ($1, 'Poste', 'commune', $2, now() - interval '1 year') RETURNING id`,
        [pvdOf[record], INSEE[record]],
      );
      poste[record] = p.id;
      await t.dataSource.query(`INSERT INTO demande_cofinancement (poste_id, annee, montant_demande, date_demande) VALUES ($1, 2026, 100, '2026-01-15')`, [p.id]);
      const [m] = await t.dataSource.query(`INSERT INTO mission (pvd_id, financeur_id, nature, intitule, statut) VALUES ($1, $2, 'etude', 'Étude', 'demandee') RETURNING id`, [
        pvdOf[record],
        financeur[record],
      ]);
      mission[record] = m.id;
    }
    const [{ id: financeurEdite }] = await t.dataSource.query(`INSERT INTO financeur (code, nom) VALUES ('matrice', 'Financeur de la matrice') RETURNING id`);
    const anct = await t.signIn('anct_directeur');
    const imported = await anct.agent.post('/api/pvd/imports').set(CSRF).attach('fichier', csv(['insee_com,lib_com,id_pvd,date_signature']), 'vide.csv');
    const mailboxAdmin = await t.signIn('administrateur');
    const target = await t.signIn('chef_de_projet');
    const [membership] = await t.dataSource.query('SELECT id FROM membership WHERE user_id = $1', [target.user.id]);
    const [organisation] = await t.dataSource.query('SELECT organisation_id AS id FROM membership WHERE user_id = $1', [target.user.id]);
    records = {
      organisation: {
        id: organisation.id,
        version: async () => (await t.dataSource.query('SELECT version FROM organisation WHERE id = $1', [organisation.id]))[0].version,
      },
      pvd: pvdOf,
      convention,
      document,
      fresh: (record, etat) => createConvention(t.dataSource, pvdOf[record], { etat, complete: true }),
      contactVersion: async (record, fonction) =>
        (await t.dataSource.query('SELECT version FROM pvd_contact WHERE pvd_id = $1 AND fonction = $2', [pvdOf[record], fonction]))[0]?.version ?? 0,
      importId: imported.body.id,
      poste,
      mission,
      financeur,
      financeurEdite,
      version: async (table, id) => (await t.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version,
      demandeVersion: async (record) => (await t.dataSource.query('SELECT version FROM demande_cofinancement WHERE poste_id = $1 AND annee = 2026', [poste[record]]))[0].version,
      futureParametre: async () =>
        (await t.dataSource.query(`INSERT INTO programme_parametre (cle, valeur, date_effet, decide_le) VALUES ('taux_anah', '50', $1, '2025-01-01') RETURNING id`, [futureDay(2095)]))[0].id,
      account: {
        id: target.user.id,
        membershipId: membership.id,
        version: async () => (await t.dataSource.query('SELECT version FROM app_user WHERE id = $1', [target.user.id]))[0].version,
      },
      area: {},
      mailbox: {
        others: { a: mailboxAdmin.user.email, b: `autre.b.${next()}@test.invalid`, c: `autre.c.${next()}@test.invalid` },
        refill: async () => {
          const { a: admin, b, c } = records.mailbox.others;
          const held = new Set(t.app.get(Mailer).sink()?.messages().flatMap((e) => e.to.map((to) => to.toLowerCase())));
          // A password reset for the administrator, asked anonymously (as the préfecture did in issue 12).
          if (!held.has(admin.toLowerCase())) {
            await t.dataSource.query(`DELETE FROM rate_limit_bucket WHERE key LIKE 'reset:%'`);
            await t.http().post('/api/auth/reinitialisation/demande').set(CSRF).send({ email: admin }).expect(202);
            await t.app.get(Mailer).sink()?.waitFor((e) => e.to.includes(admin), 5000);
          }
          for (const address of [b, c]) {
            if (!held.has(address)) await t.app.get(Mailer).send({ to: address, subject: 'Lien personnel', text: 'jeton=secret' });
          }
        },
        sendTo: (address) => t.app.get(Mailer).send({ to: address, subject: 'Pour vous', text: '-' }),
      },
    };
    const ctx: MatrixContext = { dataSource: t.dataSource, pvd: pvdOf, partnerOrganisationId, storeDocument: (content) => storage.put(content, { sha256: 'x' }) };
    for (const [name, area] of Object.entries(AREA_CASES)) records.area[name] = await area.setup(ctx);
  });

  it('has a case for every route, and no case for a route that no longer exists', () => {
    const keys = routeTable(t).map((r) => r.key).sort();
    expect(keys.filter((k) => !(k in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((k) => !keys.includes(routeOf(k)))).toEqual([]);
  });

  it('refuses every non-public route without a session', async () => {
    for (const { key, rule } of routeTable(t)) {
      if (rule?.kind === 'public') continue;
      const res = await CASES[key].send(t.http(), records, 'a');
      expect({ route: key, status: res.status }).toEqual({ route: key, status: 401 });
    }
  });

  it('answers the public pages and open data without a session', async () => {
    for (const [key, c] of Object.entries(CASES)) {
      if (c.anonymous === undefined) continue;
      const route = routeTable(t).find((r) => r.key === routeOf(key));
      expect({ route: key, rule: route?.rule?.kind }).toEqual({ route: key, rule: 'public' });
      const res = await c.send(t.http(), records, 'a');
      expect({ route: key, status: res.status }).toEqual({ route: key, status: c.anonymous });
    }
  });

  describe.each(ROLES.map((role) => [role]))('%s', (role: Role) => {
    let agent: TestAgent;
    let membership: Membership;

    beforeAll(async () => {
      const signedIn = await t.signIn(role);
      agent = signedIn.agent;
      const spec = defaultOrganisation(role);
      membership = {
        organisationId: signedIn.user.organisationId,
        organisationType: spec.type,
        organisationNom: '',
        role,
        communeInsee: spec.type === 'commune' ? spec.communeInsee : null,
        epciSiren: spec.type === 'epci' ? spec.epciSiren : null,
        departementCode: spec.type === 'prefecture' ? spec.departementCode : null,
        regionCode: spec.type === 'sgar' ? spec.regionCode : null,
      };
    });

    it.each(Object.keys(CASES).map((key) => [key]))('%s', async (key: string) => {
      const route = routeTable(t).find((r) => r.key === routeOf(key));
      const rule = route?.rule;
      const c = CASES[key];
      const permitted = !rule || rule.kind !== 'permission' || roleCan(role, rule.permission);
      for (const record of ['a', 'b', 'c'] as const) {
        const res = await c.send(agent, records, record);
        const visible = scopeCovers(scopeOf(membership), TERRITORY[record]);
        const expected = !permitted ? 403 : c.expected ? c.expected(membership, record) : c.scoped && !visible ? 404 : c.ok;
        expect({ route: key, record, status: res.status }).toEqual({ route: key, record, status: expected });
        if (permitted && c.listed) {
          const ids = c.listed(res.body);
          for (const r of ['a', 'b', 'c'] as const) {
            const shouldList = c.listedFor ? c.listedFor(membership, r) : scopeCovers(scopeOf(membership), TERRITORY[r]);
            const listedIds = c.listedIds ? c.listedIds(records) : records.pvd;
            expect({ route: key, record: r, listed: ids.includes(listedIds[r]) }).toEqual({ route: key, record: r, listed: shouldList });
          }
        }
        if (!c.scoped && !c.listed) break; // not about a record: once is enough
      }
      if (c.endsSession && permitted) {
        // Logged out: sign in again for the next routes.
        const again = await t.signIn(role);
        agent = again.agent;
      }
    });
  });

  it('names every field its audit writers stored', async () => {
    expect(await unnamedAuditedFields(t.dataSource)).toEqual([]);
  });
});
