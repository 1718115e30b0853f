import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Role } from '@suivi-pvd/domain';
import { Commune, Departement } from '../../referentiel/referentiel.entities';

@Entity({ name: 'app_user' })
export class AppUser {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased. */
  @Index('uq_app_user_email', { unique: true })
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  /** For a chef de projet: the commune whose PVD they work on. */
  @Column({ name: 'commune_insee', type: 'varchar', length: 5, nullable: true })
  communeInsee!: string | null;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_insee', foreignKeyConstraintName: 'fk_app_user_commune' })
  commune?: Commune | null;

  /** For a préfecture agent: their département. */
  @Column({ name: 'departement_code', type: 'varchar', length: 3, nullable: true })
  departementCode!: string | null;

  @ManyToOne(() => Departement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departement_code', foreignKeyConstraintName: 'fk_app_user_departement' })
  departement?: Departement | null;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}

/** A browser session; the cookie holds a random token whose SHA-256 is the id. */
@Entity({ name: 'user_session' })
export class UserSession {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index('idx_user_session_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_session_user' })
  user?: AppUser;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Index('idx_user_session_expires')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;
}
