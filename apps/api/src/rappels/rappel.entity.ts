import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Pvd } from '../pvd/pvd.entities';

/**
 * A reminder sent: one row per occurrence (its key is unique), written by the daily check in the
 * transaction that notifies its recipients, so a rerun finds it and sends nothing. `leveLe` is the
 * first day the check no longer found its cause (cleared again if the same occurrence comes back).
 */
@Entity({ name: 'rappel' })
@Index('idx_rappel_pvd', ['pvdId', 'detecteLe'])
export class Rappel {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_rappel' })
  id!: string;

  /** The occurrence key (`rappelOccurrenceKey`): type, record, dating fact. */
  @Index('uq_rappel_cle', { unique: true })
  @Column({ type: 'text' })
  cle!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ name: 'pvd_id', type: 'uuid' })
  pvdId!: string;

  @ManyToOne(() => Pvd, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pvd_id', foreignKeyConstraintName: 'fk_rappel_pvd' })
  pvd?: Pvd;

  /** The record the reminder is about: the PVD, a convention or a post. */
  @Column({ name: 'objet_id', type: 'uuid' })
  objetId!: string;

  /** Why it was sent, in French, as the recipients read it. */
  @Column({ type: 'text' })
  raison!: string;

  /** The accounts it was sent to. */
  @Column({ type: 'uuid', array: true })
  destinataires!: string[];

  /** The day of the check that sent it. */
  @Column({ name: 'detecte_le', type: 'date' })
  detecteLe!: string;

  /** The first day the check no longer found its cause. */
  @Column({ name: 'leve_le', type: 'date', nullable: true })
  leveLe!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The rappels area's entities, for the application's list (apps/api/src/entities.ts). */
export const RAPPELS_ENTITIES = [Rappel];
