import { isFichePhotoType } from '@suivi-pvd/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../core/audit/audit.service';
import { gradientPng } from '../club/fiches/solid-png';
import type { DocumentsService } from '../documents/documents.service';
import { DEMO_JOURNEY_COMMUNE } from './demo-conventions';

interface DemoPvd {
  id: string;
  insee: string;
}

interface DemoFiche {
  titre: string;
  themes: string[];
  resume: string;
  resultats: string;
  budgetTotal: number;
  financements: { financeur: string; montant: number }[];
  partenaires: string[];
  organisation: string;
  email: string;
  statut: 'publiee' | 'brouillon';
  publieeLe: string | null;
  photo: { alt: string; legende: string; top: [number, number, number]; bottom: [number, number, number] } | null;
}

const AHUN: DemoFiche[] = [
  {
    titre: 'Réouverture de la halle marchande',
    themes: ['commerce', 'espaces_publics'],
    resume:
      'La halle du centre-bourg, fermée depuis 2012, a été rénovée : charpente consolidée, sol refait, éclairage économe. Elle accueille de nouveau le marché du samedi matin et, l’été, des marchés de producteurs en soirée.',
    resultats: 'Douze commerçants et producteurs chaque samedi ; deux boutiques rouvertes autour de la place dans l’année qui a suivi.',
    budgetTotal: 48_000_000,
    financements: [
      { financeur: 'État – DETR', montant: 14_400_000 },
      { financeur: 'Région Nouvelle-Aquitaine', montant: 9_600_000 },
      { financeur: 'Banque des Territoires', montant: 4_800_000 },
    ],
    partenaires: ['Chambre de commerce et d’industrie de la Creuse', 'Chambre d’agriculture de la Creuse'],
    organisation: 'Mairie d’Ahun',
    email: 'petitesvillesdedemain@mairie-ahun.demo.test',
    statut: 'publiee',
    publieeLe: '2026-03-12',
    photo: { alt: 'La halle rénovée, sa charpente en bois éclairée, un matin de marché', legende: 'La halle un samedi matin', top: [250, 200, 120], bottom: [120, 70, 40] },
  },
  {
    titre: 'Rénovation des façades du centre-bourg',
    themes: ['habitat', 'patrimoine_culture'],
    resume: 'Une aide communale aux propriétaires pour ravaler les façades de la Grande Rue, en lien avec l’OPAH.',
    resultats: '',
    budgetTotal: 12_000_000,
    financements: [],
    partenaires: [],
    organisation: 'Mairie d’Ahun',
    email: 'petitesvillesdedemain@mairie-ahun.demo.test',
    statut: 'brouillon',
    publieeLe: null,
    photo: null,
  },
];

const OTHERS: DemoFiche[] = [
  {
    titre: 'Une maison de santé pluriprofessionnelle en cœur de ville',
    themes: ['sante', 'services_equipements'],
    resume:
      'L’ancienne gendarmerie a été transformée en maison de santé : quatre médecins généralistes, deux infirmières, un kinésithérapeute et une orthophoniste y exercent. La commune porte le bâtiment et loue les cabinets.',
    resultats: 'Deux médecins installés depuis l’ouverture ; des consultations sans rendez-vous deux matinées par semaine.',
    budgetTotal: 210_000_000,
    financements: [
      { financeur: 'État – DSIL', montant: 63_000_000 },
      { financeur: 'Agence régionale de santé', montant: 30_000_000 },
      { financeur: 'Département', montant: 21_000_000 },
    ],
    partenaires: ['Agence régionale de santé', 'Communauté professionnelle territoriale de santé'],
    organisation: 'Mairie',
    email: 'projets@mairie.demo.test',
    statut: 'publiee',
    publieeLe: '2026-05-20',
    photo: null,
  },
  {
    titre: 'Désimperméabiliser la cour de l’école',
    themes: ['transition_ecologique', 'espaces_publics'],
    resume:
      'La cour goudronnée de l’école élémentaire est devenue une cour-oasis : pleine terre, arbres, noues pour recueillir l’eau de pluie, jeux en bois. Les enfants et les enseignants ont participé à la conception.',
    resultats: '1 200 m² désimperméabilisés ; jusqu’à 6 °C de moins au sol les jours de forte chaleur ; la cour ouverte aux habitants le week-end.',
    budgetTotal: 36_000_000,
    financements: [
      { financeur: 'Fonds vert', montant: 18_000_000 },
      { financeur: 'Agence de l’eau', montant: 7_200_000 },
    ],
    partenaires: ['Conseil d’architecture, d’urbanisme et de l’environnement (CAUE)', 'Agence de l’eau'],
    organisation: 'Mairie',
    email: 'services.techniques@mairie.demo.test',
    statut: 'publiee',
    publieeLe: '2026-09-08',
    photo: { alt: 'La cour de l’école plantée d’arbres, avec des jeux en bois sur la pelouse', legende: 'La cour-oasis au printemps', top: [150, 210, 150], bottom: [40, 110, 60] },
  },
];

/**
 * The projetothèque of the demo: in Ahun (the journeys' commune) a published sheet with a photo and
 * a draft; in two other demo PVDs, a published sheet each. Photos are small gradients drawn in code.
 */
export async function seedDemoFiches(em: EntityManager, documents: DocumentsService, actor: Actor, pvds: DemoPvd[]): Promise<{ fiches: number }> {
  const ahun = pvds.find((p) => p.insee === DEMO_JOURNEY_COMMUNE);
  const others = pvds.filter((p) => p.insee !== DEMO_JOURNEY_COMMUNE);
  const [chef] = await em.query(`SELECT id FROM app_user WHERE email = 'chef.projet@demo.test'`);
  const plan: { pvd: DemoPvd; fiche: DemoFiche }[] = [
    ...(ahun ? AHUN.map((fiche) => ({ pvd: ahun, fiche })) : []),
    ...OTHERS.map((fiche, i) => ({ pvd: others[(i * 7) % Math.max(1, others.length)], fiche })).filter((x) => x.pvd),
  ];
  for (const { pvd, fiche } of plan) {
    const [row] = await em.query(
      `INSERT INTO fiche_projet (pvd_id, titre, themes, resume, resultats, budget_total, financements, partenaires, contact_fonction, contact_organisation, contact_email,
                                 statut, publiee_le, soumise_le, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, 'Chef de projet Petites villes de demain', $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        pvd.id,
        fiche.titre,
        fiche.themes,
        fiche.resume,
        fiche.resultats || null,
        fiche.budgetTotal,
        JSON.stringify(fiche.financements),
        fiche.partenaires,
        fiche.organisation,
        fiche.email,
        fiche.statut,
        fiche.publieeLe,
        fiche.publieeLe ? `${fiche.publieeLe}T09:00:00Z` : null,
        pvd === ahun ? (chef?.id ?? null) : null,
      ],
    );
    if (fiche.photo) {
      const png = gradientPng(320, 240, fiche.photo.top, fiche.photo.bottom);
      const stored = await documents.store({ buffer: png, size: png.length, originalname: 'photo.png' } as Express.Multer.File, isFichePhotoType);
      const { documentId } = await documents.recordVersion(em, actor, { documentId: null, pvdId: pvd.id, conventionId: null, nature: 'photo_fiche', titre: fiche.photo.alt }, stored, 'données de démonstration');
      await em.query('INSERT INTO fiche_projet_photo (fiche_id, document_id, texte_alternatif, legende) VALUES ($1, $2, $3, $4)', [row.id, documentId, fiche.photo.alt, fiche.photo.legende]);
    }
  }
  return { fiches: plan.length };
}
