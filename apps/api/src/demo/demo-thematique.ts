import type { EntityManager } from 'typeorm';
import { DEMO_JOURNEY_COMMUNE } from './demo-conventions';

interface DemoPvd {
  id: string;
  insee: string;
  departement: string;
  epci: string | null;
  adhesion: string | null;
}

const OPERATION_TYPES = ['opah_ru', 'opah', 'pig', 'opah_rr', 'opah_cd'] as const;
const PHASES = ['operationnelle', 'convention_signee', 'etude_pre_operationnelle', 'close'] as const;
const OPERATEURS = ['SOLiHA', 'Urbanis', 'Citémétrie', 'Altaïr'];
const LINES: { dispositif: string; projet: string; base: number }[] = [
  { dispositif: 'dsil', projet: 'Réaménagement de la place centrale', base: 180_000 },
  { dispositif: 'detr', projet: 'Rénovation de l’école', base: 120_000 },
  { dispositif: 'fonds_vert', projet: 'Renaturation des cours d’école', base: 90_000 },
  { dispositif: 'fonds_friches', projet: 'Reconversion de l’ancienne usine', base: 400_000 },
  { dispositif: 'anah_operations', projet: 'Aides aux travaux de l’OPAH', base: 250_000 },
  { dispositif: 'bdt_pret_renouvellement', projet: 'Halle marchande', base: 600_000 },
  { dispositif: 'drac_patrimoine', projet: 'Restauration de l’église', base: 75_000 },
];
const STATUTS = ['verse', 'contractualise', 'engage', 'engage', 'demande'] as const;

