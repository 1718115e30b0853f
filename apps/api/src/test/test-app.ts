import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Role } from '@suivi-pvd/domain';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { hashPassword } from '../core/auth/session.service';
import { loadConfig, repoRoot } from '../core/config/config';
import { createRootLogger } from '../core/logging/logger';
import { ensureOrganisation, OrganisationSpec } from '../organisations/ensure-organisation';
import { createApp } from '../create-app';
import { createDatabaseFromTemplate, dropDatabase, runDatabasePrefix } from './test-database';

export const TEST_PASSWORD = 'mot-de-passe-de-test';
export const CSRF = { 'X-Requested-With': 'suivi-pvd' } as const;

export interface TestApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  /** A client without session. */
  http(): TestAgent;
  /**
   * Creates a user with this role in an organisation (by default: Ahun for commune roles, the
   * Creuse préfecture, the Nouvelle-Aquitaine SGAR, the ANCT, a test partner) and signs them in.
   */
  signIn(role: Role, organisation?: OrganisationSpec): Promise<SignedInClient>;
  close(): Promise<void>;
}

export interface SignedInClient {
  agent: TestAgent;
  user: { id: string; email: string; role: Role; organisationId: string };
}

/** The organisation a test user of each role gets unless told otherwise. */
export function defaultOrganisation(role: Role): OrganisationSpec {
  switch (role) {
    case 'chef_de_projet':
    case 'elu_lecteur':
      return { type: 'commune', communeInsee: '23001' };
    case 'prefecture_instructeur':
      return { type: 'prefecture', departementCode: '23' };
    case 'sgar_lecteur':
      return { type: 'sgar', regionCode: '75' };
    case 'anct_directeur':
    case 'administrateur':
      return { type: 'anct' };
    case 'partenaire':
      return { type: 'partenaire', nom: 'Partenaire de test' };
  }
}

let passwordHash: Promise<string> | null = null;

/**
 * The real application on its own database copied from the template: each test file gets a
 * database nobody else writes to, so tests never see each other's data.
 */
export async function createTestApp(overrides: NodeJS.ProcessEnv = {}, options: { databaseUrl?: string } = {}): Promise<TestApp> {
  // A database of its own copied from the template, unless the test brings one (then left as it is).
  const database = options.databaseUrl ? null : `${runDatabasePrefix()}w${process.env.JEST_WORKER_ID ?? '0'}_${randomUUID().slice(0, 8)}`;
  const url = options.databaseUrl ?? (await createDatabaseFromTemplate(database as string));
  // Uploaded documents of this app, removed with its database.
  const documentsDir = resolve(repoRoot(), '.data/test-documents', database ?? `external_${randomUUID().slice(0, 8)}`);
  const config = loadConfig({
    DOCUMENTS_DIR: documentsDir,
    NODE_ENV: 'test',
    DEMO_SEED: 'false',
    LOAD_REFERENTIEL: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WEB_DIST_DIR: '/nonexistent',
    ...overrides,
  });
  const app = await createApp(config, url, createRootLogger(config.logLevel));
  const dataSource = app.get(DataSource);

  const signIn: TestApp['signIn'] = async (role, organisation = defaultOrganisation(role)) => {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const email = `${role}.${randomUUID().slice(0, 8)}@test.invalid`;
    const [row] = await dataSource.query(
      'INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id',
      [email, `Test ${role}`, await passwordHash],
    );
    const org = await ensureOrganisation(dataSource, organisation);
    await dataSource.query('INSERT INTO membership (user_id, organisation_id, role) VALUES ($1, $2, $3)', [row.id, org.id, role]);
    const agent = request.agent(app.getHttpServer());
    await agent.post('/api/auth/login').set(CSRF).send({ email, password: TEST_PASSWORD }).expect(200);
    return { agent, user: { id: row.id, email, role, organisationId: org.id } };
  };

  return {
    app,
    dataSource,
    http: () => request(app.getHttpServer()) as unknown as TestAgent,
    signIn,
    close: async () => {
      await app.close();
      if (database) await dropDatabase(database);
      await rm(documentsDir, { recursive: true, force: true });
    },
  };
}

