import { canOn, coverageTerritory, coverageWriteCheck, scopesFor, type CoveredCommune, type Permission, type Porteur } from '@suivi-pvd/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { CurrentUser } from '../core/auth/current-user';
import type { DataVersionMemo } from '../core/database/data-version-memo';
import { AppError } from '../core/errors/app-error';
import { communeScopeCondition } from '../organisations/scope-sql';
import type { ErrorCode } from '../core/errors/error-codes';
import { placeTerritory } from '../organisations/territory';

type Db = DataSource | EntityManager;

/**
 * ORT and habitat operations cover communes, not one PVD: their access is judged on the stored
 * territory of the communes they cover (communes, EPCI, départements, régions), never on ids
 * from the request.
 */
export async function storedCommunes(db: Db, insees: readonly string[]): Promise<Map<string, CoveredCommune & { nom: string }>> {
  const rows: (CoveredCommune & { nom: string })[] = await db.query(
    `SELECT insee, nom, epci_siren AS "epciSiren", departement_code AS "departementCode", region_code AS "regionCode" FROM commune WHERE insee = ANY($1::varchar[])`,
    [insees],
  );
  return new Map(rows.map((r) => [r.insee, r]));
}

/** The carrier (EPCI, or commune) of a record as stored: its territory includes an EPCI's member communes. Null when unknown. */
export async function storedPorteur(db: Db, kind: 'commune' | 'epci', code: string): Promise<(Porteur & { nom: string }) | null> {
  const place = await placeTerritory(db, kind, code);
  return place ? { kind, code, ...place } : null;
}

/** The PVDs with a commune among these: the dossiers a record covering them shows on (and whose history records its changes). */
export async function pvdsCovering(db: Db, insees: readonly string[]): Promise<string[]> {
  const rows: { pvd_id: string }[] = await db.query('SELECT DISTINCT pvd_id FROM pvd_commune WHERE commune_insee = ANY($1::varchar[]) ORDER BY pvd_id', [insees]);
  return rows.map((r) => r.pvd_id);
}

/** A record's covered communes, with the PVD each belongs to, ordered by name. */
export async function coveredCommunes(db: Db, table: 'ort_commune' | 'operation_habitat_commune', column: 'ort_id' | 'operation_id', ids: readonly string[]) {
  const rows: { recordId: string; insee: string; nom: string; departementCode: string; population: number | null; pvdId: string | null }[] = await db.query(
    `SELECT rc.${column} AS "recordId", c.insee, c.nom, c.departement_code AS "departementCode", c.population, pc.pvd_id AS "pvdId"
       FROM ${table} rc JOIN commune c ON c.insee = rc.commune_insee LEFT JOIN pvd_commune pc ON pc.commune_insee = c.insee
      WHERE rc.${column} = ANY($1::uuid[]) ORDER BY c.nom, c.insee`,
    [ids],
  );
  const byRecord = new Map<string, { insee: string; nom: string; departementCode: string; population: number | null; pvdId: string | null }[]>();
  for (const { recordId, ...commune } of rows) byRecord.set(recordId, [...(byRecord.get(recordId) ?? []), commune]);
  return byRecord;
}

/**
 * Reading or writing an existing record: outside what the caller may read (no covered commune
 * in their scope), it does not exist for them (404); readable but without `permission` over one
 * of its communes, 403.
 */
export function requireCoverageAccess(user: CurrentUser, communes: readonly CoveredCommune[], permission: Permission, notFound: { code: ErrorCode; message: string }): void {
  const territory = coverageTerritory(communes);
  if (communes.length === 0 || !canOn(user.memberships, 'pvd:lire', territory)) throw new AppError(notFound.code, notFound.message);
  if (!canOn(user.memberships, permission, territory)) throw new AppError('FORBIDDEN', 'Votre rôle ne permet pas de modifier cet enregistrement.');
}

/**
 * The communes of a write: each must exist (field `communes.<i>`), and the caller may write them
 * (see `coverageWriteCheck`): one of them at least is theirs, and those added or removed outside
 * their territory belong to the EPCI that carries the record, within their scope.
 */
