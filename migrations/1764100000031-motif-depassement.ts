import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reason given to confirm an unusual amount (libs/domain plausibilite.rules), kept with the
 * yearly co-financing request, the financing line and the habitat operation it explains.
 */
export class MotifDepassement1764100000031 implements MigrationInterface {
  name = 'MotifDepassement1764100000031';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "demande_cofinancement" ADD "motif_depassement" text`);
    await q.query(`ALTER TABLE "ligne_financement" ADD "motif_depassement" text`);
    await q.query(`ALTER TABLE "operation_habitat" ADD "motif_depassement" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "operation_habitat" DROP COLUMN "motif_depassement"`);
    await q.query(`ALTER TABLE "ligne_financement" DROP COLUMN "motif_depassement"`);
    await q.query(`ALTER TABLE "demande_cofinancement" DROP COLUMN "motif_depassement"`);
  }
}
