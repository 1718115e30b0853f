import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isOrganisationType, Permission, Role, roleFitsOrganisation, ROLE_LABELS, scopesFor } from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { AuditReader, type AuditLogRow } from '../audit/audit-reader';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { loadMemberships } from '../core/auth/memberships';
import { organisationScopeCondition } from '../organisations/organisation-scope-sql';
import { AuditPageDto, OrganisationDto, UserDto, UserPageDto } from './dto/comptes.dto';

const PAGE_SIZE = 50;

/**
 * Accounts as administrators and préfectures see them. A préfecture sees the accounts that
 * belong to an organisation of its département (stored territory); an administrator sees all.
 */
@Injectable()
export class ComptesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auditReader: AuditReader,
  ) {}

  async listUsers(caller: CurrentUser, q: string | undefined, page: number, pageSize = PAGE_SIZE): Promise<UserPageDto> {
    const scope = organisationScopeCondition(scopesFor(caller.memberships, 'comptes:lire'), 1);
    const params: unknown[] = [...scope.params];
    let where = `EXISTS (SELECT 1 FROM membership m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = u.id AND ${scope.sql})`;
    if (scope.sql === 'TRUE') where = 'TRUE'; // national: accounts without membership too
    if (q?.trim()) {
      params.push(`%${q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where += ` AND (lower(u.email) LIKE $${params.length} OR lower(u.display_name) LIKE $${params.length})`;
    }
    const rows: (UserRow & { total: string })[] =
      await this.dataSource.query(
        `SELECT u.id, u.email, u.display_name, u.active, u.password_hash IS NULL AS pending, u.last_login_at, u.version, count(*) OVER () AS total
           FROM app_user u WHERE ${where}
          ORDER BY u.display_name, u.email, u.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      );
    const memberships = await this.membershipsWithIds(rows.map((r) => r.id));
    return {
      items: rows.map((r) => toUserDto(r, memberships.get(r.id) ?? [])),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }

  async listOrganisations(caller: CurrentUser, q: string | undefined): Promise<OrganisationDto[]> {
    const scope = organisationScopeCondition(scopesFor(caller.memberships, 'comptes:lire'), 1);
    const params: unknown[] = [...scope.params];
    let where = scope.sql;
    if (q?.trim()) {
      params.push(`%${q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where += ` AND lower(o.nom) LIKE $${params.length}`;
    }
    const rows = await this.dataSource.query(
      `SELECT o.id, o.version, o.type, o.nom, o.siret, o.commune_insee, o.epci_siren, o.departement_code, o.region_code,
              (SELECT count(*) FROM membership m WHERE m.organisation_id = o.id)::int AS members
         FROM organisation o WHERE ${where} ORDER BY o.type, o.nom LIMIT 200`,
      params,
    );
    return rows.map((o: Record<string, unknown>) => ({
      id: String(o.id),
      version: Number(o.version),
      type: isOrganisationType(o.type) ? o.type : 'partenaire',
      nom: String(o.nom),
      siret: (o.siret as string | null) ?? null,
      communeInsee: (o.commune_insee as string | null) ?? null,
      epciSiren: (o.epci_siren as string | null) ?? null,
      departementCode: (o.departement_code as string | null) ?? null,
      regionCode: (o.region_code as string | null) ?? null,
      members: Number(o.members),
    }));
  }

  /** Sets the SIRET by which ProConnect agents are recognised as members of the organisation. */
  async setSiret(organisationId: string, siret: string | null, version: number, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const [o] = await em.query('SELECT siret, version, nom FROM organisation WHERE id = $1 FOR UPDATE', [organisationId]);
      if (!o) throw new AppError('ORGANISATION_NOT_FOUND', 'Organisation introuvable.');
      if (o.version !== version) throw new AppError('VERSION_CONFLICT', 'Cette organisation a été modifiée entre-temps. Rechargez la page avant de recommencer.');
      if (siret) {
        const [other] = await em.query('SELECT nom FROM organisation WHERE siret = $1 AND id <> $2', [siret, organisationId]);
        if (other) throw new AppError('SIRET_ALREADY_USED', `Ce SIRET est déjà celui de ${other.nom}.`, { siret: ['SIRET déjà attribué.'] });
      }
      await em.query('UPDATE organisation SET siret = $2, version = version + 1, updated_at = now() WHERE id = $1', [organisationId, siret]);
      await this.audit.record(em, actor, { action: 'organisation.siret', entityType: 'organisation', entityId: organisationId, before: { siret: o.siret }, after: { siret } });
    });
  }

  /** An account outside the caller's scope for `permission` does not exist for them (404). */
  async assertVisible(caller: CurrentUser, userId: string, permission: Permission): Promise<void> {
    const scope = organisationScopeCondition(scopesFor(caller.memberships, permission), 2);
    const [row] = await this.dataSource.query(
      scope.sql === 'TRUE'
        ? 'SELECT 1 FROM app_user u WHERE u.id = $1'
        : `SELECT 1 FROM app_user u WHERE u.id = $1 AND EXISTS (SELECT 1 FROM membership m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = u.id AND ${scope.sql})`,
      scope.sql === 'TRUE' ? [userId] : [userId, ...scope.params],
    );
    if (!row) throw new AppError('USER_NOT_FOUND', 'Compte introuvable.');
  }

  /** Deactivates or reactivates an account; deactivation ends its sessions at once. */
  async setActive(caller: CurrentUser, userId: string, active: boolean, version: number, actor: Actor): Promise<UserDto> {
    await this.assertVisible(caller, userId, 'comptes:gerer');
    if (userId === caller.id && !active) throw new AppError('CANNOT_DEACTIVATE_SELF', 'Vous ne pouvez pas désactiver votre propre compte.');
    await this.dataSource.transaction(async (em) => {
      const before = await this.lockUser(em.query.bind(em), userId, version);
      await em.query('UPDATE app_user SET active = $2, version = version + 1, updated_at = now() WHERE id = $1', [userId, active]);
      if (!active) await em.query('DELETE FROM user_session WHERE user_id = $1', [userId]);
      await this.audit.record(em, actor, {
        action: active ? 'compte.reactivation' : 'compte.desactivation',
        entityType: 'user',
        entityId: userId,
        before: { active: before.active },
        after: { active },
      });
    });
    return this.getUser(userId);
  }

  async changeRole(caller: CurrentUser, userId: string, membershipId: string, role: Role, version: number, actor: Actor): Promise<UserDto> {
    await this.assertVisible(caller, userId, 'comptes:gerer');
    await this.dataSource.transaction(async (em) => {
      await this.lockUser(em.query.bind(em), userId, version);
      const [m] = await em.query(
        `SELECT m.role, o.type, o.nom FROM membership m JOIN organisation o ON o.id = m.organisation_id WHERE m.id = $1 AND m.user_id = $2`,
        [membershipId, userId],
      );
      if (!m) throw new AppError('MEMBERSHIP_NOT_FOUND', 'Rattachement introuvable pour ce compte.');
      if (!isOrganisationType(m.type) || !roleFitsOrganisation(role, m.type)) {
        throw new AppError('ROLE_NOT_ALLOWED_IN_ORGANISATION', `Le rôle « ${ROLE_LABELS[role]} » n’existe pas dans cette organisation.`, { role: ['Rôle incompatible avec l’organisation.'] });
      }
      await em.query('UPDATE membership SET role = $2 WHERE id = $1', [membershipId, role]);
      await em.query('UPDATE app_user SET version = version + 1, updated_at = now() WHERE id = $1', [userId]);
      await this.audit.record(em, actor, {
        action: 'compte.role',
        entityType: 'user',
        entityId: userId,
        before: { organisation: m.nom, role: m.role },
        after: { organisation: m.nom, role },
      });
    });
    return this.getUser(userId);
  }

  async getUser(userId: string): Promise<UserDto> {
    const [r]: UserRow[] = await this.dataSource.query(
      'SELECT id, email, display_name, active, password_hash IS NULL AS pending, last_login_at, version FROM app_user WHERE id = $1',
      [userId],
    );
    if (!r) throw new AppError('USER_NOT_FOUND', 'Compte introuvable.');
    return toUserDto(r, (await this.membershipsWithIds([userId])).get(userId) ?? []);
  }

  /**
   * A page of the journal, newest first, in words (accounts, records and values by their labels).
   * With `avant` (the `suivant` of the previous page), a keyset page: the entries older than that
   * one, at the same cost however deep; with `apres` (the `precedent` of the next page), the entries
   * just newer than that one (the most recent page when fewer than a page remain). By page number
   * (bounded by the query, `JOURNAL_MAX_PAGE`), the page's ids are found first on the primary key's
   * index alone, then only those rows are read.
   */
  async auditLog(action: string | undefined, page: number, pageSize = PAGE_SIZE, avant?: string, apres?: string): Promise<AuditPageDto> {
    if (avant && apres) throw new AppError('VALIDATION_FAILED', 'Le journal se lit avant ou après une entrée, pas les deux.', { apres: ['Donnez le curseur avant ou apres, pas les deux.'] });
    type Row = AuditLogRow & { id: string; at: Date; ip: string | null };
    const read = (cursor: string | null, newer: boolean, limit: number, offset: number): Promise<Row[]> =>
      this.dataSource.query(
        `WITH page AS (
           SELECT id FROM audit_log
            WHERE ($1::text IS NULL OR action LIKE $1 || '%') AND ($2::bigint IS NULL OR id ${newer ? '>' : '<'} $2)
            ORDER BY id ${newer ? 'ASC' : 'DESC'} LIMIT ${limit} OFFSET ${offset})
         SELECT a.id, a.at, a.actor_id, a.actor_label, a.action, a.entity_type, a.entity_id, a.ip, a.before, a.after, a.pvd_id
           FROM audit_log a JOIN page USING (id) ORDER BY a.id DESC`,
        [action ?? null, cursor],
      );
    let rows: Row[];
    let first = !avant && page === 1;
    if (apres) {
      // One more than a page: whether newer entries remain above the page.
      const newer = await read(apres, true, pageSize + 1, 0);
      first = newer.length <= pageSize;
      rows = first ? await read(null, false, pageSize, 0) : newer.slice(1);
    } else {
      rows = await read(avant ?? null, false, pageSize, avant ? 0 : (page - 1) * pageSize);
    }
    const words = await this.auditReader.read(rows);
    return {
      items: rows.map((r, i) => ({
        id: String(r.id),
        at: new Date(r.at).toISOString(),
        actor: r.actor_label,
        auteur: words[i].auteur,
        action: r.action,
        actionLibelle: words[i].actionLibelle,
        entityType: r.entity_type,
        entityId: r.entity_id,
        objet: words[i].objet,
        dossier: words[i].dossier,
        ip: r.ip ?? null,
        before: r.before ?? null,
        after: r.after ?? null,
        changes: words[i].changes,
      })),
      page: avant || apres ? 1 : page,
      pageSize,
      suivant: rows.length === pageSize ? String(rows[rows.length - 1].id) : null,
      precedent: !first && rows.length > 0 ? String(rows[0].id) : null,
    };
  }

  /** Locks the account row and checks the version the caller read; 409 naming who changed it. */
  private async lockUser(query: (sql: string, params: unknown[]) => Promise<{ active: boolean; version: number; updated_at: Date }[]>, userId: string, version: number) {
    const [user] = await query('SELECT active, version, updated_at FROM app_user WHERE id = $1 FOR UPDATE', [userId]);
    if (!user) throw new AppError('USER_NOT_FOUND', 'Compte introuvable.');
    if (user.version !== version) {
      const [last] = await this.dataSource.query(
        `SELECT actor_label, at FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 AND action LIKE 'compte.%' ORDER BY id DESC LIMIT 1`,
        [userId],
      );
      const who = last ? ` par ${last.actor_label} le ${new Date(last.at).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}` : '';
      throw new AppError('VERSION_CONFLICT', `Ce compte a été modifié entre-temps${who}. Rechargez la page avant de recommencer.`);
    }
    return user;
  }

  private async membershipsWithIds(userIds: string[]) {
    const memberships = await loadMemberships(this.dataSource, userIds);
    const ids: { user_id: string; organisation_id: string; id: string }[] = await this.dataSource.query(
      'SELECT user_id, organisation_id, id FROM membership WHERE user_id = ANY($1::uuid[])',
      [userIds],
    );
    const idOf = new Map(ids.map((i) => [`${i.user_id}:${i.organisation_id}`, i.id]));
    const result = new Map<string, UserDto['memberships']>();
    for (const [userId, list] of memberships) {
      result.set(userId, list.map((m) => ({ ...m, id: idOf.get(`${userId}:${m.organisationId}`) ?? '' })));
    }
    return result;
  }
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  active: boolean;
  pending: boolean;
  last_login_at: Date | null;
  version: number;
}

function toUserDto(r: UserRow, memberships: UserDto['memberships']): UserDto {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    active: r.active,
    pendingInvitation: r.pending,
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
    version: r.version,
    memberships,
  };
}
