import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { ImportPartenaire } from '../thematique/thematique.entities';

/**
 * The file of a partner import waiting to be applied (or being applied): the job that applies it
 * reads it from here, in whichever process runs it. Deleted with the import's last write.
 */
@Entity('import_partenaire_fichier')
export class ImportPartenaireFichier {
  @PrimaryColumn({ name: 'import_id', type: 'uuid', primaryKeyConstraintName: 'PK_import_partenaire_fichier' }) importId!: string;
  @OneToOne(() => ImportPartenaire, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_import_partenaire_fichier_import' })
  import?: ImportPartenaire;
  /** The bytes as uploaded (at most MAX_UPLOAD_MB). */
  @Column({ type: 'bytea' }) contenu!: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
