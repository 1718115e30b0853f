import type { DiscussionItemType } from '@suivi-pvd/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';
import { Pvd } from '../pvd/pvd.entities';

/**
 * A message of the thread of an item (the dossier, a convention, a post, a mission, an habitat
 * operation, a financing line). There is no thread row: the thread is the item's messages. Access
 * is the item's, checked on the stored item at each request; an internal note (`interne`) is read
 * by the State's services only. A deleted message keeps its row (who deleted it and when), not its text.
 */
@Entity({ name: 'discussion_message' })
@Check('ck_discussion_message_item_type', `"item_type" IN ('dossier', 'convention', 'poste', 'mission', 'operation_habitat', 'ligne_financement')`)
@Check('ck_discussion_message_texte', `char_length("texte") <= 5000`)
@Index('idx_discussion_message_fil', ['itemType', 'itemId', 'creeLe', 'id'])
export class DiscussionMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'item_type', type: 'varchar', length: 30 })
  itemType!: DiscussionItemType;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  /** The dossier the item belongs to, when it belongs to one (not an habitat operation nor a financing line). */
  @Index('idx_discussion_message_pvd')
  @Column({ name: 'pvd_id', type: 'uuid', nullable: true })
  pvdId!: string | null;

  @ManyToOne(() => Pvd, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pvd_id', foreignKeyConstraintName: 'fk_discussion_message_pvd' })
  pvd?: Pvd | null;

  @Index('idx_discussion_message_auteur')
  @Column({ name: 'auteur_id', type: 'uuid', nullable: true })
  auteurId!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'auteur_id', foreignKeyConstraintName: 'fk_discussion_message_auteur' })
  auteur?: AppUser | null;

  /** « Prénom Nom (organisation) », as the author was when writing. */
  @Column({ name: 'auteur_label', type: 'text' })
  auteurLabel!: string;

  /** Plain text; empty once deleted. */
  @Column({ type: 'text' })
  texte!: string;

  /** An internal note of the State's services: never shown to communes, EPCI or partners. */
  @Column({ type: 'boolean', default: false })
  interne!: boolean;

  /** The accounts mentioned (each could read the item when mentioned). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  mentions!: string[];

  @CreateDateColumn({ name: 'cree_le', type: 'timestamptz' })
  creeLe!: Date;

  @Column({ name: 'modifie_le', type: 'timestamptz', nullable: true })
  modifieLe!: Date | null;

  @Column({ name: 'supprime_le', type: 'timestamptz', nullable: true })
  supprimeLe!: Date | null;

  @Column({ name: 'supprime_par_label', type: 'text', nullable: true })
  supprimeParLabel!: string | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}

/** The discussions area's entities, for the application's list (apps/api/src/entities.ts). */
export const DISCUSSIONS_ENTITIES = [DiscussionMessage];
