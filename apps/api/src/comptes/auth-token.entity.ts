import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';

/** A single-use link sent by email (invitation, password reset); only its SHA-256 is stored. */
@Entity({ name: 'auth_token' })
export class AuthToken {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_auth_token' })
  id!: string;

  @Index('idx_auth_token_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_auth_token_user' })
  user?: AppUser;

  /** invitation or reinitialisation. */
  @Column({ type: 'varchar', length: 20 })
  purpose!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}

/** The comptes area's entities, for the application's list (apps/api/src/entities.ts). */
export const COMPTES_ENTITIES = [AuthToken];
