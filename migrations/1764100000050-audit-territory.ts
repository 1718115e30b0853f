import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The activity feeds (issue 18) read the audit log by territory: each entry of a dossier carries
 * the département and région of its PVD (those of its most populous commune), set at write time by
 * a trigger (every writer, the imports' bulk inserts included) and backfilled here. Indexes on
 * (territory, id) let a département's or a région's page read only its own rows, newest first, and
 * stop after a page; (actor_id, id) serves the filter by person.
 */
export class AuditTerritory1764100000050 implements MigrationInterface {
  name = 'AuditTerritory1764100000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_log" ADD "departement_code" character varying(3)`);
    await q.query(`ALTER TABLE "audit_log" ADD "region_code" character varying(3)`);
    await q.query(`CREATE FUNCTION audit_log_territory() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.pvd_id IS NOT NULL AND NEW.departement_code IS NULL THEN
          SELECT c.departement_code, c.region_code INTO NEW.departement_code, NEW.region_code
            FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee
           WHERE pc.pvd_id = NEW.pvd_id
           ORDER BY c.population DESC NULLS LAST, c.insee LIMIT 1;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER "trg_audit_log_territory" BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_territory()`);
    // The log is append-only: the backfill alone lifts the guard, inside this migration's transaction.
    await q.query(`ALTER TABLE "audit_log" DISABLE TRIGGER "trg_audit_log_append_only"`);
    await q.query(`UPDATE audit_log a SET departement_code = t.departement_code, region_code = t.region_code
                     FROM (SELECT DISTINCT ON (pc.pvd_id) pc.pvd_id, c.departement_code, c.region_code
                             FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee
                            ORDER BY pc.pvd_id, c.population DESC NULLS LAST, c.insee) t
                    WHERE a.pvd_id = t.pvd_id`);
    await q.query(`ALTER TABLE "audit_log" ENABLE TRIGGER "trg_audit_log_append_only"`);
    await q.query(`CREATE INDEX "idx_audit_log_departement" ON "audit_log" ("departement_code", "id") WHERE pvd_id IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_audit_log_region" ON "audit_log" ("region_code", "id") WHERE pvd_id IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_audit_log_actor" ON "audit_log" ("actor_id", "id") WHERE pvd_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_audit_log_actor"`);
    await q.query(`DROP INDEX "public"."idx_audit_log_region"`);
    await q.query(`DROP INDEX "public"."idx_audit_log_departement"`);
    await q.query(`DROP TRIGGER "trg_audit_log_territory" ON "audit_log"`);
    await q.query(`DROP FUNCTION audit_log_territory()`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "region_code"`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "departement_code"`);
  }
}
