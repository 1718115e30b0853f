import { Injectable } from '@nestjs/common';
import { effectiveDelivery, isNotificationDelivery, type NotificationDelivery, type NotificationKind, type Role } from '@suivi-pvd/domain';
import type { EntityManager } from 'typeorm';
import { JobsService } from '../core/jobs/jobs.service';

/** The job that sends one email of notifications (immediate or digest): `{ emailId }`. */
export const NOTIFICATION_EMAIL_JOB = 'notifications.courriel';

/** Something that happened, to tell the people concerned (contract with the other areas: ADR 0013). */
export interface NotificationEvent {
  kind: NotificationKind;
  /** User account ids; the actor is never notified of their own act. */
  recipientIds: string[];
  /** Null for the system (reminders, jobs). */
  actorId: string | null;
  /** path: web app path, e.g. /dossiers/<id>/conventions/<cid>. */
  item: { type: string; id: string; label: string; path: string };
  dossierId: string | null;
  /** French one-liner, e.g. « Convention renvoyée pour compléments ». */
  title: string;
  /** French plain text (message excerpt, reason). */
  body?: string;
  /** When set, (kind, recipient, occurrenceKey) is recorded at most once (reminders). */
  occurrenceKey?: string;
}

/** Bounds of what is stored: longer texts are cut (the notification links to the item). */
const MAX_TITLE = 300;
const MAX_BODY = 2000;
const MAX_LABEL = 300;
const MAX_PATH = 500;
const MAX_RECIPIENTS = 5000;

function cut(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/**
 * In-app notifications and their emails. Areas call `record` inside the transaction of the change
 * that causes the event: the notifications, the immediate emails' delivery rows and their jobs
 * exist only if that change commits. Digests are built by the scheduled digest jobs.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly jobs: JobsService) {}

  async record(em: EntityManager, event: NotificationEvent): Promise<void> {
    const recipients = [...new Set(event.recipientIds)].filter((id) => id !== event.actorId);
    if (recipients.length === 0) return;
    if (recipients.length > MAX_RECIPIENTS) throw new Error(`A notification has at most ${MAX_RECIPIENTS} recipients (got ${recipients.length})`);
    // Each active recipient with their choice for this kind and their roles (for the default).
    const rows: { id: string; chosen: string | null; roles: Role[] }[] = await em.query(
      `SELECT u.id, p.delivery AS chosen, COALESCE(array_agg(DISTINCT m.role) FILTER (WHERE m.role IS NOT NULL), '{}') AS roles
         FROM app_user u
         LEFT JOIN notification_preference p ON p.user_id = u.id AND p.kind = $2
         LEFT JOIN membership m ON m.user_id = u.id
        WHERE u.id = ANY($1::uuid[]) AND u.active
        GROUP BY u.id, p.delivery`,
      [recipients, event.kind],
    );
    if (rows.length === 0) return;
    const deliveries: NotificationDelivery[] = rows.map((r) => effectiveDelivery(r.roles, event.kind, isNotificationDelivery(r.chosen) ? r.chosen : null));
    const inserted: { id: string; recipient_id: string; delivery: NotificationDelivery }[] = await em.query(
      `INSERT INTO notification (recipient_id, kind, actor_id, item_type, item_id, item_label, item_path, dossier_id, title, body, occurrence_key, delivery)
       SELECT r.recipient_id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, r.delivery
         FROM unnest($1::uuid[], $2::varchar[]) AS r(recipient_id, delivery)
       ON CONFLICT (kind, recipient_id, occurrence_key) WHERE occurrence_key IS NOT NULL DO NOTHING
       RETURNING id, recipient_id, delivery`,
      [
        rows.map((r) => r.id),
        deliveries,
        event.kind,
        event.actorId,
        cut(event.item.type, 40),
        cut(event.item.id, 100),
        cut(event.item.label, MAX_LABEL),
        cut(event.item.path, MAX_PATH),
        event.dossierId,
        cut(event.title, MAX_TITLE),
        event.body === undefined ? null : cut(event.body, MAX_BODY),
        event.occurrenceKey === undefined ? null : cut(event.occurrenceKey, 200),
      ],
    );
    for (const notification of inserted.filter((n) => n.delivery === 'immediat')) {
      await this.queueEmail(em, notification.recipient_id, 'immediat', null, [notification.id]);
    }
  }

  /**
   * Creates one email's delivery row for these notifications and queues its job, in `em`'s
   * transaction. A digest's (recipient, cadence, period) is unique: returns null when it exists.
   */
  async queueEmail(em: EntityManager, recipientId: string, cadence: 'immediat' | 'quotidien' | 'hebdomadaire', periode: string | null, notificationIds: string[]): Promise<string | null> {
    const [email]: { id: string }[] = await em.query(
      `INSERT INTO notification_email (recipient_id, cadence, periode) VALUES ($1, $2, $3)
       ON CONFLICT (recipient_id, cadence, periode) WHERE periode IS NOT NULL DO NOTHING RETURNING id`,
      [recipientId, cadence, periode],
    );
    if (!email) return null;
    await em.query('UPDATE notification SET email_id = $1 WHERE id = ANY($2::uuid[]) AND recipient_id = $3', [email.id, notificationIds, recipientId]);
    await this.jobs.send(NOTIFICATION_EMAIL_JOB, { emailId: email.id }, { em, singletonKey: email.id });
    return email.id;
  }
}
