import { MigrationInterface, QueryRunner } from 'typeorm';

/** Single-use links for invitations and password resets. */
export class AuthTokens1764100000004 implements MigrationInterface {
  name = 'AuthTokens1764100000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "auth_token" ("id" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "purpose" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, CONSTRAINT "PK_auth_token" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_auth_token_user" ON "auth_token" ("user_id") `);
    await q.query(`ALTER TABLE "auth_token" ADD CONSTRAINT "fk_auth_token_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "auth_token"`);
  }
}
