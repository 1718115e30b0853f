import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders sent by the daily check (issue 18): one row per occurrence, its key unique, so the
 * check records and notifies each occurrence once whatever the number of runs.
 */
export class Rappels1764100000051 implements MigrationInterface {
  name = 'Rappels1764100000051';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "rappel" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cle" text NOT NULL, "type" character varying(32) NOT NULL, "pvd_id" uuid NOT NULL, "objet_id" uuid NOT NULL, "raison" text NOT NULL, "destinataires" uuid array NOT NULL, "detecte_le" date NOT NULL, "leve_le" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_rappel" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_rappel_cle" ON "rappel" ("cle") `);
    await q.query(`CREATE INDEX "idx_rappel_pvd" ON "rappel" ("pvd_id", "detecte_le") `);
    await q.query(
      `ALTER TABLE "rappel" ADD CONSTRAINT "fk_rappel_pvd" FOREIGN KEY ("pvd_id") REFERENCES "pvd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "rappel" DROP CONSTRAINT "fk_rappel_pvd"`);
    await q.query(`DROP INDEX "public"."idx_rappel_pvd"`);
    await q.query(`DROP INDEX "public"."uq_rappel_cle"`);
    await q.query(`DROP TABLE "rappel"`);
  }
}
