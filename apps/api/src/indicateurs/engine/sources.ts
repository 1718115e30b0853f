import type { Ventilation } from '@suivi-pvd/domain';
import {
  cofinancementEnCoursAuSql,
  conventionSigneeAuSql,
  dateEngagementFinancementSql,
  DISPOSITIFS_HORS_TRAJECTOIRE_SQL,
  evenementClubTenuAuSql,
  ficheProjetPublieeAuSql,
  missionFinanceeAuSql,
  operationHabitatActiveAuSql,
  ortEnVigueurAuSql,
  participationActiveAuSql,
  participantsEvenementClubSql,
  posteTenuAuSql,
  reunionClubEnFonctionnementAuSql,
  statutFinancementAuSql,
} from './comptage-sql';

/**
 * The records an indicator reads, as they stood on day `$1` and counted by the rules of the
 * programme, each as one CTE. Every source has the same area columns, so one scope condition
 * fits all: `dep`, `reg` (the area the record is attributed to, once), `epci`, and `pvd_ids` (the
 * PVD it concerns; an EPCI's financing line concerns every PVD of that EPCI). `date_donnee` is the
 * day the data was true (its source's date, else its last change) and `source` who gave it.
 */
export type SourceName =
  | 'membres'
  | 'pvd_zone'
  | 'epci_pvd'
  | 'lignes'
  | 'missions_f'
  | 'decisions'
  | 'postes_sub'
  | 'cadres'
  | 'ort_c'
  | 'habitat_c'
  | 'participations'
  | 'engagements'
  | 'fiches_c'
  | 'evenements_c'
  | 'clubs_c';

export interface SourceDef {
  deps: readonly SourceName[];
  sql: string;
  /** The breakdowns this source offers: a key expression and, where SQL knows it, a label expression. */
  keys: Partial<Record<Ventilation, { cle: string; libelle?: string }>>;
  /** Whether the source carries `date_donnee` and `source` columns (freshness of the data). */
  dated: boolean;
}

const J = '$1::date';
const PARIS_DAY = (column: string) => `(${column} AT TIME ZONE 'Europe/Paris')::date`;
const AREA_KEYS = {
  departement: { cle: 'dep' },
  region: { cle: 'reg' },
} as const;
const quarter = (column: string) => `to_char(${column}, 'YYYY-"T"Q')`;
const year = (column: string) => `extract(year FROM ${column})::int::text`;

