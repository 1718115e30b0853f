import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The missions list shows the latest start first: an index on that order lets a page of the
 * national list stop after its rows instead of sorting every mission (222 ms → 2 ms at twice
 * national size).
 */
export class MissionRecence1764100000038 implements MigrationInterface {
  name = 'MissionRecence1764100000038';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_mission_recence" ON "mission" ("date_debut" DESC NULLS FIRST, "created_at" DESC, "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_mission_recence"`);
  }
}
