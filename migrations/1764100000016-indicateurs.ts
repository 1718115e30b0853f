import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the indicators engine reads beyond the records themselves: the engagement date of each
 * expertise mission (backfilled for financed missions from their start, else request, else
 * creation day), dated reference values the ANCT enters for shares of a national total outside
 * the programme (all France services, MaPrimeRénov' by département), and an index that finds an
 * EPCI's seat (its most populous commune) in one step.
 */
export class Indicateurs1764100000016 implements MigrationInterface {
  name = 'Indicateurs1764100000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "mission" ADD "date_engagement" date`);
    await q.query(
      `UPDATE "mission" SET "date_engagement" = COALESCE("date_debut", "date_demande", ("created_at" AT TIME ZONE 'Europe/Paris')::date)
        WHERE "statut" IN ('accordee', 'en_cours', 'livree')`,
    );
    await q.query(
      `CREATE TABLE "valeur_reference" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cle" character varying(40) NOT NULL, "zone_type" character varying(12) NOT NULL, "zone_code" character varying(3) NOT NULL DEFAULT '', "date_valeur" date NOT NULL, "valeur" numeric(18,2) NOT NULL, "source" text NOT NULL, "commentaire" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, CONSTRAINT "ck_valeur_reference_zone" CHECK ("zone_type" IN ('nation', 'region', 'departement') AND (("zone_type" = 'nation') = ("zone_code" = ''))), CONSTRAINT "ck_valeur_reference_valeur" CHECK ("valeur" >= 0), CONSTRAINT "PK_valeur_reference" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_valeur_reference" ON "valeur_reference" ("cle", "zone_type", "zone_code", "date_valeur") `);
    await q.query(
      `ALTER TABLE "valeur_reference" ADD CONSTRAINT "fk_valeur_reference_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(`CREATE INDEX "idx_commune_epci_siege" ON "commune" ("epci_siren", "population" DESC NULLS LAST, "insee") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_commune_epci_siege"`);
    await q.query(`DROP TABLE "valeur_reference"`);
    await q.query(`ALTER TABLE "mission" DROP COLUMN "date_engagement"`);
  }
}
