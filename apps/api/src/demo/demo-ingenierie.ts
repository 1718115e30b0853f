import {
  MISSION_STATUTS_FINANCES,
  computeSubvention,
  plafondAnnuelDemande,
  type Cofinanceur,
  type MissionNature,
  type MissionStatut,
} from '@suivi-pvd/domain';
import type { EntityManager } from 'typeorm';
import { loadParametres } from '../programme/programme-parametres.service';
import { DEMO_JOURNEY_COMMUNE } from './demo-conventions';

const FIRST_NAMES = ['Camille', 'Dominique', 'Claude', 'Alex', 'Sacha', 'Maxime', 'Morgane', 'Yannick', 'Lou', 'Charlie'];
const LAST_NAMES = ['Martin', 'Bernard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel'];
const PRESTATAIRES = ['Cabinet Centres-Bourgs', 'Atelier Territoires', 'Urbanis', 'Citadia', 'Bureau Commerce & Ville', 'SOLiHA'];
const MISSIONS: { financeur: string; nature: MissionNature; intitule: string; thematique: string }[] = [
  { financeur: 'banque_des_territoires', nature: 'mesure_urgence_commerce', intitule: 'Manager de commerce (mesure d’urgence)', thematique: 'commerce' },
  { financeur: 'banque_des_territoires', nature: 'assistance_management_projet', intitule: 'Assistance à management de projet', thematique: 'autre' },
  { financeur: 'banque_des_territoires', nature: 'etude', intitule: 'Étude de programmation du centre-bourg', thematique: 'espaces_publics' },
  { financeur: 'cerema', nature: 'ingenierie_sur_mesure', intitule: 'Diagnostic mobilités et stationnement', thematique: 'mobilite' },
  { financeur: 'anah', nature: 'etude_pre_operationnelle', intitule: 'Étude pré-opérationnelle OPAH-RU', thematique: 'habitat' },
  { financeur: 'anah', nature: 'suivi_animation', intitule: 'Suivi-animation de l’OPAH-RU', thematique: 'habitat' },
  { financeur: 'anct_sur_mesure', nature: 'ingenierie_sur_mesure', intitule: 'Stratégie de revitalisation (ingénierie sur-mesure)', thematique: 'autre' },
  { financeur: 'dhup_ateliers_flash', nature: 'atelier_flash', intitule: 'Atelier des territoires flash', thematique: 'transition_ecologique' },
];
const STATUTS: MissionStatut[] = ['livree', 'livree', 'en_cours', 'accordee', 'demandee', 'abandonnee'];

/** The reason of the demo's requests above the computed co-financing (one post in eleven, in 2025): the rules ask for one. */
export const DEMO_MOTIF_DEPASSEMENT = 'Revalorisation indiciaire au 1er janvier 2025, pas encore reportée dans le coût annuel du poste';

/**
 * Chef de projet posts and expertise missions for the demo PVDs, by a fixed rule on each PVD's
 * rank (docs/demo-data.md): every PVD with a convention d'adhésion has a post, one in three with
 * the Anah through an OPAH-RU, one in five vacant since 31 May 2026, one in four without its 2026
 * request; two or three missions each. Ahun, the chef de projet's commune, has none: the demo
 * journey enters its post.
 */
