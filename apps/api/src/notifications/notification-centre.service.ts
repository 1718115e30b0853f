import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  defaultDelivery,
  effectiveDelivery,
  isNotificationDelivery,
  NOTIFICATION_DELIVERY_LABELS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationDelivery,
  type NotificationKind,
  type Role,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { AppError } from '../core/errors/app-error';
import type { NotificationDto, NotificationPageDto, PreferenceDto, UnsubscribeInfoDto } from './dto/notifications.dto';
import { verifyUnsubscribeToken, type UnsubscribeScope } from './unsubscribe-token';

/**
 * What a user does with their own notifications: list them, count the unread, mark them read,
 * choose how each kind is emailed; and the unsubscribe link, which works without signing in.
 * Every query is scoped by `recipient_id` / `user_id` = the caller (or the link's signed user).
 */
@Injectable()
export class NotificationCentreService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async list(userId: string, unreadOnly: boolean, page: number, pageSize: number): Promise<NotificationPageDto> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT n.id, n.kind, n.title, n.body, n.item_type, n.item_id, n.item_label, n.item_path, n.dossier_id, n.created_at, n.read_at,
              a.display_name AS actor_name
         FROM notification n LEFT JOIN app_user a ON a.id = n.actor_id
        WHERE n.recipient_id = $1 AND ($2::boolean = false OR n.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT $3 OFFSET $4`,
      [userId, unreadOnly, pageSize, (page - 1) * pageSize],
    );
    const [counts]: { total: number; unread: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE $2::boolean = false OR read_at IS NULL)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notification WHERE recipient_id = $1`,
      [userId, unreadOnly],
    );
    return { items: rows.map(toDto), total: counts.total, unread: counts.unread, page, pageSize };
  }

  async unreadCount(userId: string): Promise<number> {
    const [row]: { unread: number }[] = await this.dataSource.query('SELECT count(*)::int AS unread FROM notification WHERE recipient_id = $1 AND read_at IS NULL', [userId]);
    return row.unread;
  }

  /** Marks one of the caller's notifications read (idempotent); another user's is unknown (404). */
  async markRead(userId: string, id: string): Promise<NotificationDto> {
    const [row]: Record<string, unknown>[] = await this.dataSource.query(
      `WITH updated AS (
         UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_id = $2 RETURNING *
       )
       SELECT u.*, a.display_name AS actor_name FROM updated u LEFT JOIN app_user a ON a.id = u.actor_id`,
      [id, userId],
    );
    if (!row) throw new AppError('NOTIFICATION_NOT_FOUND', 'Notification introuvable.');
    return toDto(row);
  }

  async markAllRead(userId: string): Promise<number> {
    const [, affected]: [unknown, number] = await this.dataSource.query('UPDATE notification SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL', [userId]);
    return affected;
  }

  async preferences(userId: string, roles: readonly Role[]): Promise<PreferenceDto[]> {
    const rows: { kind: string; delivery: string; version: number }[] = await this.dataSource.query('SELECT kind, delivery, version FROM notification_preference WHERE user_id = $1', [userId]);
    const chosen = new Map(rows.map((r) => [r.kind, r]));
    return NOTIFICATION_KINDS.map((kind) => {
      const row = chosen.get(kind);
      const choice = row && isNotificationDelivery(row.delivery) ? row.delivery : null;
      return {
        kind,
        label: NOTIFICATION_KIND_LABELS[kind],
        delivery: effectiveDelivery(roles, kind, choice),
        defaultDelivery: defaultDelivery(roles, kind),
        chosen: choice !== null,
        version: row?.version ?? 0,
      };
    });
  }

  /** Sets the caller's choice for a kind; `version` is the one read (0: no choice yet), 409 when stale. Audited. */
  async setPreference(userId: string, roles: readonly Role[], kind: NotificationKind, delivery: NotificationDelivery, version: number, actor: Actor): Promise<PreferenceDto[]> {
    await this.dataSource.transaction(async (em) => {
      const [row]: { delivery: NotificationDelivery; version: number }[] = await em.query(
        'SELECT delivery, version FROM notification_preference WHERE user_id = $1 AND kind = $2 FOR UPDATE',
        [userId, kind],
      );
      if ((row?.version ?? 0) !== version) {
        throw new AppError('VERSION_CONFLICT', 'Cette préférence a été modifiée entre-temps (dans un autre onglet ou par un lien de désabonnement). Rechargez la page avant de recommencer.');
      }
      const before = effectiveDelivery(roles, kind, row?.delivery ?? null);
      await this.write(em, userId, kind, delivery);
      await this.audit.record(em, actor, {
        action: 'notification.preference',
        entityType: 'user',
        entityId: userId,
        before: { notificationType: kind, envoi: before },
        after: { notificationType: kind, envoi: delivery },
      });
    });
    return this.preferences(userId, roles);
  }

  /** Upserts a choice; pending digest entries of the kind follow it (a kind set to « aucun » leaves the next digest). */
  private async write(em: EntityManager, userId: string, kind: NotificationKind, delivery: NotificationDelivery): Promise<void> {
    await em.query(
      `INSERT INTO notification_preference (user_id, kind, delivery) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, kind) DO UPDATE SET delivery = EXCLUDED.delivery, version = notification_preference.version + 1, updated_at = now()`,
      [userId, kind, delivery],
    );
    await em.query(
      `UPDATE notification SET delivery = $3
        WHERE recipient_id = $1 AND kind = $2 AND email_id IS NULL AND delivery IN ('quotidien', 'hebdomadaire') AND $3::text IN ('quotidien', 'hebdomadaire', 'aucun')`,
      [userId, kind, delivery],
    );
  }

  /** What a signed unsubscribe link would do, for its confirmation page. */
  async unsubscribeInfo(token: string): Promise<UnsubscribeInfoDto> {
    const { userId, scope } = this.verify(token);
    const { email, roles, choices } = await this.subject(this.dataSource.manager, userId);
    const kinds = this.kindsOf(scope, roles, choices, true);
    return { label: scopeLabel(scope), email: maskEmail(email), kinds, done: kinds.every((k) => effectiveDelivery(roles, k, choices.get(k) ?? null) === 'aucun') };
  }

  /**
   * Applies a signed unsubscribe link: the link's kind (or every kind of the link's digest) set to
   * « aucun » for the link's user. Idempotent; audited with the link's user as actor.
   */
  async unsubscribe(token: string, ip: string | null, requestId: string | null): Promise<UnsubscribeInfoDto> {
    const { userId, scope } = this.verify(token);
    await this.dataSource.transaction(async (em) => {
      await em.query('SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE', [userId]);
      const { email, roles, choices } = await this.subject(em, userId);
      const kinds = this.kindsOf(scope, roles, choices, false);
      for (const kind of kinds) {
        await this.write(em, userId, kind, 'aucun');
        await this.audit.record(
          em,
          { id: userId, label: email, ip, requestId },
          {
            action: 'notification.desabonnement',
            entityType: 'user',
            entityId: userId,
            before: { notificationType: kind, envoi: effectiveDelivery(roles, kind, choices.get(kind) ?? null) },
            after: { notificationType: kind, envoi: 'aucun', par: 'lien de désabonnement' },
          },
        );
      }
    });
    return this.unsubscribeInfo(token);
  }

  private verify(token: string): { userId: string; scope: UnsubscribeScope } {
    const verified = verifyUnsubscribeToken(this.config.linkSecret, token);
    if (!verified) throw new AppError('UNSUBSCRIBE_LINK_INVALID', 'Ce lien de désabonnement n’est pas valide. Modifiez vos préférences depuis la page « Préférences de notification » une fois connecté.', { jeton: ['Lien invalide.'] });
    return verified;
  }

  private async subject(em: EntityManager, userId: string): Promise<{ email: string; roles: Role[]; choices: Map<NotificationKind, NotificationDelivery> }> {
    const [user]: { email: string; roles: Role[] }[] = await em.query(
      `SELECT u.email, COALESCE(array_agg(DISTINCT m.role) FILTER (WHERE m.role IS NOT NULL), '{}') AS roles
         FROM app_user u LEFT JOIN membership m ON m.user_id = u.id WHERE u.id = $1 GROUP BY u.id`,
      [userId],
    );
    if (!user) throw new AppError('UNSUBSCRIBE_LINK_INVALID', 'Ce lien de désabonnement ne correspond à aucun compte.', { jeton: ['Compte inconnu.'] });
    const rows: { kind: NotificationKind; delivery: NotificationDelivery }[] = await em.query('SELECT kind, delivery FROM notification_preference WHERE user_id = $1', [userId]);
    return { email: user.email, roles: user.roles, choices: new Map(rows.map((r) => [r.kind, r.delivery])) };
  }

  /**
   * The kinds a scope covers: the kind itself, or the kinds emailed in that digest. Once applied,
   * the digest's kinds are « aucun »: `forInfo` then lists those a digest link turned off.
   */
  private kindsOf(scope: UnsubscribeScope, roles: readonly Role[], choices: Map<NotificationKind, NotificationDelivery>, forInfo: boolean): NotificationKind[] {
    if (scope !== 'quotidien' && scope !== 'hebdomadaire') return [scope];
    const current = NOTIFICATION_KINDS.filter((k) => effectiveDelivery(roles, k, choices.get(k) ?? null) === scope);
    if (!forInfo || current.length > 0) return current;
    return NOTIFICATION_KINDS.filter((k) => choices.get(k) === 'aucun' && defaultDelivery(roles, k) === scope);
  }
}

function scopeLabel(scope: UnsubscribeScope): string {
  if (scope === 'quotidien' || scope === 'hebdomadaire') return `le ${NOTIFICATION_DELIVERY_LABELS[scope].toLowerCase()}`;
  return `les courriels « ${NOTIFICATION_KIND_LABELS[scope]} »`;
}

/** « j***@exemple.fr »: enough to recognise one's address, not to learn someone else's. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}***@${domain ?? ''}`;
}

function toDto(row: Record<string, unknown>): NotificationDto {
  const kind = row.kind as NotificationKind;
  return {
    id: String(row.id),
    kind,
    kindLabel: NOTIFICATION_KIND_LABELS[kind] ?? kind,
    title: String(row.title),
    body: (row.body as string | null) ?? null,
    itemType: String(row.item_type),
    itemId: String(row.item_id),
    itemLabel: String(row.item_label),
    itemPath: String(row.item_path),
    dossierId: (row.dossier_id as string | null) ?? null,
    actorName: (row.actor_name as string | null) ?? null,
    createdAt: (row.created_at as Date).toISOString(),
    readAt: row.read_at ? (row.read_at as Date).toISOString() : null,
  };
}
