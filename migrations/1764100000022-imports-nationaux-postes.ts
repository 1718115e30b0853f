import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * National imports of chef de projet posts: a post gets the external reference it is matched on
 * and the source and date of its data; an import may be of posts; its report keeps warnings (a
 * former commune code read as its successor) besides rejections and changes.
 */
export class ImportsNationauxPostes1764100000022 implements MigrationInterface {
  name = 'ImportsNationauxPostes1764100000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "poste" ADD "reference_externe" character varying(100)`);
    await q.query(`ALTER TABLE "poste" ADD "source" text`);
    await q.query(`ALTER TABLE "poste" ADD "date_source" date`);
    await q.query(`CREATE UNIQUE INDEX "uq_poste_reference_externe" ON "poste"  ("reference_externe") WHERE "reference_externe" IS NOT NULL`);
    await q.query(`ALTER TABLE "import_national" DROP CONSTRAINT "ck_import_national_type"`);
    await q.query(`ALTER TABLE "import_national" ADD CONSTRAINT "ck_import_national_type" CHECK ("type" IN ('orts', 'participations', 'conventions', 'postes'))`);
    await q.query(`ALTER TABLE "import_national" ADD "avertissements_total" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "import_national_ligne" DROP CONSTRAINT "ck_import_national_ligne_nature"`);
    await q.query(`ALTER TABLE "import_national_ligne" ADD CONSTRAINT "ck_import_national_ligne_nature" CHECK ("nature" IN ('erreur', 'changement', 'avertissement'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "import_national_ligne" WHERE "nature" = 'avertissement'`);
    await q.query(`ALTER TABLE "import_national_ligne" DROP CONSTRAINT "ck_import_national_ligne_nature"`);
    await q.query(`ALTER TABLE "import_national_ligne" ADD CONSTRAINT "ck_import_national_ligne_nature" CHECK ("nature" IN ('erreur', 'changement'))`);
    await q.query(`ALTER TABLE "import_national" DROP COLUMN "avertissements_total"`);
    await q.query(`DELETE FROM "import_national" WHERE "type" = 'postes'`);
    await q.query(`ALTER TABLE "import_national" DROP CONSTRAINT "ck_import_national_type"`);
    await q.query(`ALTER TABLE "import_national" ADD CONSTRAINT "ck_import_national_type" CHECK ("type" IN ('orts', 'participations', 'conventions'))`);
    await q.query(`DROP INDEX "uq_poste_reference_externe"`);
    await q.query(`ALTER TABLE "poste" DROP COLUMN "date_source"`);
    await q.query(`ALTER TABLE "poste" DROP COLUMN "source"`);
    await q.query(`ALTER TABLE "poste" DROP COLUMN "reference_externe"`);
  }
}
