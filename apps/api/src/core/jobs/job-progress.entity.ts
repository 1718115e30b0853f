import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** How far a background job got, and where it resumes after an interruption (see JobContext). */
@Entity({ name: 'job_progress' })
export class JobProgress {
  @PrimaryColumn({ name: 'job_id', type: 'uuid', primaryKeyConstraintName: 'PK_job_progress' })
  jobId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'integer', default: 0 })
  done!: number;

  @Column({ type: 'integer', nullable: true })
  total!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  checkpoint!: unknown;

  @Index('idx_job_progress_updated')
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
