import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Discussions beside each item (issue 18): one table of messages keyed by the item (type and id),
 * with the dossier when the item has one; internal notes are a flag. Attachments are documents of
 * the message (`document.message_id`), stored and checked as the dossier's documents; an habitat
 * operation's or a financing line's thread has no dossier, so a message's document may have none.
 */
export class Discussions1764100000048 implements MigrationInterface {
  name = 'Discussions1764100000048';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "discussion_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_type" character varying(30) NOT NULL, "item_id" uuid NOT NULL, "pvd_id" uuid, "auteur_id" uuid, "auteur_label" text NOT NULL, "texte" text NOT NULL, "interne" boolean NOT NULL DEFAULT false, "mentions" uuid array NOT NULL DEFAULT '{}', "cree_le" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "modifie_le" TIMESTAMP WITH TIME ZONE, "supprime_le" TIMESTAMP WITH TIME ZONE, "supprime_par_label" text, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_discussion_message_texte" CHECK (char_length("texte") <= 5000), CONSTRAINT "ck_discussion_message_item_type" CHECK ("item_type" IN ('dossier', 'convention', 'poste', 'mission', 'operation_habitat', 'ligne_financement')), CONSTRAINT "PK_cbd31b9a59cf5f6a0a1ecdb7c57" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_discussion_message_pvd" ON "discussion_message"  ("pvd_id") `);
    await q.query(`CREATE INDEX "idx_discussion_message_auteur" ON "discussion_message"  ("auteur_id") `);
    await q.query(`CREATE INDEX "idx_discussion_message_fil" ON "discussion_message"  ("item_type", "item_id", "cree_le", "id") `);
    await q.query(
      `ALTER TABLE "discussion_message" ADD CONSTRAINT "fk_discussion_message_pvd" FOREIGN KEY ("pvd_id") REFERENCES "pvd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "discussion_message" ADD CONSTRAINT "fk_discussion_message_auteur" FOREIGN KEY ("auteur_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "document" ADD "message_id" uuid`);
    await q.query(`ALTER TABLE "document" ALTER COLUMN "pvd_id" DROP NOT NULL`);
    await q.query(`CREATE INDEX "idx_document_message" ON "document"  ("message_id") `);
    await q.query(`ALTER TABLE "document" ADD CONSTRAINT "ck_document_pvd" CHECK ("pvd_id" IS NOT NULL OR "message_id" IS NOT NULL)`);
    await q.query(
      `ALTER TABLE "document" ADD CONSTRAINT "fk_document_message" FOREIGN KEY ("message_id") REFERENCES "discussion_message"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_message"`);
    await q.query(`ALTER TABLE "document" DROP CONSTRAINT "ck_document_pvd"`);
    await q.query(`DROP INDEX "public"."idx_document_message"`);
    await q.query(`DELETE FROM "document" WHERE "message_id" IS NOT NULL`);
    await q.query(`ALTER TABLE "document" ALTER COLUMN "pvd_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "document" DROP COLUMN "message_id"`);
    await q.query(`DROP TABLE "discussion_message"`);
  }
}
