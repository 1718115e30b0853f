import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';

/**
 * A programme parameter value, bitemporal: the date from which it applies (`date_effet`, valid
 * time: until the next value's date) and the day it was decided (`decide_le`, decision time). A
 * change adds a row; rows are never rewritten (a value to come may be cancelled), so what was
 * known on any day can be rebuilt. A value applying before the day it was decided (retroactive)
 * carries the reference of its decision. Of two values from the same date, the later decision
 * (then the later entry) applies.
 */
@Entity({ name: 'programme_parametre' })
@Index('idx_programme_parametre_cle_date', ['cle', 'dateEffet'])
@Check('ck_programme_parametre_retroactif_reference', `"date_effet" >= "decide_le" OR "reference" IS NOT NULL`)
export class ProgrammeParametre {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  cle!: string;

  @Column({ type: 'jsonb' })
  valeur!: unknown;

  @Column({ name: 'date_effet', type: 'date' })
  dateEffet!: string;

  /** The day the value was decided (French calendar day), today or earlier when entered. */
  @Column({ name: 'decide_le', type: 'date' })
  decideLe!: string;

  /** The decision's reference or reason (arrêté, circulaire…); required for a retroactive value. */
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_programme_parametre_user' })
  creator?: AppUser | null;
}

/** The programme area's entities, for the application's list (apps/api/src/entities.ts). */
export const PROGRAMME_ENTITIES = [ProgrammeParametre];
