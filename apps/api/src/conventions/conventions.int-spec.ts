import { conventionCadreDueDate } from '@suivi-pvd/domain';
import type TestAgent from 'supertest/lib/agent';
import { createConvention, createPvd, CSRF, TEST_PDF, useTestApp } from '../test/test-app';

const DAY = 24 * 3600 * 1000;

/** The convention workflow over HTTP, on real PostgreSQL: two users, one PVD, every rule that can bite. */
describe('conventions', () => {
  const t = useTestApp();
  let chef: TestAgent;
  let prefecture: TestAgent;
  let pvdId: string;

  beforeAll(async () => {
    pvdId = (await createPvd(t.dataSource, ['23001'], { dateConventionAdhesion: '2021-08-31' })).id;
    chef = (await t.signIn('chef_de_projet')).agent;
    prefecture = (await t.signIn('prefecture_instructeur')).agent;
  });

  it('runs the whole workflow: draft, deposit, review, changes asked, new deposit, validation, signature with the PDF', async () => {
    const created = await chef.post(`/api/pvd/${pvdId}/conventions`).set(CSRF).send({ type: 'cadre' }).expect(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ etat: 'brouillon', version: 1, actionsPossibles: ['deposer'], modifiable: true });
    // The deadline: 31 August 2021 + 18 months is 28 February 2023, long past.
    expect(created.body.echeance).toMatchObject({ kind: 'en_retard', dateLimite: '2023-02-28', delaiMois: 18 });
    await chef.post(`/api/pvd/${pvdId}/conventions`).set(CSRF).send({ type: 'cadre' }).expect(409);

    const bad = await chef
      .patch(`/api/conventions/${id}`)
      .set(CSRF)
      .send({ version: 1, actions: [{ intitule: 'Halle', thematique: 'commerce', statut: 'a_lancer', dateDebut: '2027-01-01', dateFin: '2026-01-01' }], signataires: [{ nom: 'X', qualite: 'Maire', organisme: 'Commune' }] })
      .expect(400);
    expect(bad.body.fields).toEqual({ 'signataires.0.nom': ['Indiquez le nom du signataire.'] });
    const badDates = await chef
      .patch(`/api/conventions/${id}`)
      .set(CSRF)
      .send({ version: 1, actions: [{ intitule: 'Halle', thematique: 'commerce', statut: 'a_lancer', dateDebut: '2027-01-01', dateFin: '2026-01-01' }] })
      .expect(400);
    expect(badDates.body.fields).toEqual({ 'actions.0.dateFin': ['La fin prévue ne peut pas précéder le début prévu.'] });
    const wrongType = await chef.patch(`/api/conventions/${id}`).set(CSRF).send({ version: 1, objet: 'x' }).expect(400);
    expect(Object.keys(wrongType.body.fields)).toEqual(['objet']);

    const saved = await chef
      .patch(`/api/conventions/${id}`)
      .set(CSRF)
      .send({
        version: 1,
        diagnostic: 'Centre-bourg fragile',
        strategie: 'Habiter le centre',
        vautOrt: true,
        signataires: [{ nom: 'Marie Dupont', qualite: 'Maire', organisme: "Commune d'Ahun" }],
        actions: [
          { intitule: 'Halle', thematique: 'commerce', statut: 'a_lancer', dateDebut: '2026-01-01', dateFin: '2027-06-30' },
          { intitule: 'OPAH-RU', thematique: 'habitat', statut: 'en_cours', porteur: 'EPCI' },
        ],
      })
      .expect(200);
    expect(saved.body).toMatchObject({ version: 2, vautOrt: true, actions: [{ intitule: 'Halle' }, { intitule: 'OPAH-RU', porteur: 'EPCI' }] });
    // Saving the same content again changes nothing: no new version.
    const same = await chef.patch(`/api/conventions/${id}`).set(CSRF).send({ version: 2, diagnostic: 'Centre-bourg fragile' }).expect(200);
    expect(same.body.version).toBe(2);

    // Impossible steps name the current state; the wrong role gets 403.
    const early = await prefecture.post(`/api/conventions/${id}/validation`).set(CSRF).send({ version: 2 }).expect(409);
    expect(early.body).toMatchObject({ code: 'CONVENTION_TRANSITION_NOT_ALLOWED', message: 'Impossible de « valider » : la convention est « brouillon ».' });
    await prefecture.post(`/api/conventions/${id}/depot`).set(CSRF).send({ version: 2 }).expect(403);

    // Without its draft document, the deposit is refused with what is missing, as the checklist shows it.
    expect(same.body.completude).toEqual({ complete: false, manquants: [{ champ: 'documents', message: 'Joignez au moins un document (le projet de convention).' }] });
    const incomplete = await chef.post(`/api/conventions/${id}/depot`).set(CSRF).send({ version: 2 }).expect(400);
    expect(incomplete.body).toMatchObject({ code: 'CONVENTION_INCOMPLETE', fields: { documents: ['Joignez au moins un document (le projet de convention).'] } });
    await chef.post(`/api/conventions/${id}/documents`).set(CSRF).field('titre', 'Projet de convention-cadre').attach('fichier', TEST_PDF, 'projet.pdf').expect(201);
    expect((await chef.get(`/api/conventions/${id}`).expect(200)).body.completude).toEqual({ complete: true, manquants: [] });

    let version = (await chef.post(`/api/conventions/${id}/depot`).set(CSRF).send({ version: 2 }).expect(200)).body.version;
    const locked = await chef.patch(`/api/conventions/${id}`).set(CSRF).send({ version, diagnostic: 'Trop tard' }).expect(409);
    expect(locked.body.code).toBe('CONVENTION_NOT_EDITABLE');
    version = (await prefecture.post(`/api/conventions/${id}/instruction`).set(CSRF).send({ version }).expect(200)).body.version;
    const noComment = await prefecture.post(`/api/conventions/${id}/demande-complements`).set(CSRF).send({ version, commentaire: '  ' }).expect(400);
    expect(noComment.body.fields).toEqual({ commentaire: ['Précisez les compléments attendus.'] });
    const asked = await prefecture
      .post(`/api/conventions/${id}/demande-complements`)
      .set(CSRF)
      .send({ version, commentaire: 'Précisez le plan de financement.' })
      .expect(200);
    expect(asked.body).toMatchObject({ etat: 'a_completer', actionsPossibles: [] });
    const seenByChef = await chef.get(`/api/conventions/${id}`).expect(200);
    expect(seenByChef.body).toMatchObject({ modifiable: true, actionsPossibles: ['deposer'] });
    version = (await chef.patch(`/api/conventions/${id}`).set(CSRF).send({ version: asked.body.version, strategie: 'Habiter et commercer' }).expect(200)).body.version;
    version = (await chef.post(`/api/conventions/${id}/depot`).set(CSRF).send({ version }).expect(200)).body.version;
    version = (await prefecture.post(`/api/conventions/${id}/instruction`).set(CSRF).send({ version }).expect(200)).body.version;
    version = (await prefecture.post(`/api/conventions/${id}/validation`).set(CSRF).send({ version, commentaire: 'Conforme.' }).expect(200)).body.version;

    // The signature needs a date not in the future and the signed PDF.
    const future = await prefecture.post(`/api/conventions/${id}/signature`).set(CSRF).field('version', String(version)).field('dateSignature', '2999-01-01').attach('fichier', TEST_PDF, 's.pdf').expect(400);
    expect(future.body.fields).toEqual({ dateSignature: ['La date de signature ne peut pas être dans le futur.'] });
    const noFile = await prefecture.post(`/api/conventions/${id}/signature`).set(CSRF).field('version', String(version)).field('dateSignature', '2026-01-15').expect(400);
    expect(noFile.body.fields).toEqual({ fichier: ['Joignez la convention signée (PDF).'] });
    const notPdf = await prefecture
      .post(`/api/conventions/${id}/signature`)
      .set(CSRF)
      .field('version', String(version))
      .field('dateSignature', '2026-01-15')
      .attach('fichier', Buffer.from('pas un PDF'), 'faux.pdf')
      .expect(415);
    expect(notPdf.body.fields.fichier).toEqual(['La convention signée doit être un fichier PDF.']);
    const [{ n: before }] = await t.dataSource.query('SELECT count(*)::int AS n FROM document_version');
    const signed = await prefecture
      .post(`/api/conventions/${id}/signature`)
      .set(CSRF)
      .field('version', String(version))
      .field('dateSignature', '2026-01-15')
      .attach('fichier', TEST_PDF, 'convention-cadre-signée.pdf')
      .expect(200);
    expect(signed.body).toMatchObject({ etat: 'signee', dateSignature: '2026-01-15', echeance: { kind: 'signee' } });
    const [{ n: after }] = await t.dataSource.query('SELECT count(*)::int AS n FROM document_version');
    expect(after).toBe(before + 1); // refused signatures stored nothing
    expect(signed.body.transitions.map((s: { action: string; etatApres: string }) => `${s.action}→${s.etatApres}`)).toEqual([
      'creer→brouillon',
      'deposer→deposee',
      'instruire→en_instruction',
      'demander_complements→a_completer',
      'deposer→deposee',
      'instruire→en_instruction',
      'valider→validee',
      'signer→signee',
    ]);
    expect(signed.body.transitions[3]).toMatchObject({ commentaire: 'Précisez le plan de financement.', auteur: expect.stringContaining('Préfecture') });
    const signedDoc = signed.body.documents.find((d: { nature: string }) => d.nature === 'convention_signee');
    expect(signedDoc).toMatchObject({ nature: 'convention_signee', versions: [{ numero: 1, nomFichier: 'convention-cadre-signée.pdf', typeMime: 'application/pdf' }] });
    const download = await chef.get(signedDoc.versions[0].url).buffer(true).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''convention-cadre-sign%C3%A9e.pdf");
    expect(Buffer.compare(download.body as Buffer, TEST_PDF)).toBe(0);

    // Avenants come after the signature, numbered.
    const a1 = await chef.post(`/api/pvd/${pvdId}/conventions`).set(CSRF).send({ type: 'avenant', objet: 'Nouvelle action' }).expect(201);
    const a2 = await chef.post(`/api/pvd/${pvdId}/conventions`).set(CSRF).send({ type: 'avenant' }).expect(201);
    expect([a1.body.titre, a2.body.titre]).toEqual(['Avenant n° 1 à la convention-cadre', 'Avenant n° 2 à la convention-cadre']);

    // Every step is in the dossier's history with what changed.
    const history = await chef.get(`/api/pvd/${pvdId}/historique?pageSize=200`).expect(200);
    const actions = history.body.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['convention.creee', 'convention.modifiee', 'convention.deposer', 'convention.demander_complements', 'convention.signer', 'document.ajoute']));
    const strategy = history.body.items.find((i: { action: string; changes: { champ: string }[] }) => i.action === 'convention.modifiee' && i.changes.some((c) => c.champ === 'strategie' && c));
    expect(strategy.changes).toEqual([{ champ: 'strategie', libelle: 'Stratégie de revitalisation', avant: 'Habiter le centre', apres: 'Habiter et commercer' }]);
    expect(strategy.objet).toBe('Convention-cadre');
  });

  it('refuses the deposit of an empty convention-cadre with every missing item, writing nothing, and accepts it once complete', async () => {
    const other = (await createPvd(t.dataSource, ['23005'], { dateConventionAdhesion: '2025-03-01' })).id;
    const chef5 = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23005' })).agent;
    const created = await chef5.post(`/api/pvd/${other}/conventions`).set(CSRF).send({ type: 'cadre' }).expect(201);
    const id = created.body.id;
    expect(created.body.completude).toEqual({
      complete: false,
      manquants: [
        { champ: 'diagnostic', message: 'Rédigez le diagnostic.' },
        { champ: 'strategie', message: 'Rédigez la stratégie de revitalisation.' },
        { champ: 'signataires', message: 'Ajoutez au moins un signataire.' },
        { champ: 'actions', message: "Ajoutez au moins une action au plan d'action." },
        { champ: 'documents', message: 'Joignez au moins un document (le projet de convention).' },
      ],
    });
    const audited = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [id]))[0].n;
    const auditBefore = await audited();

    const refused = await chef5.post(`/api/conventions/${id}/depot`).set(CSRF).send({ version: 1 }).expect(400);
    expect(refused.body.code).toBe('CONVENTION_INCOMPLETE');
    expect(refused.body.fields).toEqual({
      diagnostic: ['Rédigez le diagnostic.'],
      strategie: ['Rédigez la stratégie de revitalisation.'],
      signataires: ['Ajoutez au moins un signataire.'],
      actions: ["Ajoutez au moins une action au plan d'action."],
      documents: ['Joignez au moins un document (le projet de convention).'],
    });
    const after = await chef5.get(`/api/conventions/${id}`).expect(200);
    expect(after.body).toMatchObject({ etat: 'brouillon', version: 1 });
    expect(after.body.transitions.map((s: { action: string }) => s.action)).toEqual(['creer']);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM convention_transition WHERE convention_id = $1`, [id]);
    expect(n).toBe(1);
    expect(await audited()).toBe(auditBefore);

    const filled = await chef5
      .patch(`/api/conventions/${id}`)
      .set(CSRF)
      .send({
        version: 1,
        diagnostic: 'Vacance commerciale en hausse',
        strategie: 'Ramener commerces et habitants au centre',
        signataires: [{ nom: 'Jean Martin', qualite: 'Maire', organisme: 'Commune' }],
        actions: [{ intitule: 'Boutique à l’essai', thematique: 'commerce', statut: 'a_lancer' }],
      })
      .expect(200);
    expect(filled.body.completude.manquants.map((m: { champ: string }) => m.champ)).toEqual(['documents']);
    await chef5.post(`/api/conventions/${id}/documents`).set(CSRF).attach('fichier', TEST_PDF, 'projet.pdf').expect(201);
    const deposited = await chef5.post(`/api/conventions/${id}/depot`).set(CSRF).send({ version: filled.body.version }).expect(200);
    expect(deposited.body).toMatchObject({ etat: 'deposee', completude: { complete: true, manquants: [] } });
  });

  it('lets the préfecture of the département reopen a validation made by mistake, with its reason in the timeline and the audit, until the signature', async () => {
    const reopenPvd = (await createPvd(t.dataSource, ['23006'])).id;
    const chef6 = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23006' })).agent;
    const validated = await createConvention(t.dataSource, reopenPvd, { type: 'adhesion', etat: 'validee', complete: true });
    const url = `/api/conventions/${validated.id}/reouverture`;
    const auditOf = async () =>
      t.dataSource.query(`SELECT action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id`, [validated.id]) as Promise<{ action: string; before: unknown; after: unknown }[]>;

    // The préfecture sees the action beside the signature; the chef de projet does not, and may not take it.
    expect((await prefecture.get(`/api/conventions/${validated.id}`).expect(200)).body.actionsPossibles).toEqual(['signer', 'rouvrir']);
    expect((await chef6.get(`/api/conventions/${validated.id}`).expect(200)).body.actionsPossibles).toEqual([]);
    const forbidden = await chef6.post(url).set(CSRF).send({ version: validated.version, commentaire: 'Erreur' }).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    // A préfecture of another département does not see the convention at all.
    const otherPrefecture = (await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: '68' })).agent;
    const elsewhere = await otherPrefecture.post(url).set(CSRF).send({ version: validated.version, commentaire: 'Erreur' }).expect(404);
    expect(elsewhere.body.code).toBe('CONVENTION_NOT_FOUND');

    // The reason is required, named on its field.
    for (const commentaire of [undefined, '   ']) {
      const missing = await prefecture.post(url).set(CSRF).send({ version: validated.version, commentaire }).expect(400);
      expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { commentaire: ['Indiquez le motif de la réouverture.'] } });
    }
    // A stale version is refused and changes nothing.
    const stale = await prefecture.post(url).set(CSRF).send({ version: validated.version + 1, commentaire: 'Erreur' }).expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(await auditOf()).toEqual([]);

    const reopened = await prefecture.post(url).set(CSRF).send({ version: validated.version, commentaire: '  Validée par erreur : la délibération manque.  ' }).expect(200);
    expect(reopened.body).toMatchObject({ etat: 'en_instruction', version: validated.version + 1, actionsPossibles: ['demander_complements', 'valider'] });
    expect(reopened.body.transitions.at(-1)).toMatchObject({
      action: 'rouvrir',
      etatAvant: 'validee',
      etatApres: 'en_instruction',
      commentaire: 'Validée par erreur : la délibération manque.',
      auteur: expect.stringContaining('Préfecture'),
    });
    expect(await auditOf()).toEqual([
      {
        action: 'convention.rouvrir',
        before: { type: 'adhesion', numero: null, etat: 'validee' },
        after: { type: 'adhesion', numero: null, etat: 'en_instruction', commentaire: 'Validée par erreur : la délibération manque.' },
      },
    ]);
    // The same request again is stale: the first one won.
    await prefecture.post(url).set(CSRF).send({ version: validated.version, commentaire: 'Encore' }).expect(409);
    // The dossier's history shows it too, with the reason.
    const history = await chef6.get(`/api/pvd/${reopenPvd}/historique?pageSize=50`).expect(200);
    const entry = history.body.items.find((i: { action: string }) => i.action === 'convention.rouvrir');
    expect(entry.actionLibelle).toBe('Réouverture de l’instruction (validation annulée)');
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { champ: 'etat', libelle: 'État', avant: 'Validée', apres: 'En instruction' },
        { champ: 'commentaire', libelle: 'Commentaire', avant: '(vide)', apres: 'Validée par erreur : la délibération manque.' },
      ]),
    );

    // Validated again, then signed: no reopening any more, an avenant corrects it.
    let version = (await prefecture.post(`/api/conventions/${validated.id}/validation`).set(CSRF).send({ version: reopened.body.version }).expect(200)).body.version;
    version = (
      await prefecture.post(`/api/conventions/${validated.id}/signature`).set(CSRF).field('version', String(version)).field('dateSignature', '2026-01-15').attach('fichier', TEST_PDF, 's.pdf').expect(200)
    ).body.version;
    const signed = await prefecture.post(url).set(CSRF).send({ version, commentaire: 'Erreur dans la convention signée' }).expect(409);
    expect(signed.body).toMatchObject({
      code: 'CONVENTION_TRANSITION_NOT_ALLOWED',
      message: 'Une convention signée ne peut pas être rouverte : elle ne se corrige que par un avenant.',
    });
    expect((await prefecture.get(`/api/conventions/${validated.id}`).expect(200)).body).toMatchObject({ etat: 'signee', version, actionsPossibles: [] });
  });

  it('refuses an avenant before the convention-cadre is signed', async () => {
    const other = (await createPvd(t.dataSource, ['23003'])).id;
    const chef3 = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23003' })).agent;
    const res = await chef3.post(`/api/pvd/${other}/conventions`).set(CSRF).send({ type: 'avenant' }).expect(409);
    expect(res.body.code).toBe('CONVENTION_CADRE_NOT_SIGNED');
  });

  it('gives one success and one 409 naming the author to two concurrent saves of the same version', async () => {
    const { id, version } = await createConvention(t.dataSource, pvdId, { type: 'avenant' });
    const second = (await t.signIn('chef_de_projet')).agent;
    const [r1, r2] = await Promise.all([
      chef.patch(`/api/conventions/${id}`).set(CSRF).send({ version, objet: 'Version A' }),
      second.patch(`/api/conventions/${id}`).set(CSRF).send({ version, objet: 'Version B' }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const loser = r1.status === 409 ? r1 : r2;
    const winner = r1.status === 200 ? r1 : r2;
    expect(loser.body.code).toBe('VERSION_CONFLICT');
    expect(loser.body.message).toMatch(/^Cette convention a été modifiée par Test chef_de_projet le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}/);
    const stored = await chef.get(`/api/conventions/${id}`).expect(200);
    expect(stored.body.objet).toBe(winner.body.objet);
    expect(stored.body.version).toBe(version + 1);
    // A stale workflow step is refused the same way.
    await chef.post(`/api/conventions/${id}/depot`).set(CSRF).send({ version }).expect(409);
  });

  it('computes the convention-cadre deadline in SQL as the domain does, with the delay in force on the adhesion date', async () => {
    for (const adhesion of ['2021-08-31', '2020-02-29', '2021-01-31', '2023-12-15']) {
      const [row] = await t.dataSource.query(`SELECT ($1::date + make_interval(months => 18))::date::text AS due`, [adhesion]);
      expect({ adhesion, due: row.due }).toEqual({ adhesion, due: conventionCadreDueDate(adhesion, 18) });
    }
    // From 2025, the programme gives 24 months: conventions signed before keep 18.
    await t.dataSource.query(`INSERT INTO programme_parametre (cle, valeur, date_effet, decide_le) VALUES ('delai_convention_cadre_mois', '24', '2025-01-01', '2025-01-01')`);
    const recent = (await createPvd(t.dataSource, ['23004'], { dateConventionAdhesion: '2025-06-30' })).id;
    const anct = (await t.signIn('anct_directeur')).agent;
    const dossier = await anct.get(`/api/pvd/${recent}/dossier`).expect(200);
    expect(dossier.body.echeanceConventionCadre).toMatchObject({ delaiMois: 24, dateLimite: '2027-06-30' });
    const old = await anct.get(`/api/pvd/${pvdId}/dossier`).expect(200);
    expect(old.body.echeanceConventionCadre).toMatchObject({ delaiMois: 18 });
    await t.dataSource.query(`DELETE FROM programme_parametre WHERE date_effet = '2025-01-01'`);
  });
  it('lists a convention-cadre both déposée and late once, with both motifs, and counts it once', async () => {
    const both = await createPvd(t.dataSource, ['23008'], { dateConventionAdhesion: '2021-03-01' });
    const silentAndLate = await createPvd(t.dataSource, ['23009'], { dateConventionAdhesion: '2021-03-01' });
    const deposee = await createConvention(t.dataSource, both.id, { type: 'cadre', etat: 'deposee', etatDepuis: new Date(Date.now() - 5 * DAY) });
    await createConvention(t.dataSource, silentAndLate.id, { type: 'cadre', etat: 'a_completer', etatDepuis: new Date(Date.now() - 40 * DAY) });
    const [{ nom }] = await t.dataSource.query(`SELECT nom FROM commune WHERE insee = '23008'`);
    const q = `q=${encodeURIComponent(nom)}`;

    const list = await prefecture.get(`/api/conventions/a-traiter?${q}`).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      motifs: ['a_instruire', 'cadre_en_retard'],
      pvdId: both.id,
      conventionId: deposee.id,
      etat: 'deposee',
      dateLimite: '2022-09-01',
      joursDansEtat: 5,
      actionsPossibles: ['instruire'],
    });
    expect(list.body.items[0].joursDeRetard).toBeGreaterThan(365);
    expect(list.body.total).toBe(1);
    expect(list.body.totalTousMotifs).toBe(1);
    expect(list.body.parMotif).toEqual({ a_instruire: 1, en_instruction: 0, a_completer_sans_reponse: 0, cadre_en_retard: 1 });

    // A motif filter keeps the item if it has that motif, with all its motifs; the counts ignore it.
    const late = await prefecture.get(`/api/conventions/a-traiter?${q}&motif=cadre_en_retard`).expect(200);
    expect(late.body.items.map((i: { motifs: string[] }) => i.motifs)).toEqual([['a_instruire', 'cadre_en_retard']]);
    const none = await prefecture.get(`/api/conventions/a-traiter?${q}&motif=en_instruction`).expect(200);
    expect(none.body).toMatchObject({ items: [], total: 0, totalTousMotifs: 1 });

    // Over the whole list, each PVD appears once, and the distinct total is the number of rows.
    const all = await prefecture.get('/api/conventions/a-traiter?pageSize=200').expect(200);
    const rows = (id: string) => all.body.items.filter((i: { pvdId: string }) => i.pvdId === id);
    expect(rows(both.id)).toHaveLength(1);
    expect(rows(silentAndLate.id).map((i: { motifs: string[] }) => i.motifs)).toEqual([['a_completer_sans_reponse', 'cadre_en_retard']]);
    expect(all.body.totalTousMotifs).toBe(all.body.items.length);
    expect(all.body.total).toBe(all.body.items.length);
    const sumOfMotifs = Object.values(all.body.parMotif as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sumOfMotifs).toBeGreaterThan(all.body.totalTousMotifs);
  });
  it('gives the SGAR (its région) and the ANCT (national) the same list, read-only', async () => {
    const creuse = await createPvd(t.dataSource, ['23010'], { dateConventionAdhesion: '2021-03-01' });
    const alsace = await createPvd(t.dataSource, ['68007'], { dateConventionAdhesion: '2021-03-01' });
    const deposee = await createConvention(t.dataSource, creuse.id, { type: 'cadre', etat: 'deposee' });
    const sgar = (await t.signIn('sgar_lecteur')).agent;
    const anct = (await t.signIn('anct_directeur')).agent;
    const pvdsOf = (body: { items: { pvdId: string }[] }) => body.items.map((i) => i.pvdId);

    const regional = await sgar.get('/api/conventions/a-traiter?pageSize=200&motif=cadre_en_retard').expect(200);
    expect(pvdsOf(regional.body)).toContain(creuse.id);
    expect(pvdsOf(regional.body)).not.toContain(alsace.id);
    expect(regional.body.items.find((i: { pvdId: string }) => i.pvdId === creuse.id)).toMatchObject({
      motifs: ['a_instruire', 'cadre_en_retard'],
      actionsPossibles: [],
    });
    const national = await anct.get('/api/conventions/a-traiter?pageSize=200&motif=cadre_en_retard').expect(200);
    expect(pvdsOf(national.body)).toEqual(expect.arrayContaining([creuse.id, alsace.id]));
    await anct.get('/api/conventions/a-traiter/export?format=csv&departement=68').expect(200);

    // Reading is all: the workflow stays the préfecture's.
    await sgar.post(`/api/conventions/${deposee.id}/instruction`).set(CSRF).send({ version: deposee.version }).expect(403);
    await anct.post(`/api/conventions/${deposee.id}/instruction`).set(CSRF).send({ version: deposee.version }).expect(403);
    const chef = (await t.signIn('chef_de_projet')).agent;
    await chef.get('/api/conventions/a-traiter').expect(403);
  });
});
