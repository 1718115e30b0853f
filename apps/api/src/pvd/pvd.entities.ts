import {
  Check,
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

  /** Indexed: the PVDs attached to an EPCI (its financing lines link to them). */
  @Index('idx_pvd_epci')
  @Column({ name: 'epci_siren', type: 'varchar', length: 9, nullable: true })
  epciSiren!: string | null;

  @ManyToOne(() => Epci, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'epci_siren', foreignKeyConstraintName: 'fk_pvd_epci' })
  epci?: Epci | null;

  @Column({ name: 'date_selection', type: 'date', nullable: true })
  dateSelection!: string | null;

  @Column({ name: 'date_convention_adhesion', type: 'date', nullable: true })
  dateConventionAdhesion!: string | null;

  /** Set when its last commune was withdrawn: the PVD left the programme (its dossier stays, as an archive). */
  @Column({ name: 'date_retrait', type: 'date', nullable: true })
  dateRetrait!: string | null;

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

  /** 'apercu' (previewed, nothing applied yet) or 'applique'. */
  @Column({ type: 'varchar', length: 10, default: 'applique' })
  statut!: 'apercu' | 'applique';

  /** SHA-256 of the file, so that a confirmation applies the very file that was previewed. */
  @Column({ name: 'fichier_hash', type: 'varchar', length: 64, nullable: true })
  fichierHash!: string | null;

  /** The file itself, kept until it is applied. */
  @Column({ type: 'bytea', nullable: true, select: false })
  fichier!: Buffer | null;

  /** Date of effect given with the file: start of new memberships without a signature date, date of moves. */
  @Column({ name: 'date_effet', type: 'date', nullable: true })
  dateEffet!: string | null;

  /** The preview (or, once applied, the final) figures: moves, renamed PVDs, choices, coverage. */
  @Column({ type: 'jsonb', nullable: true })
  bilan!: unknown;

  @Column({ name: 'applique_at', type: 'timestamptz', nullable: true })
  appliqueAt!: Date | null;
}

/**
 * A commune's membership of a PVD over time: [debut, fin) in calendar days, fin null while it
 * lasts. Never deleted; at most one open period per commune. `pvd_commune` is the current state.
 */
@Entity({ name: 'pvd_commune_periode' })
@Index('idx_pvd_commune_periode_jours', { synchronize: false })
@Index('uq_pvd_commune_periode_ouverte', ['communeInsee'], { unique: true, where: 'fin IS NULL' })
@Check('ck_pvd_commune_periode_dates', 'fin IS NULL OR fin >= debut')
@Check('ck_pvd_commune_periode_motifs', "motif_debut IN ('selection', 'deplacement', 'reprise') AND (motif_fin IS NULL OR motif_fin IN ('retrait', 'deplacement'))")
export class PvdCommunePeriode {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('idx_pvd_commune_periode_commune')
  @Column({ name: 'commune_insee', type: 'varchar', length: 5 })
  communeInsee!: string;

  @Index('idx_pvd_commune_periode_pvd')
  @Column({ name: 'pvd_id', type: 'uuid' })
  pvdId!: string;

  @Column({ type: 'date' })
  debut!: string;

  @Column({ type: 'date', nullable: true })
  fin!: string | null;

  /** selection (entry in the programme), deplacement (came from another PVD), reprise (backfilled). */
  @Column({ name: 'motif_debut', type: 'varchar', length: 20 })
  motifDebut!: string;

  /** retrait (left the programme) or deplacement (went to another PVD). */
  @Column({ name: 'motif_fin', type: 'varchar', length: 20, nullable: true })
  motifFin!: string | null;

  /** Why, in words (a withdrawal's reason). */
  @Column({ type: 'text', nullable: true })
  commentaire!: string | null;

  /** The import that opened the period, if any. */
  @Column({ name: 'import_debut_id', type: 'uuid', nullable: true })
  importDebutId!: string | null;

  /** The import that closed it, if any (a withdrawal is in the audit log). */
  @Column({ name: 'import_fin_id', type: 'uuid', nullable: true })
  importFinId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_insee', foreignKeyConstraintName: 'fk_pvd_commune_periode_commune' })
  commune?: Commune;

  @ManyToOne(() => Pvd, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pvd_id', foreignKeyConstraintName: 'fk_pvd_commune_periode_pvd' })
  pvd?: Pvd;

  @ManyToOne(() => PvdImport, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'import_debut_id', foreignKeyConstraintName: 'fk_pvd_commune_periode_import_debut' })
  importDebut?: PvdImport | null;

  @ManyToOne(() => PvdImport, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'import_fin_id', foreignKeyConstraintName: 'fk_pvd_commune_periode_import_fin' })
  importFin?: PvdImport | null;
}

/** The pvd area's entities, for the application's list (apps/api/src/entities.ts). */
export const PVD_ENTITIES = [Pvd, PvdCommune, PvdImport, PvdCommunePeriode];
