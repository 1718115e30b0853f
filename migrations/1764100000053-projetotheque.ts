import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The projetothèque (issue 19): project sheets (`fiche_projet`, whose statut, publiee_le and
 * depubliee_le the indicators engine reads for C1), their photos (stored as documents of the PVD)
 * and their private review comments (ADR 0017).
 */
export class Projetotheque1764100000053 implements MigrationInterface {
  name = 'Projetotheque1764100000053';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "fiche_projet" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pvd_id" uuid NOT NULL, "titre" text NOT NULL, "themes" text array NOT NULL DEFAULT '{}', "resume" text, "resultats" text, "budget_total" bigint, "financements" jsonb NOT NULL DEFAULT '[]', "partenaires" text array NOT NULL DEFAULT '{}', "contact_fonction" text, "contact_organisation" text, "contact_email" text, "contact_telephone" text, "statut" character varying(20) NOT NULL DEFAULT 'brouillon', "publiee_le" date, "depubliee_le" date, "soumise_le" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "soumise_par" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_fiche_projet_publiee" CHECK ("statut" <> 'publiee' OR "publiee_le" IS NOT NULL), CONSTRAINT "ck_fiche_projet_budget" CHECK ("budget_total" IS NULL OR "budget_total" BETWEEN 0 AND 100000000000), CONSTRAINT "ck_fiche_projet_textes" CHECK (char_length("resume") <= 3000 AND char_length("resultats") <= 5000), CONSTRAINT "ck_fiche_projet_titre" CHECK (char_length("titre") BETWEEN 1 AND 150), CONSTRAINT "ck_fiche_projet_statut" CHECK ("statut" IN ('brouillon', 'en_revue', 'a_modifier', 'publiee', 'depubliee')), CONSTRAINT "PK_363dff56e572051687c6ae19808" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_fiche_projet_pvd" ON "fiche_projet"  ("pvd_id")`);
    await q.query(`CREATE INDEX "idx_fiche_projet_statut" ON "fiche_projet"  ("statut", "publiee_le")`);
    await q.query(`CREATE TABLE "fiche_projet_photo" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "fiche_id" uuid NOT NULL, "document_id" uuid NOT NULL, "texte_alternatif" text NOT NULL, "legende" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_fiche_projet_photo_legende" CHECK (char_length("legende") <= 250), CONSTRAINT "ck_fiche_projet_photo_alt" CHECK (char_length("texte_alternatif") BETWEEN 1 AND 250), CONSTRAINT "PK_7c06707f16a007a4f49c5f2b77a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_fiche_projet_photo_fiche" ON "fiche_projet_photo"  ("fiche_id")`);
    await q.query(`CREATE UNIQUE INDEX "uq_fiche_projet_photo_document" ON "fiche_projet_photo"  ("document_id")`);
    await q.query(`CREATE TABLE "fiche_projet_commentaire" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "fiche_id" uuid NOT NULL, "auteur_id" uuid, "auteur_label" text NOT NULL, "nature" character varying(30) NOT NULL DEFAULT 'commentaire', "texte" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_fiche_projet_commentaire_nature" CHECK ("nature" IN ('commentaire', 'demande_modifications')), CONSTRAINT "ck_fiche_projet_commentaire_texte" CHECK (char_length("texte") BETWEEN 1 AND 3000), CONSTRAINT "PK_14815cef0432e412f4208531a3f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_fiche_projet_commentaire_fiche" ON "fiche_projet_commentaire"  ("fiche_id", "created_at")`);
    await q.query(`ALTER TABLE "fiche_projet" ADD CONSTRAINT "fk_fiche_projet_pvd" FOREIGN KEY ("pvd_id") REFERENCES "pvd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "fiche_projet" ADD CONSTRAINT "fk_fiche_projet_created_by" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "fiche_projet" ADD CONSTRAINT "fk_fiche_projet_soumise_par" FOREIGN KEY ("soumise_par") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "fiche_projet_photo" ADD CONSTRAINT "fk_fiche_projet_photo_fiche" FOREIGN KEY ("fiche_id") REFERENCES "fiche_projet"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "fiche_projet_photo" ADD CONSTRAINT "fk_fiche_projet_photo_document" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "fiche_projet_commentaire" ADD CONSTRAINT "fk_fiche_projet_commentaire_fiche" FOREIGN KEY ("fiche_id") REFERENCES "fiche_projet"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "fiche_projet_commentaire" ADD CONSTRAINT "fk_fiche_projet_commentaire_auteur" FOREIGN KEY ("auteur_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "fiche_projet_commentaire" DROP CONSTRAINT "fk_fiche_projet_commentaire_auteur"`);
    await q.query(`ALTER TABLE "fiche_projet_commentaire" DROP CONSTRAINT "fk_fiche_projet_commentaire_fiche"`);
    await q.query(`ALTER TABLE "fiche_projet_photo" DROP CONSTRAINT "fk_fiche_projet_photo_document"`);
    await q.query(`ALTER TABLE "fiche_projet_photo" DROP CONSTRAINT "fk_fiche_projet_photo_fiche"`);
    await q.query(`ALTER TABLE "fiche_projet" DROP CONSTRAINT "fk_fiche_projet_soumise_par"`);
    await q.query(`ALTER TABLE "fiche_projet" DROP CONSTRAINT "fk_fiche_projet_created_by"`);
    await q.query(`ALTER TABLE "fiche_projet" DROP CONSTRAINT "fk_fiche_projet_pvd"`);
    await q.query(`DROP INDEX "public"."idx_fiche_projet_commentaire_fiche"`);
    await q.query(`DROP TABLE "fiche_projet_commentaire"`);
    await q.query(`DROP INDEX "public"."uq_fiche_projet_photo_document"`);
    await q.query(`DROP INDEX "public"."idx_fiche_projet_photo_fiche"`);
    await q.query(`DROP TABLE "fiche_projet_photo"`);
    await q.query(`DROP INDEX "public"."idx_fiche_projet_statut"`);
    await q.query(`DROP INDEX "public"."idx_fiche_projet_pvd"`);
    await q.query(`DROP TABLE "fiche_projet"`);
  }
}
