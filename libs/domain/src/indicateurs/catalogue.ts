/**
 * The indicator catalogue: every figure group of the national « Point d'avancement » (P1–P7,
 * I1–I12, T1–T14, C1–C4), declared once and shared by the API's engine, the dashboards, the
 * exports and the generated report. Each entry says what the figure means (in French, as shown to
 * users), its unit, the breakdowns it supports, how it is shown and which records it reads.
 * Published values of January 2024 are given as a scale reference, never as a test fixture.
 */

export const INDICATEUR_SECTIONS = ['programme', 'ingenierie', 'thematique', 'club'] as const;
export type IndicateurSection = (typeof INDICATEUR_SECTIONS)[number];
export const INDICATEUR_SECTION_LABELS: Record<IndicateurSection, string> = {
  programme: 'Le programme Petites villes de demain',
  ingenierie: 'Le soutien en ingénierie',
  thematique: 'L’appui thématique',
  club: 'Le Club Petites villes de demain',
};

export const INDICATEUR_UNITES = ['communes', 'euros', 'postes', 'missions', 'ratio', 'pourcentage', 'operations', 'logements', 'dossiers', 'equipements', 'publications', 'evenements', 'participants', 'departements'] as const;
export type IndicateurUnite = (typeof INDICATEUR_UNITES)[number];
export const INDICATEUR_UNITE_LABELS: Record<IndicateurUnite, string> = {
  communes: 'communes',
  euros: '€',
  postes: 'postes',
  missions: 'missions',
  ratio: 'par commune',
  pourcentage: '%',
  operations: 'opérations',
  logements: 'logements',
  dossiers: 'dossiers',
  equipements: 'équipements',
  publications: 'publications',
  evenements: 'événements',
  participants: 'participants',
  departements: 'départements',
};

/** Breakdowns a figure can be split by. */
export const VENTILATIONS = ['dispositif', 'financeur', 'nature', 'pilier', 'statut', 'cofinanceur', 'annee', 'trimestre', 'departement', 'region', 'densite', 'forme', 'type'] as const;
export type Ventilation = (typeof VENTILATIONS)[number];
export const VENTILATION_LABELS: Record<Ventilation, string> = {
  dispositif: 'par dispositif',
  financeur: 'par financeur',
  nature: 'par nature',
  pilier: 'par pilier',
  statut: 'par statut',
  cofinanceur: 'par cofinanceur',
  annee: 'par année',
  trimestre: 'par trimestre',
  departement: 'par département',
  region: 'par région',
  densite: 'par niveau de densité',
  forme: 'par forme',
  type: 'par type',
};

/** How a figure is shown. Maps carry the report's classes: upper bounds of every class but the last. */
export type Representation =
  | { kind: 'chiffre' }
  | { kind: 'part'; denominateur: string }
  | { kind: 'camembert'; ventilation: Ventilation }
  | { kind: 'barres'; ventilation: Ventilation }
  | { kind: 'series'; ventilation: Ventilation; empilees: boolean; cumul: boolean }
  | { kind: 'carte'; niveau: 'departement' | 'region'; mesure: string; seuils: readonly number[] }
  | { kind: 'liste' };

/** Records an indicator reads (its data sources in the platform). */
export const SOURCES_DONNEES = [
  'adhesions',
  'referentiel_densite',
  'conventions',
  'lignes_financement',
  'postes',
  'missions',
  'operations_habitat',
  'ort',
  'demarches',
  'valeurs_reference',
  'club',
] as const;
export type SourceDonnees = (typeof SOURCES_DONNEES)[number];

export const INDICATEUR_IDS = [
  'P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7',
  'I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8', 'I9', 'I10', 'I11', 'I12',
  'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13', 'T14',
  'C1', 'C2', 'C3', 'C4',
] as const;
export type IndicateurId = (typeof INDICATEUR_IDS)[number];

export interface Indicateur {
  id: IndicateurId;
  section: IndicateurSection;
  libelle: string;
  unite: IndicateurUnite;
  /** What the platform computes, in French, shown on demand beside the figure. */
  definition: string;
  ventilations: readonly Ventilation[];
  representations: readonly Representation[];
  sources: readonly SourceDonnees[];
  /**
   * Whether the départements of a région add up to the région, and the régions to the nation.
   * Counts of distinct records spanning several areas (an operation over two départements) and
   * ratios are not additive.
   */
  additif: boolean;
  /** False until the records it reads exist in the platform (the Club): shown « pas encore de données ». */
  disponible: boolean;
  /** The value published in January 2024, for scale. */
  valeurPubliee2024: string;
}

