import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTIVITY_KIND_CODES, ACTIVITY_KINDS, activityDayRange, isActivityKind, PROGRAMME_TIME_ZONE, scopesFor } from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { AuditReader, type AuditLogRow } from '../audit/audit-reader';
import type { CurrentUser } from '../core/auth/current-user';
import { DataVersionMemo } from '../core/database/data-version-memo';
import { AppError } from '../core/errors/app-error';
import { requirePvdAccess } from '../dossiers/pvd-access';
import { pvdScopeCondition, scopeSets } from '../organisations/scope-sql';
import type { ActiviteEntryDto, ActivitePageDto, ActivitePersonneDto } from './dto/activite.dto';

export const ACTIVITE_PAGE_SIZE = 50;

export interface ActiviteFilters {
  type?: string;
  personne?: string;
  du?: string;
  au?: string;
}

/** Where a feed reads: SQL conditions on `a` (audit_log) and their parameters. */
interface Feed {
  where: string[];
  params: unknown[];
  /** The whole country, unnarrowed: its authors are read by a loose index scan. */
  national?: boolean;
}

/** The PVD's principal département and région (most populous commune), as the audit trigger stores them. */
const PRINCIPAL = (pvd: string) =>
  `(SELECT c.departement_code, c.region_code FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee
     WHERE pc.pvd_id = ${pvd} ORDER BY c.population DESC NULLS LAST, c.insee LIMIT 1)`;

/**
 * The activity feeds (issue 18): the audit entries of the dossiers in words, newest
 * first, by keyset (`avant`), for one dossier, or for the caller's territory (a préfecture's
 * département, a SGAR's région, the country for the ANCT, a chef de projet's own dossiers).
 *
 * Each entry of a dossier carries its PVD's département and région (stored at write time), so a
 * département's page walks `idx_audit_log_departement` from its newest entry and stops after a
 * page, whatever the size of the rest of the log. Only the kinds of `ACTIVITY_KINDS` are read:
 * sign-ins, accounts, organisations and jobs never appear.
 */
