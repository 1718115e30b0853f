import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only record of every change (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'audit_log' })
@Index('idx_audit_log_entity', ['entityType', 'entityId'])
@Index('idx_audit_log_pvd', ['pvdId', 'at'])
export class AuditLog {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  /** Who, in words: a user's email, or "import CLI". Kept even if the user is later deleted. */
  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  /** Client address, for security events (logins, invitations, role changes). */
  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  /** The PVD dossier the change belongs to, so the dossier can show its whole history. */
  @Column({ name: 'pvd_id', type: 'uuid', nullable: true })
  pvdId!: string | null;
}
