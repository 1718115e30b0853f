import { MigrationInterface, QueryRunner } from 'typeorm';

/** A chef de projet post may link the habitat operation record that opens the Anah's co-financing. */
export class PosteOperation1764100000010 implements MigrationInterface {
  name = 'PosteOperation1764100000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "poste" ADD "operation_habitat_id" uuid`);
    await q.query(`CREATE INDEX "idx_poste_operation_habitat" ON "poste"  ("operation_habitat_id") `);
    await q.query(
      `ALTER TABLE "poste" ADD CONSTRAINT "fk_poste_operation_habitat" FOREIGN KEY ("operation_habitat_id") REFERENCES "operation_habitat"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "poste" DROP CONSTRAINT "fk_poste_operation_habitat"`);
    await q.query(`DROP INDEX "public"."idx_poste_operation_habitat"`);
    await q.query(`ALTER TABLE "poste" DROP COLUMN "operation_habitat_id"`);
  }
}
