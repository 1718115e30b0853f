import { MigrationInterface, QueryRunner } from 'typeorm';

/** ProConnect: how each session was opened and its ID token; pending login and logout requests. */
export class ProConnect1764100000005 implements MigrationInterface {
  name = 'ProConnect1764100000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "user_session" ADD "auth_method" character varying(20) NOT NULL DEFAULT 'mot_de_passe'`);
    await q.query(`ALTER TABLE "user_session" ADD "id_token" text`);
    await q.query(`CREATE TABLE "proconnect_request" ("id" character varying(64) NOT NULL, "kind" character varying(10) NOT NULL, "state" text NOT NULL, "nonce" text, "code_verifier" text, "redirection" text, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_proconnect_request" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_proconnect_request_expires" ON "proconnect_request" ("expires_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "proconnect_request"`);
    await q.query(`ALTER TABLE "user_session" DROP COLUMN "id_token"`);
    await q.query(`ALTER TABLE "user_session" DROP COLUMN "auth_method"`);
  }
}
