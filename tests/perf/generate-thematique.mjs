// Generates the thematic pillar at national scale straight in the database, after the national
// PVD list import: about 30 financing lines per PVD (about 50,000, in every dispositif and status,
// the report counts 1.4 billion euros engaged), and one habitat operation for every three PVDs of
// a département, covering their three communes (the report counts 407 operations over 676
// communes). Deterministic: the PVD's rank decides.
export async function generateThematique(client) {
  await client.query(`
    INSERT INTO ligne_financement (dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_demande, date_engagement,
                                   date_contractualisation, date_versement, annee_campagne, reference_externe, source, date_source)
    SELECT d.id, 'commune', pc.commune_insee, 'Projet ' || r.n || '-' || k, 1000000 + (r.n * 7919 + k * 3571) % 50000000,
           (ARRAY['demande', 'engage', 'contractualise', 'verse'])[1 + (r.n + k) % 4],
           make_date((2020 + (r.n + k) % 6)::int, 2, 10),
           CASE WHEN (r.n + k) % 4 >= 1 THEN make_date((2020 + (r.n + k) % 6)::int, 5, 10) END,
           CASE WHEN (r.n + k) % 4 >= 2 THEN make_date((2020 + (r.n + k) % 6)::int, 8, 10) END,
           CASE WHEN (r.n + k) % 4 >= 3 THEN make_date((2020 + (r.n + k) % 6)::int, 11, 10) END,
           (2020 + (r.n + k) % 6)::int, 'BENCH-' || r.n || '-' || k, 'Benchmark', date '2025-12-01'
      FROM (SELECT p.id, row_number() OVER (ORDER BY p.id_pvd) AS n FROM pvd p) r
      JOIN LATERAL (SELECT commune_insee FROM pvd_commune WHERE pvd_id = r.id ORDER BY commune_insee LIMIT 1) pc ON TRUE
      CROSS JOIN generate_series(0, 29) AS k
      JOIN LATERAL (SELECT id FROM dispositif ORDER BY code OFFSET ((r.n + k) % 11) LIMIT 1) d ON TRUE`);
  await client.query(`
    WITH grouped AS (
      SELECT c.insee, c.departement_code, (row_number() OVER (PARTITION BY c.departement_code ORDER BY c.insee) - 1) / 3 AS g
        FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee),
    groups AS (SELECT departement_code, g, array_agg(insee) AS communes FROM grouped GROUP BY departement_code, g HAVING count(*) = 3),
    ops AS (
      INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase, date_debut, objectifs, reference_externe)
      SELECT (ARRAY['opah_ru', 'opah', 'pig', 'opah_rr'])[1 + (g % 4)::int], 'Opération ' || departement_code || '-' || g, 'commune', communes[1],
             'operationnelle', date '2022-01-01', '[{"annee":2024,"objectif":20,"traites":12}]', departement_code || '-' || g
        FROM groups RETURNING id, reference_externe)
    INSERT INTO operation_habitat_commune (operation_id, commune_insee)
    SELECT ops.id, unnest(groups.communes) FROM ops JOIN groups ON ops.reference_externe = groups.departement_code || '-' || groups.g`);
  await client.query('ANALYZE');
  const [counts] = (
    await client.query(`SELECT (SELECT count(*) FROM ligne_financement)::int AS lignes, (SELECT count(*) FROM operation_habitat)::int AS operations,
                               (SELECT count(*) FROM operation_habitat_commune)::int AS communes`)
  ).rows;
  return counts;
}
