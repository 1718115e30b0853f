import type { AttributDefinition, FinancementNature, FinancementStatut, HabitatObjectifAnnuel, HabitatOperationPhase, HabitatOperationType, OrtStatut, Pilier } from '@suivi-pvd/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';
import { Convention } from '../conventions/convention.entities';
import { Financeur } from '../financeurs/financeur.entity';
import { Organisation } from '../organisations/organisation.entities';
import { Commune } from '../referentiel/referentiel.entities';

/** An opération de revitalisation de territoire: its communes, signature, duration, and the convention-cadre worth it. */
@Entity({ name: 'ort' })
@Check('ck_ort_statut', `"statut" IN ('en_preparation', 'signee', 'echue', 'abandonnee')`)
@Check('ck_ort_duree', `"duree_annees" IS NULL OR "duree_annees" BETWEEN 1 AND 30`)
@Index('uq_ort_reference_externe', ['referenceExterne'], { unique: true, where: '"reference_externe" IS NOT NULL' })
export class Ort {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** The reference of a national import's line (the ANCT's list), which a re-import matches on. */
  @Column({ name: 'reference_externe', type: 'varchar', length: 100, nullable: true }) referenceExterne!: string | null;
  @Column({ type: 'text', nullable: true }) source!: string | null;
  @Column({ name: 'date_source', type: 'date', nullable: true }) dateSource!: string | null;
  @Column({ type: 'text' }) libelle!: string;
  @Column({ name: 'epci_siren', type: 'varchar', length: 9, nullable: true }) epciSiren!: string | null;
  @Column({ type: 'varchar', length: 20 }) statut!: OrtStatut;
  @Column({ name: 'date_signature', type: 'date', nullable: true }) dateSignature!: string | null;
  @Column({ name: 'duree_annees', type: 'integer', nullable: true }) dureeAnnees!: number | null;
  @Index('idx_ort_convention')
  @Column({ name: 'convention_cadre_id', type: 'uuid', nullable: true })
  conventionCadreId!: string | null;
  @ManyToOne(() => Convention, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'convention_cadre_id', foreignKeyConstraintName: 'fk_ort_convention' })
  conventionCadre?: Convention | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_ort_updated_by' })
  updater?: AppUser | null;
  @VersionColumn({ type: 'integer', default: 1 }) version!: number;
}

