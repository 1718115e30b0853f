import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';

/**
 * A dated value from outside the programme that a share needs as its denominator: all France
 * services in the country, MaPrimeRénov' in a département. Entered or imported by the ANCT; an
 * indicator as of day D reads the latest value dated on or before D.
 */
@Entity({ name: 'valeur_reference' })
@Check('ck_valeur_reference_zone', `"zone_type" IN ('nation', 'region', 'departement') AND (("zone_type" = 'nation') = ("zone_code" = ''))`)
@Check('ck_valeur_reference_valeur', `"valeur" >= 0`)
@Index('uq_valeur_reference', ['cle', 'zoneType', 'zoneCode', 'dateValeur'], { unique: true })
export class ValeurReference {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_valeur_reference' })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  cle!: string;

  @Column({ name: 'zone_type', type: 'varchar', length: 12 })
  zoneType!: 'nation' | 'region' | 'departement';

  /** '' for the nation. */
  @Column({ name: 'zone_code', type: 'varchar', length: 3, default: '' })
  zoneCode!: string;

  @Column({ name: 'date_valeur', type: 'date' })
  dateValeur!: string;

  @Column({ type: 'numeric', precision: 18, scale: 2 })
  valeur!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text', nullable: true })
  commentaire!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_valeur_reference_created_by' })
  creator?: AppUser | null;
}
