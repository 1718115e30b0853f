import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The source and date of data of the records that feed the programme's figures, as financing
 * lines already have them (ORT and scheme participations got theirs with the national imports):
 * expertise missions, habitat operations and the yearly co-financing decisions of chef de projet
 * posts. `source` says who gave the data (partner, file), `date_source` the day it was true
 * (« Anah 12/2023 »). Imports fill them; forms may. Existing imported records get their import's
 * day as a start.
 */
export class SourceDonnees1764100000019 implements MigrationInterface {
  name = 'SourceDonnees1764100000019';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['mission', 'operation_habitat', 'demande_cofinancement']) {
      await q.query(`ALTER TABLE "${table}" ADD "source" text`);
      await q.query(`ALTER TABLE "${table}" ADD "date_source" date`);
    }
    // Records a partner imported (they carry the partner's reference): their funder, as of their last change.
    for (const table of ['mission', 'operation_habitat']) {
      await q.query(
        `UPDATE "${table}" t SET "source" = f."nom", "date_source" = (t."updated_at" AT TIME ZONE 'Europe/Paris')::date
           FROM "financeur" f WHERE f."id" = t."financeur_id" AND t."reference_externe" IS NOT NULL`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['demande_cofinancement', 'operation_habitat', 'mission']) {
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "date_source"`);
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "source"`);
    }
  }
}