export async function seedDemoIngenierie(em: EntityManager, pvds: { id: string; insee: string; adhesion: string | null }[]): Promise<{ postes: number; missions: number }> {
  const financeurs = new Map<string, string>((await em.query('SELECT code, id FROM financeur')).map((f: { code: string; id: string }) => [f.code, f.id]));
  const parametres = await loadParametres(em);
  let postes = 0;
  let missions = 0;
  for (const [i, p] of pvds.entries()) {
    if (!p.adhesion || p.insee === DEMO_JOURNEY_COMMUNE) continue;
    const start = `${p.adhesion.slice(0, 4)}-${String(3 + (i % 9)).padStart(2, '0')}-01`;
    const anah = i % 3 === 0;
    const vacant = i % 5 === 1;
    const [poste] = await em.query(
      `INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code, operation_type, operation_libelle, operation_debut, created_at)
       VALUES ($1, $2, 'commune', $3, $4, $5, $6, $7) RETURNING id`,
      [
        p.id,
        i % 2 === 0 ? 'Cheffe de projet Petites villes de demain' : 'Chef de projet Petites villes de demain',
        p.insee,
        anah ? 'opah_ru' : null,
        anah ? 'OPAH-RU du centre-bourg' : null,
        anah ? '2022-09-01' : null,
        new Date(`${p.adhesion}T09:00:00Z`),
      ],
    );
    postes++;
    const first = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 3) % LAST_NAMES.length]}`;
    const second = `${FIRST_NAMES[(i + 4) % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7 + 1) % LAST_NAMES.length]}`;
    const holders: [string, string, string | null, number][] = vacant
      ? [[first, start, '2026-05-31', 100]]
      : i % 4 === 2
        ? [
            [first, start, '2024-02-29', 100],
            [second, '2024-05-01', null, 80],
          ]
        : [[first, start, null, 100]];
    for (const [nom, debut, fin, quotite] of holders) {
      const email = `${nom.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ /g, '.')}@exemple.test`;
      await em.query('INSERT INTO poste_titulaire (poste_id, nom, email, date_debut, date_fin, quotite) VALUES ($1, $2, $3, $4, $5, $6)', [poste.id, nom, email, debut, fin, quotite]);
    }
    const firstYear = Number(start.slice(0, 4));
    const years = Array.from({ length: 2027 - firstYear }, (_, k) => firstYear + k);
    const cost = (year: number) => (52_000 + ((i * 1_700) % 24_000) + (year - firstYear) * 1_200) * 100;
    await em.query('INSERT INTO poste_cout_annuel (poste_id, annee, cout) SELECT $1, * FROM unnest($2::int[], $3::bigint[])', [poste.id, years, years.map(cost)]);
    const cofinanceurs: { financeur: Cofinanceur; debut: string | null; fin: null }[] = [{ financeur: i % 7 === 3 ? 'bdt' : 'etat', debut: null, fin: null }];
    if (anah) cofinanceurs.push({ financeur: 'anah', debut: '2022-09-01', fin: null });
    for (const c of cofinanceurs) await em.query('INSERT INTO poste_cofinanceur (poste_id, financeur, date_debut) VALUES ($1, $2, $3)', [poste.id, c.financeur, c.debut]);
    // Yearly requests of the co-financing the domain computes for the post (as the form prefills
    // it), one post in eleven asking more in 2025 with its reason; granted as asked (the computed
    // amount where more was asked) and paid in two tranches up to 2025; 2026 filed by three posts
    // in four, granted for one in two.
    const subvention = computeSubvention({
      titulaires: holders.map(([, debut, fin, quotite]) => ({ debut, fin, quotite })),
      coutsAnnuels: years.map((annee) => ({ annee, cout: cost(annee) })),
      cofinanceurs,
      operationHabitat: anah ? { type: 'opah_ru', debut: '2022-09-01', fin: null } : null,
      parametres,
    });
    if (!subvention.ok) throw new Error(`Demo post ${p.insee}: ${JSON.stringify(subvention.erreurs)}`);
    for (const year of years) {
      if (year === 2026 && i % 4 === 3) continue;
      const calcule = subvention.annees.find((a) => a.annee === year)?.total ?? 0;
      if (calcule === 0) continue;
      const above = year === 2025 && i % 11 === 5;
      const asked = above ? Math.min(calcule + 150_000, plafondAnnuelDemande(parametres, year)) : calcule;
      const granted = year <= 2025 || i % 2 === 0 ? calcule : null;
      const versements =
        granted === null
          ? []
          : year <= 2025
            ? [
                { date: `${year}-05-15`, montant: Math.floor((granted * 75 + 50) / 100), tranche: 'avance' },
                { date: `${year}-11-15`, montant: granted - Math.floor((granted * 75 + 50) / 100), tranche: 'solde' },
              ]
            : [{ date: `${year}-05-15`, montant: Math.floor((granted * 75 + 50) / 100), tranche: 'avance' }];
      await em.query(
        `INSERT INTO demande_cofinancement (poste_id, annee, montant_demande, date_demande, montant_accorde, date_decision, versements, motif_depassement)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [poste.id, year, asked, `${year}-01-20`, granted, granted === null ? null : `${year}-03-10`, JSON.stringify(versements), asked > calcule ? DEMO_MOTIF_DEPASSEMENT : null],
      );
    }
    // Two or three missions, from the partners' kinds, with statuses by rank.
    for (let k = 0; k < 2 + (i % 2); k++) {
      const m = MISSIONS[(i + k * 3) % MISSIONS.length];
      const statut = STATUTS[(i + k) % STATUTS.length];
      const year = Math.max(2021, Math.min(2026, firstYear + k));
      const engaged = statut === 'demandee' ? null : (8_000 + ((i * 977 + k * 4_513) % 42_000)) * 100;
      const paid = engaged === null ? null : statut === 'livree' ? engaged : statut === 'en_cours' ? Math.round(engaged * 0.3) : 0;
      await em.query(
        `INSERT INTO mission (pvd_id, financeur_id, nature, thematique, intitule, prestataire, montant_engage, montant_verse, date_demande, date_debut, date_fin, statut, reference_externe,
                              date_engagement)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          p.id,
          financeurs.get(m.financeur),
          m.nature,
          m.thematique,
          m.intitule,
          PRESTATAIRES[(i + k) % PRESTATAIRES.length],
          engaged,
          paid,
          `${year}-02-01`,
          ['en_cours', 'livree'].includes(statut) ? `${year}-04-01` : null,
          statut === 'livree' ? `${year}-12-15` : null,
          statut,
          `${m.financeur.slice(0, 4).toUpperCase()}-${year}-${String(i * 10 + k).padStart(4, '0')}`,
          // Financed missions (accordée, en cours, livrée) were granted a month after the request.
          MISSION_STATUTS_FINANCES.includes(statut) ? `${year}-03-01` : null,
        ],
      );
      missions++;
    }
  }
  return { postes, missions };
}
