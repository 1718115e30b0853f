import { unnamedAuditedFields } from '../test/audit-coverage';
import { readXlsx } from '../test/export-reader';
import { createConvention, createPvd, CSRF, useTestApp } from '../test/test-app';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** French amounts group thousands with narrow no-break spaces and put a no-break space before €. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

interface Change {
  champ: string;
  libelle: string;
  avant: string;
  apres: string;
}
interface Entry {
  action: string;
  actionLibelle: string;
  entityType: string;
  entityId: string;
  objet: string;
  auteur: string;
  dossier?: string | null;
  changes: Change[];
}

/** What a reader sees of an entry: words only, no id. */
const shown = (e: Entry) => JSON.stringify({ objet: e.objet, auteur: e.auteur, action: e.actionLibelle, dossier: e.dossier ?? null, changes: e.changes.map(({ libelle, avant, apres }) => ({ libelle, avant, apres })) });

describe('the history and the journal, in words', () => {
  const t = useTestApp();
  const nom = async (sql: string, params: unknown[] = []) => ((await t.dataSource.query(sql, params))[0] as { nom: string }).nom;

  it('shows a financing line’s beneficiary by its commune’s name, its dispositif by name, its amount, dates and status in words', async () => {
    const ahun = await createPvd(t.dataSource, ['23001']);
    const ajain = await nom(`SELECT nom FROM commune WHERE insee = '23002'`);
    // A partner writes its own dispositifs anywhere: it moves the line from Ahun to Ajain.
    const partner = await t.signIn('partenaire', { type: 'partenaire', nom: 'Banque des Territoires (test)' });
    await t.dataSource.query(`UPDATE financeur SET organisation_id = $1 WHERE code = 'banque_des_territoires'`, [partner.user.organisationId]);
    const [{ id: dispositifId }] = await t.dataSource.query(`SELECT id FROM dispositif WHERE code = 'bdt_pret_renouvellement'`);
    // « Banque des Territoires – prêts au renouvellement urbain » names its funder: it is not repeated.
    const dispositifNom = await nom('SELECT nom FROM dispositif WHERE id = $1', [dispositifId]);
    expect(dispositifNom).toContain('Banque des Territoires');
    const ligne = { dispositifId, beneficiaireType: 'commune', beneficiaireCode: '23001', projet: 'Halles', montant: 3_257_535, statut: 'demande', dateDemande: '2024-02-01' };
    const created = await partner.agent.post('/api/financements/lignes').set(CSRF).send(ligne).expect(201);
    await partner.agent
      .put(`/api/financements/lignes/${created.body.id}`)
      .set(CSRF)
      .send({ ...ligne, beneficiaireCode: '23002', montant: 4_000_000, statut: 'engage', dateEngagement: '2024-03-12', version: 1 })
      .expect(200);

    const chef = (await t.signIn('chef_de_projet')).agent;
    const history = await chef.get(`/api/pvd/${ahun.id}/historique`).expect(200);
    const [moved, entered] = history.body.items as Entry[];
    expect(moved).toMatchObject({ action: 'ligne_financement.modifiee', actionLibelle: 'Modification', objet: 'Financement « Halles »', auteur: 'Test partenaire (Banque des Territoires (test))' });
    expect(moved.changes.map((c) => ({ ...c, avant: plain(c.avant), apres: plain(c.apres) }))).toEqual([
      { champ: 'beneficiaireCode', libelle: 'Bénéficiaire', avant: 'Ahun (23)', apres: `${ajain} (23)` },
      { champ: 'montant', libelle: 'Montant', avant: '32 575,35 €', apres: '40 000,00 €' },
      { champ: 'statut', libelle: 'Statut', avant: 'Demandé', apres: 'Engagé' },
      { champ: 'dateEngagement', libelle: 'Date : engagé', avant: '(vide)', apres: '12 mars 2024' },
    ]);
    expect(entered).toMatchObject({ action: 'ligne_financement.creee', actionLibelle: 'Création' });
    expect(entered.changes).toEqual(
      expect.arrayContaining([
        { champ: 'dispositifId', libelle: 'Dispositif', avant: '(vide)', apres: dispositifNom },
        { champ: 'dateDemande', libelle: 'Date : demandé', avant: '(vide)', apres: '1er février 2024' },
      ]),
    );
    for (const entry of history.body.items as Entry[]) expect(shown(entry)).not.toMatch(UUID);

    // The export reads the same words.
    const sheet = await readXlsx(chef, `/api/pvd/${ahun.id}/historique/export?format=xlsx`);
    expect(sheet.getRow(1).values).toEqual([undefined, 'Date', 'Auteur', 'Action', 'Objet', 'Modifications']);
    expect(sheet.getRow(2).getCell(3).value).toBe('Modification');
    expect(plain(String(sheet.getRow(2).getCell(5).value))).toBe(
      `Bénéficiaire : Ahun (23) → ${ajain} (23) ; Montant : 32 575,35 € → 40 000,00 € ; Statut : Demandé → Engagé ; Date : engagé : (vide) → 12 mars 2024`,
    );
  });

  it('shows an ORT’s convention-cadre by its label, its communes by name, and a convention’s yes/no as « Oui » / « Non »', async () => {
    const ahun = (await t.dataSource.query(`SELECT pvd_id AS id FROM pvd_commune WHERE commune_insee = '23001'`))[0] as { id: string };
    const cadre = await createConvention(t.dataSource, ahun.id, { type: 'cadre', etat: 'signee', dateSignature: '2023-06-01' });
    await t.dataSource.query('UPDATE convention SET vaut_ort = true WHERE id = $1', [cadre.id]);
    const chef = (await t.signIn('chef_de_projet')).agent;
    const ort = await chef
      .post('/api/orts')
      .set(CSRF)
      .send({ libelle: 'ORT d’Ahun', statut: 'signee', dateSignature: '2023-06-01', dureeAnnees: 5, communes: ['23001'], conventionCadreId: cadre.id })
      .expect(201);
    const history = await chef.get(`/api/pvd/${ahun.id}/historique`).expect(200);
    const entry = (history.body.items as Entry[]).find((e) => e.entityId === ort.body.id) as Entry;
    expect(entry).toMatchObject({ objet: 'ORT « ORT d’Ahun »', actionLibelle: 'Création' });
    expect(entry.changes).toEqual([
      { champ: 'libelle', libelle: 'Intitulé', avant: '(vide)', apres: 'ORT d’Ahun' },
      { champ: 'statut', libelle: 'Statut', avant: '(vide)', apres: 'Signée' },
      { champ: 'dateSignature', libelle: 'Date de signature', avant: '(vide)', apres: '1er juin 2023' },
      { champ: 'dureeAnnees', libelle: 'Durée (années)', avant: '(vide)', apres: '5' },
      { champ: 'communes', libelle: 'Communes couvertes', avant: '(vide)', apres: 'Ahun (23)' },
      { champ: 'conventionCadreId', libelle: 'Convention-cadre valant ORT', avant: '(vide)', apres: 'Convention-cadre – Ahun' },
    ]);

    // A convention worth ORT: its yes/no.
    const ajain = await createPvd(t.dataSource, ['23003']);
    const chef3 = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23003' })).agent;
    const convention = await chef3.post(`/api/pvd/${ajain.id}/conventions`).set(CSRF).send({ type: 'cadre' }).expect(201);
    await chef3.patch(`/api/conventions/${convention.body.id}`).set(CSRF).send({ version: convention.body.version, vautOrt: true }).expect(200);
    const [changed] = (await chef3.get(`/api/pvd/${ajain.id}/historique`).expect(200)).body.items as Entry[];
    expect(changed).toMatchObject({ objet: 'Convention-cadre', actionLibelle: 'Modification', changes: [{ champ: 'vautOrt', libelle: 'Vaut ORT', avant: 'Non', apres: 'Oui' }] });
  });

  it('names accounts in the security journal « Prénom Nom (organisation) », never by their UUID', async () => {
    const admin = await t.signIn('administrateur');
    const anct = await nom('SELECT nom FROM organisation WHERE id = $1', [admin.user.organisationId]);
    const target = await t.signIn('chef_de_projet');
    const [account] = (await admin.agent.get(`/api/comptes?q=${encodeURIComponent(target.user.email)}`).expect(200)).body.items;
    await admin.agent.patch(`/api/comptes/${target.user.id}/rattachements/${account.memberships[0].id}`).set(CSRF).send({ role: 'elu_lecteur', version: account.version }).expect(200);
    await t.http().post('/api/auth/login').set(CSRF).send({ email: 'Personne.Inconnue@exemple.test', password: 'faux-mot-de-passe' }).expect(401);

    const journal = (await admin.agent.get('/api/journal').expect(200)).body.items as (Entry & { actor: string; entityId: string })[];
    const role = journal.find((e) => e.action === 'compte.role' && e.entityId === target.user.id);
    expect(role).toMatchObject({
      actionLibelle: 'Changement de rôle',
      objet: 'Compte Test chef_de_projet (Commune d’Ahun)',
      auteur: `Test administrateur (${anct})`,
      actor: admin.user.email,
      changes: [{ champ: 'role', libelle: 'Rôle', avant: 'Chef de projet PVD', apres: 'Élu ou lecteur' }],
    });
    const login = journal.find((e) => e.action === 'auth.login' && e.entityId === target.user.id);
    expect(login).toMatchObject({ actionLibelle: 'Connexion', objet: 'Compte Test chef_de_projet (Commune d’Ahun)', changes: [{ libelle: 'Méthode de connexion', avant: '(vide)', apres: 'mot de passe' }] });
    expect(journal.find((e) => e.action === 'auth.login_failed')).toMatchObject({ actionLibelle: 'Échec de connexion', objet: 'Compte personne.inconnue@exemple.test' });
    // A dossier's change names its dossier.
    expect(journal.find((e) => e.action === 'ligne_financement.modifiee')).toMatchObject({ objet: 'Financement « Halles »', dossier: 'Ahun' });
    for (const entry of journal) expect(shown(entry)).not.toMatch(UUID);

    const sheet = await readXlsx(admin.agent, '/api/journal/export?format=xlsx&action=compte.role');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Date',
      'Auteur',
      'Adresse électronique de l’auteur',
      'Action',
      'Cible',
      'Dossier',
      'Adresse IP',
      'Modifications',
      'Avant (valeurs brutes)',
      'Après (valeurs brutes)',
    ]);
    const cells = (sheet.getRow(2).values as unknown[]).slice(2);
    expect(cells.slice(0, 4)).toEqual([`Test administrateur (${anct})`, admin.user.email, 'Changement de rôle', 'Compte Test chef_de_projet (Commune d’Ahun)']);
    expect(cells[6]).toBe('Rôle : Chef de projet PVD → Élu ou lecteur');
    // The raw values stay in the export, for audits.
    expect(JSON.parse(String(cells[8]))).toMatchObject({ role: 'elu_lecteur' });
  });

  it('names every field its audit writers stored', async () => {
    expect(await unnamedAuditedFields(t.dataSource)).toEqual([]);
  });
});
