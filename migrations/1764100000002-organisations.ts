import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations (commune, EPCI, préfecture, SGAR, ANCT, partner) and memberships (a user's role in
 * an organisation). Accounts created with a single role on the user move to a membership of the
 * organisation their role and territory point to.
 */
export class Organisations1764100000002 implements MigrationInterface {
  name = 'Organisations1764100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(20) NOT NULL, "nom" text NOT NULL, "siret" character varying(14), "commune_insee" character varying(5), "epci_siren" character varying(9), "departement_code" character varying(3), "region_code" character varying(3), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "chk_organisation_type" CHECK (type IN ('commune', 'epci', 'prefecture', 'sgar', 'anct', 'partenaire')), CONSTRAINT "chk_organisation_territoire" CHECK ((type = 'commune') = (commune_insee IS NOT NULL) AND (type = 'epci') = (epci_siren IS NOT NULL)
   AND (type = 'prefecture') = (departement_code IS NOT NULL) AND (type = 'sgar') = (region_code IS NOT NULL)), CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_organisation_siret" ON "organisation"  ("siret") WHERE siret IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_organisation_departement" ON "organisation"  ("departement_code") `);
    // One organisation per territory; one ANCT; partners by name.
    await q.query(
      `CREATE UNIQUE INDEX "uq_organisation_territoire" ON "organisation" ("type", (coalesce(commune_insee, epci_siren, departement_code, region_code, CASE WHEN type = 'partenaire' THEN nom ELSE '' END)))`,
    );
    await q.query(`CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "role" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_membership_organisation" ON "membership"  ("organisation_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_membership_user_organisation" ON "membership"  ("user_id", "organisation_id") `);
    await q.query(`ALTER TABLE "organisation" ADD CONSTRAINT "fk_organisation_commune" FOREIGN KEY ("commune_insee") REFERENCES "commune"("insee") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "organisation" ADD CONSTRAINT "fk_organisation_epci" FOREIGN KEY ("epci_siren") REFERENCES "epci"("siren") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "organisation" ADD CONSTRAINT "fk_organisation_departement" FOREIGN KEY ("departement_code") REFERENCES "departement"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "organisation" ADD CONSTRAINT "fk_organisation_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "membership" ADD CONSTRAINT "fk_membership_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "membership" ADD CONSTRAINT "fk_membership_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Existing accounts: role + territory on the user become a membership.
    await q.query(`INSERT INTO organisation (type, nom, commune_insee)
      SELECT DISTINCT 'commune', 'Commune de ' || c.nom, c.insee FROM app_user u JOIN commune c ON c.insee = u.commune_insee
       WHERE u.role = 'chef_de_projet'`);
    await q.query(`INSERT INTO organisation (type, nom, departement_code)
      SELECT DISTINCT 'prefecture', 'Préfecture – ' || d.nom || ' (' || d.code || ')', d.code FROM app_user u JOIN departement d ON d.code = u.departement_code
       WHERE u.role = 'prefecture'`);
    await q.query(`INSERT INTO organisation (type, nom)
      SELECT 'anct', 'Agence nationale de la cohésion des territoires' WHERE EXISTS (SELECT 1 FROM app_user WHERE role IN ('anct', 'administrateur'))`);
    await q.query(`INSERT INTO membership (user_id, organisation_id, role)
      SELECT u.id, o.id, CASE u.role WHEN 'prefecture' THEN 'prefecture_instructeur' WHEN 'anct' THEN 'anct_directeur' ELSE u.role END
        FROM app_user u JOIN organisation o ON
             (u.role = 'chef_de_projet' AND o.type = 'commune' AND o.commune_insee = u.commune_insee)
          OR (u.role = 'prefecture' AND o.type = 'prefecture' AND o.departement_code = u.departement_code)
          OR (u.role IN ('anct', 'administrateur') AND o.type = 'anct')`);

    await q.query(`ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_commune"`);
    await q.query(`ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_departement"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "role"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "commune_insee"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "departement_code"`);
    await q.query(`ALTER TABLE "app_user" ADD "password_changed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "app_user" ADD "last_login_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "last_login_at"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "password_changed_at"`);
    await q.query(`ALTER TABLE "app_user" ADD "departement_code" character varying(3)`);
    await q.query(`ALTER TABLE "app_user" ADD "commune_insee" character varying(5)`);
    await q.query(`ALTER TABLE "app_user" ADD "role" character varying(32)`);
    await q.query(`UPDATE app_user u SET role = CASE m.role WHEN 'prefecture_instructeur' THEN 'prefecture' WHEN 'anct_directeur' THEN 'anct' ELSE m.role END,
                          commune_insee = o.commune_insee, departement_code = o.departement_code
                     FROM membership m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = u.id`);
    await q.query(`UPDATE app_user SET role = 'chef_de_projet' WHERE role IS NULL`);
    await q.query(`ALTER TABLE "app_user" ALTER COLUMN "role" SET NOT NULL`);
    await q.query(`ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_departement" FOREIGN KEY ("departement_code") REFERENCES "departement"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_commune" FOREIGN KEY ("commune_insee") REFERENCES "commune"("insee") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`DROP TABLE "membership"`);
    await q.query(`DROP TABLE "organisation"`);
  }
}
