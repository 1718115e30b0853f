import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partner import's line report moves from two jsonb values on the import (which PostgreSQL
 * cannot hold beyond 256 MB, and which had to be read whole) to one row per reported line. The
 * existing reports are moved, in their order, and the import keeps their counts.
 */
export class ImportPartenaireLignes1764100000011 implements MigrationInterface {
  name = 'ImportPartenaireLignes1764100000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "import_partenaire_ligne" ("import_id" uuid NOT NULL, "numero" integer NOT NULL, "nature" character varying(20) NOT NULL, "ligne" integer, "colonne" character varying(100), "motif" text, "reference" text, "champs" jsonb, CONSTRAINT "ck_import_partenaire_ligne_nature" CHECK ("nature" IN ('erreur', 'avertissement', 'changement')), CONSTRAINT "PK_import_partenaire_ligne" PRIMARY KEY ("import_id", "numero"))`,
    );
    await q.query(`CREATE INDEX "idx_import_partenaire_ligne_nature" ON "import_partenaire_ligne"  ("import_id", "nature", "numero") `);
    await q.query(
      `ALTER TABLE "import_partenaire_ligne" ADD CONSTRAINT "fk_import_partenaire_ligne_import" FOREIGN KEY ("import_id") REFERENCES "import_partenaire"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "import_partenaire" ADD "rejets_total" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "import_partenaire" ADD "changements_total" integer NOT NULL DEFAULT '0'`);
    // Rejections first, then changes, each in their stored order.
    await q.query(
      `INSERT INTO "import_partenaire_ligne" ("import_id", "numero", "nature", "ligne", "colonne", "motif")
       SELECT i.id, x.n, 'erreur', (x.e->>'ligne')::int, left(x.e->>'colonne', 100), x.e->>'motif'
         FROM "import_partenaire" i, jsonb_array_elements(i.rejets) WITH ORDINALITY AS x(e, n)`,
    );
    await q.query(
      `INSERT INTO "import_partenaire_ligne" ("import_id", "numero", "nature", "reference", "champs")
       SELECT i.id, jsonb_array_length(i.rejets) + x.n, 'changement', x.e->>'reference', x.e->'champs'
         FROM "import_partenaire" i, jsonb_array_elements(i.changements) WITH ORDINALITY AS x(e, n)`,
    );
    await q.query(`UPDATE "import_partenaire" SET "rejets_total" = jsonb_array_length("rejets"), "changements_total" = jsonb_array_length("changements")`);
    await q.query(`ALTER TABLE "import_partenaire" DROP COLUMN "rejets"`);
    await q.query(`ALTER TABLE "import_partenaire" DROP COLUMN "changements"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import_partenaire" ADD "changements" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "import_partenaire" ADD "rejets" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(
      `UPDATE "import_partenaire" i
          SET "rejets" = COALESCE((SELECT jsonb_agg(jsonb_build_object('ligne', l.ligne, 'colonne', l.colonne, 'motif', l.motif) ORDER BY l.numero) FROM "import_partenaire_ligne" l WHERE l.import_id = i.id AND l.nature = 'erreur'), '[]'),
              "changements" = COALESCE((SELECT jsonb_agg(jsonb_build_object('reference', l.reference, 'champs', l.champs) ORDER BY l.numero) FROM "import_partenaire_ligne" l WHERE l.import_id = i.id AND l.nature = 'changement'), '[]')`,
    );
    await q.query(`ALTER TABLE "import_partenaire" DROP COLUMN "changements_total"`);
    await q.query(`ALTER TABLE "import_partenaire" DROP COLUMN "rejets_total"`);
    await q.query(`ALTER TABLE "import_partenaire_ligne" DROP CONSTRAINT "fk_import_partenaire_ligne_import"`);
    await q.query(`DROP INDEX "public"."idx_import_partenaire_ligne_nature"`);
    await q.query(`DROP TABLE "import_partenaire_ligne"`);
  }
}
