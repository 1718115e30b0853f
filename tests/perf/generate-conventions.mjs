// Generates conventions at national scale straight in the database, after the national PVD list
// import: for every PVD with a convention d'adhésion, a signed one; then convention-cadres in the
// shares the programme shows (about 80 % signed, the rest déposées, en instruction, à compléter or
// not started), each with its workflow steps and a three-action plan; and avenants to one signed
// convention-cadre in five. Deterministic (no randomness): the PVD's rank decides.
export async function generateConventions(client) {
  const { rows } = await client.query(`
    WITH ranked AS (SELECT id, COALESCE(date_convention_adhesion, '2021-06-01') AS adhesion, row_number() OVER (ORDER BY id_pvd) AS n FROM pvd),
    adhesion AS (
      INSERT INTO convention (pvd_id, type, etat, etat_depuis, date_signature)
      SELECT id, 'adhesion', 'signee', adhesion, adhesion FROM ranked
      ON CONFLICT DO NOTHING RETURNING id),
    cadre AS (
      INSERT INTO convention (pvd_id, type, etat, etat_depuis, date_signature, diagnostic, strategie, vaut_ort)
      SELECT id, 'cadre', s.etat, now() - (n % 60) * interval '1 day', CASE WHEN s.etat = 'signee' THEN adhesion + interval '14 months' END,
             'Diagnostic du centre-bourg', 'Stratégie de revitalisation', n % 3 = 0
        FROM ranked CROSS JOIN LATERAL (SELECT CASE WHEN n % 20 < 16 THEN 'signee' WHEN n % 20 = 16 THEN 'deposee' WHEN n % 20 = 17 THEN 'en_instruction'
                                                    WHEN n % 20 = 18 THEN 'a_completer' END AS etat) s
       WHERE s.etat IS NOT NULL
      ON CONFLICT DO NOTHING RETURNING id, pvd_id, etat)
    SELECT (SELECT count(*) FROM adhesion) AS adhesions, (SELECT count(*) FROM cadre) AS cadres`);
  await client.query(`
    INSERT INTO convention (pvd_id, type, parent_id, numero, etat)
    SELECT k.pvd_id, 'avenant', k.id, 1, 'deposee' FROM convention k WHERE k.type = 'cadre' AND k.etat = 'signee' AND hashtext(k.id::text) % 5 = 0
    ON CONFLICT DO NOTHING`);
  await client.query(`
    INSERT INTO convention_transition (convention_id, action, etat_avant, etat_apres, at, actor_label)
    SELECT k.id, s.action, s.avant, s.apres, k.etat_depuis - s.back * interval '10 days', 'bench'
      FROM convention k
      CROSS JOIN LATERAL (VALUES ('creer', NULL, 'brouillon', 3), ('deposer', 'brouillon', 'deposee', 2), ('instruire', 'deposee', 'en_instruction', 1), ('valider', 'en_instruction', 'validee', 0)) AS s(action, avant, apres, back)`);
  await client.query(`
    INSERT INTO convention_action (convention_id, position, intitule, thematique, statut)
    SELECT k.id, p, 'Action ' || p, (ARRAY['habitat', 'commerce', 'espaces_publics'])[p + 1], 'en_cours'
      FROM convention k CROSS JOIN generate_series(0, 2) AS p WHERE k.type = 'cadre'`);
  await client.query('ANALYZE');
  const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM convention')).rows;
  return { ...rows[0], total: n };
}
