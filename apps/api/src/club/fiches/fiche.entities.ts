import type { FicheStatut } from '@suivi-pvd/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AppUser } from '../../core/auth/auth.entities';
import { DossierDocument } from '../../documents/document.entities';
import { Pvd } from '../../pvd/pvd.entities';

/**
 * A project sheet of the projetothèque: a project of a PVD told by its chef de projet, reviewed and
 * published by the ANCT. Only published sheets are public. The indicators engine (C1) counts them
 * by `publiee_le` and `depubliee_le` (calendar days, Paris): see docs/adr/0017-projetotheque.md.
 */
@Entity({ name: 'fiche_projet' })
@Check('ck_fiche_projet_statut', `"statut" IN ('brouillon', 'en_revue', 'a_modifier', 'publiee', 'depubliee')`)
@Check('ck_fiche_projet_titre', `char_length("titre") BETWEEN 1 AND 150`)
@Check('ck_fiche_projet_textes', `char_length("resume") <= 3000 AND char_length("resultats") <= 5000`)
@Check('ck_fiche_projet_budget', `"budget_total" IS NULL OR "budget_total" BETWEEN 0 AND 100000000000`)
@Check('ck_fiche_projet_publiee', `"statut" <> 'publiee' OR "publiee_le" IS NOT NULL`)
@Index('idx_fiche_projet_statut', ['statut', 'publieeLe'])
export class FicheProjet {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('idx_fiche_projet_pvd')
  @Column({ name: 'pvd_id', type: 'uuid' })
  pvdId!: string;

  @ManyToOne(() => Pvd, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pvd_id', foreignKeyConstraintName: 'fk_fiche_projet_pvd' })
  pvd?: Pvd;

  @Column({ type: 'text' })
  titre!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  themes!: string[];

  @Column({ type: 'text', nullable: true })
  resume!: string | null;

  @Column({ type: 'text', nullable: true })
  resultats!: string | null;

  /** Cents. */
  @Column({ name: 'budget_total', type: 'bigint', nullable: true })
  budgetTotal!: string | null;

  /** `[{ financeur, montant }]`, amounts in cents. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  financements!: { financeur: string; montant: number }[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  partenaires!: string[];

  /** The contact is a role (« Chef de projet Petites villes de demain »), with the role's or service's address, never a person's. */
  @Column({ name: 'contact_fonction', type: 'text', nullable: true })
  contactFonction!: string | null;

  @Column({ name: 'contact_organisation', type: 'text', nullable: true })
  contactOrganisation!: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ name: 'contact_telephone', type: 'text', nullable: true })
  contactTelephone!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'brouillon' })
  statut!: FicheStatut;

  /** The calendar day (Paris) of the first publication. */
  @Column({ name: 'publiee_le', type: 'date', nullable: true })
  publieeLe!: string | null;

  /** The calendar day (Paris) of the last unpublication, cleared when published again. */
  @Column({ name: 'depubliee_le', type: 'date', nullable: true })
  depublieeLe!: string | null;

  @Column({ name: 'soumise_le', type: 'timestamptz', nullable: true })
  soumiseLe!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_fiche_projet_created_by' })
  creator?: AppUser | null;

  @Column({ name: 'soumise_par', type: 'uuid', nullable: true })
  soumisePar!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'soumise_par', foreignKeyConstraintName: 'fk_fiche_projet_soumise_par' })
  submitter?: AppUser | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A photo of a sheet: an image stored as a document of the PVD (its content, versions, backup), with its alternative text. */
@Entity({ name: 'fiche_projet_photo' })
@Check('ck_fiche_projet_photo_alt', `char_length("texte_alternatif") BETWEEN 1 AND 250`)
@Check('ck_fiche_projet_photo_legende', `char_length("legende") <= 250`)
export class FicheProjetPhoto {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('idx_fiche_projet_photo_fiche')
  @Column({ name: 'fiche_id', type: 'uuid' })
  ficheId!: string;

  @ManyToOne(() => FicheProjet, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fiche_id', foreignKeyConstraintName: 'fk_fiche_projet_photo_fiche' })
  fiche?: FicheProjet;

  @Index('uq_fiche_projet_photo_document', { unique: true })
  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => DossierDocument, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_fiche_projet_photo_document' })
  document?: DossierDocument;

  @Column({ name: 'texte_alternatif', type: 'text' })
  texteAlternatif!: string;

  @Column({ type: 'text', nullable: true })
  legende!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A review comment: private between the sheet's chef de projet and the ANCT, never public. */
@Entity({ name: 'fiche_projet_commentaire' })
@Check('ck_fiche_projet_commentaire_texte', `char_length("texte") BETWEEN 1 AND 3000`)
@Check('ck_fiche_projet_commentaire_nature', `"nature" IN ('commentaire', 'demande_modifications')`)
@Index('idx_fiche_projet_commentaire_fiche', ['ficheId', 'createdAt'])
export class FicheProjetCommentaire {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'fiche_id', type: 'uuid' })
  ficheId!: string;

  @ManyToOne(() => FicheProjet, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'fiche_id', foreignKeyConstraintName: 'fk_fiche_projet_commentaire_fiche' })
  fiche?: FicheProjet;

  @Column({ name: 'auteur_id', type: 'uuid', nullable: true })
  auteurId!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'auteur_id', foreignKeyConstraintName: 'fk_fiche_projet_commentaire_auteur' })
  auteur?: AppUser | null;

  @Column({ name: 'auteur_label', type: 'text' })
  auteurLabel!: string;

  @Column({ type: 'varchar', length: 30, default: 'commentaire' })
  nature!: 'commentaire' | 'demande_modifications';

  @Column({ type: 'text' })
  texte!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The club's fiches projet entities (a part of the club area), for the application's list (apps/api/src/entities.ts). */
export const FICHES_ENTITIES = [FicheProjet, FicheProjetPhoto, FicheProjetCommentaire];