const carteDep = (mesure: string, seuils: readonly number[]): Representation => ({ kind: 'carte', niveau: 'departement', mesure, seuils });

/** The catalogue, in the report's order. */
export const INDICATEURS: readonly Indicateur[] = [
  {
    id: 'P1', section: 'programme', libelle: 'Communes bénéficiaires', unite: 'communes',
    definition: 'Communes membres du programme Petites villes de demain à la date choisie (adhésion commencée, non terminée).',
    ventilations: ['departement', 'region'], representations: [{ kind: 'chiffre' }, carteDep('communes', [10, 20, 30]), { kind: 'liste' }],
    sources: ['adhesions'], additif: true, disponible: true, valeurPubliee2024: '+1 600',
  },
  {
    id: 'P2', section: 'programme', libelle: 'Communes rurales', unite: 'communes',
    definition: 'Communes PVD classées 5, 6 ou 7 dans la grille communale de densité à 7 niveaux de l’INSEE (bourgs ruraux, rural à habitat dispersé ou très dispersé).',
    ventilations: ['densite', 'departement', 'region'], representations: [{ kind: 'chiffre' }, { kind: 'camembert', ventilation: 'densite' }],
    sources: ['adhesions', 'referentiel_densite'], additif: true, disponible: true, valeurPubliee2024: '1 202',
  },
  {
    id: 'P3', section: 'programme', libelle: 'Communes couvertes par une convention-cadre signée', unite: 'communes',
    definition: 'Communes PVD dont le dossier a une convention-cadre signée à la date choisie, et leur part parmi les communes PVD (P1).',
    ventilations: ['departement', 'region', 'trimestre'],
    representations: [{ kind: 'chiffre' }, { kind: 'part', denominateur: 'P1' }, carteDep('pourcentage', [50, 80, 95]), { kind: 'series', ventilation: 'trimestre', empilees: false, cumul: true }],
    sources: ['adhesions', 'conventions'], additif: true, disponible: true, valeurPubliee2024: '+1 320 communes, +80 %',
  },
  {
    id: 'P4', section: 'programme', libelle: 'Trajectoire financière', unite: 'euros',
    definition: 'Montants engagés dans les communes PVD, cumulés depuis le lancement du programme, par pilier et par année d’engagement.',
    ventilations: ['pilier', 'annee'], representations: [{ kind: 'series', ventilation: 'annee', empilees: true, cumul: true }],
    sources: ['lignes_financement', 'postes', 'missions'], additif: true, disponible: true, valeurPubliee2024: 'graphique',
  },
  {
    id: 'P5', section: 'programme', libelle: 'Prêts de la Banque des Territoires', unite: 'euros',
    definition: 'Somme des prêts accordés par la Banque des Territoires aux bénéficiaires PVD, par statut (accordés, dont contractualisés).',
    ventilations: ['statut', 'dispositif'], representations: [{ kind: 'chiffre' }, { kind: 'barres', ventilation: 'statut' }],
    sources: ['lignes_financement'], additif: true, disponible: true, valeurPubliee2024: '98 M€ (81,5 M€ contractualisés)',
  },
  {
    id: 'P6', section: 'programme', libelle: 'MaPrimeRénov’', unite: 'euros',
    definition: 'Somme des montants MaPrimeRénov’ engagés dans les communes PVD, par année ; part du total national de MaPrimeRénov’ (valeur de référence datée) par département.',
    ventilations: ['annee', 'departement'], representations: [{ kind: 'chiffre' }, { kind: 'barres', ventilation: 'annee' }, carteDep('part_nationale_pourcentage', [1, 1.6])],
    sources: ['lignes_financement', 'valeurs_reference'], additif: true, disponible: true, valeurPubliee2024: '956 M€ (212 M€ en 2023)',
  },
  {
    id: 'P7', section: 'programme', libelle: 'Investissements de l’ADEME', unite: 'euros',
    definition: 'Somme des montants ADEME engagés pour les EPCI et communes PVD ; part de chaque région dans ce total.',
    ventilations: ['region'], representations: [{ kind: 'chiffre' }, { kind: 'carte', niveau: 'region', mesure: 'part_pourcentage', seuils: [1, 4, 8.5] }],
    sources: ['lignes_financement'], additif: true, disponible: true, valeurPubliee2024: '295 M€',
  },
  {
    id: 'I1', section: 'ingenierie', libelle: 'Pilier ingénierie : crédits engagés', unite: 'euros',
    definition: 'Somme des crédits engagés du pilier « soutien à l’ingénierie » : subventions des postes de chef de projet, missions d’expertise financées et lignes de financement du pilier.',
    ventilations: ['nature', 'annee'], representations: [{ kind: 'chiffre' }, { kind: 'camembert', ventilation: 'nature' }],
    sources: ['postes', 'missions', 'lignes_financement'], additif: true, disponible: true, valeurPubliee2024: '173 M€',
  },
  {
    id: 'I2', section: 'ingenierie', libelle: 'Montant moyen engagé par EPCI PVD', unite: 'euros',
    definition: 'Crédits engagés du pilier ingénierie divisés par le nombre d’EPCI ayant au moins une commune PVD, par département.',
    ventilations: ['departement'], representations: [carteDep('euros', [100_000, 200_000, 400_000])],
    sources: ['postes', 'missions', 'lignes_financement', 'adhesions'], additif: false, disponible: true, valeurPubliee2024: 'carte',
  },
  {
    id: 'I3', section: 'ingenierie', libelle: 'Postes de chef de projet subventionnés', unite: 'postes',
    definition: 'Postes de chef de projet dont la subvention court à la date choisie (un titulaire en poste et un cofinanceur actif), comptés par cofinanceur.',
    ventilations: ['cofinanceur', 'departement', 'region'], representations: [{ kind: 'chiffre' }, { kind: 'barres', ventilation: 'cofinanceur' }],
    sources: ['postes'], additif: true, disponible: true, valeurPubliee2024: '+900, dont 275 par l’Anah',
  },
  {
    id: 'I4', section: 'ingenierie', libelle: 'Crédits engagés pour les postes de chef de projet', unite: 'euros',
    definition: 'Somme des subventions accordées par la préfecture sur les demandes annuelles des postes, à la date de leur décision.',
    ventilations: ['annee', 'departement', 'region'], representations: [{ kind: 'chiffre' }],
    sources: ['postes'], additif: true, disponible: true, valeurPubliee2024: '65 M€',
  },
  {
    id: 'I5', section: 'ingenierie', libelle: 'Crédits engagés pour les missions d’expertise', unite: 'euros',
    definition: 'Somme des montants engagés des missions d’expertise financées, à leur date d’engagement, par trimestre.',
    ventilations: ['trimestre', 'financeur', 'departement', 'region'], representations: [{ kind: 'chiffre' }, { kind: 'series', ventilation: 'trimestre', empilees: false, cumul: true }],
    sources: ['missions'], additif: true, disponible: true, valeurPubliee2024: '108 M€',
  },
  {
    id: 'I6', section: 'ingenierie', libelle: 'Missions d’expertise financées', unite: 'missions',
    definition: 'Missions d’expertise accordées, en cours ou livrées à la date choisie (engagées au plus tard ce jour ; une mission abandonnée ne compte pas), par financeur.',
    ventilations: ['financeur', 'nature', 'departement', 'region'], representations: [{ kind: 'chiffre' }, { kind: 'barres', ventilation: 'financeur' }],
    sources: ['missions'], additif: true, disponible: true, valeurPubliee2024: '+4 400',
  },
  {
    id: 'I7', section: 'ingenierie', libelle: 'Expertises par commune PVD', unite: 'ratio',
    definition: 'Missions d’expertise financées (I6) divisées par le nombre de communes PVD (P1).',
    ventilations: [], representations: [{ kind: 'chiffre' }],
    sources: ['missions', 'adhesions'], additif: false, disponible: true, valeurPubliee2024: '2,71',
  },
  {
    id: 'I8', section: 'ingenierie', libelle: 'Ateliers des territoires flash (DHUP)', unite: 'missions',
    definition: 'Missions financées de nature « atelier des territoires flash ».',
    ventilations: ['departement', 'region'], representations: [{ kind: 'chiffre' }],
    sources: ['missions'], additif: true, disponible: true, valeurPubliee2024: '51',
  },
  {
    id: 'I9', section: 'ingenierie', libelle: 'Ingénierie sur-mesure ANCT / Cerema', unite: 'missions',
    definition: 'Missions financées de nature « ingénierie sur-mesure », par l’ANCT ou le Cerema.',
    ventilations: ['financeur', 'departement', 'region'], representations: [{ kind: 'chiffre' }],
    sources: ['missions'], additif: true, disponible: true, valeurPubliee2024: '333',
  },
  {
    id: 'I10', section: 'ingenierie', libelle: 'Études et missions de la Banque des Territoires', unite: 'missions',
    definition: 'Missions financées par la Banque des Territoires, par nature (dont assistance à management de projet et mesures d’urgence commerce).',
    ventilations: ['nature', 'departement', 'region'], representations: [{ kind: 'chiffre' }, { kind: 'barres', ventilation: 'nature' }],
    sources: ['missions'], additif: true, disponible: true, valeurPubliee2024: '3 494, dont 320 AMP et 946 mesures d’urgence commerce',
  },
  {
    id: 'I11', section: 'ingenierie', libelle: 'Études pré-opérationnelles et suivi-animation Anah', unite: 'missions',
    definition: 'Missions financées par l’Anah (études pré-opérationnelles, suivi-animation).',
    ventilations: ['nature', 'departement', 'region'], representations: [{ kind: 'chiffre' }],
    sources: ['missions'], additif: true, disponible: true, valeurPubliee2024: '612',
  },
  {
    id: 'I12', section: 'ingenierie', libelle: 'Recherche-action POPSU', unite: 'communes',
    definition: 'Communes PVD participant au programme POPSU Territoires à la date choisie ; publications par type (portraits, carnets, reportages).',
    ventilations: ['type'], representations: [{ kind: 'chiffre' }, { kind: 'liste' }],
    sources: ['demarches', 'adhesions'], additif: true, disponible: true, valeurPubliee2024: '40 communes ; 7 portraits, 4 carnets, 4 reportages',
  },
  {
    id: 'T1', section: 'thematique', libelle: 'Pilier appui thématique : crédits engagés', unite: 'euros',
    definition: 'Somme des montants engagés des dispositifs du pilier « appui thématique » pour les bénéficiaires PVD, par dispositif.',
    ventilations: ['dispositif', 'annee', 'departement', 'region'], representations: [{ kind: 'chiffre' }, { kind: 'barres', ventilation: 'dispositif' }],
    sources: ['lignes_financement'], additif: true, disponible: true, valeurPubliee2024: '1,435 Md€',
  },
  {
    id: 'T2', section: 'thematique', libelle: 'DSIL, DSIL relance et DETR', unite: 'euros',
    definition: 'Montants engagés au titre de la DSIL, de la DSIL relance et de la DETR, par dispositif et année de campagne.',
    ventilations: ['dispositif', 'annee', 'departement', 'region'], representations: [{ kind: 'chiffre' }, { kind: 'series', ventilation: 'annee', empilees: true, cumul: false }],
    sources: ['lignes_financement'], additif: true, disponible: true, valeurPubliee2024: '162,8 / 104,7 / 290,6 M€',
  },
  {
    id: 'T3', section: 'thematique', libelle: 'Fonds friches', unite: 'euros',
    definition: 'Montants engagés au titre du Fonds friches ; communes PVD ayant au moins un projet de recyclage de friche financé.',
    ventilations: ['departement', 'region'], representations: [{ kind: 'chiffre' }, carteDep('communes', [2, 5, 10])],
    sources: ['lignes_financement', 'demarches'], additif: true, disponible: true, valeurPubliee2024: '155,5 M€ ; 296 communes',
  },
  {
    id: 'T4', section: 'thematique', libelle: 'Fonds vert', unite: 'euros',
    definition: 'Montants attribués au titre du Fonds vert ; communes PVD ayant au moins une subvention ; dossiers acceptés ; part de chaque département dans le total.',
    ventilations: ['departement', 'region'], representations: [{ kind: 'chiffre' }, carteDep('part_pourcentage', [0.5, 1, 1.5])],
    sources: ['lignes_financement'], additif: true, disponible: true, valeurPubliee2024: '233,6 M€ ; 860 communes ; 1 608 dossiers',
  },
  {
    id: 'T5', section: 'thematique', libelle: 'Anah : rénovation de l’habitat', unite: 'euros',
    definition: 'Montants engagés par l’Anah pour la rénovation des logements (hors MaPrimeRénov’) ; logements rénovés, par département.',
    ventilations: ['departement', 'region'], representations: [{ kind: 'chiffre' }, carteDep('logements', [200, 500, 1000])],
    sources: ['lignes_financement'], additif: true, disponible: true, valeurPubliee2024: '403,4 M€ ; 40 911 logements',
  },
  {
    id: 'T6', section: 'thematique', libelle: 'DRAC : culture et patrimoine', unite: 'euros',
    definition: 'Montants engagés par les DRAC pour des projets culturels, architecturaux et patrimoniaux.',
    ventilations: ['departement', 'region'], representations: [{ kind: 'chiffre' }],
    sources: ['lignes_financement'], additif: true, disponible: true, valeurPubliee2024: '70,3 M€',
  },
  {
    id: 'T7', section: 'thematique', libelle: 'Opérations de revitalisation de territoire (ORT)', unite: 'communes',
    definition: 'Communes PVD couvertes par une ORT signée à la date choisie, et leur part parmi les communes PVD (P1).',
    ventilations: ['departement', 'region'], representations: [{ kind: 'chiffre' }, { kind: 'part', denominateur: 'P1' }, carteDep('pourcentage', [50, 70, 90])],
    sources: ['ort', 'adhesions'], additif: true, disponible: true, valeurPubliee2024: '1 136 communes, 69 %',
  },
  {
    id: 'T8', section: 'thematique', libelle: 'OPAH', unite: 'communes',
    definition: 'Communes PVD couvertes par au moins une OPAH (simple ou complexe) en phase opérationnelle à la date choisie ; opérations distinctes.',
    ventilations: ['type', 'departement', 'region'], representations: [{ kind: 'chiffre' }, carteDep('communes', [5, 10, 20])],
    sources: ['operations_habitat', 'adhesions'], additif: true, disponible: true, valeurPubliee2024: '676 communes, 407 opérations',
  },
  {
    id: 'T9', section: 'thematique', libelle: 'RHI-THIRORI', unite: 'communes',
    definition: 'Communes PVD couvertes par une opération RHI-THIRORI.',
    ventilations: ['departement', 'region'], representations: [{ kind: 'chiffre' }],
    sources: ['operations_habitat', 'adhesions'], additif: true, disponible: true, valeurPubliee2024: '20 communes',
  },
  {
    id: 'T10', section: 'thematique', libelle: 'EcoQuartiers', unite: 'equipements',
    definition: 'EcoQuartiers labellisés situés dans des communes PVD, par département.',
    ventilations: ['departement', 'region'], representations: [{ kind: 'chiffre' }, carteDep('equipements', [1, 2, 4])],
    sources: ['demarches', 'adhesions'], additif: true, disponible: true, valeurPubliee2024: '59 ; 7 EcoProjets Cerema',
  },
  {
    id: 'T11', section: 'thematique', libelle: 'France services', unite: 'equipements',
    definition: 'France services ouvertes dans une commune PVD ; part du total national (valeur de référence datée) ; part des communes PVD qui en ont une.',
    ventilations: ['forme', 'departement', 'region'],
    representations: [{ kind: 'chiffre' }, { kind: 'part', denominateur: 'valeur_reference:france_services_total' }, { kind: 'part', denominateur: 'P1' }, carteDep('equipements', [5, 10, 20])],
    sources: ['demarches', 'adhesions', 'valeurs_reference'], additif: true, disponible: true, valeurPubliee2024: '1 092 (40 %) ; 66 % des communes PVD',
  },
  {
    id: 'T12', section: 'thematique', libelle: 'Contrats de sécurité', unite: 'communes',
    definition: 'Communes PVD ayant signé un contrat de sécurité.',
    ventilations: ['departement', 'region'], representations: [{ kind: 'chiffre' }, carteDep('communes', [2, 5, 10])],
    sources: ['demarches', 'adhesions'], additif: true, disponible: true, valeurPubliee2024: '316 communes',
  },
  {
    id: 'T13', section: 'thematique', libelle: 'Bien vieillir', unite: 'communes',
    definition: 'Communes PVD par démarche : Fabrique prospective, Ville amie des aînés (membres, en route vers le label, labellisées).',
    ventilations: ['type'], representations: [{ kind: 'barres', ventilation: 'type' }, { kind: 'liste' }],
    sources: ['demarches', 'adhesions'], additif: true, disponible: true, valeurPubliee2024: '8 ; 45 ; 43 membres dont 12 vers le label',
  },
  {
    id: 'T14', section: 'thematique', libelle: 'Micro-Folies', unite: 'communes',
    definition: 'Micro-Folies fixes ouvertes dans une commune PVD ; communes PVD accueillant une Micro-Folie fixe ou mobile.',
    ventilations: ['forme', 'departement', 'region'], representations: [{ kind: 'chiffre' }, carteDep('communes', [1, 3, 6])],
    sources: ['demarches', 'adhesions'], additif: true, disponible: true, valeurPubliee2024: '105 fixes ; 141 communes',
  },
  {
    id: 'C1', section: 'club', libelle: 'Fiches-projets publiées', unite: 'publications',
    definition: 'Fiches-projets de communes PVD publiées dans la projetothèque à la date (ni retirées, ni en brouillon), rattachées au territoire de leur PVD.',
    ventilations: ['annee', 'departement', 'region'], representations: [{ kind: 'chiffre' }, { kind: 'barres', ventilation: 'annee' }],
    sources: ['club'], additif: true, disponible: true, valeurPubliee2024: '69',
  },
  {
    id: 'C2', section: 'club', libelle: 'Animations du Club', unite: 'evenements',
    definition:
      'Événements publiés et tenus à la date, par type (webinaires, semaines et saisons thématiques, ateliers in situ, rencontre nationale), et leurs participants (nombre relevé par l’organisateur, sinon présences pointées). Les événements nationaux ou en ligne ne comptent qu’à l’échelle nationale.',
    ventilations: ['type', 'annee'], representations: [{ kind: 'chiffre' }, { kind: 'barres', ventilation: 'type' }], sources: ['club'], additif: false, disponible: true,
    valeurPubliee2024: '33 webinaires, 7 semaines thématiques, 1 saison, 1 atelier in situ',
  },
  {
    id: 'C3', section: 'club', libelle: 'Formations', unite: 'evenements',
    definition: 'Sessions de formation initiale et d’approfondissement publiées et tenues à la date, par organisateur.', ventilations: ['financeur', 'type', 'annee'],
    representations: [{ kind: 'chiffre' }, { kind: 'barres', ventilation: 'financeur' }],
    sources: ['club'], additif: false, disponible: true, valeurPubliee2024: '2 initiales ; 10 d’approfondissement',
  },
  {
    id: 'C4', section: 'club', libelle: 'Clubs départementaux en fonctionnement', unite: 'pourcentage',
    definition: 'Départements dont le club s’est réuni dans les 12 mois précédant la date, parmi les départements ayant des communes PVD.', ventilations: ['departement', 'region'],
    representations: [{ kind: 'chiffre' }, carteDep('pourcentage', [50, 99]), { kind: 'carte', niveau: 'region', mesure: 'pourcentage', seuils: [50, 80, 99] }],
    sources: ['club'], additif: false, disponible: true, valeurPubliee2024: '100 %',
  },
];

