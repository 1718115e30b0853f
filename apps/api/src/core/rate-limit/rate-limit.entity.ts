import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A fixed-window counter, in PostgreSQL so that every API replica shares it. */
@Entity({ name: 'rate_limit_bucket' })
export class RateLimitBucket {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_rate_limit_bucket' })
  key!: string;

  @Column({ name: 'window_start', type: 'timestamptz' })
  windowStart!: Date;

  @Column({ type: 'integer' })
  hits!: number;
}
