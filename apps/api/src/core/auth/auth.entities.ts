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

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Sessions opened before this instant are refused (password change, deactivation). */
  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

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

  /** mot_de_passe or proconnect. */
  @Column({ name: 'auth_method', type: 'varchar', length: 20, default: 'mot_de_passe' })
  authMethod!: string;

  /** ProConnect's ID token, needed as id_token_hint to log out of ProConnect too. */
  @Column({ name: 'id_token', type: 'text', nullable: true })
  idToken!: string | null;
}

/**
 * Between the redirect to ProConnect and its callback: the state, nonce and PKCE verifier, keyed
 * by the SHA-256 of a random value held in the browser's cookie. Used once, within 10 minutes.
 */
@Entity({ name: 'proconnect_request' })
export class ProConnectRequest {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_proconnect_request' })
  id!: string;

  /** login or logout. */
  @Column({ type: 'varchar', length: 10 })
  kind!: string;

  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'text', nullable: true })
  nonce!: string | null;

  @Column({ name: 'code_verifier', type: 'text', nullable: true })
  codeVerifier!: string | null;

  /** Page of the app to return to after login. */
  @Column({ type: 'text', nullable: true })
  redirection!: string | null;

  @Index('idx_proconnect_request_expires')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
