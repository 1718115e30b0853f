import { ensureOrganisation } from '../organisations/ensure-organisation';
import { createPvd, CSRF, useTestApp } from '../test/test-app';

/**
 * Places a record names (maître d'ouvrage, signing EPCI, employer) are judged on stored territory:
 * they must fit the record's communes (400 on the field) and, when they change, lie within the
 * caller's territory (403 on the field). Refusals write nothing.
 */
describe('places named by a record', () => {
  const t = useTestApp();

  const epciOf = async (insee: string): Promise<string> => (await t.dataSource.query('SELECT epci_siren FROM commune WHERE insee = $1', [insee]))[0].epci_siren;
  const operation = (libelle: string, maitreOuvrageType: 'commune' | 'epci', maitreOuvrageCode: string, communes: string[]) => ({
    type: 'pig',
    libelle,
    maitreOuvrageType,
    maitreOuvrageCode,
    phase: 'etude_pre_operationnelle',
    communes,
    objectifs: [],
  });
  const operationRow = async (id: string) =>
    (await t.dataSource.query('SELECT maitre_ouvrage_type AS type, maitre_ouvrage_code AS code, libelle, version FROM operation_habitat WHERE id = $1', [id]))[0];
  const countWhere = async (table: 'operation_habitat' | 'ort', libelle: string): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE libelle = $1`, [libelle]))[0].n;
  const auditOf = async (entityId: string): Promise<string[]> =>
    (await t.dataSource.query('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id', [entityId])).map((r: { action: string }) => r.action);

  it('refuses a Creuse commune or EPCI as maître d’ouvrage of an Altkirch operation, on create and update, and writes nothing', async () => {
    const [ahunEpci, sundgau] = [await epciOf('23001'), await epciOf('68004')];
    await createPvd(t.dataSource, ['68004']); // the operation's changes show in Altkirch's history
    const chef = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '68004' })).agent;

    const commune = await chef.post('/api/operations-habitat').set(CSRF).send(operation('PIG du Sundgau (Ahun)', 'commune', '23001', ['68004'])).expect(400);
    expect(commune.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { maitreOuvrageCode: ['Ahun n’est pas couverte par l’opération : le maître d’ouvrage est l’une des communes couvertes, ou un EPCI dont l’une d’elles est membre.'] },
    });
    const epci = await chef.post('/api/operations-habitat').set(CSRF).send(operation('PIG du Sundgau (EPCI creusois)', 'epci', ahunEpci, ['68004'])).expect(400);
    expect(epci.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { maitreOuvrageCode: [expect.stringContaining('Aucune commune couverte par l’opération n’est membre de CC Creuse Sud Ouest')] } });
    expect(await countWhere('operation_habitat', 'PIG du Sundgau (Ahun)')).toBe(0);
    expect(await countWhere('operation_habitat', 'PIG du Sundgau (EPCI creusois)')).toBe(0);

    // The coherent owners: the covered commune, its EPCI.
    const own = await chef.post('/api/operations-habitat').set(CSRF).send(operation('PIG d’Altkirch', 'commune', '68004', ['68004'])).expect(201);
    expect(own.body.maitreOuvrage).toEqual({ type: 'commune', code: '68004', nom: 'Altkirch' });
    const byEpci = await chef.post('/api/operations-habitat').set(CSRF).send(operation('PIG du Sundgau', 'epci', sundgau, ['68004'])).expect(201);
    expect(byEpci.body.maitreOuvrage).toEqual({ type: 'epci', code: sundgau, nom: 'CC Sundgau' });

    const id = own.body.id as string;
    for (const [type, code] of [['commune', '23001'], ['epci', ahunEpci]] as const) {
      const refused = await chef.put(`/api/operations-habitat/${id}`).set(CSRF).send({ ...operation('PIG d’Altkirch', type, code, ['68004']), version: 1 }).expect(400);
      expect(Object.keys(refused.body.fields)).toEqual(['maitreOuvrageCode']);
    }
    expect(await operationRow(id)).toEqual({ type: 'commune', code: '68004', libelle: 'PIG d’Altkirch', version: 1 });
    expect(await auditOf(id)).toEqual(['operation_habitat.creee']);
    const moved = await chef.put(`/api/operations-habitat/${id}`).set(CSRF).send({ ...operation('PIG d’Altkirch', 'epci', sundgau, ['68004']), version: 1 }).expect(200);
    expect(moved.body).toMatchObject({ maitreOuvrage: { type: 'epci', code: sundgau }, version: 2 });
  });

  it('refuses, when it changes, a maître d’ouvrage outside the caller’s territory even among the covered communes (403), and keeps one left as it was', async () => {
    const grandGueret = await epciOf('23002');
    // An operation over Ahun and Ajain, entered by someone who could (here, directly).
    const insert = async (libelle: string, code: string) => {
      const [op] = await t.dataSource.query(
        `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase) VALUES ('pig', $1, 'commune', $2, 'etude_pre_operationnelle') RETURNING id`,
        [libelle, code],
      );
      await t.dataSource.query(`INSERT INTO operation_habitat_commune (operation_id, commune_insee) VALUES ($1, '23001'), ($1, '23002')`, [op.id]);
      return op.id as string;
    };
    const chef = (await t.signIn('chef_de_projet')).agent; // Ahun
    const id = await insert('PIG Ahun-Ajain', '23001');
    for (const [type, code, nom] of [['commune', '23002', 'Ajain'], ['epci', grandGueret, 'CA du Grand Guéret']] as const) {
      const refused = await chef.put(`/api/operations-habitat/${id}`).set(CSRF).send({ ...operation('PIG Ahun-Ajain', type, code, ['23001', '23002']), version: 1 }).expect(403);
      expect(refused.body).toMatchObject({
        code: 'COMMUNE_HORS_TERRITOIRE',
        fields: { maitreOuvrageCode: [`${nom} est hors de votre territoire : choisissez comme maître d’ouvrage une commune ou un EPCI de votre territoire.`] },
      });
    }
    expect(await operationRow(id)).toMatchObject({ code: '23001', version: 1 });
    expect(await auditOf(id)).toEqual([]);

    // Ajain's operation: Ahun's chef edits it without touching its owner.
    const ajains = await insert('PIG d’Ajain', '23002');
    const edited = await chef.put(`/api/operations-habitat/${ajains}`).set(CSRF).send({ ...operation('PIG d’Ajain, renommé', 'commune', '23002', ['23001', '23002']), version: 1 }).expect(200);
    expect(edited.body).toMatchObject({ libelle: 'PIG d’Ajain, renommé', maitreOuvrage: { code: '23002' }, version: 2 });
  });

  it('refuses a Haut-Rhin EPCI as signing EPCI of an Ajain ORT, on create and update, and writes nothing', async () => {
    const [grandGueret, sundgau, ahunEpci] = [await epciOf('23002'), await epciOf('68004'), await epciOf('23001')];
    await createPvd(t.dataSource, ['23002']);
    const chef = (await t.signIn('chef_de_projet', { type: 'commune', communeInsee: '23002' })).agent;
    const ort = (libelle: string, epciSiren: string | null) => ({ libelle, statut: 'en_preparation', communes: ['23002'], epciSiren });

    const refused = await chef.post('/api/orts').set(CSRF).send(ort('ORT d’Ajain (Sundgau)', sundgau)).expect(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { epciSiren: ['Ajain n’est pas membre de CC Sundgau : l’EPCI signataire d’une ORT compte parmi ses membres toutes les communes qu’elle couvre.'] },
    });
    expect(await countWhere('ort', 'ORT d’Ajain (Sundgau)')).toBe(0);

    const created = await chef.post('/api/orts').set(CSRF).send(ort('ORT d’Ajain', grandGueret)).expect(201);
    expect(created.body).toMatchObject({ epciSiren: grandGueret, epciNom: 'CA du Grand Guéret', version: 1 });
    const id = created.body.id as string;
    for (const siren of [sundgau, ahunEpci]) {
      const put = await chef.put(`/api/orts/${id}`).set(CSRF).send({ ...ort('ORT d’Ajain', siren), version: 1 }).expect(400);
      expect(Object.keys(put.body.fields)).toEqual(['epciSiren']);
    }
    const [stored] = await t.dataSource.query('SELECT epci_siren, version FROM ort WHERE id = $1', [id]);
    expect(stored).toEqual({ epci_siren: grandGueret, version: 1 });
    expect(await auditOf(id)).toEqual(['ort.creee']);
    // Without an EPCI, then with its own again.
    await chef.put(`/api/orts/${id}`).set(CSRF).send({ ...ort('ORT d’Ajain', null), version: 1 }).expect(200);
    const back = await chef.put(`/api/orts/${id}`).set(CSRF).send({ ...ort('ORT d’Ajain', grandGueret), version: 2 }).expect(200);
    expect(back.body).toMatchObject({ epciSiren: grandGueret, version: 3 });
  });

  it('refuses a commune outside the signing EPCI when the ORT’s communes change', async () => {
    const ahunEpci = await epciOf('23001');
    // A chef de projet of Ahun and of Ajain (two memberships): both communes are theirs.
    const signedIn = await t.signIn('chef_de_projet');
    const ajain = await ensureOrganisation(t.dataSource, { type: 'commune', communeInsee: '23002' });
    await t.dataSource.query(`INSERT INTO membership (user_id, organisation_id, role) VALUES ($1, $2, 'chef_de_projet')`, [signedIn.user.id, ajain.id]);
    const chef = signedIn.agent;
    const input = { libelle: 'ORT de Creuse Sud Ouest', statut: 'en_preparation', epciSiren: ahunEpci, communes: ['23001'] };
    const created = await chef.post('/api/orts').set(CSRF).send(input).expect(201);
    const refused = await chef.put(`/api/orts/${created.body.id}`).set(CSRF).send({ ...input, communes: ['23001', '23002'], version: 1 }).expect(400);
    expect(refused.body.fields).toEqual({ epciSiren: ['Ajain n’est pas membre de CC Creuse Sud Ouest : l’EPCI signataire d’une ORT compte parmi ses membres toutes les communes qu’elle couvre.'] });
    expect((await t.dataSource.query('SELECT commune_insee FROM ort_commune WHERE ort_id = $1', [created.body.id])).map((r: { commune_insee: string }) => r.commune_insee)).toEqual(['23001']);
    // Without a signing EPCI, the ORT covers both.
    await chef.put(`/api/orts/${created.body.id}`).set(CSRF).send({ ...input, epciSiren: null, communes: ['23001', '23002'], version: 1 }).expect(200);
  });

  it('refuses as a post’s employer a place that is neither one of the PVD’s communes nor its EPCI', async () => {
    const pvd = await createPvd(t.dataSource, ['23001']);
    const [ahunEpci, sundgau] = [await epciOf('23001'), await epciOf('68004')];
    const chef = (await t.signIn('chef_de_projet')).agent;
    const poste = (employeurType: 'commune' | 'epci', employeurCode: string) => ({
      intitule: 'Cheffe de projet',
      employeurType,
      employeurCode,
      titulaires: [{ nom: 'Titulaire', debut: '2024-01-01', quotite: 100 }],
      coutsAnnuels: [{ annee: 2025, cout: 6_000_000 }],
      cofinanceurs: [{ financeur: 'etat' }],
      operationHabitat: null,
    });
    for (const [type, code] of [['epci', sundgau], ['commune', '68004']] as const) {
      const refused = await chef.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send(poste(type, code)).expect(400);
      expect(refused.body.fields).toEqual({ employeurCode: [expect.stringContaining('L’employeur doit être l’une des communes de la PVD ou son EPCI (')] });
    }
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM poste WHERE pvd_id = $1', [pvd.id]))[0].n).toBe(0);
    const created = await chef.post(`/api/pvd/${pvd.id}/postes`).set(CSRF).send(poste('epci', ahunEpci)).expect(201);
    expect(created.body).toMatchObject({ employeurType: 'epci', employeurCode: ahunEpci });
    await chef.put(`/api/postes/${created.body.id}`).set(CSRF).send({ ...poste('commune', '68004'), version: 1 }).expect(400);
    await chef.put(`/api/postes/${created.body.id}`).set(CSRF).send({ ...poste('commune', '23001'), version: 1 }).expect(200);
  });
});