/** A PVD over the given communes, straight in the database (the import has its own tests). */
export async function createPvd(
  dataSource: DataSource,
  communes: string[],
  fields: { idPvd?: string; dateConventionAdhesion?: string | null; epciSiren?: string | null } = {},
): Promise<{ id: string; idPvd: string }> {
  const idPvd = fields.idPvd ?? `test-${randomUUID().slice(0, 8)}`;
  const [pvd] = await dataSource.query(
    'INSERT INTO pvd (id_pvd, date_convention_adhesion, epci_siren) VALUES ($1, $2, $3) RETURNING id',
    [idPvd, fields.dateConventionAdhesion ?? null, fields.epciSiren ?? null],
  );
  await dataSource.query('INSERT INTO pvd_commune (commune_insee, pvd_id) SELECT unnest($1::varchar[]), $2', [communes, pvd.id]);
  // Every membership has its period (see pvd_commune_periode).
  await dataSource.query(
    `INSERT INTO pvd_commune_periode (commune_insee, pvd_id, debut, motif_debut) SELECT unnest($1::varchar[]), $2, COALESCE($3::date, '2021-01-01'), 'selection'`,
    [communes, pvd.id, fields.dateConventionAdhesion ?? null],
  );
  return { id: pvd.id, idPvd };
}

/**
 * The test app of a `describe` block: created before its tests, closed after them. Returns a
 * stand-in that forwards to the app once it exists.
 */
export function useTestApp(overrides: NodeJS.ProcessEnv | (() => NodeJS.ProcessEnv) = {}): TestApp {
  let current: TestApp | undefined;
  beforeAll(async () => {
    current = await createTestApp(typeof overrides === 'function' ? overrides() : overrides);
  });
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as TestApp, {
    get(_target, property) {
      if (!current) throw new Error('The test app exists only inside tests (beforeAll has not run)');
      return Reflect.get(current, property);
    },
  });
}

/**
 * A convention straight in the database, in any state (the workflow has its own tests). An avenant
 * gets the PVD's convention-cadre as parent (created signed if missing) and the next number. With
 * `complete`, it has what its deposit requires: objet or diagnostic and strategy, a signatory, an
 * action and a document.
 */
export async function createConvention(
  dataSource: DataSource,
  pvdId: string,
  fields: { type?: 'adhesion' | 'cadre' | 'avenant'; etat?: string; etatDepuis?: Date; dateSignature?: string | null; complete?: boolean } = {},
): Promise<{ id: string; version: number }> {
  const type = fields.type ?? 'avenant';
  let parentId: string | null = null;
  let numero: number | null = null;
  if (type === 'avenant') {
    const [cadre] = await dataSource.query(`SELECT id FROM convention WHERE pvd_id = $1 AND type = 'cadre'`, [pvdId]);
    parentId = cadre?.id ?? (await createConvention(dataSource, pvdId, { type: 'cadre', etat: 'signee', dateSignature: '2022-06-01' })).id;
    const [{ next }] = await dataSource.query('SELECT COALESCE(max(numero), 0) + 1 AS next FROM convention WHERE parent_id = $1', [parentId]);
    numero = Number(next);
  }
  const [row] = await dataSource.query(
    `INSERT INTO convention (pvd_id, type, parent_id, numero, etat, etat_depuis, date_signature) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, version`,
    [pvdId, type, parentId, numero, fields.etat ?? 'brouillon', fields.etatDepuis ?? new Date(), fields.dateSignature ?? null],
  );
  if (fields.complete) await completeConvention(dataSource, pvdId, row.id, type);
  return { id: row.id, version: row.version };
}

/** Gives a convention, straight in the database, the content its deposit requires (its version is unchanged). */
export async function completeConvention(dataSource: DataSource, pvdId: string, conventionId: string, type: 'adhesion' | 'cadre' | 'avenant'): Promise<void> {
  await dataSource.query(
    `UPDATE convention SET objet = $2, diagnostic = $3, strategie = $3, signataires = $4::jsonb WHERE id = $1`,
    [
      conventionId,
      type === 'avenant' ? 'Ajout d’une action' : null,
      type === 'cadre' ? 'Centre-bourg à reconquérir' : null,
      JSON.stringify([{ nom: 'Marie Dupont', qualite: 'Maire', organisme: 'Commune' }]),
    ],
  );
  await dataSource.query(
    `INSERT INTO convention_action (convention_id, position, intitule, thematique, statut) VALUES ($1, 0, 'Réhabiliter les halles', 'commerce', 'a_lancer')`,
    [conventionId],
  );
  await dataSource.query(`INSERT INTO document (pvd_id, convention_id, nature, titre) VALUES ($1, $2, 'piece', 'Projet de convention')`, [pvdId, conventionId]);
}

/** The smallest PDF the document checks accept. */
export const TEST_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
