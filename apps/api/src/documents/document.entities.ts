import type { DocumentNature } from '@suivi-pvd/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';
import { Convention } from '../conventions/convention.entities';
import { Pvd } from '../pvd/pvd.entities';
import { Mission } from '../ingenierie/ingenierie.entities';
import { DiscussionMessage } from '../discussions/discussion.entities';

/**
 * A document of a dossier, attached to a convention, a mission or a message of a discussion. Its
 * content lives in versions: uploading again adds a version and keeps the older ones downloadable.
 */
@Entity({ name: 'document' })
// Only a message's attachment may have no dossier (the thread of an habitat operation or a financing line).
@Check('ck_document_pvd', `"pvd_id" IS NOT NULL OR "message_id" IS NOT NULL`)
export class DossierDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The dossier it belongs to: access to the document is access to this PVD (a message's attachment: access to its thread). */
  @Index('idx_document_pvd')
  @Column({ name: 'pvd_id', type: 'uuid', nullable: true })
  pvdId!: string | null;

  @ManyToOne(() => Pvd, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pvd_id', foreignKeyConstraintName: 'fk_document_pvd' })
  pvd?: Pvd;

  @Index('idx_document_convention')
  @Column({ name: 'convention_id', type: 'uuid', nullable: true })
  conventionId!: string | null;

  @ManyToOne(() => Convention, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'convention_id', foreignKeyConstraintName: 'fk_document_convention' })
  convention?: Convention | null;

  /** A deliverable of an expertise mission. */
  @Index('idx_document_mission')
  @Column({ name: 'mission_id', type: 'uuid', nullable: true })
  missionId!: string | null;

  @ManyToOne(() => Mission, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mission_id', foreignKeyConstraintName: 'fk_document_mission' })
  mission?: Mission | null;

  /** An attachment of a message: readable by those who read the message (its thread, and an internal note's audience). */
  @Index('idx_document_message')
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId!: string | null;

  @ManyToOne(() => DiscussionMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_document_message' })
  message?: DiscussionMessage | null;

  @Column({ type: 'varchar', length: 30 })
  nature!: DocumentNature;

  @Column({ type: 'text' })
  titre!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One uploaded file of a document. Never updated nor deleted. */
@Entity({ name: 'document_version' })
@Index('uq_document_version_numero', ['documentId', 'numero'], { unique: true })
export class DocumentVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => DossierDocument, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_document_version_document' })
  document?: DossierDocument;

  @Column({ type: 'integer' })
  numero!: number;

  @Column({ name: 'nom_fichier', type: 'text' })
  nomFichier!: string;

  /** Recognised from the content, not from the name. */
  @Column({ name: 'type_mime', type: 'varchar', length: 120 })
  typeMime!: string;

  @Column({ type: 'bigint' })
  taille!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** Where the storage keeps the content. */
  @Column({ name: 'cle_stockage', type: 'text' })
  cleStockage!: string;

  @CreateDateColumn({ name: 'depose_le', type: 'timestamptz' })
  deposeLe!: Date;

  @Column({ name: 'depose_par', type: 'uuid', nullable: true })
  deposePar!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'depose_par', foreignKeyConstraintName: 'fk_document_version_user' })
  deposant?: AppUser | null;

  @Column({ name: 'depose_par_label', type: 'text' })
  deposeParLabel!: string;
}

/** The documents area's entities, for the application's list (apps/api/src/entities.ts). */
export const DOCUMENTS_ENTITIES = [DossierDocument, DocumentVersion];
