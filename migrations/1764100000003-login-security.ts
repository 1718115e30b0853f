import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rate-limit counters shared by every API replica, and the client address on audit entries. */
export class LoginSecurity1764100000003 implements MigrationInterface {
  name = 'LoginSecurity1764100000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "rate_limit_bucket" ("key" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "PK_rate_limit_bucket" PRIMARY KEY ("key"))`);
    await q.query(`ALTER TABLE "audit_log" ADD "ip" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "ip"`);
    await q.query(`DROP TABLE "rate_limit_bucket"`);
  }
}
