import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';

/** An indicator the ANCT marked public: its national value shows on /programme, its value for a PVD on the PVD's public page. */
@Entity({ name: 'indicateur_public' })
export class IndicateurPublic {
  @PrimaryColumn({ name: 'indicateur_id', type: 'varchar', length: 8, primaryKeyConstraintName: 'PK_indicateur_public' })
  indicateurId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_indicateur_public_created_by' })
  creator?: AppUser | null;
}

/**
 * The list of public indicators as one versioned record (a single row): a change sends the version
 * it was made on, and a stale one is refused (409), so two ANCT agents never overwrite each other.
 */
@Entity({ name: 'indicateur_public_liste' })
@Check('ck_indicateur_public_liste_unique', `"id" = 1`)
export class IndicateurPublicListe {
  @PrimaryColumn({ type: 'smallint', default: 1, primaryKeyConstraintName: 'PK_indicateur_public_liste' })
  id!: number;

  @VersionColumn({ default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_indicateur_public_liste_updated_by' })
  updater?: AppUser | null;
}

/** The public area's entities, for the application's list (apps/api/src/entities.ts). */
export const PUBLIC_ENTITIES = [IndicateurPublic, IndicateurPublicListe];
