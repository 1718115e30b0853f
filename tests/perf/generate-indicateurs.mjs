// Generates, straight in the database and set-based (generate_series, no row-by-row loop), a
// dataset at twice the programme's national size for the indicators benchmark:
// - 3,300 PVD over about 3,630 communes of the real référentiel (one in ten is a group of two),
//   with their membership periods: one PVD in 25 withdrawn on 2024-06-30, one commune in 37 moved
//   on 2023-01-01 from the next PVD; signed conventions-cadres for four PVD in five;
// - 1,815 chef de projet posts with holders (some vacancies), co-financers (the State or the
//   Banque des Territoires, the Anah for one in three) and yearly decisions 2021–2026;
// - 9,000 expertise missions over the eight natures and six funders, with engagement dates, one in
//   eight abandoned or only requested;
// - 40,000 financing lines over the real dispositifs with dated statuses, one in twenty to an EPCI,
//   one in fifty to a commune outside the programme;
// - 1,000 habitat operations over three communes each, ORT for two PVD in three, scheme
//   participations (France services, Micro-Folie, EcoQuartier, contrats de sécurité, POPSU, Ville
//   amie des aînés, Fabrique prospective), reference values, and 1,000,000 audit rows.
// Deterministic: the PVD's rank decides everything.
export const SIZES = { pvd: 3300, postesSur20: 11, missions: 9000, lignes: 40000, operations: 1000, audit: 1_000_000 };

/**
 * `sizes` overrides SIZES (`postesSur20`: PVD with a post, out of 20); `tag` tells apart the records
 * of several runs on one database (each on its own connection: the run keeps temporary tables).
 */
