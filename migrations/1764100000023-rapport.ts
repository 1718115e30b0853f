import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated « Points d'avancement »: one row per report asked for (scope, day), the background
 * job's status and progress, the PDF once rendered (bytea: a few hundred kilobytes, kept with the
 * row so every process serves it and a published report never changes), and its publication.
 */
export class Rapport1764100000023 implements MigrationInterface {
  name = 'Rapport1764100000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "rapport" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "portee_type" character varying(20) NOT NULL,
        "portee_code" character varying(10),
        "portee_libelle" text NOT NULL,
        "date_donnees" date NOT NULL,
        "statut" character varying(20) NOT NULL DEFAULT 'en_attente',
        "progression" smallint NOT NULL DEFAULT '0',
        "erreur" text,
        "job_id" uuid,
        "contenu" bytea,
        "taille" integer,
        "demande_par" uuid,
        "demande_par_libelle" text NOT NULL,
        "cree_le" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "genere_le" TIMESTAMP WITH TIME ZONE,
        "publie" boolean NOT NULL DEFAULT false,
        "publie_le" TIMESTAMP WITH TIME ZONE,
        "publie_par" uuid,
        CONSTRAINT "ck_rapport_statut" CHECK ("statut" IN ('en_attente', 'en_cours', 'pret', 'echec')),
        CONSTRAINT "ck_rapport_portee" CHECK ("portee_type" IN ('nation', 'region', 'departement')),
        CONSTRAINT "ck_rapport_progression" CHECK ("progression" BETWEEN 0 AND 100),
        CONSTRAINT "PK_rapport" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_rapport_cree_le" ON "rapport" ("cree_le") `);
    await q.query(
      `ALTER TABLE "rapport" ADD CONSTRAINT "fk_rapport_demande_par" FOREIGN KEY ("demande_par") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "rapport" ADD CONSTRAINT "fk_rapport_publie_par" FOREIGN KEY ("publie_par") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "rapport" DROP CONSTRAINT "fk_rapport_publie_par"`);
    await q.query(`ALTER TABLE "rapport" DROP CONSTRAINT "fk_rapport_demande_par"`);
    await q.query(`DROP INDEX "idx_rapport_cree_le"`);
    await q.query(`DROP TABLE "rapport"`);
  }
}