const day = (year: number, month: number, d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * Thematic support for the demo PVDs, by a fixed rule on each PVD's rank (docs/demo-data.md): an
 * ORT for one PVD in three; an habitat operation for every three PVDs of a département, covering
 * their three communes; two or three financing lines each; France services, Micro-Folie and Ville
 * amie des aînés participations. Ahun, the journeys' commune, has none.
 */
export async function seedDemoThematique(em: EntityManager, pvds: DemoPvd[]): Promise<{ ort: number; operations: number; lignes: number; participations: number }> {
  const demo = pvds.filter((p) => p.insee !== DEMO_JOURNEY_COMMUNE);
  const codes = new Map<string, string>((await em.query('SELECT code, id FROM dispositif')).map((d: { code: string; id: string }) => [d.code, d.id]));
  const demarches = new Map<string, string>((await em.query('SELECT code, id FROM demarche')).map((d: { code: string; id: string }) => [d.code, d.id]));
  let ort = 0;
  let operations = 0;
  let lignes = 0;
  let participations = 0;

  for (const [i, p] of demo.entries()) {
    const year = p.adhesion ? Number(p.adhesion.slice(0, 4)) : 2021;
    if (i % 3 === 0 && p.adhesion) {
      const [cadre] = await em.query(`SELECT id FROM convention WHERE pvd_id = $1 AND type = 'cadre' AND etat = 'signee' AND vaut_ort`, [p.id]);
      const [row] = await em.query(
        `INSERT INTO ort (libelle, epci_siren, statut, date_signature, duree_annees, convention_cadre_id) VALUES ($1, $2, 'signee', $3, $4, $5) RETURNING id`,
        [`ORT de la commune ${p.insee}`, p.epci, day(year + 1, 6, 15), 5 + (i % 3), cadre?.id ?? null],
      );
      await em.query('INSERT INTO ort_commune (ort_id, commune_insee) VALUES ($1, $2)', [row.id, p.insee]);
      ort++;
    }
    for (let k = 0; k < 2 + (i % 2); k++) {
      const line = LINES[(i + k * 2) % LINES.length];
      const statut = STATUTS[(i + k) % STATUTS.length];
      const campagne = Math.min(2025, year + k);
      const steps = ['demande', 'engage', 'contractualise', 'verse'];
      const reached = steps.indexOf(statut);
      const dates = steps.map((_, s) => (s <= reached ? day(campagne, 2 + s * 3, 10) : null));
      const dispositif = codes.get(line.dispositif);
      if (!dispositif) continue;
      const counts = line.dispositif === 'anah_operations' ? { logements: 10 + (i % 20), dossiers: 8 + (i % 15) } : line.dispositif === 'fonds_vert' ? { logements: null, dossiers: 1 } : { logements: null, dossiers: null };
      await em.query(
        `INSERT INTO ligne_financement (dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_demande, date_engagement, date_contractualisation,
                                        date_versement, annee_campagne, reference_externe, source, date_source, logements, dossiers)
         VALUES ($1, 'commune', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          dispositif,
          p.insee,
          line.projet,
          (line.base + ((i * 7_919 + k * 3_571) % 50_000)) * 100,
          statut,
          ...dates,
          campagne,
          `DEMO-${line.dispositif.toUpperCase()}-${p.insee}-${k}`,
          line.dispositif.startsWith('bdt') ? 'Banque des Territoires' : line.dispositif.startsWith('anah') ? 'Anah' : 'Préfecture',
          '2025-12-01',
          counts.logements,
          counts.dossiers,
        ],
      );
      lignes++;
    }
    const participation = async (code: string, attributs: Record<string, unknown>, debut: string) => {
      const id = demarches.get(code);
      if (!id) return;
      await em.query('INSERT INTO demarche_participation (demarche_id, commune_insee, date_debut, attributs) VALUES ($1, $2, $3, $4)', [id, p.insee, debut, JSON.stringify(attributs)]);
      participations++;
    };
    if (i % 2 === 0) await participation('france_services', { forme: i % 4 === 0 ? 'fixe' : 'itinérante', date_ouverture: day(2021 + (i % 4), 1 + (i % 12), 1) }, day(2021 + (i % 4), 1 + (i % 12), 1));
    if (i % 7 === 0) await participation('micro_folie', { forme: i % 2 === 0 ? 'fixe' : 'mobile' }, day(2022, 9, 1));
    if (i % 5 === 0) await participation('ville_amie_aines', { statut: i % 10 === 0 ? 'labellisée' : 'membre' }, day(2022, 3, 1));
  }

  // One habitat operation for every three PVDs of a département: one operation, three communes.
  const byDepartement = new Map<string, DemoPvd[]>();
  for (const p of demo) byDepartement.set(p.departement, [...(byDepartement.get(p.departement) ?? []), p]);
  for (const group of byDepartement.values()) {
    for (let g = 0; g + 3 <= group.length; g += 3) {
      const communes = group.slice(g, g + 3);
      const n = operations;
      const type = OPERATION_TYPES[n % OPERATION_TYPES.length];
      const phase = PHASES[n % PHASES.length];
      const owner = communes[0].epci ? { type: 'epci', code: communes[0].epci } : { type: 'commune', code: communes[0].insee };
      const [row] = await em.query(
        `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, operateur, phase, date_debut, date_fin, engagement_anah, engagement_collectivite, objectifs)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          type,
          `${type.toUpperCase().replace('_', '-')} intercommunale n° ${n + 1}`,
          owner.type,
          owner.code,
          OPERATEURS[n % OPERATEURS.length],
          phase,
          phase === 'etude_pre_operationnelle' ? null : '2022-01-01',
          phase === 'close' ? '2025-12-31' : null,
          (800_000 + (n * 37_000) % 900_000) * 100,
          (150_000 + (n * 11_000) % 200_000) * 100,
          JSON.stringify([2022, 2023, 2024, 2025].map((annee, k) => ({ annee, objectif: 20 + (n % 10), traites: phase === 'etude_pre_operationnelle' ? null : 8 + k * 3 }))),
        ],
      );
      await em.query('INSERT INTO operation_habitat_commune (operation_id, commune_insee) SELECT $1, unnest($2::varchar[])', [row.id, communes.map((c) => c.insee)]);
      operations++;
    }
  }
  return { ort, operations, lignes, participations };
}
