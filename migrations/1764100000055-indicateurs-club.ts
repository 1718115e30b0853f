import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Club's records are read by the indicators (C1–C4), and organisations' names by C3's breakdown
 * by organiser: a write to them changes the indicators' data version (migration 017), so no figure
 * computed before the write is served after it.
 */
const TABLES = ['club_evenement', 'club_inscription', 'fiche_projet', 'organisation'];

export class IndicateursClub1764100000055 implements MigrationInterface {
  name = 'IndicateursClub1764100000055';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(
        `CREATE CONSTRAINT TRIGGER "trg_${table}_indicateurs_version" AFTER INSERT OR UPDATE OR DELETE ON "${table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicateurs_version_bump()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`DROP TRIGGER "trg_${table}_indicateurs_version" ON "${table}"`);
  }
}
