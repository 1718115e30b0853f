import { MigrationInterface, QueryRunner } from 'typeorm';

/** Référentiel (régions, départements, EPCI, communes), accounts and sessions, PVDs and their imports, audit log. */
export class Initial1764100000000 implements MigrationInterface {
  name = 'Initial1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_label" text NOT NULL, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, "request_id" text, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_entity" ON "audit_log"  ("entity_type", "entity_id") `);
    await queryRunner.query(`CREATE TABLE "region" ("code" character varying(3) NOT NULL, "nom" text NOT NULL, CONSTRAINT "PK_74f7723fdff738f92929c0056cb" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "departement" ("code" character varying(3) NOT NULL, "nom" text NOT NULL, "region_code" character varying(3) NOT NULL, "chef_lieu" character varying(5), CONSTRAINT "PK_ada6d1fc4f9bf4122ecb2966c78" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE INDEX "idx_departement_region" ON "departement"  ("region_code") `);
    await queryRunner.query(`CREATE TABLE "epci" ("siren" character varying(9) NOT NULL, "nom" text NOT NULL, "type" character varying(10) NOT NULL, "population" integer, CONSTRAINT "PK_579c5569c97144a7e0c5e299554" PRIMARY KEY ("siren"))`);
    await queryRunner.query(`CREATE TABLE "commune" ("insee" character varying(5) NOT NULL, "siren" character varying(9), "nom" text NOT NULL, "nom_recherche" text NOT NULL, "population" integer, "departement_code" character varying(3) NOT NULL, "region_code" character varying(3) NOT NULL, "epci_siren" character varying(9), "densite" smallint, CONSTRAINT "chk_commune_densite" CHECK (densite BETWEEN 1 AND 7), CONSTRAINT "PK_369aa7bf108e636f10ecc81fb0d" PRIMARY KEY ("insee"))`);
    await queryRunner.query(`CREATE INDEX "idx_commune_departement" ON "commune"  ("departement_code") `);
    await queryRunner.query(`CREATE INDEX "idx_commune_epci" ON "commune"  ("epci_siren") `);
    await queryRunner.query(`CREATE TABLE "commune_ancienne" ("insee" character varying(5) NOT NULL, "nom" text NOT NULL, "type" character varying(20) NOT NULL, "commune_actuelle_insee" character varying(5), CONSTRAINT "PK_ed50bd6529aec8a6030306dc3c3" PRIMARY KEY ("insee"))`);
    await queryRunner.query(`CREATE TABLE "referentiel_meta" ("key" text NOT NULL, "value" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_af6fb336ab09538e58d2c9f7aec" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "role" character varying(32) NOT NULL, "commune_insee" character varying(5), "departement_code" character varying(3), "password_hash" text, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_email" ON "app_user"  ("email") `);
    await queryRunner.query(`CREATE TABLE "user_session" ("id" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ip" text, "user_agent" text, CONSTRAINT "PK_adf3b49590842ac3cf54cac451a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_user_session_user" ON "user_session"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "idx_user_session_expires" ON "user_session"  ("expires_at") `);
    await queryRunner.query(`CREATE TABLE "pvd" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "id_pvd" character varying(40) NOT NULL, "epci_siren" character varying(9), "date_selection" date, "date_convention_adhesion" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_50bdb3ab6e043a7a36f0ba7d8c1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_pvd_id_pvd" ON "pvd"  ("id_pvd") `);
    await queryRunner.query(`CREATE TABLE "pvd_commune" ("commune_insee" character varying(5) NOT NULL, "pvd_id" uuid NOT NULL, CONSTRAINT "PK_94a53109663dd51ab3bd15e05f0" PRIMARY KEY ("commune_insee"))`);
    await queryRunner.query(`CREATE INDEX "idx_pvd_commune_pvd" ON "pvd_commune"  ("pvd_id") `);
    await queryRunner.query(`CREATE TABLE "pvd_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "file_name" text NOT NULL, "format" character varying(20) NOT NULL, "imported_by" uuid, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "total_lines" integer NOT NULL, "created" integer NOT NULL, "updated" integer NOT NULL, "unchanged" integer NOT NULL, "rejected" integer NOT NULL, "report" jsonb NOT NULL, CONSTRAINT "PK_180de429e349ceaccb24e70865c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_pvd_import_at" ON "pvd_import"  ("imported_at") `);
    await queryRunner.query(`ALTER TABLE "departement" ADD CONSTRAINT "fk_departement_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "commune" ADD CONSTRAINT "fk_commune_departement" FOREIGN KEY ("departement_code") REFERENCES "departement"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "commune" ADD CONSTRAINT "fk_commune_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "commune" ADD CONSTRAINT "fk_commune_epci" FOREIGN KEY ("epci_siren") REFERENCES "epci"("siren") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_commune" FOREIGN KEY ("commune_insee") REFERENCES "commune"("insee") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_departement" FOREIGN KEY ("departement_code") REFERENCES "departement"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_session" ADD CONSTRAINT "fk_user_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pvd" ADD CONSTRAINT "fk_pvd_epci" FOREIGN KEY ("epci_siren") REFERENCES "epci"("siren") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pvd_commune" ADD CONSTRAINT "fk_pvd_commune_commune" FOREIGN KEY ("commune_insee") REFERENCES "commune"("insee") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pvd_commune" ADD CONSTRAINT "fk_pvd_commune_pvd" FOREIGN KEY ("pvd_id") REFERENCES "pvd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "pvd_import" ADD CONSTRAINT "fk_pvd_import_user" FOREIGN KEY ("imported_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    // Accent-insensitive name search: prefix and substring LIKE on the normalised name
    await queryRunner.query(`CREATE INDEX "idx_commune_nom_recherche" ON "commune" ("nom_recherche" text_pattern_ops)`);
    // The audit log is append-only
    await queryRunner.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END
    $$`);
    await queryRunner.query(`CREATE TRIGGER "trg_audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_audit_log_append_only" ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
    await queryRunner.query(`DROP INDEX "idx_commune_nom_recherche"`);
    await queryRunner.query(`ALTER TABLE "pvd_import" DROP CONSTRAINT "fk_pvd_import_user"`);
    await queryRunner.query(`ALTER TABLE "pvd_commune" DROP CONSTRAINT "fk_pvd_commune_pvd"`);
    await queryRunner.query(`ALTER TABLE "pvd_commune" DROP CONSTRAINT "fk_pvd_commune_commune"`);
    await queryRunner.query(`ALTER TABLE "pvd" DROP CONSTRAINT "fk_pvd_epci"`);
    await queryRunner.query(`ALTER TABLE "user_session" DROP CONSTRAINT "fk_user_session_user"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_departement"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_commune"`);
    await queryRunner.query(`ALTER TABLE "commune" DROP CONSTRAINT "fk_commune_epci"`);
    await queryRunner.query(`ALTER TABLE "commune" DROP CONSTRAINT "fk_commune_region"`);
    await queryRunner.query(`ALTER TABLE "commune" DROP CONSTRAINT "fk_commune_departement"`);
    await queryRunner.query(`ALTER TABLE "departement" DROP CONSTRAINT "fk_departement_region"`);
    await queryRunner.query(`DROP INDEX "public"."idx_pvd_import_at"`);
    await queryRunner.query(`DROP TABLE "pvd_import"`);
    await queryRunner.query(`DROP INDEX "public"."idx_pvd_commune_pvd"`);
    await queryRunner.query(`DROP TABLE "pvd_commune"`);
    await queryRunner.query(`DROP INDEX "public"."uq_pvd_id_pvd"`);
    await queryRunner.query(`DROP TABLE "pvd"`);
    await queryRunner.query(`DROP INDEX "public"."idx_user_session_expires"`);
    await queryRunner.query(`DROP INDEX "public"."idx_user_session_user"`);
    await queryRunner.query(`DROP TABLE "user_session"`);
    await queryRunner.query(`DROP INDEX "public"."uq_app_user_email"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TABLE "referentiel_meta"`);
    await queryRunner.query(`DROP TABLE "commune_ancienne"`);
    await queryRunner.query(`DROP INDEX "public"."idx_commune_epci"`);
    await queryRunner.query(`DROP INDEX "public"."idx_commune_departement"`);
    await queryRunner.query(`DROP TABLE "commune"`);
    await queryRunner.query(`DROP TABLE "epci"`);
    await queryRunner.query(`DROP INDEX "public"."idx_departement_region"`);
    await queryRunner.query(`DROP TABLE "departement"`);
    await queryRunner.query(`DROP TABLE "region"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_entity"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
