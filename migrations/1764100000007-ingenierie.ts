import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Engineering support: the co-financed chef de projet post (holders, yearly costs, co-financers,
 * the habitat operation opening the Anah, yearly requests and payments), the funders' list,
 * expertise missions with their deliverables, and the subsidy parameters with their defaults
 * from programme-rules.md, in force since the programme began.
 */
export class Ingenierie1764100000007 implements MigrationInterface {
  name = 'Ingenierie1764100000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "financeur" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(40) NOT NULL, "nom" text NOT NULL, "organisation_id" uuid, "actif" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_9b43510f87868357a8f30b1080a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_financeur_code" ON "financeur"  ("code") `);
    await q.query(`CREATE INDEX "idx_financeur_organisation" ON "financeur"  ("organisation_id") `);
    await q.query(`CREATE TABLE "poste" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pvd_id" uuid NOT NULL, "intitule" text NOT NULL, "employeur_type" character varying(10) NOT NULL, "employeur_code" character varying(9) NOT NULL, "operation_type" character varying(20), "operation_libelle" text, "operation_debut" date, "operation_fin" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_poste_operation_dates" CHECK ("operation_fin" IS NULL OR "operation_debut" IS NULL OR "operation_fin" >= "operation_debut"), CONSTRAINT "ck_poste_employeur" CHECK ("employeur_type" IN ('commune', 'epci')), CONSTRAINT "PK_ab873d28c931d6a07dc0493882d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_poste_pvd" ON "poste"  ("pvd_id") `);
    await q.query(`CREATE TABLE "poste_titulaire" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "poste_id" uuid NOT NULL, "nom" text NOT NULL, "email" character varying(254), "telephone" character varying(30), "date_debut" date NOT NULL, "date_fin" date, "quotite" integer NOT NULL DEFAULT '100', CONSTRAINT "ck_poste_titulaire_quotite" CHECK ("quotite" BETWEEN 1 AND 100), CONSTRAINT "ck_poste_titulaire_dates" CHECK ("date_fin" IS NULL OR "date_fin" >= "date_debut"), CONSTRAINT "PK_d2fa61edf2b3102d21e24dc53ac" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_poste_titulaire_poste" ON "poste_titulaire"  ("poste_id") `);
    await q.query(`CREATE TABLE "poste_cout_annuel" ("poste_id" uuid NOT NULL, "annee" integer NOT NULL, "cout" bigint NOT NULL, CONSTRAINT "ck_poste_cout_annuel_cout" CHECK ("cout" >= 0), CONSTRAINT "PK_879302978d4f9b49cdb127a0e07" PRIMARY KEY ("poste_id", "annee"))`);
    await q.query(`CREATE TABLE "poste_cofinanceur" ("poste_id" uuid NOT NULL, "financeur" character varying(10) NOT NULL, "date_debut" date, "date_fin" date, "part" integer, CONSTRAINT "ck_poste_cofinanceur_dates" CHECK ("date_fin" IS NULL OR "date_debut" IS NULL OR "date_fin" >= "date_debut"), CONSTRAINT "ck_poste_cofinanceur_financeur" CHECK ("financeur" IN ('etat', 'bdt', 'anah')), CONSTRAINT "PK_d33d06ff0a8db436347c5fa756d" PRIMARY KEY ("poste_id", "financeur"))`);
    await q.query(`CREATE TABLE "demande_cofinancement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "poste_id" uuid NOT NULL, "annee" integer NOT NULL, "montant_demande" bigint NOT NULL, "date_demande" date NOT NULL, "commentaire" text, "montant_accorde" bigint, "date_decision" date, "versements" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_demande_cofinancement_montants" CHECK ("montant_demande" >= 0 AND ("montant_accorde" IS NULL OR "montant_accorde" >= 0)), CONSTRAINT "PK_be51096a237654fe6ad816f5664" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_demande_cofinancement_annee" ON "demande_cofinancement"  ("poste_id", "annee") `);
    await q.query(`CREATE TABLE "mission" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pvd_id" uuid NOT NULL, "financeur_id" uuid NOT NULL, "nature" character varying(40) NOT NULL, "thematique" character varying(40), "intitule" text NOT NULL, "prestataire" text, "montant_engage" bigint, "montant_verse" bigint, "date_demande" date, "date_debut" date, "date_fin" date, "statut" character varying(20) NOT NULL, "reference_externe" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_mission_dates" CHECK ("date_fin" IS NULL OR "date_debut" IS NULL OR "date_fin" >= "date_debut"), CONSTRAINT "ck_mission_montants" CHECK (("montant_engage" IS NULL OR "montant_engage" >= 0) AND ("montant_verse" IS NULL OR "montant_verse" >= 0)), CONSTRAINT "ck_mission_statut" CHECK ("statut" IN ('demandee', 'accordee', 'en_cours', 'livree', 'abandonnee')), CONSTRAINT "PK_54f1391034bc7dd30666dee0d4c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_mission_pvd" ON "mission"  ("pvd_id") `);
    await q.query(`CREATE INDEX "idx_mission_financeur" ON "mission"  ("financeur_id", "statut") `);
    await q.query(`CREATE UNIQUE INDEX "uq_mission_reference" ON "mission"  ("financeur_id", "reference_externe") WHERE "reference_externe" IS NOT NULL`);
    await q.query(`ALTER TABLE "document" ADD "mission_id" uuid`);
    await q.query(`CREATE INDEX "idx_document_mission" ON "document"  ("mission_id") `);
    await q.query(`ALTER TABLE "financeur" ADD CONSTRAINT "fk_financeur_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poste" ADD CONSTRAINT "fk_poste_pvd" FOREIGN KEY ("pvd_id") REFERENCES "pvd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poste" ADD CONSTRAINT "fk_poste_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poste_titulaire" ADD CONSTRAINT "fk_poste_titulaire_poste" FOREIGN KEY ("poste_id") REFERENCES "poste"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poste_cout_annuel" ADD CONSTRAINT "fk_poste_cout_annuel_poste" FOREIGN KEY ("poste_id") REFERENCES "poste"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "poste_cofinanceur" ADD CONSTRAINT "fk_poste_cofinanceur_poste" FOREIGN KEY ("poste_id") REFERENCES "poste"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "demande_cofinancement" ADD CONSTRAINT "fk_demande_cofinancement_poste" FOREIGN KEY ("poste_id") REFERENCES "poste"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "demande_cofinancement" ADD CONSTRAINT "fk_demande_cofinancement_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "mission" ADD CONSTRAINT "fk_mission_pvd" FOREIGN KEY ("pvd_id") REFERENCES "pvd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "mission" ADD CONSTRAINT "fk_mission_financeur" FOREIGN KEY ("financeur_id") REFERENCES "financeur"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "mission" ADD CONSTRAINT "fk_mission_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "document" ADD CONSTRAINT "fk_document_mission" FOREIGN KEY ("mission_id") REFERENCES "mission"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`INSERT INTO "programme_parametre" ("cle", "valeur", "date_effet") VALUES
      ('taux_subvention_poste', '75', '2020-10-01'),
      ('plafond_poste', '45000', '2020-10-01'),
      ('plafond_poste_avec_anah', '55000', '2020-10-01'),
      ('taux_anah', '50', '2020-10-01'),
      ('plafond_anah', '40000', '2020-10-01'),
      ('fin_participation_etat', '"2026-03-31"', '2020-10-01'),
      ('fin_participation_bdt', '"2026-03-31"', '2020-10-01'),
      ('fin_participation_anah', 'null', '2020-10-01'),
      ('operations_ouvrant_anah', '["opah_ru", "opah_cd", "plan_sauvegarde", "orcod"]', '2020-10-01')`);
    await q.query(`INSERT INTO "financeur" ("code", "nom") VALUES
      ('banque_des_territoires', 'Banque des Territoires'),
      ('cerema', 'Cerema'),
      ('anah', 'Anah'),
      ('anct_sur_mesure', 'ANCT – ingénierie sur-mesure'),
      ('dhup_ateliers_flash', 'DHUP – ateliers des territoires flash'),
      ('ademe', 'ADEME')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "programme_parametre" WHERE "cle" <> 'delai_convention_cadre_mois'`);
    await q.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_mission"`);
    await q.query(`ALTER TABLE "mission" DROP CONSTRAINT "fk_mission_updated_by"`);
    await q.query(`ALTER TABLE "mission" DROP CONSTRAINT "fk_mission_financeur"`);
    await q.query(`ALTER TABLE "mission" DROP CONSTRAINT "fk_mission_pvd"`);
    await q.query(`ALTER TABLE "demande_cofinancement" DROP CONSTRAINT "fk_demande_cofinancement_updated_by"`);
    await q.query(`ALTER TABLE "demande_cofinancement" DROP CONSTRAINT "fk_demande_cofinancement_poste"`);
    await q.query(`ALTER TABLE "poste_cofinanceur" DROP CONSTRAINT "fk_poste_cofinanceur_poste"`);
    await q.query(`ALTER TABLE "poste_cout_annuel" DROP CONSTRAINT "fk_poste_cout_annuel_poste"`);
    await q.query(`ALTER TABLE "poste_titulaire" DROP CONSTRAINT "fk_poste_titulaire_poste"`);
    await q.query(`ALTER TABLE "poste" DROP CONSTRAINT "fk_poste_updated_by"`);
    await q.query(`ALTER TABLE "poste" DROP CONSTRAINT "fk_poste_pvd"`);
    await q.query(`ALTER TABLE "financeur" DROP CONSTRAINT "fk_financeur_organisation"`);
    await q.query(`DROP INDEX "public"."idx_document_mission"`);
    await q.query(`ALTER TABLE "document" DROP COLUMN "mission_id"`);
    await q.query(`DROP INDEX "public"."uq_mission_reference"`);
    await q.query(`DROP INDEX "public"."idx_mission_financeur"`);
    await q.query(`DROP INDEX "public"."idx_mission_pvd"`);
    await q.query(`DROP TABLE "mission"`);
    await q.query(`DROP INDEX "public"."uq_demande_cofinancement_annee"`);
    await q.query(`DROP TABLE "demande_cofinancement"`);
    await q.query(`DROP TABLE "poste_cofinanceur"`);
    await q.query(`DROP TABLE "poste_cout_annuel"`);
    await q.query(`DROP INDEX "public"."idx_poste_titulaire_poste"`);
    await q.query(`DROP TABLE "poste_titulaire"`);
    await q.query(`DROP INDEX "public"."idx_poste_pvd"`);
    await q.query(`DROP TABLE "poste"`);
    await q.query(`DROP INDEX "public"."idx_financeur_organisation"`);
    await q.query(`DROP INDEX "public"."uq_financeur_code"`);
    await q.query(`DROP TABLE "financeur"`);
  }
}
