import { MigrationInterface, QueryRunner } from 'typeorm';

/** The post's children the alert rule reads (each row names its post in `poste_id`). */
const CHILDREN = ['poste_titulaire', 'poste_cofinanceur'];

/**
 * The stored alerts of the posts (`apps/api/src/ingenierie/poste-alertes.store.ts`): the domain's
 * rule computed in Node for each post and day, stored so that PostgreSQL filters, counts and pages
 * the national list. `poste_alerte_calcul` holds the days computed for every post;
 * `poste_alerte_perime` the posts whose alerts a write may have changed, marked by the triggers
 * below whoever writes (the post's own service computes them again in the same transaction;
 * imports, scripts and other writers leave them to the next reader). A change of the programme
 * parameters drops the computed days: every post's alerts are computed again.
 */
export class PosteAlertes1764100000040 implements MigrationInterface {
  name = 'PosteAlertes1764100000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "poste_alerte" ("jour" date NOT NULL, "poste_id" uuid NOT NULL, "rang" smallint NOT NULL, "code" character varying(40) NOT NULL, "niveau" character varying(10) NOT NULL, "date" date NOT NULL, "message" text NOT NULL, CONSTRAINT "PK_poste_alerte" PRIMARY KEY ("jour", "poste_id", "rang"))`,
    );
    await q.query(`CREATE INDEX "idx_poste_alerte_poste" ON "poste_alerte" ("poste_id")`);
    await q.query(`CREATE INDEX "idx_poste_alerte_jour_code" ON "poste_alerte" ("jour", "code", "date")`);
    await q.query(
      `CREATE TABLE "poste_alerte_calcul" ("jour" date NOT NULL, "calcule_le" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_poste_alerte_calcul" PRIMARY KEY ("jour"))`,
    );
    await q.query(
      `CREATE TABLE "poste_alerte_perime" ("poste_id" uuid NOT NULL, "marque_le" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_poste_alerte_perime" PRIMARY KEY ("poste_id"))`,
    );
    await q.query(
      `ALTER TABLE "poste_alerte" ADD CONSTRAINT "fk_poste_alerte_poste" FOREIGN KEY ("poste_id") REFERENCES "poste"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // Marks a post (TG_ARGV[0]: the column of the row that names it). DO UPDATE, not DO NOTHING:
    // the marker's row stays locked until the writer commits, so a reader clearing it waits for
    // the write and then reads the post as written.
    await q.query(
      `CREATE FUNCTION poste_alerte_marque() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP <> 'INSERT' THEN
           INSERT INTO poste_alerte_perime (poste_id) VALUES ((to_jsonb(OLD) ->> TG_ARGV[0])::uuid)
           ON CONFLICT (poste_id) DO UPDATE SET marque_le = now();
         END IF;
         IF TG_OP <> 'DELETE' THEN
           INSERT INTO poste_alerte_perime (poste_id) VALUES ((to_jsonb(NEW) ->> TG_ARGV[0])::uuid)
           ON CONFLICT (poste_id) DO UPDATE SET marque_le = now();
         END IF;
         RETURN NULL;
       END $$`,
    );
    // The posts of a habitat operation whose type or dates change (the Anah's co-financing reads them).
    await q.query(
      `CREATE FUNCTION poste_alerte_marque_operation() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO poste_alerte_perime (poste_id) SELECT po.id FROM poste po WHERE po.operation_habitat_id = NEW.id
         ON CONFLICT (poste_id) DO UPDATE SET marque_le = now();
         RETURN NULL;
       END $$`,
    );
    await q.query(
      `CREATE FUNCTION poste_alerte_oublie_jours() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM poste_alerte_calcul;
         RETURN NULL;
       END $$`,
    );
    await q.query(`CREATE TRIGGER "trg_poste_alerte_insert_delete" AFTER INSERT OR DELETE ON "poste" FOR EACH ROW EXECUTE FUNCTION poste_alerte_marque('id')`);
    await q.query(
      `CREATE TRIGGER "trg_poste_alerte_update" AFTER UPDATE ON "poste" FOR EACH ROW
       WHEN ((OLD.created_at, OLD.operation_habitat_id, OLD.operation_type, OLD.operation_debut, OLD.operation_fin)
             IS DISTINCT FROM (NEW.created_at, NEW.operation_habitat_id, NEW.operation_type, NEW.operation_debut, NEW.operation_fin))
       EXECUTE FUNCTION poste_alerte_marque('id')`,
    );
    for (const table of CHILDREN) {
      await q.query(`CREATE TRIGGER "trg_${table}_poste_alerte" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION poste_alerte_marque('poste_id')`);
    }
    await q.query(`CREATE TRIGGER "trg_demande_cofinancement_poste_alerte" AFTER INSERT OR DELETE OR UPDATE OF "poste_id", "annee" ON "demande_cofinancement" FOR EACH ROW EXECUTE FUNCTION poste_alerte_marque('poste_id')`);
    await q.query(
      `CREATE TRIGGER "trg_operation_habitat_poste_alerte" AFTER UPDATE ON "operation_habitat" FOR EACH ROW
       WHEN ((OLD.type, OLD.date_debut, OLD.date_fin) IS DISTINCT FROM (NEW.type, NEW.date_debut, NEW.date_fin))
       EXECUTE FUNCTION poste_alerte_marque_operation()`,
    );
    await q.query(`CREATE TRIGGER "trg_programme_parametre_poste_alerte" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "programme_parametre" FOR EACH STATEMENT EXECUTE FUNCTION poste_alerte_oublie_jours()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "trg_programme_parametre_poste_alerte" ON "programme_parametre"`);
    await q.query(`DROP TRIGGER "trg_operation_habitat_poste_alerte" ON "operation_habitat"`);
    await q.query(`DROP TRIGGER "trg_demande_cofinancement_poste_alerte" ON "demande_cofinancement"`);
    for (const table of CHILDREN) await q.query(`DROP TRIGGER "trg_${table}_poste_alerte" ON "${table}"`);
    await q.query(`DROP TRIGGER "trg_poste_alerte_update" ON "poste"`);
    await q.query(`DROP TRIGGER "trg_poste_alerte_insert_delete" ON "poste"`);
    await q.query(`DROP FUNCTION poste_alerte_oublie_jours()`);
    await q.query(`DROP FUNCTION poste_alerte_marque_operation()`);
    await q.query(`DROP FUNCTION poste_alerte_marque()`);
    await q.query(`ALTER TABLE "poste_alerte" DROP CONSTRAINT "fk_poste_alerte_poste"`);
    await q.query(`DROP TABLE "poste_alerte_perime"`);
    await q.query(`DROP TABLE "poste_alerte_calcul"`);
    await q.query(`DROP INDEX "public"."idx_poste_alerte_jour_code"`);
    await q.query(`DROP INDEX "public"."idx_poste_alerte_poste"`);
    await q.query(`DROP TABLE "poste_alerte"`);
  }
}
