import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only record of every change (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'audit_log' })
@Index('idx_audit_log_entity', ['entityType', 'entityId'])
@Index('idx_audit_log_pvd', ['pvdId', 'at'])
@Index('idx_audit_log_departement', ['departementCode', 'id'], { where: 'pvd_id IS NOT NULL' })
@Index('idx_audit_log_region', ['regionCode', 'id'], { where: 'pvd_id IS NOT NULL' })
@Index('idx_audit_log_actor', ['actorId', 'id'], { where: 'pvd_id IS NOT NULL' })
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

  /** The département and région of that dossier (its most populous commune's), set by a trigger at write time, for the activity feeds. */
  @Column({ name: 'departement_code', type: 'varchar', length: 3, nullable: true })
  departementCode!: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 3, nullable: true })
  regionCode!: string | null;
}
