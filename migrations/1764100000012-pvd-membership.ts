import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programme membership over time: one period per commune and PVD ([debut, fin) in calendar days),
 * never deleted, at most one open per commune; `pvd_communes_au(date)` answers "the PVD communes
 * on that day" from a GiST index. PVD imports get a preview step (the file is kept until it is
 * confirmed) and PVDs a withdrawal date. Existing memberships are backfilled as open periods
 * starting at the PVD's known date (selection, then convention d'adhésion, then creation day).
 */
export class PvdMembership1764100000012 implements MigrationInterface {
  name = 'PvdMembership1764100000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "pvd" ADD "date_retrait" date`);
    await q.query(`ALTER TABLE "pvd_import" ADD "statut" character varying(10) NOT NULL DEFAULT 'applique'`);
    await q.query(`ALTER TABLE "pvd_import" ADD "fichier_hash" character varying(64)`);
    await q.query(`ALTER TABLE "pvd_import" ADD "fichier" bytea`);
    await q.query(`ALTER TABLE "pvd_import" ADD "date_effet" date`);
    await q.query(`ALTER TABLE "pvd_import" ADD "bilan" jsonb`);
    await q.query(`ALTER TABLE "pvd_import" ADD "applique_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "pvd_import" SET "applique_at" = "imported_at"`);
    await q.query(
      `CREATE TABLE "pvd_commune_periode" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "commune_insee" character varying(5) NOT NULL, "pvd_id" uuid NOT NULL, "debut" date NOT NULL, "fin" date, "motif_debut" character varying(20) NOT NULL, "motif_fin" character varying(20), "commentaire" text, "import_debut_id" uuid, "import_fin_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_pvd_commune_periode_motifs" CHECK (motif_debut IN ('selection', 'deplacement', 'reprise') AND (motif_fin IS NULL OR motif_fin IN ('retrait', 'deplacement'))), CONSTRAINT "ck_pvd_commune_periode_dates" CHECK (fin IS NULL OR fin >= debut), CONSTRAINT "PK_pvd_commune_periode" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_pvd_commune_periode_commune" ON "pvd_commune_periode"  ("commune_insee") `);
    await q.query(`CREATE INDEX "idx_pvd_commune_periode_pvd" ON "pvd_commune_periode"  ("pvd_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_pvd_commune_periode_ouverte" ON "pvd_commune_periode"  ("commune_insee") WHERE fin IS NULL`);
    // "Which communes on day D": daterange(debut, fin) @> D, answered by this index.
    await q.query(`CREATE INDEX "idx_pvd_commune_periode_jours" ON "pvd_commune_periode" USING gist (daterange("debut", "fin", '[)'))`);
    await q.query(
      `ALTER TABLE "pvd_commune_periode" ADD CONSTRAINT "fk_pvd_commune_periode_commune" FOREIGN KEY ("commune_insee") REFERENCES "commune"("insee") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pvd_commune_periode" ADD CONSTRAINT "fk_pvd_commune_periode_pvd" FOREIGN KEY ("pvd_id") REFERENCES "pvd"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pvd_commune_periode" ADD CONSTRAINT "fk_pvd_commune_periode_import_debut" FOREIGN KEY ("import_debut_id") REFERENCES "pvd_import"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pvd_commune_periode" ADD CONSTRAINT "fk_pvd_commune_periode_import_fin" FOREIGN KEY ("import_fin_id") REFERENCES "pvd_import"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE FUNCTION pvd_communes_au(jour date) RETURNS TABLE (commune_insee varchar, pvd_id uuid)
         LANGUAGE sql STABLE PARALLEL SAFE
         AS $$ SELECT commune_insee, pvd_id FROM pvd_commune_periode WHERE daterange(debut, fin, '[)') @> jour $$`,
    );
    await q.query(
      `INSERT INTO "pvd_commune_periode" (commune_insee, pvd_id, debut, motif_debut, commentaire)
       SELECT pc.commune_insee, pc.pvd_id,
              COALESCE(p.date_selection, p.date_convention_adhesion, (p.created_at AT TIME ZONE 'Europe/Paris')::date),
              'reprise', 'Reprise des adhésions existantes'
         FROM pvd_commune pc JOIN pvd p ON p.id = pc.pvd_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION pvd_communes_au(date)`);
    await q.query(`DROP TABLE "pvd_commune_periode"`);
    for (const column of ['applique_at', 'bilan', 'date_effet', 'fichier', 'fichier_hash', 'statut']) {
      await q.query(`ALTER TABLE "pvd_import" DROP COLUMN "${column}"`);
    }
    await q.query(`ALTER TABLE "pvd" DROP COLUMN "date_retrait"`);
  }
}
