import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The financing lists show the most recent status first: an index on that order lets a page of the
 * national list (tens of thousands of lines) stop after its 50 rows instead of sorting them all.
 */
export class FinancementRecence1764100000009 implements MigrationInterface {
  name = 'FinancementRecence1764100000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "idx_ligne_financement_recence" ON "ligne_financement" ((COALESCE("date_versement", "date_contractualisation", "date_engagement", "date_demande")) DESC NULLS LAST, "created_at" DESC, "id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_ligne_financement_recence"`);
  }
}
