import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ANCT's national bulk loading: each import (its file kept until it is applied, its preview,
 * its counts) and its line report; ORT and thematic participations get the external reference they
 * are matched on, and the source and date of their data.
 */
export class ImportsNationaux1764100000018 implements MigrationInterface {
  name = 'ImportsNationaux1764100000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "import_national" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(20) NOT NULL, "demarche_id" uuid, "nom_fichier" text NOT NULL, "fichier" bytea, "statut" character varying(20) NOT NULL DEFAULT 'apercu', "apercu" jsonb, "total_lignes" integer NOT NULL DEFAULT '0', "lignes_traitees" integer NOT NULL DEFAULT '0', "crees" integer NOT NULL DEFAULT '0', "mis_a_jour" integer NOT NULL DEFAULT '0', "inchanges" integer NOT NULL DEFAULT '0', "rejetes" integer NOT NULL DEFAULT '0', "rejets_total" integer NOT NULL DEFAULT '0', "changements_total" integer NOT NULL DEFAULT '0', "erreur" text, "job_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirme_le" TIMESTAMP WITH TIME ZONE, "termine_le" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_import_national_type" CHECK ("type" IN ('orts', 'participations', 'conventions')), CONSTRAINT "ck_import_national_statut" CHECK ("statut" IN ('apercu', 'en_attente', 'en_cours', 'termine', 'echoue')), CONSTRAINT "ck_import_national_demarche" CHECK (("type" = 'participations') = ("demarche_id" IS NOT NULL)), CONSTRAINT "PK_import_national" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_import_national_created" ON "import_national"  ("created_at") `);
    await q.query(`ALTER TABLE "import_national" ADD CONSTRAINT "fk_import_national_demarche" FOREIGN KEY ("demarche_id") REFERENCES "demarche"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "import_national" ADD CONSTRAINT "fk_import_national_user" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(
      `CREATE TABLE "import_national_ligne" ("import_id" uuid NOT NULL, "numero" integer NOT NULL, "nature" character varying(20) NOT NULL, "ligne" integer, "colonne" character varying(100), "motif" text, "reference" text, "champs" jsonb, CONSTRAINT "ck_import_national_ligne_nature" CHECK ("nature" IN ('erreur', 'changement')), CONSTRAINT "PK_import_national_ligne" PRIMARY KEY ("import_id", "numero"))`,
    );
    await q.query(`CREATE INDEX "idx_import_national_ligne_nature" ON "import_national_ligne"  ("import_id", "nature", "numero") `);
    await q.query(
      `ALTER TABLE "import_national_ligne" ADD CONSTRAINT "fk_import_national_ligne_import" FOREIGN KEY ("import_id") REFERENCES "import_national"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await q.query(`ALTER TABLE "ort" ADD COLUMN IF NOT EXISTS "reference_externe" character varying(100)`);
    await q.query(`ALTER TABLE "ort" ADD COLUMN IF NOT EXISTS "source" text`);
    await q.query(`ALTER TABLE "ort" ADD COLUMN IF NOT EXISTS "date_source" date`);
    await q.query(`CREATE UNIQUE INDEX "uq_ort_reference_externe" ON "ort"  ("reference_externe") WHERE "reference_externe" IS NOT NULL`);
    await q.query(`ALTER TABLE "demarche_participation" ADD COLUMN IF NOT EXISTS "reference_externe" character varying(100)`);
    await q.query(`ALTER TABLE "demarche_participation" ADD COLUMN IF NOT EXISTS "source" text`);
    await q.query(`ALTER TABLE "demarche_participation" ADD COLUMN IF NOT EXISTS "date_source" date`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_demarche_participation_reference" ON "demarche_participation"  ("demarche_id", "commune_insee", "reference_externe") WHERE "reference_externe" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_demarche_participation_reference"`);
    await q.query(`ALTER TABLE "demarche_participation" DROP COLUMN "date_source"`);
    await q.query(`ALTER TABLE "demarche_participation" DROP COLUMN "source"`);
    await q.query(`ALTER TABLE "demarche_participation" DROP COLUMN "reference_externe"`);
    await q.query(`DROP INDEX "uq_ort_reference_externe"`);
    await q.query(`ALTER TABLE "ort" DROP COLUMN "date_source"`);
    await q.query(`ALTER TABLE "ort" DROP COLUMN "source"`);
    await q.query(`ALTER TABLE "ort" DROP COLUMN "reference_externe"`);
    await q.query(`DROP TABLE "import_national_ligne"`);
    await q.query(`DROP TABLE "import_national"`);
  }
}