/** A commune an ORT covers. */
@Entity({ name: 'ort_commune' })
@Index('idx_ort_commune_insee', ['communeInsee'])
export class OrtCommune {
  @PrimaryColumn({ name: 'ort_id', type: 'uuid' }) ortId!: string;
  @PrimaryColumn({ name: 'commune_insee', type: 'varchar', length: 5 }) communeInsee!: string;
  @ManyToOne(() => Ort, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ort_id', foreignKeyConstraintName: 'fk_ort_commune_ort' })
  ort?: Ort;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_insee', foreignKeyConstraintName: 'fk_ort_commune_commune' })
  commune?: Commune;
}

/** An habitat operation (OPAH, PIG, RHI-THIRORI…), entered once, covering one or several communes. */
@Entity({ name: 'operation_habitat' })
// The list's order (date_debut DESC NULLS FIRST, libelle, id): written in migration 038, which TypeORM cannot describe.
@Index('idx_operation_habitat_recence', { synchronize: false })
@Check('ck_operation_habitat_type', `"type" IN ('opah', 'opah_ru', 'opah_rr', 'opah_cd', 'pig', 'rhi_thirori', 'plan_sauvegarde', 'orcod')`)
@Check('ck_operation_habitat_phase', `"phase" IN ('etude_pre_operationnelle', 'convention_signee', 'operationnelle', 'close')`)
@Check('ck_operation_habitat_mo', `"maitre_ouvrage_type" IN ('commune', 'epci')`)
@Check('ck_operation_habitat_dates', `"date_fin" IS NULL OR "date_debut" IS NULL OR "date_fin" >= "date_debut"`)
@Index('uq_operation_habitat_reference', ['financeurId', 'referenceExterne'], { unique: true, where: '"reference_externe" IS NOT NULL' })
export class OperationHabitat {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 20 }) type!: HabitatOperationType;
  @Column({ type: 'text' }) libelle!: string;
  @Column({ name: 'maitre_ouvrage_type', type: 'varchar', length: 10 }) maitreOuvrageType!: 'commune' | 'epci';
  @Column({ name: 'maitre_ouvrage_code', type: 'varchar', length: 9 }) maitreOuvrageCode!: string;
  @Column({ type: 'text', nullable: true }) operateur!: string | null;
  @Column({ type: 'varchar', length: 30 }) phase!: HabitatOperationPhase;
  @Column({ name: 'date_debut', type: 'date', nullable: true }) dateDebut!: string | null;
  @Column({ name: 'date_fin', type: 'date', nullable: true }) dateFin!: string | null;
  /** Commitments, in cents. */
  @Column({ name: 'engagement_anah', type: 'bigint', nullable: true }) engagementAnah!: string | null;
  @Column({ name: 'engagement_collectivite', type: 'bigint', nullable: true }) engagementCollectivite!: string | null;
  /** `[{ annee, objectif, traites }]`: housing targets and dwellings treated per year. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) objectifs!: HabitatObjectifAnnuel[];
  /** The reason given for unusual commitments (libs/domain plausibilite.rules). */
  @Column({ name: 'motif_depassement', type: 'text', nullable: true }) motifDepassement!: string | null;
  /** The partner whose import maintains it (matched on its reference), if any. */
  @Column({ name: 'financeur_id', type: 'uuid', nullable: true }) financeurId!: string | null;
  @ManyToOne(() => Financeur, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'financeur_id', foreignKeyConstraintName: 'fk_operation_habitat_financeur' })
  financeur?: Financeur | null;
  @Column({ name: 'reference_externe', type: 'text', nullable: true }) referenceExterne!: string | null;
  /** Who gave the data (partner, file) and the day it was true (« Anah 12/2023 »): filled by imports, optional in forms. */
  @Column({ type: 'text', nullable: true }) source!: string | null;
  @Column({ name: 'date_source', type: 'date', nullable: true }) dateSource!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_operation_habitat_updated_by' })
  updater?: AppUser | null;
  @VersionColumn({ type: 'integer', default: 1 }) version!: number;
}

/** A commune an habitat operation covers (one operation, many communes; one commune, many operations). */
@Entity({ name: 'operation_habitat_commune' })
@Index('idx_operation_habitat_commune_insee', ['communeInsee'])
export class OperationHabitatCommune {
  @PrimaryColumn({ name: 'operation_id', type: 'uuid' }) operationId!: string;
  @PrimaryColumn({ name: 'commune_insee', type: 'varchar', length: 5 }) communeInsee!: string;
  @ManyToOne(() => OperationHabitat, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id', foreignKeyConstraintName: 'fk_operation_habitat_commune_operation' })
  operation?: OperationHabitat;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_insee', foreignKeyConstraintName: 'fk_operation_habitat_commune_commune' })
  commune?: Commune;
}

/** A financing dispositif of the catalogue the ANCT manages (DSIL, DETR, Fonds vert, Anah, BdT loans…). */
@Entity({ name: 'dispositif' })
@Check('ck_dispositif_pilier', `"pilier" IN ('ingenierie', 'thematique')`)
@Check('ck_dispositif_nature', `"nature" IN ('subvention', 'pret')`)
export class Dispositif {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_dispositif_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code!: string;
  @Column({ type: 'text' }) nom!: string;
  @Index('idx_dispositif_financeur')
  @Column({ name: 'financeur_id', type: 'uuid' })
  financeurId!: string;
  @ManyToOne(() => Financeur, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'financeur_id', foreignKeyConstraintName: 'fk_dispositif_financeur' })
  financeur?: Financeur;
  @Column({ type: 'varchar', length: 20 }) pilier!: Pilier;
  @Column({ type: 'varchar', length: 20 }) nature!: FinancementNature;
  @Column({ name: 'annee_debut', type: 'integer', nullable: true }) anneeDebut!: number | null;
  @Column({ name: 'annee_fin', type: 'integer', nullable: true }) anneeFin!: number | null;
  @Column({ name: 'compte_logements', type: 'boolean', default: false }) compteLogements!: boolean;
  @Column({ name: 'compte_dossiers', type: 'boolean', default: false }) compteDossiers!: boolean;
  @Column({ type: 'boolean', default: true }) actif!: boolean;
  @VersionColumn({ type: 'integer', default: 1 }) version!: number;
}

