import type { ConventionState, ConventionType, PlanActionStatut, PlanActionTheme } from '@suivi-pvd/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';
import { Pvd } from '../pvd/pvd.entities';

/** Someone who signs a convention, as written on it. */
export interface Signataire {
  nom: string;
  qualite: string;
  organisme: string;
}

/**
 * A convention of a PVD: its convention d'adhésion, its convention-cadre (one of each per PVD), or
 * an avenant to its signed convention-cadre. Its state moves through the workflow of libs/domain.
 */
@Entity({ name: 'convention' })
@Check('ck_convention_type', `"type" IN ('adhesion', 'cadre', 'avenant')`)
@Check('ck_convention_etat', `"etat" IN ('brouillon', 'deposee', 'en_instruction', 'a_completer', 'validee', 'signee')`)
@Check('ck_convention_avenant', `("type" = 'avenant') = ("parent_id" IS NOT NULL AND "numero" IS NOT NULL)`)
@Index('uq_convention_pvd_type', ['pvdId', 'type'], { unique: true, where: `"type" IN ('adhesion', 'cadre')` })
@Index('uq_convention_avenant_numero', ['parentId', 'numero'], { unique: true })
export class Convention {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Every convention of a dossier (its avenants included) read through this index, whatever the nation's size. */
  @Index('idx_convention_pvd')
  @Column({ name: 'pvd_id', type: 'uuid' })
  pvdId!: string;

  @ManyToOne(() => Pvd, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pvd_id', foreignKeyConstraintName: 'fk_convention_pvd' })
  pvd?: Pvd;

  @Column({ type: 'varchar', length: 20 })
  type!: ConventionType;

  /** For an avenant: the convention-cadre it amends. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Convention, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_convention_parent' })
  parent?: Convention | null;

  /** For an avenant: its number (1, 2…). */
  @Column({ type: 'integer', nullable: true })
  numero!: number | null;

  @Index('idx_convention_etat')
  @Column({ type: 'varchar', length: 20, default: 'brouillon' })
  etat!: ConventionState;

  /** When the convention entered its current state. */
  @Column({ name: 'etat_depuis', type: 'timestamptz', default: () => 'now()' })
  etatDepuis!: Date;

  /** For an avenant: what it changes. */
  @Column({ type: 'text', nullable: true })
  objet!: string | null;

  /** Convention-cadre: summary of the diagnosis. */
  @Column({ type: 'text', nullable: true })
  diagnostic!: string | null;

  /** Convention-cadre: the revitalisation strategy. */
  @Column({ type: 'text', nullable: true })
  strategie!: string | null;

  /** Convention-cadre: it is worth an ORT (the EPCI and its main town sign it too). */
  @Column({ name: 'vaut_ort', type: 'boolean', default: false })
  vautOrt!: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  signataires!: Signataire[];

  /** Recorded by the préfecture with the signed document. */
  @Column({ name: 'date_signature', type: 'date', nullable: true })
  dateSignature!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Who made the last change (content or state), to name them in a conflict. */
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_convention_updated_by' })
  updater?: AppUser | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}

/** One action of the action plan of a convention-cadre (or of an avenant that changes it). */
@Entity({ name: 'convention_action' })
@Check('ck_convention_action_dates', `"date_fin" IS NULL OR "date_debut" IS NULL OR "date_fin" >= "date_debut"`)
export class ConventionAction {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('idx_convention_action_convention')
  @Column({ name: 'convention_id', type: 'uuid' })
  conventionId!: string;

  @ManyToOne(() => Convention, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'convention_id', foreignKeyConstraintName: 'fk_convention_action_convention' })
  convention?: Convention;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  intitule!: string;

  @Column({ type: 'varchar', length: 40 })
  thematique!: PlanActionTheme;

  /** Who carries the action (commune, EPCI, a partner…). */
  @Column({ type: 'text', nullable: true })
  porteur!: string | null;

  @Column({ name: 'date_debut', type: 'date', nullable: true })
  dateDebut!: string | null;

  @Column({ name: 'date_fin', type: 'date', nullable: true })
  dateFin!: string | null;

  @Column({ type: 'varchar', length: 20 })
  statut!: PlanActionStatut;
}

/** One step of a convention's workflow: who took which action, when, with which comment. Never updated. */
@Entity({ name: 'convention_transition' })
@Index('idx_convention_transition_convention', ['conventionId', 'at'])
export class ConventionTransition {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'convention_id', type: 'uuid' })
  conventionId!: string;

  @ManyToOne(() => Convention, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'convention_id', foreignKeyConstraintName: 'fk_convention_transition_convention' })
  convention?: Convention;

  @Column({ type: 'varchar', length: 30 })
  action!: string;

  /** Null for the creation of the convention. */
  @Column({ name: 'etat_avant', type: 'varchar', length: 20, nullable: true })
  etatAvant!: string | null;

  @Column({ name: 'etat_apres', type: 'varchar', length: 20 })
  etatApres!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_convention_transition_actor' })
  actor?: AppUser | null;

  /** Who, in words, kept even if the account is later removed. */
  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  @Column({ type: 'text', nullable: true })
  commentaire!: string | null;

  @Column({ name: 'date_signature', type: 'date', nullable: true })
  dateSignature!: string | null;

  /** The signed document recorded with a signature. */
  @Column({ name: 'document_version_id', type: 'uuid', nullable: true })
  documentVersionId!: string | null;
}

/** The conventions area's entities, for the application's list (apps/api/src/entities.ts). */
export const CONVENTIONS_ENTITIES = [Convention, ConventionAction, ConventionTransition];
