// Generates the engineering pillar at national scale straight in the database, after the national
// PVD list import: a chef de projet post for nine PVDs in ten (about 1,500, the report counts
// "+900" subsidised), one holder or two with a vacancy, yearly costs 2021–2026, the State or the
// Banque des Territoires and, for one post in three, the Anah through an OPAH-RU; yearly requests
// with their tranches; and about 4,600 expertise missions (the report counts "+4,400"), three in
// four from the Banque des Territoires. Deterministic: the PVD's rank decides.
export async function generateIngenierie(client) {
  await client.query(`
    CREATE TEMP TABLE bench_poste AS
    WITH ranked AS (SELECT p.id, row_number() OVER (ORDER BY p.id_pvd) AS n,
                           (SELECT pc.commune_insee FROM pvd_commune pc WHERE pc.pvd_id = p.id ORDER BY pc.commune_insee LIMIT 1) AS insee
                      FROM pvd p)
    SELECT gen_random_uuid() AS id, id AS pvd_id, n, insee FROM ranked WHERE n % 10 <> 0 AND insee IS NOT NULL`);
  await client.query(`
    INSERT INTO poste (id, pvd_id, intitule, employeur_type, employeur_code, operation_type, operation_libelle, operation_debut, created_at)
    SELECT id, pvd_id, 'Chef de projet PVD', 'commune', insee, CASE WHEN n % 3 = 0 THEN 'opah_ru' END, CASE WHEN n % 3 = 0 THEN 'OPAH-RU' END,
           CASE WHEN n % 3 = 0 THEN date '2022-09-01' END, timestamptz '2021-03-01'
      FROM bench_poste`);
  await client.query(`
    INSERT INTO poste_titulaire (poste_id, nom, date_debut, date_fin, quotite)
    SELECT id, 'Titulaire ' || n, date '2021-03-01' + (n % 200)::int, CASE WHEN n % 4 = 1 THEN date '2024-06-30' END, 100 FROM bench_poste
    UNION ALL
    SELECT id, 'Successeur ' || n, date '2024-10-01', NULL, CASE WHEN n % 8 = 1 THEN 80 ELSE 100 END FROM bench_poste WHERE n % 4 = 1 AND n % 5 <> 0`);
  await client.query(`
    INSERT INTO poste_cout_annuel (poste_id, annee, cout)
    SELECT id, y, (5200000 + (n * 170000) % 2400000 + (y - 2021) * 120000) FROM bench_poste CROSS JOIN generate_series(2021, 2026) AS y`);
  await client.query(`
    INSERT INTO poste_cofinanceur (poste_id, financeur) SELECT id, CASE WHEN n % 7 = 3 THEN 'bdt' ELSE 'etat' END FROM bench_poste
    UNION ALL SELECT id, 'anah' FROM bench_poste WHERE n % 3 = 0`);
  await client.query(`
    INSERT INTO demande_cofinancement (poste_id, annee, montant_demande, date_demande, montant_accorde, date_decision, versements)
    SELECT id, y, 4500000, make_date(y, 1, 20), 4500000, make_date(y, 3, 10),
           jsonb_build_array(jsonb_build_object('date', make_date(y, 5, 15), 'montant', 3375000, 'tranche', 'avance'),
                             jsonb_build_object('date', make_date(y, 11, 15), 'montant', 1125000, 'tranche', 'solde'))
      FROM bench_poste CROSS JOIN generate_series(2021, 2026) AS y WHERE y < 2026 OR n % 4 <> 3`);
  await client.query(`
    INSERT INTO mission (pvd_id, financeur_id, nature, intitule, montant_engage, montant_verse, date_debut, statut, reference_externe)
    SELECT b.pvd_id, f.id, (ARRAY['etude', 'mesure_urgence_commerce', 'assistance_management_projet', 'etude_pre_operationnelle'])[1 + (b.n + k) % 4],
           'Mission ' || b.n || '-' || k, 1500000 + (b.n * 977 + k * 4513) % 4000000, 0, make_date((2021 + (b.n + k) % 5)::int, 4, 1),
           (ARRAY['accordee', 'en_cours', 'livree'])[1 + (b.n + k) % 3], 'BENCH-' || b.n || '-' || k
      FROM bench_poste b CROSS JOIN generate_series(0, 2) AS k
      JOIN financeur f ON f.code = CASE WHEN (b.n + k) % 4 = 3 THEN 'cerema' ELSE 'banque_des_territoires' END`);
  await client.query('ANALYZE');
  const [counts] = (
    await client.query(`SELECT (SELECT count(*) FROM poste)::int AS postes, (SELECT count(*) FROM poste_titulaire)::int AS titulaires,
                               (SELECT count(*) FROM demande_cofinancement)::int AS demandes, (SELECT count(*) FROM mission)::int AS missions`)
  ).rows;
  return counts;
}
