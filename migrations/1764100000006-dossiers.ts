import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PVD dossier: contacts, conventions (adhésion, cadre, avenants) with their action plan and
 * workflow steps, documents with versions, dated programme parameters (the convention-cadre
 * delay), and the dossier each audit entry belongs to.
 */
export class Dossiers1764100000006 implements MigrationInterface {
  name = 'Dossiers1764100000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "convention" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pvd_id" uuid NOT NULL, "type" character varying(20) NOT NULL, "parent_id" uuid, "numero" integer, "etat" character varying(20) NOT NULL DEFAULT 'brouillon', "etat_depuis" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "objet" text, "diagnostic" text, "strategie" text, "vaut_ort" boolean NOT NULL DEFAULT false, "signataires" jsonb NOT NULL DEFAULT '[]', "date_signature" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_convention_avenant" CHECK (("type" = 'avenant') = ("parent_id" IS NOT NULL AND "numero" IS NOT NULL)), CONSTRAINT "ck_convention_etat" CHECK ("etat" IN ('brouillon', 'deposee', 'en_instruction', 'a_completer', 'validee', 'signee')), CONSTRAINT "ck_convention_type" CHECK ("type" IN ('adhesion', 'cadre', 'avenant')), CONSTRAINT "PK_c63491e72614dcea4f98dc22ba7" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_convention_etat" ON "convention"  ("etat") `);
    await q.query(`CREATE UNIQUE INDEX "uq_convention_avenant_numero" ON "convention"  ("parent_id", "numero") `);
    await q.query(`CREATE UNIQUE INDEX "uq_convention_pvd_type" ON "convention"  ("pvd_id", "type") WHERE "type" IN ('adhesion', 'cadre')`);
    await q.query(`CREATE TABLE "convention_action" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "convention_id" uuid NOT NULL, "position" integer NOT NULL, "intitule" text NOT NULL, "thematique" character varying(40) NOT NULL, "porteur" text, "date_debut" date, "date_fin" date, "statut" character varying(20) NOT NULL, CONSTRAINT "ck_convention_action_dates" CHECK ("date_fin" IS NULL OR "date_debut" IS NULL OR "date_fin" >= "date_debut"), CONSTRAINT "PK_546ae0772724a082a59f8dce760" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_convention_action_convention" ON "convention_action"  ("convention_id") `);
    await q.query(`CREATE TABLE "convention_transition" ("id" BIGSERIAL NOT NULL, "convention_id" uuid NOT NULL, "action" character varying(30) NOT NULL, "etat_avant" character varying(20), "etat_apres" character varying(20) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_label" text NOT NULL, "commentaire" text, "date_signature" date, "document_version_id" uuid, CONSTRAINT "PK_596a99c0351d8b8ede9ce3e2a0d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_convention_transition_convention" ON "convention_transition"  ("convention_id", "at") `);
    await q.query(`CREATE TABLE "document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pvd_id" uuid NOT NULL, "convention_id" uuid, "nature" character varying(30) NOT NULL, "titre" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e57d3357f83f3cdc0acffc3d777" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_document_pvd" ON "document"  ("pvd_id") `);
    await q.query(`CREATE INDEX "idx_document_convention" ON "document"  ("convention_id") `);
    await q.query(`CREATE TABLE "document_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "numero" integer NOT NULL, "nom_fichier" text NOT NULL, "type_mime" character varying(120) NOT NULL, "taille" bigint NOT NULL, "sha256" character(64) NOT NULL, "cle_stockage" text NOT NULL, "depose_le" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "depose_par" uuid, "depose_par_label" text NOT NULL, CONSTRAINT "PK_a4c39c95456c5dbb2e96cca713c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_document_version_numero" ON "document_version"  ("document_id", "numero") `);
    await q.query(`CREATE TABLE "pvd_contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pvd_id" uuid NOT NULL, "fonction" character varying(30) NOT NULL, "nom" text NOT NULL, "qualite" text, "email" character varying(254), "telephone" character varying(30), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_pvd_contact_fonction" CHECK ("fonction" IN ('chef_de_projet', 'elu_referent', 'referent_prefecture')), CONSTRAINT "PK_f03fbf7285c2897caaf8001e0c2" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_pvd_contact_fonction" ON "pvd_contact"  ("pvd_id", "fonction") `);
    await q.query(`CREATE TABLE "programme_parametre" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cle" character varying(60) NOT NULL, "valeur" jsonb NOT NULL, "date_effet" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, CONSTRAINT "PK_1589c5dbb5f4e7d8b488c35c988" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_programme_parametre_cle_date" ON "programme_parametre"  ("cle", "date_effet") `);
    await q.query(`CREATE INDEX "idx_commune_region" ON "commune" ("region_code") `);
    await q.query(`ALTER TABLE "audit_log" ADD "pvd_id" uuid`);
    await q.query(`CREATE INDEX "idx_audit_log_pvd" ON "audit_log"  ("pvd_id", "at") `);
    await q.query(`ALTER TABLE "convention" ADD CONSTRAINT "fk_convention_pvd" FOREIGN KEY ("pvd_id") REFERENCES "pvd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "convention" ADD CONSTRAINT "fk_convention_parent" FOREIGN KEY ("parent_id") REFERENCES "convention"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "convention" ADD CONSTRAINT "fk_convention_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "convention_action" ADD CONSTRAINT "fk_convention_action_convention" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "convention_transition" ADD CONSTRAINT "fk_convention_transition_convention" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "convention_transition" ADD CONSTRAINT "fk_convention_transition_actor" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "document" ADD CONSTRAINT "fk_document_pvd" FOREIGN KEY ("pvd_id") REFERENCES "pvd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "document" ADD CONSTRAINT "fk_document_convention" FOREIGN KEY ("convention_id") REFERENCES "convention"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "document_version" ADD CONSTRAINT "fk_document_version_document" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "document_version" ADD CONSTRAINT "fk_document_version_user" FOREIGN KEY ("depose_par") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "pvd_contact" ADD CONSTRAINT "fk_pvd_contact_pvd" FOREIGN KEY ("pvd_id") REFERENCES "pvd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "pvd_contact" ADD CONSTRAINT "fk_pvd_contact_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "programme_parametre" ADD CONSTRAINT "fk_programme_parametre_user" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    // Workflow steps and uploaded versions are history: never rewritten.
    await q.query(`CREATE FUNCTION refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`);
    await q.query(`CREATE TRIGGER "trg_convention_transition_no_update" BEFORE UPDATE ON "convention_transition" FOR EACH ROW EXECUTE FUNCTION refuse_update()`);
    await q.query(`CREATE TRIGGER "trg_document_version_no_update" BEFORE UPDATE ON "document_version" FOR EACH ROW EXECUTE FUNCTION refuse_update()`);
    // The convention-cadre is due 18 months after the convention d'adhésion since the programme began.
    await q.query(`INSERT INTO "programme_parametre" ("cle", "valeur", "date_effet") VALUES ('delai_convention_cadre_mois', '18', '2020-10-01')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "trg_document_version_no_update" ON "document_version"`);
    await q.query(`DROP TRIGGER "trg_convention_transition_no_update" ON "convention_transition"`);
    await q.query(`DROP FUNCTION refuse_update()`);
    await q.query(`ALTER TABLE "programme_parametre" DROP CONSTRAINT "fk_programme_parametre_user"`);
    await q.query(`ALTER TABLE "pvd_contact" DROP CONSTRAINT "fk_pvd_contact_updated_by"`);
    await q.query(`ALTER TABLE "pvd_contact" DROP CONSTRAINT "fk_pvd_contact_pvd"`);
    await q.query(`ALTER TABLE "document_version" DROP CONSTRAINT "fk_document_version_user"`);
    await q.query(`ALTER TABLE "document_version" DROP CONSTRAINT "fk_document_version_document"`);
    await q.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_convention"`);
    await q.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_pvd"`);
    await q.query(`ALTER TABLE "convention_transition" DROP CONSTRAINT "fk_convention_transition_actor"`);
    await q.query(`ALTER TABLE "convention_transition" DROP CONSTRAINT "fk_convention_transition_convention"`);
    await q.query(`ALTER TABLE "convention_action" DROP CONSTRAINT "fk_convention_action_convention"`);
    await q.query(`ALTER TABLE "convention" DROP CONSTRAINT "fk_convention_updated_by"`);
    await q.query(`ALTER TABLE "convention" DROP CONSTRAINT "fk_convention_parent"`);
    await q.query(`ALTER TABLE "convention" DROP CONSTRAINT "fk_convention_pvd"`);
    await q.query(`DROP INDEX "public"."idx_audit_log_pvd"`);
    await q.query(`DROP INDEX "public"."idx_commune_region"`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "pvd_id"`);
    await q.query(`DROP INDEX "public"."uq_programme_parametre_cle_date"`);
    await q.query(`DROP TABLE "programme_parametre"`);
    await q.query(`DROP INDEX "public"."uq_pvd_contact_fonction"`);
    await q.query(`DROP TABLE "pvd_contact"`);
    await q.query(`DROP INDEX "public"."uq_document_version_numero"`);
    await q.query(`DROP TABLE "document_version"`);
    await q.query(`DROP INDEX "public"."idx_document_convention"`);
    await q.query(`DROP INDEX "public"."idx_document_pvd"`);
    await q.query(`DROP TABLE "document"`);
    await q.query(`DROP INDEX "public"."idx_convention_transition_convention"`);
    await q.query(`DROP TABLE "convention_transition"`);
    await q.query(`DROP INDEX "public"."idx_convention_action_convention"`);
    await q.query(`DROP TABLE "convention_action"`);
    await q.query(`DROP INDEX "public"."uq_convention_pvd_type"`);
    await q.query(`DROP INDEX "public"."uq_convention_avenant_numero"`);
    await q.query(`DROP INDEX "public"."idx_convention_etat"`);
    await q.query(`DROP TABLE "convention"`);
  }
}
