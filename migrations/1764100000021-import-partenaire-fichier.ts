import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partner import's uploaded file is kept in PostgreSQL until the import is applied, so that any
 * process (the API or a worker) runs it as a job, and a job interrupted by a restart runs again
 * from the same bytes. The row goes with the import, and is deleted once the import is done.
 */
export class ImportPartenaireFichier1764100000021 implements MigrationInterface {
  name = 'ImportPartenaireFichier1764100000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "import_partenaire_fichier" ("import_id" uuid NOT NULL, "contenu" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_import_partenaire_fichier" PRIMARY KEY ("import_id"))`,
    );
    await q.query(
      `ALTER TABLE "import_partenaire_fichier" ADD CONSTRAINT "fk_import_partenaire_fichier_import" FOREIGN KEY ("import_id") REFERENCES "import_partenaire"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import_partenaire_fichier" DROP CONSTRAINT "fk_import_partenaire_fichier_import"`);
    await q.query(`DROP TABLE "import_partenaire_fichier"`);
  }
}
