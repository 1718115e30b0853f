import type { Cofinanceur, HabitatOperationType, MissionNature, MissionStatut } from '@suivi-pvd/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';
import { Pvd } from '../pvd/pvd.entities';
import { Financeur } from '../financeurs/financeur.entity';
import { OperationHabitat } from '../thematique/thematique.entities';

/** The co-financed chef de projet post of a PVD. Holders, costs and co-financers hang from it. */
@Entity({ name: 'poste' })
@Check('ck_poste_employeur', `"employeur_type" IN ('commune', 'epci')`)
@Check('ck_poste_operation_dates', `"operation_fin" IS NULL OR "operation_debut" IS NULL OR "operation_fin" >= "operation_debut"`)
export class Poste {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('idx_poste_pvd')
  @Column({ name: 'pvd_id', type: 'uuid' })
  pvdId!: string;

  @ManyToOne(() => Pvd, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pvd_id', foreignKeyConstraintName: 'fk_poste_pvd' })
  pvd?: Pvd;

  @Column({ type: 'text' })
  intitule!: string;

  @Column({ name: 'employeur_type', type: 'varchar', length: 10 })
  employeurType!: 'commune' | 'epci';

  /** INSEE code of the commune or SIREN of the EPCI, one of the PVD's own. */
  @Column({ name: 'employeur_code', type: 'varchar', length: 9 })
  employeurCode!: string;

  /**
   * The habitat operation record that opens the Anah's co-financing, when the post links one: its
   * type and dates then prevail over the fields below (kept for operations not entered as records).
   */
  @Index('idx_poste_operation_habitat')
  @Column({ name: 'operation_habitat_id', type: 'uuid', nullable: true })
  operationHabitatId!: string | null;

  @ManyToOne(() => OperationHabitat, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'operation_habitat_id', foreignKeyConstraintName: 'fk_poste_operation_habitat' })
  operationHabitat?: OperationHabitat | null;

  /** The habitat operation that opens the Anah's co-financing, as typed on the post. */
  @Column({ name: 'operation_type', type: 'varchar', length: 20, nullable: true })
  operationType!: HabitatOperationType | null;

  @Column({ name: 'operation_libelle', type: 'text', nullable: true })
  operationLibelle!: string | null;

  @Column({ name: 'operation_debut', type: 'date', nullable: true })
  operationDebut!: string | null;

  @Column({ name: 'operation_fin', type: 'date', nullable: true })
  operationFin!: string | null;

  /** The reference a national import matches the post on (unique when set). */
  @Index('uq_poste_reference_externe', { unique: true, where: '"reference_externe" IS NOT NULL' })
  @Column({ name: 'reference_externe', type: 'varchar', length: 100, nullable: true })
  referenceExterne!: string | null;

  /** Where the post's data comes from, and the day it was true (imported posts). */
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ name: 'date_source', type: 'date', nullable: true })
  dateSource!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_poste_updated_by' })
  updater?: AppUser | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}

/** Who held the post, when, at what working time. One holder at a time; gaps are vacancies. */
@Entity({ name: 'poste_titulaire' })
@Check('ck_poste_titulaire_dates', `"date_fin" IS NULL OR "date_fin" >= "date_debut"`)
@Check('ck_poste_titulaire_quotite', `"quotite" BETWEEN 1 AND 100`)
export class PosteTitulaire {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('idx_poste_titulaire_poste')
  @Column({ name: 'poste_id', type: 'uuid' })
  posteId!: string;

  @ManyToOne(() => Poste, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poste_id', foreignKeyConstraintName: 'fk_poste_titulaire_poste' })
  poste?: Poste;

  @Column({ type: 'text' })
  nom!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  telephone!: string | null;

  @Column({ name: 'date_debut', type: 'date' })
  dateDebut!: string;

  @Column({ name: 'date_fin', type: 'date', nullable: true })
  dateFin!: string | null;

  @Column({ type: 'integer', default: 100 })
  quotite!: number;
}

/** The post's annual loaded cost (salary and employer charges, full time, whole year), in cents. */
@Entity({ name: 'poste_cout_annuel' })
@Check('ck_poste_cout_annuel_cout', `"cout" >= 0`)
export class PosteCoutAnnuel {
  @PrimaryColumn({ name: 'poste_id', type: 'uuid' })
  posteId!: string;

  @PrimaryColumn({ type: 'integer' })
  annee!: number;

  @ManyToOne(() => Poste, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poste_id', foreignKeyConstraintName: 'fk_poste_cout_annuel_poste' })
  poste?: Poste;

  @Column({ type: 'bigint' })
  cout!: string;
}

/** A co-financer of the post, over the window agreed for it. */
@Entity({ name: 'poste_cofinanceur' })
@Check('ck_poste_cofinanceur_financeur', `"financeur" IN ('etat', 'bdt', 'anah')`)
@Check('ck_poste_cofinanceur_dates', `"date_fin" IS NULL OR "date_debut" IS NULL OR "date_fin" >= "date_debut"`)
export class PosteCofinanceur {
  @PrimaryColumn({ name: 'poste_id', type: 'uuid' })
  posteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  financeur!: Cofinanceur;

