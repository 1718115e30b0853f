import type { PosteAlerteCode } from '@suivi-pvd/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Poste } from './ingenierie.entities';

/**
 * The alerts of each post on a calendar day, as the domain's rule (`posteAlertes`) gives them:
 * computed in Node and stored so that the lists of alerts are filtered, counted and paged by
 * PostgreSQL (migration 1764100000040, `poste-alertes.store.ts`). Kept for today and tomorrow.
 */
@Entity({ name: 'poste_alerte' })
@Index('idx_poste_alerte_jour_code', ['jour', 'code', 'date'])
export class PosteAlerteEnregistree {
  /** The day the alert holds on (French calendar day). */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_poste_alerte' })
  jour!: string;

  @PrimaryColumn({ name: 'poste_id', type: 'uuid', primaryKeyConstraintName: 'PK_poste_alerte' })
  @Index('idx_poste_alerte_poste')
  posteId!: string;

  /** Its position among the post's alerts of the day, as the rule lists them. */
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_poste_alerte' })
  rang!: number;

  @ManyToOne(() => Poste, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poste_id', foreignKeyConstraintName: 'fk_poste_alerte_poste' })
  poste?: Poste;

  @Column({ type: 'varchar', length: 40 })
  code!: PosteAlerteCode;

  @Column({ type: 'varchar', length: 10 })
  niveau!: 'warning' | 'error';

  /** The day the alert is about (vacancy start, year of the missing request, co-financing end). */
  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'text' })
  message!: string;
}

/** The days for which every post's alerts are in `poste_alerte`. */
@Entity({ name: 'poste_alerte_calcul' })
export class PosteAlerteCalcul {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_poste_alerte_calcul' })
  jour!: string;

  @CreateDateColumn({ name: 'calcule_le', type: 'timestamptz' })
  calculeLe!: Date;
}

/**
 * The posts whose stored alerts may be out of date: marked by triggers on every write to what
 * the rule reads (whoever writes), cleared when their alerts are computed again.
 */
@Entity({ name: 'poste_alerte_perime' })
export class PosteAlertePerime {
  @PrimaryColumn({ name: 'poste_id', type: 'uuid', primaryKeyConstraintName: 'PK_poste_alerte_perime' })
  posteId!: string;

  @CreateDateColumn({ name: 'marque_le', type: 'timestamptz' })
  marqueLe!: Date;
}
