import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commune organisations named by migration 0002 as « Commune de » + name (« Commune de Ahun ») are
 * renamed as French writes it (« Commune d’Ahun », « Commune du Blanc », « Commune des Andelys »),
 * the rule `deCommune` applies to new ones, frozen here in SQL. Names someone changed are left alone.
 */
export class OrganisationCommuneNames1764100000036 implements MigrationInterface {
  name = 'OrganisationCommuneNames1764100000036';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE organisation o
         SET nom = 'Commune ' || CASE
               WHEN c.nom ~ '^Le\\s+' THEN 'du ' || regexp_replace(c.nom, '^Le\\s+', '')
               WHEN c.nom ~ '^Les\\s+' THEN 'des ' || regexp_replace(c.nom, '^Les\\s+', '')
               WHEN translate(lower(left(c.nom, 1)), 'àâäéèêëîïôöùûüÿ', 'aaaeeeeiioouuuy') IN ('a', 'e', 'i', 'o', 'u', 'y') THEN 'd’' || c.nom
               WHEN lower(left(c.nom, 1)) = 'h' AND lower(left(c.nom, 2)) <> 'ha' THEN 'd’' || c.nom
               ELSE 'de ' || c.nom
             END,
             version = o.version + 1,
             updated_at = now()
        FROM commune c
       WHERE o.type = 'commune' AND o.commune_insee = c.insee AND o.nom = 'Commune de ' || c.nom
         AND (c.nom ~ '^Les?\\s+' OR translate(lower(left(c.nom, 1)), 'àâäéèêëîïôöùûüÿ', 'aaaeeeeiioouuuy') IN ('a', 'e', 'i', 'o', 'u', 'y')
              OR (lower(left(c.nom, 1)) = 'h' AND lower(left(c.nom, 2)) <> 'ha'))`);
  }

  public async down(): Promise<void> {
    // Names are data: nothing to undo.
  }
}
