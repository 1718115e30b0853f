import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (ADR 0013): in-app notifications of each user, the emails that carry them with
 * their delivery state (one row per email, created in the same transaction as its job), and each
 * user's choice of delivery per kind.
 */
export class Notifications1764100000045 implements MigrationInterface {
  name = 'Notifications1764100000045';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notification_email" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "cadence" character varying(20) NOT NULL, "periode" character varying(10), "etat" character varying(20) NOT NULL DEFAULT 'en_attente', "tentatives" integer NOT NULL DEFAULT '0', "derniere_erreur" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "envoye_le" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_notification_email_etat" CHECK ("etat" IN ('en_attente', 'envoye', 'annule')), CONSTRAINT "ck_notification_email_cadence" CHECK ("cadence" IN ('immediat', 'quotidien', 'hebdomadaire')), CONSTRAINT "PK_d824f1fa65e77c6784b3fd2788a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_notification_email_etat" ON "notification_email"  ("etat") `);
    await q.query(`CREATE UNIQUE INDEX "uq_notification_email_periode" ON "notification_email"  ("recipient_id", "cadence", "periode") WHERE "periode" IS NOT NULL`);
    await q.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "actor_id" uuid, "item_type" character varying(40) NOT NULL, "item_id" character varying(100) NOT NULL, "item_label" text NOT NULL, "item_path" text NOT NULL, "dossier_id" uuid, "title" text NOT NULL, "body" text, "occurrence_key" character varying(200), "delivery" character varying(20) NOT NULL, "email_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_notification_delivery" CHECK ("delivery" IN ('immediat', 'quotidien', 'hebdomadaire', 'aucun')), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_notification_digest" ON "notification"  ("delivery", "recipient_id") WHERE "email_id" IS NULL AND "delivery" IN ('quotidien', 'hebdomadaire')`);
    await q.query(`CREATE INDEX "idx_notification_unread" ON "notification"  ("recipient_id") WHERE "read_at" IS NULL`);
    await q.query(`CREATE INDEX "idx_notification_recipient" ON "notification"  ("recipient_id", "created_at", "id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_notification_occurrence" ON "notification"  ("kind", "recipient_id", "occurrence_key") WHERE "occurrence_key" IS NOT NULL`);
    await q.query(
      `CREATE TABLE "notification_preference" ("user_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "delivery" character varying(20) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_notification_preference_delivery" CHECK ("delivery" IN ('immediat', 'quotidien', 'hebdomadaire', 'aucun')), CONSTRAINT "PK_notification_preference" PRIMARY KEY ("user_id", "kind"))`,
    );
    await q.query(`ALTER TABLE "notification_email" ADD CONSTRAINT "fk_notification_email_recipient" FOREIGN KEY ("recipient_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_recipient" FOREIGN KEY ("recipient_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_actor" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_dossier" FOREIGN KEY ("dossier_id") REFERENCES "pvd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_email" FOREIGN KEY ("email_id") REFERENCES "notification_email"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notification_preference" ADD CONSTRAINT "fk_notification_preference_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification_preference" DROP CONSTRAINT "fk_notification_preference_user"`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_email"`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_dossier"`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_actor"`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_recipient"`);
    await q.query(`ALTER TABLE "notification_email" DROP CONSTRAINT "fk_notification_email_recipient"`);
    await q.query(`DROP TABLE "notification_preference"`);
    await q.query(`DROP INDEX "public"."uq_notification_occurrence"`);
    await q.query(`DROP INDEX "public"."idx_notification_recipient"`);
    await q.query(`DROP INDEX "public"."idx_notification_unread"`);
    await q.query(`DROP INDEX "public"."idx_notification_digest"`);
    await q.query(`DROP TABLE "notification"`);
    await q.query(`DROP INDEX "public"."uq_notification_email_periode"`);
    await q.query(`DROP INDEX "public"."idx_notification_email_etat"`);
    await q.query(`DROP TABLE "notification_email"`);
  }
}