export async function generateIndicateurs(client, { sizes: override = {}, tag = 'IND' } = {}) {
  const sizes = { ...SIZES, ...override };
  const idPrefix = tag === 'IND' ? 'bench-' : `bench-${tag.toLowerCase()}-`;
  const timings = {};
  const step = async (name, sql) => {
    const t0 = performance.now();
    await client.query(sql);
    timings[name] = Math.round(performance.now() - t0);
  };
  // The communes: a deterministic shuffle of the small towns not yet in the programme.
  await step(
    'communes',
    `CREATE TEMP TABLE bench_commune AS
     SELECT row_number() OVER (ORDER BY hashtext(c.insee), c.insee)::int AS r, c.insee, c.epci_siren, c.departement_code
       FROM commune c
      WHERE c.population BETWEEN 800 AND 30000 AND c.epci_siren IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM pvd_commune_periode pp WHERE pp.commune_insee = c.insee)
      LIMIT ${sizes.pvd + sizes.pvd / 10}`,
  );
  // PVD n has commune n; PVD n with n % 10 = 0 also has commune pvd + n / 10.
  await step(
    'pvd',
    `CREATE TEMP TABLE bench_pvd AS
     SELECT n, gen_random_uuid() AS id, c.insee, c.epci_siren, c.departement_code AS dep,
            date '2020-12-10' + (n % 500) AS selection, n % 25 = 0 AS retire
       FROM generate_series(1, ${sizes.pvd}) AS n JOIN bench_commune c ON c.r = n;
     INSERT INTO pvd (id, id_pvd, epci_siren, date_selection, date_convention_adhesion, date_retrait)
     SELECT id, '${idPrefix}' || n, epci_siren, selection, selection + 120, CASE WHEN retire THEN date '2024-06-30' END FROM bench_pvd;
     CREATE TEMP TABLE bench_membre AS
     SELECT p.n, p.id AS pvd_id, p.insee, p.selection, p.retire FROM bench_pvd p
     UNION ALL
     SELECT p.n, p.id, c.insee, p.selection, p.retire FROM bench_pvd p JOIN bench_commune c ON c.r = ${sizes.pvd} + p.n / 10 WHERE p.n % 10 = 0;
     -- Periods: open, or closed on withdrawal; a commune in 37 first belonged to the next PVD.
     INSERT INTO pvd_commune_periode (commune_insee, pvd_id, debut, fin, motif_debut, motif_fin)
     SELECT m.insee, m.pvd_id, CASE WHEN m.n % 37 = 0 THEN date '2023-01-01' ELSE m.selection END,
            CASE WHEN m.retire THEN date '2024-06-30' END, CASE WHEN m.n % 37 = 0 THEN 'deplacement' ELSE 'selection' END,
            CASE WHEN m.retire THEN 'retrait' END
       FROM bench_membre m
     UNION ALL
     SELECT m.insee, q.id, m.selection, date '2023-01-01', 'selection', 'deplacement'
       FROM bench_membre m JOIN bench_pvd q ON q.n = m.n + 1 WHERE m.n % 37 = 0 AND m.selection < date '2023-01-01';
     INSERT INTO pvd_commune (commune_insee, pvd_id) SELECT insee, pvd_id FROM bench_membre WHERE NOT retire;
     -- Conventions-cadres: four PVD in five signed, the others on their way.
     INSERT INTO convention (pvd_id, type, etat, etat_depuis, date_signature)
     SELECT id, 'cadre', CASE WHEN n % 5 = 0 THEN 'en_instruction' ELSE 'signee' END, timestamptz '2023-01-01',
            CASE WHEN n % 5 <> 0 THEN selection + 200 + (n % 700) END
       FROM bench_pvd ON CONFLICT DO NOTHING`,
  );
  await step(
    'postes',
    `CREATE TEMP TABLE bench_poste AS SELECT gen_random_uuid() AS id, p.id AS pvd_id, p.n, p.insee FROM bench_pvd p WHERE p.n % 20 < ${sizes.postesSur20};
     INSERT INTO poste (id, pvd_id, intitule, employeur_type, employeur_code, created_at)
     SELECT id, pvd_id, 'Chef de projet PVD', 'commune', insee, timestamptz '2021-03-01' FROM bench_poste;
     INSERT INTO poste_titulaire (poste_id, nom, date_debut, date_fin, quotite)
     SELECT id, 'Titulaire ' || n, date '2021-03-01' + (n % 200), CASE WHEN n % 4 = 1 THEN date '2024-06-30' END, 100 FROM bench_poste
     UNION ALL
     SELECT id, 'Successeur ' || n, date '2024-10-01', NULL, 80 FROM bench_poste WHERE n % 4 = 1 AND n % 5 <> 0;
     INSERT INTO poste_cofinanceur (poste_id, financeur, date_debut)
     SELECT id, CASE WHEN n % 7 = 3 THEN 'bdt' ELSE 'etat' END, date '2021-03-01' FROM bench_poste
     UNION ALL SELECT id, 'anah', date '2022-09-01' FROM bench_poste WHERE n % 3 = 0;
     INSERT INTO demande_cofinancement (poste_id, annee, montant_demande, date_demande, montant_accorde, date_decision)
     SELECT id, y, 4500000, make_date(y, 1, 20), CASE WHEN y < 2026 OR n % 2 = 0 THEN 4000000 + (n % 50) * 10000 END,
            CASE WHEN y < 2026 OR n % 2 = 0 THEN make_date(y, 3, 1 + n % 28) END
       FROM bench_poste CROSS JOIN generate_series(2021, 2026) AS y`,
  );
  await step(
    'missions',
    `INSERT INTO mission (pvd_id, financeur_id, nature, intitule, montant_engage, statut, date_demande, date_debut, date_engagement, reference_externe)
     SELECT p.id, f.id, (ARRAY['etude', 'amo', 'assistance_management_projet', 'mesure_urgence_commerce', 'etude_pre_operationnelle', 'suivi_animation', 'atelier_flash', 'ingenierie_sur_mesure'])[1 + i % 8],
            'Mission ' || i, 500000 + (i * 7919) % 8000000, s.statut, d.jour - 60, d.jour,
            CASE WHEN s.statut IN ('accordee', 'en_cours', 'livree') THEN d.jour END, 'BENCH-${tag}-' || i
       FROM generate_series(1, ${sizes.missions}) AS i
       JOIN bench_pvd p ON p.n = 1 + i % ${sizes.pvd}
       JOIN financeur f ON f.code = (ARRAY['banque_des_territoires', 'banque_des_territoires', 'cerema', 'anah', 'anct_sur_mesure', 'dhup_ateliers_flash'])[1 + (i / 7) % 6]
       CROSS JOIN LATERAL (SELECT CASE WHEN i % 16 = 5 THEN 'abandonnee' WHEN i % 16 = 11 THEN 'demandee' ELSE (ARRAY['accordee', 'en_cours', 'livree'])[1 + i % 3] END AS statut) s
       CROSS JOIN LATERAL (SELECT date '2021-02-01' + (i * 13) % 1800 AS jour) d`,
  );
  await step(
    'lignes',
    `WITH disp AS (SELECT array_agg(id ORDER BY code) AS ids FROM dispositif),
     l AS (SELECT i, p.insee, p.epci_siren, date '2020-03-01' + (i * 31) % 2100 AS demande, i % 4 AS etape FROM generate_series(1, ${sizes.lignes}) AS i JOIN bench_pvd p ON p.n = 1 + (i * 7) % ${sizes.pvd})
     INSERT INTO ligne_financement (dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_demande, date_engagement,
                                    date_contractualisation, date_versement, annee_campagne, reference_externe, source, date_source, logements, dossiers)
     SELECT disp.ids[1 + l.i % array_length(disp.ids, 1)],
            CASE WHEN l.i % 20 = 7 THEN 'epci' ELSE 'commune' END,
            CASE WHEN l.i % 20 = 7 THEN l.epci_siren WHEN l.i % 50 = 13 THEN (ARRAY['75056', '69123', '13055', '31555', '67482'])[1 + l.i % 5] ELSE l.insee END,
            'Projet ' || l.i, 100000 + (l.i * 7919) % 50000000,
            (ARRAY['demande', 'engage', 'contractualise', 'verse'])[1 + l.etape], l.demande,
            CASE WHEN l.etape >= 1 THEN l.demande + 90 END, CASE WHEN l.etape >= 2 THEN l.demande + 200 END, CASE WHEN l.etape >= 3 THEN l.demande + 400 END,
            extract(year FROM l.demande)::int, 'BENCH-${tag}-' || l.i, 'Benchmark', date '2025-12-01',
            CASE WHEN l.i % 3 = 0 THEN 1 + l.i % 40 END, CASE WHEN l.i % 2 = 0 THEN 1 + l.i % 5 END
       FROM l CROSS JOIN disp`,
  );
  await step(
    'habitat',
    `WITH ops AS (
       INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase, date_debut, date_fin, reference_externe)
       SELECT (ARRAY['opah_ru', 'opah', 'pig', 'opah_rr', 'rhi_thirori', 'opah_cd'])[1 + j % 6], 'Opération ' || j, 'commune', p.insee,
              CASE WHEN j % 10 = 9 THEN 'etude_pre_operationnelle' WHEN j % 10 = 8 THEN 'close' ELSE 'operationnelle' END,
              date '2021-01-01' + (j * 17) % 1400, CASE WHEN j % 10 = 8 THEN date '2024-12-31' END, 'BENCH-${tag}-' || j
         FROM generate_series(0, ${sizes.operations - 1}) AS j JOIN bench_pvd p ON p.n = 1 + (3 * j) % ${sizes.pvd}
       RETURNING id, reference_externe)
     INSERT INTO operation_habitat_commune (operation_id, commune_insee)
     SELECT ops.id, p.insee FROM ops CROSS JOIN generate_series(1, 3) AS k
       JOIN bench_pvd p ON p.n = 1 + (3 * split_part(ops.reference_externe, '-', 3)::int + k - 1) % ${sizes.pvd}`,
  );
  await step(
    'ort',
    `WITH o AS (
       INSERT INTO ort (libelle, epci_siren, statut, date_signature, duree_annees)
       SELECT 'ORT ' || n, epci_siren, CASE WHEN n % 11 = 0 THEN 'en_preparation' WHEN n % 13 = 0 THEN 'echue' ELSE 'signee' END,
              CASE WHEN n % 11 <> 0 THEN date '2020-06-01' + (n * 3) % 1600 END, CASE WHEN n % 4 = 0 THEN 5 END
         FROM bench_pvd WHERE n % 3 <> 0
       RETURNING id, libelle)
     INSERT INTO ort_commune (ort_id, commune_insee)
     SELECT o.id, m.insee FROM o JOIN bench_membre m ON m.n = substr(o.libelle, 5)::int`,
  );
  await step(
    'demarches',
    `INSERT INTO demarche_participation (demarche_id, commune_insee, date_debut, date_fin, attributs)
     SELECT d.id, p.insee, date '2020-01-01' + (p.n * 11) % 1500, CASE WHEN p.n % 17 = 0 THEN date '2024-09-30' END, x.attributs
       FROM bench_pvd p
       CROSS JOIN LATERAL (VALUES
         ('france_services', p.n % 4 = 0, jsonb_build_object('forme', CASE WHEN p.n % 8 = 0 THEN 'itinérante' ELSE 'fixe' END)),
         ('micro_folie', p.n % 9 = 0, jsonb_build_object('forme', CASE WHEN p.n % 2 = 0 THEN 'fixe' ELSE 'mobile' END)),
         ('ecoquartier', p.n % 30 = 0, jsonb_build_object('etape', '2 – en chantier')),
         ('contrat_securite', p.n % 15 = 0, '{}'::jsonb),
         ('popsu', p.n % 40 = 0, jsonb_build_object('publication', (ARRAY['portrait', 'carnet', 'reportage', 'aucune'])[1 + p.n % 4])),
         ('ville_amie_aines', p.n % 12 = 0, jsonb_build_object('statut', (ARRAY['membre', 'en démarche vers le label', 'labellisée'])[1 + p.n % 3])),
         ('fabrique_prospective', p.n % 50 = 0, '{}'::jsonb)) AS x(code, retenu, attributs)
       JOIN demarche d ON d.code = x.code
      WHERE x.retenu;
     INSERT INTO valeur_reference (cle, zone_type, zone_code, date_valeur, valeur, source)
     SELECT 'maprimerenov_total', 'departement', code, date '2023-12-31', 50000000, 'Benchmark' FROM departement
     UNION ALL SELECT 'france_services_total', 'nation', '', date '2023-12-31', 2800, 'Benchmark'
     ON CONFLICT DO NOTHING`,
  );
  // Audit rows in the order of their index (entity type, then entity id), as a real log mostly is.
  await step(
    'audit',
    // Each row belongs to a dossier, the PVDs in turn, with its territory as the audit trigger stores it
    // (given here, so that the trigger does not look it up a million times).
    `CREATE TEMP TABLE bench_pvd_territoire AS
     SELECT DISTINCT ON (pc.pvd_id) p.n, pc.pvd_id, c.departement_code, c.region_code
       FROM bench_pvd p JOIN pvd_commune pc ON pc.pvd_id = p.id JOIN commune c ON c.insee = pc.commune_insee
      ORDER BY pc.pvd_id, c.population DESC NULLS LAST, c.insee;
     INSERT INTO audit_log (at, actor_label, action, entity_type, entity_id, before, after, pvd_id, departement_code, region_code)
     SELECT timestamptz '2021-01-01' + i * interval '90 seconds', 'Agent ' || i % 500, (ARRAY['create', 'update', 'delete'])[1 + i % 3],
            (ARRAY['ligne_financement', 'mission', 'poste', 'convention', 'pvd'])[1 + (i - 1) / ${sizes.audit / 5}], lpad((i / 10)::text, 9, '0'),
            CASE WHEN i % 3 <> 0 THEN jsonb_build_object('statut', 'demande', 'montant', i) END, jsonb_build_object('statut', 'engage', 'montant', i + 1),
            t.pvd_id, t.departement_code, t.region_code
       FROM generate_series(1, ${sizes.audit}) AS i LEFT JOIN bench_pvd_territoire t ON t.n = 1 + i % ${sizes.pvd}`,
  );
  // Vacuumed and analysed now, so that no autovacuum of a million audit rows runs during the measures.
  await step('vacuum analyze', 'VACUUM ANALYZE');
  const [counts] = (
    await client.query(`SELECT (SELECT count(*) FROM pvd)::int AS pvd, (SELECT count(*) FROM pvd_commune_periode)::int AS periodes,
                               (SELECT count(*) FROM poste)::int AS postes, (SELECT count(*) FROM mission)::int AS missions,
                               (SELECT count(*) FROM ligne_financement)::int AS lignes, (SELECT count(*) FROM operation_habitat)::int AS operations,
                               (SELECT count(*) FROM ort)::int AS ort, (SELECT count(*) FROM demarche_participation)::int AS participations,
                               (SELECT count(*) FROM convention WHERE type = 'cadre' AND etat = 'signee')::int AS cadres_signees,
                               (SELECT count(*) FROM audit_log)::int AS audit`)
  ).rows;
  return { counts, timings };
}
