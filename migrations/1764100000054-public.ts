import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public pages (issue 19, item 4): the indicators the ANCT marks public (table named by the Club
 * contract), and the list's version (one row) for conflict-free changes.
 */
export class Public1764100000054 implements MigrationInterface {
  name = 'Public1764100000054';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "indicateur_public" ("indicateur_id" character varying(8) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, CONSTRAINT "PK_indicateur_public" PRIMARY KEY ("indicateur_id"))`,
    );
    await q.query(
      `CREATE TABLE "indicateur_public_liste" ("id" smallint NOT NULL DEFAULT '1', "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, CONSTRAINT "ck_indicateur_public_liste_unique" CHECK ("id" = 1), CONSTRAINT "PK_indicateur_public_liste" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `ALTER TABLE "indicateur_public" ADD CONSTRAINT "fk_indicateur_public_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "indicateur_public_liste" ADD CONSTRAINT "fk_indicateur_public_liste_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(`INSERT INTO "indicateur_public_liste" ("id") VALUES (1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "indicateur_public_liste" DROP CONSTRAINT "fk_indicateur_public_liste_updated_by"`);
    await q.query(`ALTER TABLE "indicateur_public" DROP CONSTRAINT "fk_indicateur_public_created_by"`);
    await q.query(`DROP TABLE "indicateur_public_liste"`);
    await q.query(`DROP TABLE "indicateur_public"`);
  }
}
