import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress and checkpoint of background jobs. The queue itself (pg-boss) lives in its own schema
 * `pgboss`, created and upgraded by pg-boss at start (ADR 0008); this table is ours: one row per job
 * id, written by the handler, in the same transaction as its work when it resumes from a checkpoint.
 */
export class JobProgress1764100000014 implements MigrationInterface {
  name = 'JobProgress1764100000014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "job_progress" ("job_id" uuid NOT NULL, "name" text NOT NULL, "done" integer NOT NULL DEFAULT 0, "total" integer, "checkpoint" jsonb, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_job_progress" PRIMARY KEY ("job_id"))`,
    );
    await q.query(`CREATE INDEX "idx_job_progress_updated" ON "job_progress" ("updated_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_job_progress_updated"`);
    await q.query(`DROP TABLE "job_progress"`);
  }
}
