import { addDaysIso } from '@suivi-pvd/domain';
import type { EntityManager } from 'typeorm';
import { todayInFrance } from '../core/time/today';

interface DemoEvent {
  key: string;
  type: string;
  titre: string;
  description: string;
  themes: string[];
  /** Days from the seeding day. */
  jour: number;
  duree?: number;
  heures?: [string, string];
  organisateur: 'anct' | 'prefecture23' | 'partenaire';
  departement?: string;
  capacite?: number;
  participants?: number;
  lieu?: string;
  lien?: string;
  intervenants?: { nom: string; fonction: string; pvd: boolean }[];
  supports?: { titre: string; url: string }[];
  enregistrement?: string;
  parent?: string;
}

const VISIO = 'https://webinaire.agence-cohesion-territoires.gouv.fr/salle-pvd';

/** The Club's demo events (docs/demo-data.md), dated from the seeding day so the agenda always has some to come. */
const EVENTS: DemoEvent[] = [
  {
    key: 'saison',
    type: 'saison_thematique',
    titre: 'Saison « Habiter le centre-bourg »',
    description: 'Trois mois de webinaires et d’ateliers sur la reconquête des logements vacants du centre-bourg.',
    themes: ['habitat'],
    jour: 7,
    duree: 90,
    organisateur: 'anct',
  },
  {
    key: 'seance1',
    parent: 'saison',
    type: 'webinaire',
    titre: 'Webinaire : repérer et mobiliser les logements vacants',
    description: 'Méthodes de repérage, outils fiscaux et accompagnement des propriétaires.',
    themes: ['habitat'],
    jour: 7,
    heures: ['10:00', '11:30'],
    organisateur: 'anct',
    lien: VISIO,
    intervenants: [
      { nom: 'Hélène Garnier', fonction: 'Cheffe de projet PVD, Bourganeuf', pvd: true },
      { nom: 'Paul Lefèvre', fonction: 'Anah, direction de l’expertise', pvd: false },
    ],
  },
  {
    key: 'complet',
    parent: 'saison',
    type: 'atelier_in_situ',
    titre: 'Atelier in situ : visite d’une OPAH-RU à Aubusson',
    description: 'Une demi-journée sur place avec l’équipe d’animation de l’OPAH-RU. Places très limitées.',
    themes: ['habitat', 'patrimoine_culture'],
    jour: 21,
    heures: ['14:00', '17:30'],
    organisateur: 'anct',
    departement: '23',
    capacite: 1,
    lieu: 'Mairie d’Aubusson, place du Général-Espagne, 23200 Aubusson',
  },
  {
    key: 'rencontre',
    type: 'rencontre_nationale',
    titre: 'Rencontre nationale des Petites villes de demain',
    description: 'La journée annuelle du réseau : plénières, ateliers et retours d’expérience.',
    themes: ['commerce', 'habitat', 'transition_ecologique'],
    jour: 45,
    heures: ['09:30', '17:00'],
    organisateur: 'anct',
    capacite: 800,
    lieu: 'Paris',
  },
  {
    key: 'formation',
    type: 'formation_initiale',
    titre: 'Formation initiale des chefs de projet : financer son projet de territoire',
    description: 'Les offres de la Banque des Territoires pour les petites villes de demain : ingénierie, prêts, participations.',
    themes: ['economie_emploi'],
    jour: 14,
    duree: 2,
    heures: ['09:00', '17:00'],
    organisateur: 'partenaire',
    capacite: 30,
    lien: 'https://formation.exemple-banque-des-territoires.fr/pvd',
  },
  {
    key: 'club',
    type: 'club_departemental',
    titre: 'Club départemental PVD de la Creuse',
    description: 'Sujets : commerce de centre-bourg (vitrines vacantes, foncière), calendrier des conventions-cadres, retour sur la saison « habitat ».',
    themes: ['commerce', 'habitat'],
    jour: -20,
    heures: ['09:30', '12:30'],
    organisateur: 'prefecture23',
    departement: '23',
    participants: 14,
    lieu: 'Préfecture de la Creuse, Guéret',
    supports: [{ titre: 'Compte rendu de la réunion', url: 'https://www.creuse.gouv.fr/club-pvd/compte-rendu.pdf' }],
  },
  {
    key: 'club-prochain',
    type: 'club_departemental',
    titre: 'Club départemental PVD de la Creuse (prochaine réunion)',
    description: 'Ordre du jour : mobilités rurales, France services.',
    themes: ['mobilite', 'services_equipements'],
    jour: 70,
    heures: ['09:30', '12:30'],
    organisateur: 'prefecture23',
    departement: '23',
    lieu: 'Préfecture de la Creuse, Guéret',
  },
  {
    key: 'webinaire-passe',
    type: 'webinaire',
    titre: 'Webinaire : revitaliser le commerce de centre-bourg',
    description: 'Retours d’expérience de trois petites villes de demain.',
    themes: ['commerce'],
    jour: -35,
    heures: ['11:00', '12:00'],
    organisateur: 'anct',
    lien: VISIO,
    participants: 212,
    enregistrement: 'https://www.youtube.com/watch?v=pvd-commerce',
    supports: [{ titre: 'Diaporama', url: 'https://agence-cohesion-territoires.gouv.fr/pvd/commerce.pdf' }],
    intervenants: [{ nom: 'Camille Martin', fonction: 'Cheffe de projet PVD, Ahun', pvd: true }],
  },
];

