import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Thematic support: ORT with the communes they cover, habitat operations over several communes,
 * the catalogue of financing dispositifs and the financing lines, the catalogue of thematic schemes
 * (typed attributes) and communes' participations, and partners' bulk imports. Seeds the funders,
 * dispositifs and schemes the national report follows.
 */
export class Thematique1764100000008 implements MigrationInterface {
  name = 'Thematique1764100000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "ort" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "libelle" text NOT NULL, "epci_siren" character varying(9), "statut" character varying(20) NOT NULL, "date_signature" date, "duree_annees" integer, "convention_cadre_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_ort_duree" CHECK ("duree_annees" IS NULL OR "duree_annees" BETWEEN 1 AND 30), CONSTRAINT "ck_ort_statut" CHECK ("statut" IN ('en_preparation', 'signee', 'echue', 'abandonnee')), CONSTRAINT "PK_cff0725a274eece6e52d30ba735" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_ort_convention" ON "ort"  ("convention_cadre_id") `);
    await q.query(`CREATE TABLE "ort_commune" ("ort_id" uuid NOT NULL, "commune_insee" character varying(5) NOT NULL, CONSTRAINT "PK_2105eda365f25eb972f4d42c9f6" PRIMARY KEY ("ort_id", "commune_insee"))`);
    await q.query(`CREATE INDEX "idx_ort_commune_insee" ON "ort_commune"  ("commune_insee") `);
    await q.query(`CREATE TABLE "operation_habitat" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(20) NOT NULL, "libelle" text NOT NULL, "maitre_ouvrage_type" character varying(10) NOT NULL, "maitre_ouvrage_code" character varying(9) NOT NULL, "operateur" text, "phase" character varying(30) NOT NULL, "date_debut" date, "date_fin" date, "engagement_anah" bigint, "engagement_collectivite" bigint, "objectifs" jsonb NOT NULL DEFAULT '[]', "financeur_id" uuid, "reference_externe" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_operation_habitat_dates" CHECK ("date_fin" IS NULL OR "date_debut" IS NULL OR "date_fin" >= "date_debut"), CONSTRAINT "ck_operation_habitat_mo" CHECK ("maitre_ouvrage_type" IN ('commune', 'epci')), CONSTRAINT "ck_operation_habitat_phase" CHECK ("phase" IN ('etude_pre_operationnelle', 'convention_signee', 'operationnelle', 'close')), CONSTRAINT "ck_operation_habitat_type" CHECK ("type" IN ('opah', 'opah_ru', 'opah_rr', 'opah_cd', 'pig', 'rhi_thirori', 'plan_sauvegarde', 'orcod')), CONSTRAINT "PK_d1c034e5ce921e1a19886f80114" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_operation_habitat_reference" ON "operation_habitat"  ("financeur_id", "reference_externe") WHERE "reference_externe" IS NOT NULL`);
    await q.query(`CREATE TABLE "operation_habitat_commune" ("operation_id" uuid NOT NULL, "commune_insee" character varying(5) NOT NULL, CONSTRAINT "PK_284de388788de51b90ebea6f2fc" PRIMARY KEY ("operation_id", "commune_insee"))`);
    await q.query(`CREATE INDEX "idx_operation_habitat_commune_insee" ON "operation_habitat_commune"  ("commune_insee") `);
    await q.query(`CREATE TABLE "dispositif" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(40) NOT NULL, "nom" text NOT NULL, "financeur_id" uuid NOT NULL, "pilier" character varying(20) NOT NULL, "nature" character varying(20) NOT NULL, "annee_debut" integer, "annee_fin" integer, "compte_logements" boolean NOT NULL DEFAULT false, "compte_dossiers" boolean NOT NULL DEFAULT false, "actif" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_dispositif_nature" CHECK ("nature" IN ('subvention', 'pret')), CONSTRAINT "ck_dispositif_pilier" CHECK ("pilier" IN ('ingenierie', 'thematique')), CONSTRAINT "PK_520317eefc1d73778e357dfb2a3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_dispositif_code" ON "dispositif"  ("code") `);
    await q.query(`CREATE INDEX "idx_dispositif_financeur" ON "dispositif"  ("financeur_id") `);
    await q.query(`CREATE TABLE "ligne_financement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispositif_id" uuid NOT NULL, "beneficiaire_type" character varying(10) NOT NULL, "beneficiaire_code" character varying(9) NOT NULL, "projet" text NOT NULL, "montant" bigint NOT NULL, "statut" character varying(20) NOT NULL, "date_demande" date, "date_engagement" date, "date_contractualisation" date, "date_versement" date, "annee_campagne" integer, "reference_externe" text, "source" text, "date_source" date, "logements" integer, "dossiers" integer, "import_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_ligne_financement_montant" CHECK ("montant" > 0), CONSTRAINT "ck_ligne_financement_beneficiaire" CHECK ("beneficiaire_type" IN ('commune', 'epci')), CONSTRAINT "ck_ligne_financement_statut" CHECK ("statut" IN ('demande', 'engage', 'contractualise', 'verse')), CONSTRAINT "PK_1517c17b5ab51ae12e3dd6bd7dc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_ligne_financement_beneficiaire" ON "ligne_financement"  ("beneficiaire_code") `);
    await q.query(`CREATE INDEX "idx_ligne_financement_dispositif" ON "ligne_financement"  ("dispositif_id", "statut") `);
    await q.query(`CREATE UNIQUE INDEX "uq_ligne_financement_reference" ON "ligne_financement"  ("dispositif_id", "reference_externe") WHERE "reference_externe" IS NOT NULL`);
    await q.query(`CREATE TABLE "demarche" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(40) NOT NULL, "nom" text NOT NULL, "description" text, "attributs" jsonb NOT NULL DEFAULT '[]', "actif" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_4db4f82ff0624528db0d2b7003d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_demarche_code" ON "demarche"  ("code") `);
    await q.query(`CREATE TABLE "demarche_participation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "demarche_id" uuid NOT NULL, "commune_insee" character varying(5) NOT NULL, "date_debut" date, "date_fin" date, "attributs" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_demarche_participation_dates" CHECK ("date_fin" IS NULL OR "date_debut" IS NULL OR "date_fin" >= "date_debut"), CONSTRAINT "PK_721cc215cc5e7337a475ba9c1d8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_demarche_participation_demarche" ON "demarche_participation"  ("demarche_id") `);
    await q.query(`CREATE INDEX "idx_demarche_participation_commune" ON "demarche_participation"  ("commune_insee") `);
    await q.query(`CREATE TABLE "import_partenaire" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(20) NOT NULL, "organisation_id" uuid NOT NULL, "nom_fichier" text NOT NULL, "statut" character varying(20) NOT NULL DEFAULT 'en_attente', "total_lignes" integer NOT NULL DEFAULT '0', "lignes_traitees" integer NOT NULL DEFAULT '0', "crees" integer NOT NULL DEFAULT '0', "mis_a_jour" integer NOT NULL DEFAULT '0', "inchanges" integer NOT NULL DEFAULT '0', "rejetes" integer NOT NULL DEFAULT '0', "rejets" jsonb NOT NULL DEFAULT '[]', "changements" jsonb NOT NULL DEFAULT '[]', "erreur" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "termine_le" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_import_partenaire_statut" CHECK ("statut" IN ('en_attente', 'en_cours', 'termine', 'echoue')), CONSTRAINT "ck_import_partenaire_type" CHECK ("type" IN ('financements', 'missions', 'operations')), CONSTRAINT "PK_0ee7f778491dd788445b264c1c3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_import_partenaire_organisation" ON "import_partenaire"  ("organisation_id", "created_at") `);
    await q.query(`ALTER TABLE "ort" ADD CONSTRAINT "fk_ort_convention" FOREIGN KEY ("convention_cadre_id") REFERENCES "convention"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ort" ADD CONSTRAINT "fk_ort_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ort_commune" ADD CONSTRAINT "fk_ort_commune_ort" FOREIGN KEY ("ort_id") REFERENCES "ort"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ort_commune" ADD CONSTRAINT "fk_ort_commune_commune" FOREIGN KEY ("commune_insee") REFERENCES "commune"("insee") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "operation_habitat" ADD CONSTRAINT "fk_operation_habitat_financeur" FOREIGN KEY ("financeur_id") REFERENCES "financeur"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "operation_habitat" ADD CONSTRAINT "fk_operation_habitat_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "operation_habitat_commune" ADD CONSTRAINT "fk_operation_habitat_commune_operation" FOREIGN KEY ("operation_id") REFERENCES "operation_habitat"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "operation_habitat_commune" ADD CONSTRAINT "fk_operation_habitat_commune_commune" FOREIGN KEY ("commune_insee") REFERENCES "commune"("insee") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "dispositif" ADD CONSTRAINT "fk_dispositif_financeur" FOREIGN KEY ("financeur_id") REFERENCES "financeur"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ligne_financement" ADD CONSTRAINT "fk_ligne_financement_dispositif" FOREIGN KEY ("dispositif_id") REFERENCES "dispositif"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "ligne_financement" ADD CONSTRAINT "fk_ligne_financement_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "demarche_participation" ADD CONSTRAINT "fk_demarche_participation_demarche" FOREIGN KEY ("demarche_id") REFERENCES "demarche"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "demarche_participation" ADD CONSTRAINT "fk_demarche_participation_commune" FOREIGN KEY ("commune_insee") REFERENCES "commune"("insee") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "demarche_participation" ADD CONSTRAINT "fk_demarche_participation_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "import_partenaire" ADD CONSTRAINT "fk_import_partenaire_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "import_partenaire" ADD CONSTRAINT "fk_import_partenaire_user" FOREIGN KEY ("created_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`INSERT INTO "financeur" ("code", "nom") VALUES ('etat_prefectures', 'État – préfectures (dotations et fonds)'), ('drac', 'Ministère de la Culture – DRAC') ON CONFLICT DO NOTHING`);
    await q.query(`INSERT INTO "dispositif" ("code", "nom", "financeur_id", "pilier", "nature", "annee_debut", "annee_fin", "compte_logements", "compte_dossiers")
      SELECT d.code, d.nom, f.id, d.pilier, d.nature, d.debut, d.fin, d.logements, d.dossiers
        FROM (VALUES
          ('dsil', 'DSIL', 'etat_prefectures', 'thematique', 'subvention', 2020, NULL::int, false, false),
          ('dsil_relance', 'DSIL relance', 'etat_prefectures', 'thematique', 'subvention', 2020, 2022, false, false),
          ('detr', 'DETR', 'etat_prefectures', 'thematique', 'subvention', 2020, NULL, false, false),
          ('fonds_vert', 'Fonds vert', 'etat_prefectures', 'thematique', 'subvention', 2023, NULL, false, true),
          ('fonds_friches', 'Fonds friches', 'etat_prefectures', 'thematique', 'subvention', 2021, NULL, false, false),
          ('anah_operations', 'Anah – aides aux travaux en opérations programmées', 'anah', 'thematique', 'subvention', 2020, NULL, true, true),
          ('maprimerenov', 'MaPrimeRénov''', 'anah', 'thematique', 'subvention', 2020, NULL, true, true),
          ('drac_patrimoine', 'DRAC – patrimoine', 'drac', 'thematique', 'subvention', 2020, NULL, false, false),
          ('ademe_transition', 'ADEME – transition écologique', 'ademe', 'thematique', 'subvention', 2020, NULL, false, true),
          ('bdt_pret_renouvellement', 'Banque des Territoires – prêts au renouvellement urbain', 'banque_des_territoires', 'thematique', 'pret', 2020, NULL, false, false),
          ('bdt_ingenierie', 'Banque des Territoires – ingénierie', 'banque_des_territoires', 'ingenierie', 'subvention', 2020, NULL, false, false)
        ) AS d(code, nom, financeur, pilier, nature, debut, fin, logements, dossiers)
        JOIN "financeur" f ON f.code = d.financeur`);
    await q.query(`INSERT INTO "demarche" ("code", "nom", "description", "attributs") VALUES
      ('france_services', 'France services', 'Guichet d’accès aux services publics', '[{"cle":"forme","libelle":"Forme","type":"choix","choix":["fixe","itinérante"],"obligatoire":true},{"cle":"date_ouverture","libelle":"Date d’ouverture","type":"date"}]'),
      ('micro_folie', 'Micro-Folie', 'Musée numérique et lieu culturel de proximité', '[{"cle":"forme","libelle":"Forme","type":"choix","choix":["fixe","mobile"],"obligatoire":true}]'),
      ('contrat_securite', 'Contrat de sécurité intégrée', NULL, '[{"cle":"date_signature","libelle":"Date de signature","type":"date"}]'),
      ('ecoquartier', 'EcoQuartier', 'Label national', '[{"cle":"etape","libelle":"Étape du label","type":"choix","choix":["1 – charte signée","2 – en chantier","3 – livré","4 – confirmé"],"obligatoire":true}]'),
      ('fonds_friches_projet', 'Projet lauréat du Fonds friches', NULL, '[{"cle":"projet","libelle":"Projet","type":"texte"},{"cle":"surface_ha","libelle":"Surface (ha)","type":"nombre"}]'),
      ('ville_amie_aines', 'Ville amie des aînés', 'Réseau francophone', '[{"cle":"statut","libelle":"Statut","type":"choix","choix":["membre","en démarche vers le label","labellisée"],"obligatoire":true}]'),
      ('fabrique_prospective', 'Fabrique prospective', NULL, '[]'),
      ('popsu', 'Recherche-action POPSU Territoires', NULL, '[{"cle":"publication","libelle":"Publication","type":"choix","choix":["portrait","carnet","reportage","aucune"]}]')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import_partenaire" DROP CONSTRAINT "fk_import_partenaire_user"`);
    await q.query(`ALTER TABLE "import_partenaire" DROP CONSTRAINT "fk_import_partenaire_organisation"`);
    await q.query(`ALTER TABLE "demarche_participation" DROP CONSTRAINT "fk_demarche_participation_updated_by"`);
    await q.query(`ALTER TABLE "demarche_participation" DROP CONSTRAINT "fk_demarche_participation_commune"`);
    await q.query(`ALTER TABLE "demarche_participation" DROP CONSTRAINT "fk_demarche_participation_demarche"`);
    await q.query(`ALTER TABLE "ligne_financement" DROP CONSTRAINT "fk_ligne_financement_updated_by"`);
    await q.query(`ALTER TABLE "ligne_financement" DROP CONSTRAINT "fk_ligne_financement_dispositif"`);
    await q.query(`ALTER TABLE "dispositif" DROP CONSTRAINT "fk_dispositif_financeur"`);
    await q.query(`ALTER TABLE "operation_habitat_commune" DROP CONSTRAINT "fk_operation_habitat_commune_commune"`);
    await q.query(`ALTER TABLE "operation_habitat_commune" DROP CONSTRAINT "fk_operation_habitat_commune_operation"`);
    await q.query(`ALTER TABLE "operation_habitat" DROP CONSTRAINT "fk_operation_habitat_updated_by"`);
    await q.query(`ALTER TABLE "operation_habitat" DROP CONSTRAINT "fk_operation_habitat_financeur"`);
    await q.query(`ALTER TABLE "ort_commune" DROP CONSTRAINT "fk_ort_commune_commune"`);
    await q.query(`ALTER TABLE "ort_commune" DROP CONSTRAINT "fk_ort_commune_ort"`);
    await q.query(`ALTER TABLE "ort" DROP CONSTRAINT "fk_ort_updated_by"`);
    await q.query(`ALTER TABLE "ort" DROP CONSTRAINT "fk_ort_convention"`);
    await q.query(`DROP INDEX "public"."idx_import_partenaire_organisation"`);
    await q.query(`DROP TABLE "import_partenaire"`);
    await q.query(`DROP INDEX "public"."idx_demarche_participation_commune"`);
    await q.query(`DROP INDEX "public"."idx_demarche_participation_demarche"`);
    await q.query(`DROP TABLE "demarche_participation"`);
    await q.query(`DROP INDEX "public"."uq_demarche_code"`);
    await q.query(`DROP TABLE "demarche"`);
    await q.query(`DROP INDEX "public"."uq_ligne_financement_reference"`);
    await q.query(`DROP INDEX "public"."idx_ligne_financement_dispositif"`);
    await q.query(`DROP INDEX "public"."idx_ligne_financement_beneficiaire"`);
    await q.query(`DROP TABLE "ligne_financement"`);
    await q.query(`DROP INDEX "public"."idx_dispositif_financeur"`);
    await q.query(`DROP INDEX "public"."uq_dispositif_code"`);
    await q.query(`DROP TABLE "dispositif"`);
    await q.query(`DROP INDEX "public"."idx_operation_habitat_commune_insee"`);
    await q.query(`DROP TABLE "operation_habitat_commune"`);
    await q.query(`DROP INDEX "public"."uq_operation_habitat_reference"`);
    await q.query(`DROP TABLE "operation_habitat"`);
    await q.query(`DROP INDEX "public"."idx_ort_commune_insee"`);
    await q.query(`DROP TABLE "ort_commune"`);
    await q.query(`DROP INDEX "public"."idx_ort_convention"`);
    await q.query(`DROP TABLE "ort"`);
    await q.query(`DELETE FROM "financeur" WHERE "code" IN ('etat_prefectures', 'drac')`);
  }
}
