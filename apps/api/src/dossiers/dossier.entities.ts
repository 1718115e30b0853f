import type { ContactFonction } from '@suivi-pvd/domain';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';
import { Pvd } from '../pvd/pvd.entities';

/** A person the dossier names for one function (chef de projet, élu référent, referent in the préfecture). */
@Entity({ name: 'pvd_contact' })
@Check('ck_pvd_contact_fonction', `"fonction" IN ('chef_de_projet', 'elu_referent', 'referent_prefecture')`)
@Index('uq_pvd_contact_fonction', ['pvdId', 'fonction'], { unique: true })
export class PvdContact {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'pvd_id', type: 'uuid' })
  pvdId!: string;

  @ManyToOne(() => Pvd, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pvd_id', foreignKeyConstraintName: 'fk_pvd_contact_pvd' })
  pvd?: Pvd;

  @Column({ type: 'varchar', length: 30 })
  fonction!: ContactFonction;

  @Column({ type: 'text' })
  nom!: string;

  /** Title or position (« Maire », « Chargée de mission »…). */
  @Column({ type: 'text', nullable: true })
  qualite!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  telephone!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_pvd_contact_updated_by' })
  updater?: AppUser | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}

/** The dossiers area's entities, for the application's list (apps/api/src/entities.ts). */
export const DOSSIERS_ENTITIES = [PvdContact];