export async function checkCoverageWrite(
  db: Db,
  user: CurrentUser,
  input: { communes: readonly string[]; before: readonly string[]; porteur: Porteur | null; permission?: Permission },
): Promise<CoveredCommune[]> {
  const stored = await storedCommunes(db, [...input.communes, ...input.before]);
  const unknown: Record<string, string[]> = {};
  input.communes.forEach((insee, i) => {
    if (!stored.has(insee)) unknown[`communes.${i}`] = [`Aucune commune ne porte le code INSEE ${insee}.`];
  });
  if (Object.keys(unknown).length > 0) throw new AppError('VALIDATION_FAILED', 'Une commune couverte est inconnue.', unknown);
  const covered = input.communes.flatMap((c) => stored.get(c) ?? []);
  const changed = [...input.communes.filter((c) => !input.before.includes(c)), ...input.before.filter((c) => !input.communes.includes(c))].flatMap((c) => stored.get(c) ?? []);
  const check = coverageWriteCheck(user.memberships, covered, changed, input.porteur, input.permission);
  if (!check.autorise) {
    throw new AppError('COMMUNE_HORS_TERRITOIRE', 'Vous ne pouvez enregistrer que ce qui couvre une commune de votre territoire.', {
      communes: ['Ajoutez au moins une commune de votre territoire.'],
    });
  }
  if (check.horsTerritoire.length > 0) {
    const fields: Record<string, string[]> = {};
    for (const insee of check.horsTerritoire) {
      const i = input.communes.indexOf(insee);
      const message = `${stored.get(insee)?.nom ?? insee} est hors de votre territoire : seule une opération portée par votre EPCI couvre ses autres communes.`;
      (fields[i >= 0 ? `communes.${i}` : 'communes'] ??= []).push(message);
    }
    throw new AppError('COMMUNE_HORS_TERRITOIRE', 'Une commune ajoutée ou retirée est hors de votre territoire.', fields);
  }
  return covered;
}

/** Field errors of the domain's consistency rules, as a 400. */
export function requireConsistent(errors: Record<string, string[]>, what: string): void {
  if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', `${what} ne peut pas être enregistrée : vérifiez les champs signalés.`, errors);
}

/**
 * The conditions of a national list of records covering several communes (ORT, habitat operations,
 * alias `o`): the records covering a commune of the caller's territory, then the list's own filters
 * (`filters`, given `add`), then the région/département (the communes counted are those of the
 * area: `geoSql` over alias `gc`) and the PVD.
 */
export function coverageListConditions(
  user: CurrentUser,
  link: { table: 'ort_commune' | 'operation_habitat_commune'; column: 'ort_id' | 'operation_id' },
  query: { region?: string; departement?: string; pvdId?: string },
  filters: (add: (sql: (n: number) => string, value: unknown) => void) => void,
): { params: unknown[]; where: string; geoSql: string; scope: { sql: string; params: unknown[] } } {
  const { table, column } = link;
  const scope = communeScopeCondition(scopesFor(user.memberships, 'pvd:lire'), 1, 'sc');
  const params: unknown[] = [...scope.params];
  // National readers see every record (each covers at least one commune): no condition to evaluate.
  const conditions = scope.sql === 'TRUE' ? [] : [`o.id IN (SELECT soc.${column} FROM ${table} soc JOIN commune sc ON sc.insee = soc.commune_insee WHERE ${scope.sql})`];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(params.length));
  };
  filters(add);
  const geo: string[] = [];
  if (query.region) {
    params.push(query.region);
    geo.push(`gc.region_code = $${params.length}`);
  }
  if (query.departement) {
    params.push(query.departement);
    geo.push(`gc.departement_code = $${params.length}`);
  }
  const geoSql = geo.length ? geo.join(' AND ') : 'TRUE';
  if (geo.length) conditions.push(`o.id IN (SELECT goc.${column} FROM ${table} goc JOIN commune gc ON gc.insee = goc.commune_insee WHERE ${geoSql})`);
  if (query.pvdId) add((n) => `o.id IN (SELECT poc.${column} FROM ${table} poc JOIN pvd_commune ppc ON ppc.commune_insee = poc.commune_insee WHERE ppc.pvd_id = $${n})`, query.pvdId);
  return { params, where: conditions.length ? conditions.join(' AND ') : 'TRUE', geoSql, scope };
}

/** The régions or départements where the caller sees records of a covering list (the filters' choices), per data version. */
export function coverageFacet(
  memo: DataVersionMemo,
  table: 'ort_commune' | 'operation_habitat_commune',
  kind: 'region' | 'departement',
  scope: { sql: string; params: unknown[] },
): Promise<{ code: string; nom: string }[]> {
  const area = kind === 'region' ? 'region' : 'departement';
  return memo.query(
    `SELECT DISTINCT t.code, t.nom FROM ${table} soc JOIN commune sc ON sc.insee = soc.commune_insee JOIN ${area} t ON t.code = sc.${kind}_code
      WHERE ${scope.sql} ORDER BY t.code`,
    scope.params,
  );
}