export const SOURCES: Record<SourceName, SourceDef> = {
  /** PVD communes on D (`pvd_communes_au`), with their area. */
  membres: {
    deps: [],
    sql: `SELECT c.insee, c.nom AS commune_nom, m.pvd_id, c.departement_code AS dep, c.region_code AS reg, c.epci_siren AS epci, c.densite, c.population,
                 ARRAY[m.pvd_id] AS pvd_ids
            FROM pvd_communes_au(${J}) m JOIN commune c ON c.insee = m.commune_insee`,
    keys: {
      ...AREA_KEYS,
      densite: { cle: `CASE WHEN densite >= 5 THEN 'rurale' WHEN densite IS NULL THEN 'inconnue' ELSE 'urbaine' END` },
    },
    dated: false,
  },
  /** Each PVD on D attributed to the area of its most populous commune. */
  pvd_zone: {
    deps: ['membres'],
    sql: `SELECT DISTINCT ON (pvd_id) pvd_id, dep, reg, epci FROM membres ORDER BY pvd_id, population DESC NULLS LAST, insee`,
    keys: {},
    dated: false,
  },
  /** EPCI with PVD communes on D, their PVD and their seat's area (most populous member). */
  epci_pvd: {
    deps: ['membres'],
    sql: `SELECT em.epci, em.ids, s.departement_code AS dep, s.region_code AS reg
            FROM (SELECT epci, array_agg(DISTINCT pvd_id) AS ids FROM membres WHERE epci IS NOT NULL GROUP BY epci) em
            CROSS JOIN LATERAL (SELECT departement_code, region_code FROM commune c WHERE c.epci_siren = em.epci
                                 ORDER BY c.population DESC NULLS LAST, c.insee LIMIT 1) s`,
    keys: {},
    dated: false,
  },
  /** Financing lines engaged on or before D whose beneficiary is in the programme on D. */
  lignes: {
    deps: ['membres', 'epci_pvd'],
    sql: `SELECT l.id, l.montant / 100.0 AS montant, d.code AS dispositif, d.nom AS dispositif_nom, d.pilier, d.nature, f.code AS financeur, f.nom AS financeur_nom,
                 l.logements, l.dossiers, l.annee_campagne, l.projet, l.beneficiaire_type, l.beneficiaire_code,
                 ${statutFinancementAuSql('l', J)} AS statut, ${dateEngagementFinancementSql('l')} AS date_engagement,
                 d.code IN (${DISPOSITIFS_HORS_TRAJECTOIRE_SQL}) AS hors_trajectoire,
                 mb.insee, COALESCE(mb.dep, ep.dep) AS dep, COALESCE(mb.reg, ep.reg) AS reg, COALESCE(mb.epci, ep.epci) AS epci, COALESCE(mb.pvd_ids, ep.ids) AS pvd_ids,
                 COALESCE(l.date_source, ${PARIS_DAY('l.updated_at')}) AS date_donnee, COALESCE(l.source, f.nom) AS source
            FROM ligne_financement l
            JOIN dispositif d ON d.id = l.dispositif_id
            JOIN financeur f ON f.id = d.financeur_id
            LEFT JOIN membres mb ON l.beneficiaire_type = 'commune' AND mb.insee = l.beneficiaire_code
            LEFT JOIN epci_pvd ep ON l.beneficiaire_type = 'epci' AND ep.epci = l.beneficiaire_code
           WHERE (mb.insee IS NOT NULL OR ep.epci IS NOT NULL) AND ${dateEngagementFinancementSql('l')} <= ${J}`,
    keys: {
      ...AREA_KEYS,
      dispositif: { cle: 'dispositif', libelle: 'min(dispositif_nom)' },
      financeur: { cle: 'financeur', libelle: 'min(financeur_nom)' },
      nature: { cle: 'nature' },
      pilier: { cle: 'pilier' },
      statut: { cle: 'statut' },
      annee: { cle: year('date_engagement') },
      trimestre: { cle: quarter('date_engagement') },
    },
    dated: true,
  },
  /** Expertise missions financed on D, attributed to their PVD's area. */
  missions_f: {
    deps: ['membres', 'pvd_zone'],
    sql: `SELECT mi.id, COALESCE(mi.montant_engage, 0) / 100.0 AS montant, mi.nature, mi.intitule, f.code AS financeur, f.nom AS financeur_nom, mi.date_engagement, mi.pvd_id,
                 pz.dep, pz.reg, COALESCE(p.epci_siren, pz.epci) AS epci, ARRAY[mi.pvd_id] AS pvd_ids,
                 COALESCE(mi.date_source, ${PARIS_DAY('mi.updated_at')}) AS date_donnee, COALESCE(mi.source, f.nom) AS source
            FROM mission mi
            JOIN pvd_zone pz ON pz.pvd_id = mi.pvd_id
            JOIN pvd p ON p.id = mi.pvd_id
            JOIN financeur f ON f.id = mi.financeur_id
           WHERE ${missionFinanceeAuSql('mi', J)}`,
    keys: {
      ...AREA_KEYS,
      financeur: { cle: 'financeur', libelle: 'min(financeur_nom)' },
      nature: { cle: 'nature' },
      annee: { cle: year('date_engagement') },
      trimestre: { cle: quarter('date_engagement') },
    },
    dated: true,
  },
  /** Yearly subsidies of chef de projet posts granted by the préfecture on or before D. */
  decisions: {
    deps: ['membres', 'pvd_zone'],
    sql: `SELECT dc.id, dc.montant_accorde / 100.0 AS montant, dc.annee, dc.date_decision AS date_engagement, po.pvd_id, po.intitule,
                 pz.dep, pz.reg, COALESCE(p.epci_siren, pz.epci) AS epci, ARRAY[po.pvd_id] AS pvd_ids,
                 COALESCE(dc.date_source, ${PARIS_DAY('dc.updated_at')}) AS date_donnee, COALESCE(dc.source, 'Préfectures (délégués de l’ANCT)') AS source
            FROM demande_cofinancement dc
            JOIN poste po ON po.id = dc.poste_id
            JOIN pvd_zone pz ON pz.pvd_id = po.pvd_id
            JOIN pvd p ON p.id = po.pvd_id
           WHERE dc.montant_accorde IS NOT NULL AND dc.date_decision <= ${J}`,
    keys: { ...AREA_KEYS, annee: { cle: year('date_engagement') }, trimestre: { cle: quarter('date_engagement') } },
    dated: true,
  },
  /** Chef de projet posts subsidised on D: a holder in post and the co-financer's participation running, one row per co-financer. */
  postes_sub: {
    deps: ['membres', 'pvd_zone'],
    sql: `SELECT po.id AS poste_id, po.intitule, po.pvd_id, pc.financeur AS cofinanceur, pz.dep, pz.reg, COALESCE(p.epci_siren, pz.epci) AS epci, ARRAY[po.pvd_id] AS pvd_ids,
                 ${PARIS_DAY('po.updated_at')} AS date_donnee, 'Suivi PVD (postes saisis par les chefs de projet)'::text AS source
            FROM poste po
            JOIN pvd_zone pz ON pz.pvd_id = po.pvd_id
            JOIN pvd p ON p.id = po.pvd_id
            JOIN poste_cofinanceur pc ON pc.poste_id = po.id AND ${cofinancementEnCoursAuSql('pc', J)}
           WHERE ${posteTenuAuSql('po', J)}`,
    keys: { ...AREA_KEYS, cofinanceur: { cle: 'cofinanceur' } },
    dated: true,
  },
  /** PVD communes on D whose dossier had a signed convention-cadre on D. */
  cadres: {
    deps: ['membres'],
    sql: `SELECT mb.*, cv.date_signature, ${PARIS_DAY('cv.updated_at')} AS date_donnee, 'Préfectures'::text AS source
            FROM membres mb
            JOIN LATERAL (SELECT cv.date_signature, cv.updated_at FROM convention cv
                           WHERE cv.pvd_id = mb.pvd_id AND cv.type = 'cadre' AND ${conventionSigneeAuSql('cv', J)}
                           ORDER BY cv.date_signature LIMIT 1) cv ON TRUE`,
    keys: { ...AREA_KEYS, trimestre: { cle: quarter('date_signature') }, annee: { cle: year('date_signature') } },
    dated: true,
  },
  /** PVD communes on D covered by an ORT in force on D (once per commune). */
  ort_c: {
    deps: ['membres'],
    sql: `SELECT DISTINCT ON (mb.insee) mb.*, o.libelle AS ort_libelle, COALESCE(o.date_source, ${PARIS_DAY('o.updated_at')}) AS date_donnee, COALESCE(o.source, 'ORT (DGALN, ANCT)') AS source
            FROM membres mb
            JOIN ort_commune oc ON oc.commune_insee = mb.insee
            JOIN ort o ON o.id = oc.ort_id AND ${ortEnVigueurAuSql('o', J)}
           ORDER BY mb.insee, o.date_signature`,
    keys: { ...AREA_KEYS },
    dated: true,
  },
  /** (PVD commune on D, habitat operation operational on D) pairs. */
  habitat_c: {
    deps: ['membres'],
    sql: `SELECT mb.insee, mb.commune_nom, mb.pvd_id, mb.dep, mb.reg, mb.epci, mb.pvd_ids, oh.id AS operation_id, oh.type, oh.libelle AS operation_libelle,
                 COALESCE(oh.date_source, ${PARIS_DAY('oh.updated_at')}) AS date_donnee, COALESCE(oh.source, f.nom, 'Anah')::text AS source
            FROM membres mb
            JOIN operation_habitat_commune ohc ON ohc.commune_insee = mb.insee
            JOIN operation_habitat oh ON oh.id = ohc.operation_id AND ${operationHabitatActiveAuSql('oh', J)}
            LEFT JOIN financeur f ON f.id = oh.financeur_id`,
    keys: { ...AREA_KEYS, type: { cle: 'type' } },
    dated: true,
  },
  /** Scheme participations of PVD communes active on D (France services, Micro-Folie…). */
  participations: {
    deps: ['membres'],
    sql: `SELECT dp.id, de.code AS demarche, de.nom AS demarche_nom, dp.attributs, mb.insee, mb.commune_nom, mb.pvd_id, mb.dep, mb.reg, mb.epci, mb.pvd_ids,
                 COALESCE(dp.date_source, ${PARIS_DAY('dp.updated_at')}) AS date_donnee, COALESCE(dp.source, de.nom) AS source
            FROM demarche_participation dp
            JOIN demarche de ON de.id = dp.demarche_id
            JOIN membres mb ON mb.insee = dp.commune_insee
           WHERE ${participationActiveAuSql('dp', J)}`,
    keys: {
      ...AREA_KEYS,
      forme: { cle: `attributs->>'forme'` },
      type: { cle: `CASE WHEN demarche = 'ville_amie_aines' THEN 'ville_amie_aines:' || COALESCE(attributs->>'statut', '') WHEN demarche = 'popsu' THEN COALESCE(attributs->>'publication', 'aucune') ELSE demarche END` },
    },
    dated: true,
  },
  /** Every engaged amount of the programme's trajectory: financing lines, post subsidies, missions. */
  engagements: {
    deps: ['lignes', 'decisions', 'missions_f'],
    sql: `SELECT montant, pilier, CASE WHEN pilier = 'ingenierie' THEN 'autres' ELSE 'thematique' END AS poste, date_engagement, dep, reg, epci, pvd_ids, date_donnee, source
            FROM lignes WHERE NOT hors_trajectoire
          UNION ALL SELECT montant, 'ingenierie', 'postes', date_engagement, dep, reg, epci, pvd_ids, date_donnee, source FROM decisions
          UNION ALL SELECT montant, 'ingenierie', 'missions', date_engagement, dep, reg, epci, pvd_ids, date_donnee, source FROM missions_f`,
    keys: {
      ...AREA_KEYS,
      pilier: { cle: 'pilier' },
      nature: { cle: 'poste' },
      annee: { cle: year('date_engagement') },
    },
    dated: true,
  },
  /** Project sheets published on D (C1), attributed to their PVD's area (PVD in the programme on D). */
  fiches_c: {
    deps: ['membres', 'pvd_zone'],
    sql: `SELECT f.id, f.titre, f.publiee_le, f.pvd_id, pz.dep, pz.reg, COALESCE(p.epci_siren, pz.epci) AS epci, ARRAY[f.pvd_id] AS pvd_ids,
                 ${PARIS_DAY('f.updated_at')} AS date_donnee, 'Projetothèque (ANCT)'::text AS source
            FROM fiche_projet f
            JOIN pvd_zone pz ON pz.pvd_id = f.pvd_id
            JOIN pvd p ON p.id = f.pvd_id
           WHERE ${ficheProjetPublieeAuSql('f', J)}`,
    keys: { ...AREA_KEYS, annee: { cle: year('publiee_le') } },
    dated: true,
  },
  /**
   * Club events held on D (C2, C3): attributed to their département (in situ, or the organising
   * préfecture's), none for national and online ones, which count at the national scope only.
   */
  evenements_c: {
    deps: [],
    sql: `SELECT e.id, e.type, e.titre, e.date_debut, e.organisateur_id, o.nom AS organisateur_nom, ${participantsEvenementClubSql('e')} AS participants,
                 e.departement_code AS dep, d.region_code AS reg, NULL::varchar AS epci, ARRAY[]::uuid[] AS pvd_ids,
                 ${PARIS_DAY('e.updated_at')} AS date_donnee, o.nom AS source
            FROM club_evenement e
            JOIN organisation o ON o.id = e.organisateur_id
            LEFT JOIN departement d ON d.code = e.departement_code
           WHERE ${evenementClubTenuAuSql('e', J)}`,
    keys: {
      ...AREA_KEYS,
      type: { cle: 'type' },
      financeur: { cle: 'organisateur_id::text', libelle: 'min(organisateur_nom)' },
      annee: { cle: year('date_debut') },
    },
    dated: true,
  },
  /** PVD communes on D whose département's club is « en fonctionnement » on D (C4: counted by département). */
  clubs_c: {
    deps: ['membres'],
    sql: `SELECT mb.*, dz.derniere_reunion, dz.derniere_reunion AS date_donnee, 'Préfectures (clubs départementaux)'::text AS source
            FROM membres mb
            JOIN (SELECT r.departement_code AS dep, max(r.date_debut) AS derniere_reunion FROM club_evenement r
                   WHERE ${reunionClubEnFonctionnementAuSql('r', J)} GROUP BY 1) dz ON dz.dep = mb.dep`,
    keys: { ...AREA_KEYS },
    dated: true,
  },
};

/** The sources a query over these needs, dependencies first. */
export function withDependencies(needed: readonly SourceName[]): SourceName[] {
  const ordered: SourceName[] = [];
  const visit = (name: SourceName) => {
    if (ordered.includes(name)) return;
    for (const dep of SOURCES[name].deps) visit(dep);
    ordered.push(name);
  };
  for (const n of needed) visit(n);
  return ordered;
}

/** The CTEs a query over these sources needs, dependencies first. */
export function withClause(needed: readonly SourceName[]): string {
  return `WITH ${withDependencies(needed)
    .map((n) => `${n} AS (${SOURCES[n].sql})`)
    .join(',\n')}`;
}
