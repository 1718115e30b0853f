import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';

export const RAPPORT_STATUTS = ['en_attente', 'en_cours', 'pret', 'echec'] as const;
export type RapportStatut = (typeof RAPPORT_STATUTS)[number];
export const RAPPORT_PORTEES = ['nation', 'region', 'departement'] as const;
export type RapportPortee = (typeof RAPPORT_PORTEES)[number];

/**
 * A generated « Point d'avancement »: its scope and day, the job's status and progress, and once
 * ready the PDF itself (kept here, so any process serves it and a published report stays as it
 * was printed, whatever the data becomes).
 */
@Entity('rapport')
@Check('ck_rapport_statut', `"statut" IN ('en_attente', 'en_cours', 'pret', 'echec')`)
@Check('ck_rapport_portee', `"portee_type" IN ('nation', 'region', 'departement')`)
@Check('ck_rapport_progression', `"progression" BETWEEN 0 AND 100`)
export class Rapport {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_rapport' }) id!: string;
  @Column({ name: 'portee_type', type: 'varchar', length: 20 }) porteeType!: RapportPortee;
  /** Null for the nation. */
  @Column({ name: 'portee_code', type: 'varchar', length: 10, nullable: true }) porteeCode!: string | null;
  @Column({ name: 'portee_libelle', type: 'text' }) porteeLibelle!: string;
  /** The day of the figures (« au … »), a calendar day. */
  @Column({ name: 'date_donnees', type: 'date' }) dateDonnees!: string;
  @Column({ type: 'varchar', length: 20, default: 'en_attente' }) statut!: RapportStatut;
  /** Percent done (0–100). */
  @Column({ type: 'smallint', default: 0 }) progression!: number;
  @Column({ type: 'text', nullable: true }) erreur!: string | null;
  @Column({ name: 'job_id', type: 'uuid', nullable: true }) jobId!: string | null;
  /** The PDF (never selected with the list). */
  @Column({ type: 'bytea', nullable: true, select: false }) contenu!: Buffer | null;
  @Column({ type: 'integer', nullable: true }) taille!: number | null;
  @Column({ name: 'demande_par', type: 'uuid', nullable: true }) demandePar!: string | null;
  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'demande_par', foreignKeyConstraintName: 'fk_rapport_demande_par' })
  demandeur?: AppUser | null;
  /** Who asked for it, as shown (the account's email at the time). */
  @Column({ name: 'demande_par_libelle', type: 'text' }) demandeParLibelle!: string;
  @Index('idx_rapport_cree_le')
  @CreateDateColumn({ name: 'cree_le', type: 'timestamptz' }) creeLe!: Date;
  @Column({ name: 'genere_le', type: 'timestamptz', nullable: true }) genereLe!: Date | null;
  @Column({ type: 'boolean', default: false }) publie!: boolean;
  @Column({ name: 'publie_le', type: 'timestamptz', nullable: true }) publieLe!: Date | null;
  @Column({ name: 'publie_par', type: 'uuid', nullable: true }) publiePar!: string | null;
  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'publie_par', foreignKeyConstraintName: 'fk_rapport_publie_par' })
  publieur?: AppUser | null;
}

/** The pilotage area's entities, for the application's list (apps/api/src/entities.ts). */
export const PILOTAGE_ENTITIES = [Rapport];