/** What a beneficiary (commune or EPCI) obtained from a dispositif, with the date of each status and where the figure comes from. */
@Entity({ name: 'ligne_financement' })
@Check('ck_ligne_financement_statut', `"statut" IN ('demande', 'engage', 'contractualise', 'verse')`)
@Check('ck_ligne_financement_beneficiaire', `"beneficiaire_type" IN ('commune', 'epci')`)
@Check('ck_ligne_financement_montant', `"montant" > 0`)
@Index('uq_ligne_financement_reference', ['dispositifId', 'referenceExterne'], { unique: true, where: '"reference_externe" IS NOT NULL' })
@Index('idx_ligne_financement_dispositif', ['dispositifId', 'statut'])
@Index('idx_ligne_financement_beneficiaire', ['beneficiaireCode'])
/** The lists' order, most recent status first (an expression index, created by migration 1764100000009). */
@Index('idx_ligne_financement_recence', { synchronize: false })
export class LigneFinancement {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'dispositif_id', type: 'uuid' }) dispositifId!: string;
  @ManyToOne(() => Dispositif, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispositif_id', foreignKeyConstraintName: 'fk_ligne_financement_dispositif' })
  dispositif?: Dispositif;
  @Column({ name: 'beneficiaire_type', type: 'varchar', length: 10 }) beneficiaireType!: 'commune' | 'epci';
  @Column({ name: 'beneficiaire_code', type: 'varchar', length: 9 }) beneficiaireCode!: string;
  @Column({ type: 'text' }) projet!: string;
  /** In cents. */
  @Column({ type: 'bigint' }) montant!: string;
  @Column({ type: 'varchar', length: 20 }) statut!: FinancementStatut;
  @Column({ name: 'date_demande', type: 'date', nullable: true }) dateDemande!: string | null;
  @Column({ name: 'date_engagement', type: 'date', nullable: true }) dateEngagement!: string | null;
  @Column({ name: 'date_contractualisation', type: 'date', nullable: true }) dateContractualisation!: string | null;
  @Column({ name: 'date_versement', type: 'date', nullable: true }) dateVersement!: string | null;
  @Column({ name: 'annee_campagne', type: 'integer', nullable: true }) anneeCampagne!: number | null;
  @Column({ name: 'reference_externe', type: 'text', nullable: true }) referenceExterne!: string | null;
  /** Where the figure comes from, and as of when: « Anah », 2023-12-01. */
  @Column({ type: 'text', nullable: true }) source!: string | null;
  @Column({ name: 'date_source', type: 'date', nullable: true }) dateSource!: string | null;
  @Column({ type: 'integer', nullable: true }) logements!: number | null;
  @Column({ type: 'integer', nullable: true }) dossiers!: number | null;
  /** The reason given for an unusual amount (libs/domain plausibilite.rules). */
  @Column({ name: 'motif_depassement', type: 'text', nullable: true }) motifDepassement!: string | null;
  @Column({ name: 'import_id', type: 'uuid', nullable: true }) importId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_ligne_financement_updated_by' })
  updater?: AppUser | null;
  @VersionColumn({ type: 'integer', default: 1 }) version!: number;
}

/** A thematic scheme of the catalogue (France services, Micro-Folie…) with its typed attributes. */
@Entity({ name: 'demarche' })
export class Demarche {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_demarche_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code!: string;
  @Column({ type: 'text' }) nom!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) attributs!: AttributDefinition[];
  @Column({ type: 'boolean', default: true }) actif!: boolean;
  @VersionColumn({ type: 'integer', default: 1 }) version!: number;
}

