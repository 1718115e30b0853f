import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Club's events and registrations (issue 19, ADR 0016): `club_evenement` (webinars, thematic
 * weeks and seasons with their sessions, ateliers, the rencontre nationale, trainings, département
 * clubs' meetings), `club_inscription` (seats and the waiting list), `club_calendrier` (the
 * generation of each person's signed calendar feed address). The indicators C2–C4 read them.
 */
export class ClubEvenements1764100000052 implements MigrationInterface {
  name = 'ClubEvenements1764100000052';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "club_evenement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(30) NOT NULL, "parent_id" uuid, "titre" text NOT NULL, "description" text, "themes" text array NOT NULL DEFAULT '{}', "date_debut" date NOT NULL, "date_fin" date NOT NULL, "heure_debut" TIME, "heure_fin" TIME, "organisateur_id" uuid NOT NULL, "departement_code" character varying(3), "statut" character varying(20) NOT NULL DEFAULT 'brouillon', "capacite" integer, "participants" integer, "lieu" text, "lien" text, "intervenants" jsonb NOT NULL DEFAULT '[]', "enregistrement" text, "supports" jsonb NOT NULL DEFAULT '[]', "updated_by" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_club_evenement_club_departement" CHECK ("type" <> 'club_departemental' OR "departement_code" IS NOT NULL), CONSTRAINT "ck_club_evenement_participants" CHECK ("participants" IS NULL OR "participants" >= 0), CONSTRAINT "ck_club_evenement_capacite" CHECK ("capacite" IS NULL OR "capacite" >= 1), CONSTRAINT "ck_club_evenement_dates" CHECK ("date_fin" >= "date_debut"), CONSTRAINT "ck_club_evenement_statut" CHECK ("statut" IN ('brouillon', 'publie', 'annule')), CONSTRAINT "ck_club_evenement_type" CHECK ("type" IN ('webinaire', 'semaine_thematique', 'saison_thematique', 'atelier_in_situ', 'rencontre_nationale', 'formation_initiale', 'formation_approfondissement', 'club_departemental')), CONSTRAINT "PK_club_evenement" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_club_evenement_parent" ON "club_evenement" ("parent_id") `);
    await q.query(`CREATE INDEX "idx_club_evenement_organisateur" ON "club_evenement" ("organisateur_id") `);
    await q.query(`CREATE INDEX "idx_club_evenement_agenda" ON "club_evenement" ("statut", "date_debut") `);
    await q.query(`CREATE INDEX "idx_club_evenement_departement" ON "club_evenement" ("departement_code", "date_debut") `);
    await q.query(
      `CREATE TABLE "club_inscription" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "evenement_id" uuid NOT NULL, "user_id" uuid NOT NULL, "statut" character varying(20) NOT NULL, "position" integer, "presence" boolean, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_club_inscription_position" CHECK (("statut" = 'attente') = ("position" IS NOT NULL)), CONSTRAINT "ck_club_inscription_statut" CHECK ("statut" IN ('inscrit', 'attente', 'desinscrit')), CONSTRAINT "PK_club_inscription" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_club_inscription_user" ON "club_inscription" ("user_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_club_inscription" ON "club_inscription" ("evenement_id", "user_id") `);
    await q.query(`CREATE INDEX "idx_club_inscription_file" ON "club_inscription" ("evenement_id", "statut", "position") `);
    await q.query(
      `CREATE TABLE "club_calendrier" ("user_id" uuid NOT NULL, "generation" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_club_calendrier" PRIMARY KEY ("user_id"))`,
    );
    await q.query(
      `ALTER TABLE "club_evenement" ADD CONSTRAINT "fk_club_evenement_parent" FOREIGN KEY ("parent_id") REFERENCES "club_evenement"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "club_evenement" ADD CONSTRAINT "fk_club_evenement_organisateur" FOREIGN KEY ("organisateur_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "club_evenement" ADD CONSTRAINT "fk_club_evenement_departement" FOREIGN KEY ("departement_code") REFERENCES "departement"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "club_evenement" ADD CONSTRAINT "fk_club_evenement_updated_by" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "club_inscription" ADD CONSTRAINT "fk_club_inscription_evenement" FOREIGN KEY ("evenement_id") REFERENCES "club_evenement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "club_inscription" ADD CONSTRAINT "fk_club_inscription_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "club_calendrier" ADD CONSTRAINT "fk_club_calendrier_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "club_calendrier" DROP CONSTRAINT "fk_club_calendrier_user"`);
    await q.query(`ALTER TABLE "club_inscription" DROP CONSTRAINT "fk_club_inscription_user"`);
    await q.query(`ALTER TABLE "club_inscription" DROP CONSTRAINT "fk_club_inscription_evenement"`);
    await q.query(`ALTER TABLE "club_evenement" DROP CONSTRAINT "fk_club_evenement_updated_by"`);
    await q.query(`ALTER TABLE "club_evenement" DROP CONSTRAINT "fk_club_evenement_departement"`);
    await q.query(`ALTER TABLE "club_evenement" DROP CONSTRAINT "fk_club_evenement_organisateur"`);
    await q.query(`ALTER TABLE "club_evenement" DROP CONSTRAINT "fk_club_evenement_parent"`);
    await q.query(`DROP TABLE "club_calendrier"`);
    await q.query(`DROP INDEX "public"."idx_club_inscription_file"`);
    await q.query(`DROP INDEX "public"."uq_club_inscription"`);
    await q.query(`DROP INDEX "public"."idx_club_inscription_user"`);
    await q.query(`DROP TABLE "club_inscription"`);
    await q.query(`DROP INDEX "public"."idx_club_evenement_departement"`);
    await q.query(`DROP INDEX "public"."idx_club_evenement_agenda"`);
    await q.query(`DROP INDEX "public"."idx_club_evenement_organisateur"`);
    await q.query(`DROP INDEX "public"."idx_club_evenement_parent"`);
    await q.query(`DROP TABLE "club_evenement"`);
  }
}
