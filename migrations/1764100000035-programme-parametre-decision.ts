import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bitemporal programme parameters (issue 16, item 9): each value records the day it was decided
 * (`decide_le`) and the reference of the decision (`reference`), so that a decision taken after
 * the fact (a State participation extended in June for April and May) can be entered, and a
 * figure « as known on » a day uses only what had been decided by then.
 *
 * Existing rows: `decide_le` = the earlier of their entry day (created_at as a Europe/Paris
 * calendar day) and their effective date.
 * - Rows entered through the parameters page could not take effect before the day they were
 *   entered (the API refused past dates), so their effective date is on or after their entry day:
 *   the entry day is the latest day the decision can have been taken, and the only one the
 *   platform knew of. As of any earlier day, the platform did not know the value: keeping that is
 *   what « as known on » means.
 * - The rows loaded by migrations 1764100000006/7 take effect on 1 October 2020 and were entered
 *   years later; they are the programme's published rules (programme-rules.md), in force since
 *   its launch and equal to the defaults the code used before: they count as decided on their
 *   effective date. Dating them from the migration's run would make the programme's launch rules
 *   « retroactive » and unknown as of any day before that run, which is false.
 * Both cases give `decide_le <= date_effet`: no existing row is retroactive, none needs a reference.
 *
 * A later decision may replace a value from the same date (a correction): the unique index on
 * (cle, date_effet) becomes a plain index; the API still refuses a second value to come on the
 * same date (cancel the first).
 */
export class ProgrammeParametreDecision1764100000035 implements MigrationInterface {
  name = 'ProgrammeParametreDecision1764100000035';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "programme_parametre" ADD "decide_le" date`);
    await q.query(`ALTER TABLE "programme_parametre" ADD "reference" text`);
    await q.query(`UPDATE "programme_parametre" SET "decide_le" = LEAST(("created_at" AT TIME ZONE 'Europe/Paris')::date, "date_effet")`);
    await q.query(`ALTER TABLE "programme_parametre" ALTER COLUMN "decide_le" SET NOT NULL`);
    await q.query(`DROP INDEX "public"."uq_programme_parametre_cle_date"`);
    await q.query(`CREATE INDEX "idx_programme_parametre_cle_date" ON "programme_parametre" ("cle", "date_effet") `);
    await q.query(
      `ALTER TABLE "programme_parametre" ADD CONSTRAINT "ck_programme_parametre_retroactif_reference" CHECK ("date_effet" >= "decide_le" OR "reference" IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "programme_parametre" DROP CONSTRAINT "ck_programme_parametre_retroactif_reference"`);
    await q.query(`DROP INDEX "public"."idx_programme_parametre_cle_date"`);
    // Of several values from one date, only the one that applies stays (the unique index comes back).
    await q.query(
      `DELETE FROM "programme_parametre" p USING "programme_parametre" o
        WHERE o."cle" = p."cle" AND o."date_effet" = p."date_effet" AND (o."decide_le", o."created_at") > (p."decide_le", p."created_at")`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_programme_parametre_cle_date" ON "programme_parametre" ("cle", "date_effet") `);
    await q.query(`ALTER TABLE "programme_parametre" DROP COLUMN "reference"`);
    await q.query(`ALTER TABLE "programme_parametre" DROP COLUMN "decide_le"`);
  }
}
