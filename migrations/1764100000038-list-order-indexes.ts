import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The missions and habitat operations lists show the latest start first: an index on each order
 * lets a page of the national list stop after its rows instead of sorting them all (at twice
 * national size: missions 222 ms → 2 ms, operations 84 ms → 0.2 ms).
 */
export class ListOrderIndexes1764100000038 implements MigrationInterface {
  name = 'ListOrderIndexes1764100000038';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_mission_recence" ON "mission" ("date_debut" DESC NULLS FIRST, "created_at" DESC, "id")`);
    await q.query(`CREATE INDEX "idx_operation_habitat_recence" ON "operation_habitat" ("date_debut" DESC NULLS FIRST, "libelle", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_operation_habitat_recence"`);
    await q.query(`DROP INDEX "public"."idx_mission_recence"`);
  }
}
