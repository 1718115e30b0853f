import type { NationalImportStatut, NationalImportType } from '@suivi-pvd/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';
import { Demarche } from '../thematique/thematique.entities';

/**
 * One national bulk load by the ANCT (ORT list, a scheme's participations, historical
 * conventions): its file (kept until it is applied, so that the job re-reads it after a restart),
 * its preview, then its progress and counts. Its report lines are in `import_national_ligne`.
 */
@Entity({ name: 'import_national' })
@Check('ck_import_national_type', `"type" IN ('orts', 'participations', 'conventions', 'postes')`)
@Check('ck_import_national_statut', `"statut" IN ('apercu', 'en_attente', 'en_cours', 'termine', 'echoue')`)
@Check('ck_import_national_demarche', `("type" = 'participations') = ("demarche_id" IS NOT NULL)`)
@Index('idx_import_national_created', ['createdAt'])
export class ImportNational {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_import_national' }) id!: string;
  @Column({ type: 'varchar', length: 20 }) type!: NationalImportType;
  /** For participations: the scheme. */
  @Column({ name: 'demarche_id', type: 'uuid', nullable: true }) demarcheId!: string | null;
  @ManyToOne(() => Demarche, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'demarche_id', foreignKeyConstraintName: 'fk_import_national_demarche' })
  demarche?: Demarche | null;
  @Column({ name: 'nom_fichier', type: 'text' }) nomFichier!: string;
  /** The uploaded file, until the import is applied (then emptied). */
  @Column({ type: 'bytea', nullable: true }) fichier!: Buffer | null;
  @Column({ type: 'varchar', length: 20, default: 'apercu' }) statut!: NationalImportStatut;
  /** The preview's counts and first errors. */
  @Column({ type: 'jsonb', nullable: true }) apercu!: unknown;
  @Column({ name: 'total_lignes', type: 'integer', default: 0 }) totalLignes!: number;
  @Column({ name: 'lignes_traitees', type: 'integer', default: 0 }) lignesTraitees!: number;
  @Column({ type: 'integer', default: 0 }) crees!: number;
  @Column({ name: 'mis_a_jour', type: 'integer', default: 0 }) misAJour!: number;
  @Column({ type: 'integer', default: 0 }) inchanges!: number;
  @Column({ type: 'integer', default: 0 }) rejetes!: number;
  @Column({ name: 'rejets_total', type: 'integer', default: 0 }) rejetsTotal!: number;
  @Column({ name: 'changements_total', type: 'integer', default: 0 }) changementsTotal!: number;
  @Column({ name: 'avertissements_total', type: 'integer', default: 0 }) avertissementsTotal!: number;
  @Column({ type: 'text', nullable: true }) erreur!: string | null;
  /** The queue's job applying it. */
  @Column({ name: 'job_id', type: 'uuid', nullable: true }) jobId!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_import_national_user' })
  creator?: AppUser | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'confirme_le', type: 'timestamptz', nullable: true }) confirmeLe!: Date | null;
  @Column({ name: 'termine_le', type: 'timestamptz', nullable: true }) termineLe!: Date | null;
}

/** One reported line of a national import: a rejection or a warning (line, column, reason), or a change (reference, fields). */
@Entity('import_national_ligne')
@Check('ck_import_national_ligne_nature', `"nature" IN ('erreur', 'changement', 'avertissement')`)
@Index('idx_import_national_ligne_nature', ['importId', 'nature', 'numero'])
export class ImportNationalLigne {
  @PrimaryColumn({ name: 'import_id', type: 'uuid', primaryKeyConstraintName: 'PK_import_national_ligne' }) importId!: string;
  @ManyToOne(() => ImportNational, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_import_national_ligne_import' })
  import?: ImportNational;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_import_national_ligne' }) numero!: number;
  @Column({ type: 'varchar', length: 20 }) nature!: 'erreur' | 'changement' | 'avertissement';
  @Column({ type: 'integer', nullable: true }) ligne!: number | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) colonne!: string | null;
  @Column({ type: 'text', nullable: true }) motif!: string | null;
  @Column({ type: 'text', nullable: true }) reference!: string | null;
  @Column({ type: 'jsonb', nullable: true }) champs!: unknown[] | null;
}

/** The imports-nationaux area's entities, for the application's list (apps/api/src/entities.ts). */
export const IMPORTS_NATIONAUX_ENTITIES = [ImportNational, ImportNationalLigne];