@Injectable()
export class ActiviteService {
  private readonly memo: DataVersionMemo;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditReader: AuditReader,
  ) {
    this.memo = new DataVersionMemo(dataSource);
  }

  /** One dossier's feed: its readers only (`pvd:lire` over its stored territory), 404 elsewhere. */
  async dossier(user: CurrentUser, pvdId: string, filters: ActiviteFilters, pageSize: number, avant?: string): Promise<ActivitePageDto> {
    await requirePvdAccess(this.dataSource, user, pvdId, 'pvd:lire');
    return this.page({ where: ['a.pvd_id = $1'], params: [pvdId] }, filters, pageSize, avant);
  }

  /**
   * The caller's territorial feed, narrowed to a département or a région if asked: the entries
   * of the dossiers the caller reads there (an empty feed outside the scope, never another
   * territory's entries).
   */
  async territoire(user: CurrentUser, narrow: { departement?: string; region?: string }, filters: ActiviteFilters, pageSize: number, avant?: string): Promise<ActivitePageDto> {
    return this.page(await this.territoryFeed(user, narrow), filters, pageSize, avant);
  }

  private async territoryFeed(user: CurrentUser, narrow: { departement?: string; region?: string }): Promise<Feed> {
    const scopes = scopesFor(user.memberships, 'pvd:lire');
    const sets = scopeSets(scopes);
    const feed: Feed = { where: ['a.pvd_id IS NOT NULL'], params: [] };
    const param = (value: unknown) => {
      feed.params.push(value);
      return `$${feed.params.length}`;
    };
    // One code: an equality, which PostgreSQL walks in the (code, id) index's order; several: ANY.
    const matches = (column: string, codes: string[]) => (codes.length === 1 ? `a.${column} = ${param(codes[0])}` : `a.${column} = ANY(${param(codes)}::varchar[])`);
    if (narrow.departement) feed.where.push(matches('departement_code', [narrow.departement]));
    if (narrow.region) feed.where.push(matches('region_code', [narrow.region]));
    if (sets === 'national') return { ...feed, national: !narrow.departement && !narrow.region };
    if (sets === 'none') return { where: ['FALSE'], params: [] };
    const departements = sets.departements.filter((d) => !narrow.departement || d === narrow.departement);
    const regions = sets.regions.filter((r) => !narrow.region || r === narrow.region);
    // The PVDs in scope whose principal territory is not covered by the département and région
    // codes above: a chef de projet's own dossiers, a PVD across two départements.
    const scope = pvdScopeCondition(scopes, 3);
    const others: { id: string }[] = await this.dataSource.query(
      `SELECT p.id FROM pvd p LEFT JOIN LATERAL ${PRINCIPAL('p.id')} t ON TRUE
        WHERE ${scope.sql} AND NOT (COALESCE(t.departement_code = ANY($1::varchar[]), FALSE) OR COALESCE(t.region_code = ANY($2::varchar[]), FALSE))`,
      [departements, regions, ...scope.params],
    );
    const parts = [
      ...(departements.length > 0 ? [matches('departement_code', departements)] : []),
      ...(regions.length > 0 ? [matches('region_code', regions)] : []),
      ...(others.length > 0 ? [`a.pvd_id = ANY(${param(others.map((o) => o.id))}::uuid[])`] : []),
    ];
    feed.where.push(parts.length === 0 ? 'FALSE' : parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`);
    return feed;
  }

  private async page(feed: Feed, filters: ActiviteFilters, pageSize: number, avant?: string): Promise<ActivitePageDto> {
    const range = activityDayRange(filters.du, filters.au);
    if (range.error) throw new AppError('VALIDATION_FAILED', 'La date de fin précède la date de début.', { au: ['La date de fin précède la date de début.'] });
    const where = [...feed.where];
    const params = [...feed.params];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    where.push(filters.type && isActivityKind(filters.type) ? `a.entity_type = ${param(filters.type)}` : `a.entity_type = ANY(${param(ACTIVITY_KIND_CODES)}::text[])`);
    const scopeWhere = [...where];
    const scopeParams = [...params];
    if (filters.personne) where.push(`a.actor_id = ${param(filters.personne)}::uuid`);
    // Calendar days of the programme's zone: the day's first instant in Paris, whatever the server's zone.
    if (range.from) where.push(`a.at >= (${param(range.from)}::date::timestamp AT TIME ZONE '${PROGRAMME_TIME_ZONE}')`);
    if (range.until) where.push(`a.at < (${param(range.until)}::date::timestamp AT TIME ZONE '${PROGRAMME_TIME_ZONE}')`);
    if (avant) where.push(`a.id < ${param(avant)}::bigint`);
    const rows: (AuditLogRow & { id: string; at: Date; departement_code: string | null })[] = await this.dataSource.query(
      `SELECT a.id, a.at, a.actor_id, a.actor_label, a.action, a.entity_type, a.entity_id, a.before, a.after, a.pvd_id, a.departement_code
         FROM audit_log a WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT ${pageSize}`,
      params,
    );
    const [words, personnes] = await Promise.all([this.auditReader.read(rows), this.personnes(scopeWhere, scopeParams, feed.national ?? false)]);
    return {
      items: rows.map(
        (r, i): ActiviteEntryDto => ({
          id: String(r.id),
          at: new Date(r.at).toISOString(),
          auteur: words[i].auteur,
          action: r.action,
          actionLibelle: words[i].actionLibelle,
          type: r.entity_type,
          typeLibelle: isActivityKind(r.entity_type) ? ACTIVITY_KINDS[r.entity_type] : r.entity_type,
          objet: words[i].objet,
          pvdId: r.pvd_id ?? '',
          dossier: words[i].dossier ?? '',
          departementCode: r.departement_code,
          changes: words[i].changes,
        }),
      ),
      pageSize,
      suivant: rows.length === pageSize ? String(rows[rows.length - 1].id) : null,
      personnes,
    };
  }

  /**
   * The authors of the feed (the person filter's choices), kept per data version. Nationally, a
   * loose scan of `idx_audit_log_actor` (one probe per author) rather than reading every entry.
   */
  private async personnes(where: string[], params: unknown[], national: boolean): Promise<ActivitePersonneDto[]> {
    const sql = national
      ? `WITH RECURSIVE actors(id) AS (
           (SELECT actor_id FROM audit_log WHERE pvd_id IS NOT NULL AND actor_id IS NOT NULL ORDER BY actor_id LIMIT 1)
           UNION ALL
           SELECT (SELECT a2.actor_id FROM audit_log a2 WHERE a2.pvd_id IS NOT NULL AND a2.actor_id > actors.id ORDER BY a2.actor_id LIMIT 1)
             FROM actors WHERE actors.id IS NOT NULL)
         SELECT id::text FROM actors WHERE id IS NOT NULL LIMIT 2000`
      : `SELECT DISTINCT a.actor_id::text AS id FROM audit_log a WHERE ${where.join(' AND ')} AND a.actor_id IS NOT NULL LIMIT 2000`;
    const ids = await this.memo.query<{ id: string }[]>(sql, national ? [] : params);
    if (ids.length === 0) return [];
    const label = await this.auditReader.labels(this.dataSource, ids.map((r) => ({ kind: 'compte' as const, id: r.id })));
    return ids
      .map((r) => ({ id: r.id, nom: label('compte', r.id) ?? 'Compte supprimé' }))
      .sort((x, y) => x.nom.localeCompare(y.nom, 'fr'));
  }
}
