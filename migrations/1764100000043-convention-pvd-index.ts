import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dossier's conventions, its avenants included, read through the dossier's key: without it the
 * dossier's first screen scanned every convention of the nation (3,777 rows at twice national size
 * for three).
 */
export class ConventionPvdIndex1764100000043 implements MigrationInterface {
  name = 'ConventionPvdIndex1764100000043';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_convention_pvd" ON "convention" ("pvd_id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_convention_pvd"`);
  }
}
