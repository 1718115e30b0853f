import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table the indicators engine reads: a write to any of them changes some figure. */
const SOURCES = [
  'commune', 'departement', 'region', 'epci', 'pvd', 'pvd_commune', 'pvd_commune_periode', 'convention', 'financeur', 'dispositif',
  'ligne_financement', 'mission', 'poste', 'poste_titulaire', 'poste_cofinanceur', 'demande_cofinancement', 'ort', 'ort_commune',
  'operation_habitat', 'operation_habitat_commune', 'demarche', 'demarche_participation', 'valeur_reference',
];

/**
 * The version of the indicators' data: one counter, incremented once by every transaction that
 * writes to a table the engine reads, when it commits (a deferred constraint trigger, guarded so a
 * transaction bumps it once however many rows it writes). The counter only grows and changes with
 * every committed write: a figure computed in a snapshot that read version V is the figure of every
 * later snapshot that reads V, so the API reuses it without ever serving a stale figure.
 *
 * Bumping at commit keeps the counter's row lock for an instant: a long import does not hold up
 * other writers of the same tables, and since every writer takes this one lock last, writers
 * cannot deadlock on it.
 */
export class IndicateursVersion1764100000017 implements MigrationInterface {
  name = 'IndicateursVersion1764100000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "indicateurs_version" ("source" character varying(63) NOT NULL, "version" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_indicateurs_version" PRIMARY KEY ("source"))`);
    await q.query(
      `CREATE FUNCTION indicateurs_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF current_setting('suivi_pvd.indicateurs_version_bumped', true) IS DISTINCT FROM txid_current()::text THEN
           PERFORM set_config('suivi_pvd.indicateurs_version_bumped', txid_current()::text, true);
           UPDATE indicateurs_version SET version = version + 1 WHERE source = '*';
         END IF;
         RETURN NULL;
       END $$`,
    );
    await q.query(`INSERT INTO "indicateurs_version" ("source") VALUES ('*')`);
    for (const table of SOURCES) {
      await q.query(
        `CREATE CONSTRAINT TRIGGER "trg_${table}_indicateurs_version" AFTER INSERT OR UPDATE OR DELETE ON "${table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicateurs_version_bump()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of SOURCES) await q.query(`DROP TRIGGER "trg_${table}_indicateurs_version" ON "${table}"`);
    await q.query(`DROP FUNCTION indicateurs_version_bump()`);
    await q.query(`DROP TABLE "indicateurs_version"`);
  }
}