/**
 * The Club's demo: a season with its sessions, the rencontre nationale, a partner's training, the
 * Creuse's club (a past meeting with its participants, the next one), a past webinar with its
 * recording; the atelier in Aubusson has one seat, taken by the demo élu, so the chef de projet
 * meets the waiting list.
 */
export async function seedDemoClub(em: EntityManager): Promise<{ evenements: number }> {
  const [orgs] = await em.query(
    `SELECT (SELECT id FROM organisation WHERE type = 'anct' LIMIT 1) AS anct,
            (SELECT id FROM organisation WHERE type = 'prefecture' AND departement_code = '23' LIMIT 1) AS prefecture23,
            (SELECT id FROM organisation WHERE type = 'partenaire' AND nom = 'Banque des Territoires' LIMIT 1) AS partenaire`,
  );
  const today = todayInFrance();
  const ids = new Map<string, string>();
  for (const e of EVENTS) {
    const debut = addDaysIso(today, e.jour);
    const [row] = await em.query(
      `INSERT INTO club_evenement (type, parent_id, titre, description, themes, date_debut, date_fin, heure_debut, heure_fin, organisateur_id, departement_code, statut,
                                   capacite, participants, lieu, lien, intervenants, enregistrement, supports)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'publie', $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
      [
        e.type,
        e.parent ? ids.get(e.parent) : null,
        e.titre,
        e.description,
        e.themes,
        debut,
        addDaysIso(debut, (e.duree ?? 1) - 1),
        e.heures?.[0] ?? null,
        e.heures?.[1] ?? null,
        orgs[e.organisateur],
        e.departement ?? null,
        e.capacite ?? null,
        e.participants ?? null,
        e.lieu ?? null,
        e.lien ?? null,
        JSON.stringify(e.intervenants ?? []),
        e.enregistrement ?? null,
        JSON.stringify(e.supports ?? []),
      ],
    );
    ids.set(e.key, row.id);
  }
  // The atelier's only seat is the élu's; the chef de projet is registered to the first webinar.
  await em.query(
    `INSERT INTO club_inscription (evenement_id, user_id, statut)
     SELECT $1::uuid, id, 'inscrit' FROM app_user WHERE email = 'elu@demo.test'
     UNION ALL SELECT $2::uuid, id, 'inscrit' FROM app_user WHERE email = 'chef.projet@demo.test'`,
    [ids.get('complet'), ids.get('seance1')],
  );
  return { evenements: EVENTS.length };
}
