import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The version of each table the indicators read, incremented by a statement trigger in the same
 * transaction as every write (migration 1764100000017). Read only by the indicators service.
 */
@Entity({ name: 'indicateurs_version' })
export class IndicateursVersion {
  @PrimaryColumn({ type: 'varchar', length: 63, primaryKeyConstraintName: 'PK_indicateurs_version' })
  source!: string;

  @Column({ type: 'bigint', default: '0' })
  version!: string;
}
