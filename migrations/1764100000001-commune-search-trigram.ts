import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Substring search on commune names ("ville" in "Villeneuve-sur-Lot") through a trigram index.
 * pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
 */
export class CommuneSearchTrigram1764100000001 implements MigrationInterface {
  name = 'CommuneSearchTrigram1764100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "idx_commune_nom_trgm" ON "commune" USING gin ("nom_recherche" gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_commune_nom_trgm"`);
  }
}
