import type { NotificationDelivery, NotificationKind } from '@suivi-pvd/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';
import { Pvd } from '../pvd/pvd.entities';

/** What an email of notifications is: one notification, or a digest of a day's or a week's. */
export type NotificationEmailCadence = 'immediat' | 'quotidien' | 'hebdomadaire';
/** en_attente: its job will send it; envoye: the SMTP server accepted it; annule: nothing to send (no address, inactive account). */
export type NotificationEmailState = 'en_attente' | 'envoye' | 'annule';

/**
 * One email of notifications and its delivery state. Created in the same transaction as the job
 * that sends it; the job sends it only while `en_attente`, then marks it `envoye` (ADR 0014).
 * Its id is the email's Message-ID, so a resend after a crash is recognisable as the same email.
 */
@Entity({ name: 'notification_email' })
@Check('ck_notification_email_cadence', `"cadence" IN ('immediat', 'quotidien', 'hebdomadaire')`)
@Check('ck_notification_email_etat', `"etat" IN ('en_attente', 'envoye', 'annule')`)
@Index('uq_notification_email_periode', ['recipientId', 'cadence', 'periode'], { unique: true, where: `"periode" IS NOT NULL` })
export class NotificationEmail {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'fk_notification_email_recipient' })
  recipient?: AppUser;

  @Column({ type: 'varchar', length: 20 })
  cadence!: NotificationEmailCadence;

  /** Digests: the day (2026-12-04) or ISO week (2026-W49) they cover, in Europe/Paris; null for an immediate email. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  periode!: string | null;

  @Index('idx_notification_email_etat')
  @Column({ type: 'varchar', length: 20, default: 'en_attente' })
  etat!: NotificationEmailState;

  /** Attempts to hand it to the SMTP server. */
  @Column({ type: 'integer', default: 0 })
  tentatives!: number;

  @Column({ name: 'derniere_erreur', type: 'text', nullable: true })
  derniereErreur!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'envoye_le', type: 'timestamptz', nullable: true })
  envoyeLe!: Date | null;
}

/** An in-app notification of one user. Only its recipient reads it. */
@Entity({ name: 'notification' })
@Check('ck_notification_delivery', `"delivery" IN ('immediat', 'quotidien', 'hebdomadaire', 'aucun')`)
@Index('uq_notification_occurrence', ['kind', 'recipientId', 'occurrenceKey'], { unique: true, where: `"occurrence_key" IS NOT NULL` })
@Index('idx_notification_recipient', ['recipientId', 'createdAt', 'id'])
@Index('idx_notification_unread', ['recipientId'], { where: `"read_at" IS NULL` })
@Index('idx_notification_digest', ['delivery', 'recipientId'], { where: `"email_id" IS NULL AND "delivery" IN ('quotidien', 'hebdomadaire')` })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'fk_notification_recipient' })
  recipient?: AppUser;

  @Column({ type: 'varchar', length: 40 })
  kind!: NotificationKind;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_notification_actor' })
  actor?: AppUser | null;

  @Column({ name: 'item_type', type: 'varchar', length: 40 })
  itemType!: string;

  @Column({ name: 'item_id', type: 'varchar', length: 100 })
  itemId!: string;

  @Column({ name: 'item_label', type: 'text' })
  itemLabel!: string;

  /** Path in the web app (/dossiers/…), joined to PUBLIC_URL in emails. */
  @Column({ name: 'item_path', type: 'text' })
  itemPath!: string;

  @Column({ name: 'dossier_id', type: 'uuid', nullable: true })
  dossierId!: string | null;

  @ManyToOne(() => Pvd, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'fk_notification_dossier' })
  dossier?: Pvd | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  /** When set, (kind, recipient, key) is recorded once (a reminder's occurrence). */
  @Column({ name: 'occurrence_key', type: 'varchar', length: 200, nullable: true })
  occurrenceKey!: string | null;

  /** How the recipient's preference said to email it, when it was recorded. */
  @Column({ type: 'varchar', length: 20 })
  delivery!: NotificationDelivery;

  /** The email that carried it (immediate or digest); null while a digest waits for it, or for none. */
  @Column({ name: 'email_id', type: 'uuid', nullable: true })
  emailId!: string | null;

  @ManyToOne(() => NotificationEmail, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'email_id', foreignKeyConstraintName: 'fk_notification_email' })
  email?: NotificationEmail | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}

/** A user's choice for one kind; without a row, the default of their roles applies. */
@Entity({ name: 'notification_preference' })
@Check('ck_notification_preference_delivery', `"delivery" IN ('immediat', 'quotidien', 'hebdomadaire', 'aucun')`)
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_notification_preference' })
  userId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_preference_user' })
  user?: AppUser;

  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'PK_notification_preference' })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 20 })
  delivery!: NotificationDelivery;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}

/** The notifications area's entities, for the application's list (apps/api/src/entities.ts). */
export const NOTIFICATIONS_ENTITIES = [NotificationEmail, Notification, NotificationPreference];
