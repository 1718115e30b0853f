import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';

/**
 * A programme parameter with the date from which it applies. A change adds a row from a new date;
 * rows are never rewritten, so what applied in the past stays as it was.
 */
@Entity({ name: 'programme_parametre' })
@Index('uq_programme_parametre_cle_date', ['cle', 'dateEffet'], { unique: true })
export class ProgrammeParametre {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  cle!: string;

  @Column({ type: 'jsonb' })
  valeur!: unknown;

  @Column({ name: 'date_effet', type: 'date' })
  dateEffet!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_programme_parametre_user' })
  creator?: AppUser | null;
}