  @ManyToOne(() => Poste, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poste_id', foreignKeyConstraintName: 'fk_poste_cofinanceur_poste' })
  poste?: Poste;

  @Column({ name: 'date_debut', type: 'date', nullable: true })
  dateDebut!: string | null;

  @Column({ name: 'date_fin', type: 'date', nullable: true })
  dateFin!: string | null;

  @Column({ type: 'integer', nullable: true })
  part!: number | null;
}

/** The yearly co-financing request of a post: requested, granted, paid in tranches. */
@Entity({ name: 'demande_cofinancement' })
@Index('uq_demande_cofinancement_annee', ['posteId', 'annee'], { unique: true })
@Check('ck_demande_cofinancement_montants', `"montant_demande" >= 0 AND ("montant_accorde" IS NULL OR "montant_accorde" >= 0)`)
export class DemandeCofinancement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'poste_id', type: 'uuid' })
  posteId!: string;

  @ManyToOne(() => Poste, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poste_id', foreignKeyConstraintName: 'fk_demande_cofinancement_poste' })
  poste?: Poste;

  @Column({ type: 'integer' })
  annee!: number;

  @Column({ name: 'montant_demande', type: 'bigint' })
  montantDemande!: string;

  @Column({ name: 'date_demande', type: 'date' })
  dateDemande!: string;

  @Column({ type: 'text', nullable: true })
  commentaire!: string | null;

  @Column({ name: 'montant_accorde', type: 'bigint', nullable: true })
  montantAccorde!: string | null;

  @Column({ name: 'date_decision', type: 'date', nullable: true })
  dateDecision!: string | null;

  /** Payments: `[{ date, montant (cents), tranche }]`. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  versements!: unknown[];

  /** The reason given for a request above the computed co-financing (libs/domain plausibilite.rules). */
  @Column({ name: 'motif_depassement', type: 'text', nullable: true })
  motifDepassement!: string | null;

  /** Who gave the data (partner, file) and the day it was true (« Anah 12/2023 »): filled by imports, optional in forms. */
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ name: 'date_source', type: 'date', nullable: true })
  dateSource!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_demande_cofinancement_updated_by' })
  updater?: AppUser | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}

/** An expertise mission financed by a partner for a PVD. */
@Entity({ name: 'mission' })
// The list's order (date_debut DESC NULLS FIRST, created_at DESC, id): written in migration 038, which TypeORM cannot describe.
@Index('idx_mission_recence', { synchronize: false })
@Check('ck_mission_statut', `"statut" IN ('demandee', 'accordee', 'en_cours', 'livree', 'abandonnee')`)
@Check('ck_mission_montants', `("montant_engage" IS NULL OR "montant_engage" >= 0) AND ("montant_verse" IS NULL OR "montant_verse" >= 0)`)
@Check('ck_mission_dates', `"date_fin" IS NULL OR "date_debut" IS NULL OR "date_fin" >= "date_debut"`)
@Index('uq_mission_reference', ['financeurId', 'referenceExterne'], { unique: true, where: '"reference_externe" IS NOT NULL' })
@Index('idx_mission_financeur', ['financeurId', 'statut'])
export class Mission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('idx_mission_pvd')
  @Column({ name: 'pvd_id', type: 'uuid' })
  pvdId!: string;

  @ManyToOne(() => Pvd, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pvd_id', foreignKeyConstraintName: 'fk_mission_pvd' })
  pvd?: Pvd;

  @Column({ name: 'financeur_id', type: 'uuid' })
  financeurId!: string;

  @ManyToOne(() => Financeur, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'financeur_id', foreignKeyConstraintName: 'fk_mission_financeur' })
  financeur?: Financeur;

  @Column({ type: 'varchar', length: 40 })
  nature!: MissionNature;

  @Column({ type: 'varchar', length: 40, nullable: true })
  thematique!: string | null;

  @Column({ type: 'text' })
  intitule!: string;

  @Column({ type: 'text', nullable: true })
  prestataire!: string | null;

  @Column({ name: 'montant_engage', type: 'bigint', nullable: true })
  montantEngage!: string | null;

  @Column({ name: 'montant_verse', type: 'bigint', nullable: true })
  montantVerse!: string | null;

  @Column({ name: 'date_demande', type: 'date', nullable: true })
  dateDemande!: string | null;

  @Column({ name: 'date_debut', type: 'date', nullable: true })
  dateDebut!: string | null;

  @Column({ name: 'date_fin', type: 'date', nullable: true })
  dateFin!: string | null;

  /** The day the funder committed the money: from then on the mission counts as financed (indicators I5–I11). */
  @Column({ name: 'date_engagement', type: 'date', nullable: true })
  dateEngagement!: string | null;

  @Column({ type: 'varchar', length: 20 })
  statut!: MissionStatut;

  /** The funder's own reference, to match re-imports. */
  @Column({ name: 'reference_externe', type: 'text', nullable: true })
  referenceExterne!: string | null;

  /** Who gave the data (partner, file) and the day it was true (« Anah 12/2023 »): filled by imports, optional in forms. */
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @Column({ name: 'date_source', type: 'date', nullable: true })
  dateSource!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_mission_updated_by' })
  updater?: AppUser | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}
