import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table the indicators engine reads: a write to any of them changes some figure. */
const SOURCES = [
  'commune', 'departement', 'region', 'epci', 'pvd', 'pvd_commune', 'pvd_commune_periode', 'convention', 'financeur', 'dispositif',
  'ligne_financement', 'mission', 'poste', 'poste_titulaire', 'poste_cofinanceur', 'demande_cofinancement', 'ort', 'ort_commune',
  'operation_habitat', 'operation_habitat_commune', 'demarche', 'demarche_participation', 'valeur_reference',
];

/**
 * Versions of the indicators' data: one counter per source table, incremented by a statement-level
 * trigger in the same transaction as every write to that table. The sum only grows, and changes
 * with every committed write: a figure computed in a snapshot that read sum S is the figure of
 * every later snapshot that reads S, so the API reuses it without ever serving a stale figure.
 */
export class IndicateursVersion1764100000017 implements MigrationInterface {
  name = 'IndicateursVersion1764100000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "indicateurs_version" ("source" character varying(63) NOT NULL, "version" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_indicateurs_version" PRIMARY KEY ("source"))`);
    await q.query(
      `CREATE FUNCTION indicateurs_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE indicateurs_version SET version = version + 1 WHERE source = TG_TABLE_NAME;
         RETURN NULL;
       END $$`,
    );
    for (const table of SOURCES) {
      await q.query(`INSERT INTO "indicateurs_version" ("source") VALUES ($1)`, [table]);
      await q.query(
        `CREATE TRIGGER "trg_${table}_indicateurs_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION indicateurs_version_bump()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of SOURCES) await q.query(`DROP TRIGGER "trg_${table}_indicateurs_version" ON "${table}"`);
    await q.query(`DROP FUNCTION indicateurs_version_bump()`);
    await q.query(`DROP TABLE "indicateurs_version"`);
  }
}
