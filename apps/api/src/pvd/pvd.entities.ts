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
import { AppUser } from '../core/auth/auth.entities';
import { Commune, Epci } from '../referentiel/referentiel.entities';

/** A PVD: one commune, or several communes with their EPCI, under one programme identifier. */
@Entity({ name: 'pvd' })
export class Pvd {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Programme identifier, as in the ANCT list (e.g. pvd-75-47-1). */
  @Index('uq_pvd_id_pvd', { unique: true })
  @Column({ name: 'id_pvd', type: 'varchar', length: 40 })
  idPvd!: string;

  @Column({ name: 'epci_siren', type: 'varchar', length: 9, nullable: true })
  epciSiren!: string | null;

  @ManyToOne(() => Epci, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'epci_siren', foreignKeyConstraintName: 'fk_pvd_epci' })
  epci?: Epci | null;

  @Column({ name: 'date_selection', type: 'date', nullable: true })
  dateSelection!: string | null;

  @Column({ name: 'date_convention_adhesion', type: 'date', nullable: true })
  dateConventionAdhesion!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}

/** Membership: a commune belongs to at most one PVD. */
@Entity({ name: 'pvd_commune' })
export class PvdCommune {
  @PrimaryColumn({ name: 'commune_insee', type: 'varchar', length: 5 })
  communeInsee!: string;

  @Index('idx_pvd_commune_pvd')
  @Column({ name: 'pvd_id', type: 'uuid' })
  pvdId!: string;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_insee', foreignKeyConstraintName: 'fk_pvd_commune_commune' })
  commune?: Commune;

  @ManyToOne(() => Pvd, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pvd_id', foreignKeyConstraintName: 'fk_pvd_commune_pvd' })
  pvd?: Pvd;
}

/** One run of the PVD list import, with its line-by-line report. */
@Entity({ name: 'pvd_import' })
export class PvdImport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ type: 'varchar', length: 20 })
  format!: string;

  @Column({ name: 'imported_by', type: 'uuid', nullable: true })
  importedBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'imported_by', foreignKeyConstraintName: 'fk_pvd_import_user' })
  importer?: AppUser | null;

  @Index('idx_pvd_import_at')
  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;

  @Column({ name: 'total_lines', type: 'integer' })
  totalLines!: number;

  @Column({ type: 'integer' })
  created!: number;

  @Column({ type: 'integer' })
  updated!: number;

  @Column({ type: 'integer' })
  unchanged!: number;

  @Column({ type: 'integer' })
  rejected!: number;

  @Column({ type: 'jsonb' })
  report!: unknown;
}
