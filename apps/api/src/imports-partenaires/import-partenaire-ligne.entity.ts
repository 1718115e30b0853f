import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ImportPartenaire } from '../thematique/thematique.entities';

/**
 * One reported line of a partner import, in the order of the report: a rejection (line, column,
 * reason) or a change (reference and changed fields). Any number of them, read a page at a time.
 */
@Entity('import_partenaire_ligne')
@Check('ck_import_partenaire_ligne_nature', `"nature" IN ('erreur', 'avertissement', 'changement')`)
@Index('idx_import_partenaire_ligne_nature', ['importId', 'nature', 'numero'])
export class ImportPartenaireLigne {
  @PrimaryColumn({ name: 'import_id', type: 'uuid', primaryKeyConstraintName: 'PK_import_partenaire_ligne' }) importId!: string;
  @ManyToOne(() => ImportPartenaire, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_import_partenaire_ligne_import' })
  import?: ImportPartenaire;
  /** Position in the report (1, 2, …). */
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_import_partenaire_ligne' }) numero!: number;
  @Column({ type: 'varchar', length: 20 }) nature!: 'erreur' | 'avertissement' | 'changement';
  /** Line in the file (header = 1). */
  @Column({ type: 'integer', nullable: true }) ligne!: number | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) colonne!: string | null;
  @Column({ type: 'text', nullable: true }) motif!: string | null;
  /** The partner's reference of a changed line. */
  @Column({ type: 'text', nullable: true }) reference!: string | null;
  /** `[{ champ, avant, apres }]` of a changed line. */
  @Column({ type: 'jsonb', nullable: true }) champs!: unknown[] | null;
}