export const PAS_ENCORE_DE_DONNEES = 'pas encore de données';

const BY_ID = new Map<string, Indicateur>(INDICATEURS.map((i) => [i.id, i]));

export function isIndicateurId(value: unknown): value is IndicateurId {
  return typeof value === 'string' && BY_ID.has(value);
}

/** The catalogue entry of an id (throws on an unknown id: callers check with `isIndicateurId`). */
export function indicateur(id: IndicateurId): Indicateur {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`Unknown indicator ${id}`);
  return found;
}

/** The class (0-based) of a value on a map with these upper bounds: `seuils` [1, 1.6] gives 0, 1 or 2. */
export function classeCarte(valeur: number, seuils: readonly number[]): number {
  let i = 0;
  while (i < seuils.length && valeur >= seuils[i]) i++;
  return i;
}

/** French labels of a map's classes: « moins de 1 », « de 1 à 1,6 », « 1,6 et plus ». */
export function libellesClasses(seuils: readonly number[]): string[] {
  const fr = (n: number) => n.toLocaleString('fr-FR');
  if (seuils.length === 0) return ['toutes valeurs'];
  return [`moins de ${fr(seuils[0])}`, ...seuils.slice(1).map((s, i) => `de ${fr(seuils[i])} à moins de ${fr(s)}`), `${fr(seuils[seuils.length - 1])} et plus`];
}
