import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PVDs attached to an EPCI, read through the EPCI's key: a financing line of an EPCI links to
 * them, and without it each such line shown scanned every PVD of the nation (3,600 rows at twice
 * national size for about seven).
 */
export class PvdEpciIndex1764100000056 implements MigrationInterface {
  name = 'PvdEpciIndex1764100000056';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_pvd_epci" ON "pvd" ("epci_siren") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_pvd_epci"`);
  }
}
