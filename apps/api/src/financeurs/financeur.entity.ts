import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Organisation } from '../organisations/organisation.entities';

/**
 * A funder of the programme (Banque des Territoires, Cerema, Anah…), from a list the ANCT manages.
 * Linked to the partner organisation whose members enter its missions.
 */
@Entity({ name: 'financeur' })
export class Financeur {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_financeur_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'text' })
  nom!: string;

  @Index('idx_financeur_organisation')
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_financeur_organisation' })
  organisation?: Organisation | null;

  @Column({ type: 'boolean', default: true })
  actif!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}

/** The financeurs area's entities, for the application's list (apps/api/src/entities.ts). */
export const FINANCEURS_ENTITIES = [Financeur];