/** A commune's participation in a scheme, with its dates and attribute values. */
@Entity({ name: 'demarche_participation' })
@Check('ck_demarche_participation_dates', `"date_fin" IS NULL OR "date_debut" IS NULL OR "date_fin" >= "date_debut"`)
@Index('idx_demarche_participation_commune', ['communeInsee'])
@Index('idx_demarche_participation_demarche', ['demarcheId'])
@Index('uq_demarche_participation_reference', ['demarcheId', 'communeInsee', 'referenceExterne'], { unique: true, where: '"reference_externe" IS NOT NULL' })
export class DemarcheParticipation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** The reference of a national import's line, which a re-import matches on (with the scheme and the commune). */
  @Column({ name: 'reference_externe', type: 'varchar', length: 100, nullable: true }) referenceExterne!: string | null;
  @Column({ type: 'text', nullable: true }) source!: string | null;
  @Column({ name: 'date_source', type: 'date', nullable: true }) dateSource!: string | null;
  @Column({ name: 'demarche_id', type: 'uuid' }) demarcheId!: string;
  @ManyToOne(() => Demarche, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'demarche_id', foreignKeyConstraintName: 'fk_demarche_participation_demarche' })
  demarche?: Demarche;
  @Column({ name: 'commune_insee', type: 'varchar', length: 5 }) communeInsee!: string;
  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_insee', foreignKeyConstraintName: 'fk_demarche_participation_commune' })
  commune?: Commune;
  @Column({ name: 'date_debut', type: 'date', nullable: true }) dateDebut!: string | null;
  @Column({ name: 'date_fin', type: 'date', nullable: true }) dateFin!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) attributs!: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_demarche_participation_updated_by' })
  updater?: AppUser | null;
  @VersionColumn({ type: 'integer', default: 1 }) version!: number;
}

/** A partner's bulk import (financing lines, missions or habitat operations): progress, then the report. */
@Entity({ name: 'import_partenaire' })
@Check('ck_import_partenaire_type', `"type" IN ('financements', 'missions', 'operations')`)
@Check('ck_import_partenaire_statut', `"statut" IN ('en_attente', 'en_cours', 'termine', 'echoue')`)
@Index('idx_import_partenaire_organisation', ['organisationId', 'createdAt'])
export class ImportPartenaire {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 20 }) type!: 'financements' | 'missions' | 'operations';
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId!: string;
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_import_partenaire_organisation' })
  organisation?: Organisation;
  @Column({ name: 'nom_fichier', type: 'text' }) nomFichier!: string;
  @Column({ type: 'varchar', length: 20, default: 'en_attente' }) statut!: 'en_attente' | 'en_cours' | 'termine' | 'echoue';
  @Column({ name: 'total_lignes', type: 'integer', default: 0 }) totalLignes!: number;
  @Column({ name: 'lignes_traitees', type: 'integer', default: 0 }) lignesTraitees!: number;
  @Column({ type: 'integer', default: 0 }) crees!: number;
  @Column({ name: 'mis_a_jour', type: 'integer', default: 0 }) misAJour!: number;
  @Column({ type: 'integer', default: 0 }) inchanges!: number;
  @Column({ type: 'integer', default: 0 }) rejetes!: number;
  /** Rejections (line, column, reason) in the report, stored in `import_partenaire_ligne`. */
  @Column({ name: 'rejets_total', type: 'integer', default: 0 }) rejetsTotal!: number;
  /** Updated lines in the report, stored in `import_partenaire_ligne`. */
  @Column({ name: 'changements_total', type: 'integer', default: 0 }) changementsTotal!: number;
  @Column({ type: 'text', nullable: true }) erreur!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_import_partenaire_user' })
  creator?: AppUser | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'termine_le', type: 'timestamptz', nullable: true }) termineLe!: Date | null;
}

/** The thematique area's entities, for the application's list (apps/api/src/entities.ts). */
export const THEMATIQUE_ENTITIES = [Ort, OrtCommune, OperationHabitat, OperationHabitatCommune, Dispositif, LigneFinancement, Demarche, DemarcheParticipation, ImportPartenaire];
