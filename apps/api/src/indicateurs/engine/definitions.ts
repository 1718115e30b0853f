import type { IndicateurId, IndicateurUnite, Ventilation } from '@suivi-pvd/domain';
import { CLUB_TYPES_ANIMATION_SQL, CLUB_TYPES_FORMATION_SQL, TYPES_OPAH_SQL } from './comptage-sql';
import type { SourceName } from './sources';

/** An aggregate over one source, restricted to the scope, and to `filtre` when given. */
export interface Mesure {
  source: SourceName;
  agg: string;
  filtre?: string;
}

export interface Secondaire {
  cle: string;
  libelle: string;
  unite: IndicateurUnite;
  mesure: Mesure;
}

/** A share: a measure of this indicator over P1 (PVD communes) or over a dated reference value. */
export interface Part {
  cle: string;
  libelle: string;
  /** 'principal' or the key of a secondary measure. */
  de: string;
  sur: { kind: 'P1' } | { kind: 'reference'; cle: string; libelle: string };
}

export interface IndicateurSpec {
  /** The headline value; a ratio divides two measures (I2, I7). */
  principal: Mesure | { ratio: [Mesure, Mesure] };
  secondaires?: readonly Secondaire[];
  parts?: readonly Part[];
  /** Breakdowns cumulated over time (series of the report). */
  cumul?: readonly Ventilation[];
  /** Shares of each area on maps: of the scope's total, or of a reference value per area. */
  partCarte?: { kind: 'total' } | { kind: 'P1' } | { kind: 'reference'; cle: string };
  /** The records behind the figure. */
  detail: Mesure;
  /**
   * Breakdowns of a whole rather than of the figure: P2's pie splits every PVD commune by density
   * (rural against the others), not only the rural ones it counts.
   */
  repartition?: Partial<Record<Ventilation, Mesure>>;
}

const sum = 'COALESCE(sum(montant), 0)';
const communes = 'count(DISTINCT insee)';
const dispositif = (...codes: string[]) => `dispositif IN (${codes.map((c) => `'${c}'`).join(', ')})`;
const demarche = (code: string) => `demarche = '${code}'`;
const lignes = (filtre: string): Mesure => ({ source: 'lignes', agg: sum, filtre });
const missions = (filtre?: string): Mesure => ({ source: 'missions_f', agg: 'count(*)', filtre });
const P1: Part['sur'] = { kind: 'P1' };
const animations = `type IN (${CLUB_TYPES_ANIMATION_SQL})`;
const formations = `type IN (${CLUB_TYPES_FORMATION_SQL})`;
const departements = 'count(DISTINCT dep)';

/** How each available indicator is computed from the sources. */
export const SPECS: Partial<Record<IndicateurId, IndicateurSpec>> = {
  P1: { principal: { source: 'membres', agg: 'count(*)' }, detail: { source: 'membres', agg: '' } },
  P2: {
    principal: { source: 'membres', agg: 'count(*)', filtre: 'densite >= 5' },
    secondaires: [{ cle: 'densite_inconnue', libelle: 'Communes dont la densité est inconnue', unite: 'communes', mesure: { source: 'membres', agg: 'count(*)', filtre: 'densite IS NULL' } }],
    parts: [{ cle: 'part_p1', libelle: 'Part des communes PVD', de: 'principal', sur: P1 }],
    detail: { source: 'membres', agg: '', filtre: 'densite >= 5' },
    repartition: { densite: { source: 'membres', agg: 'count(*)' } },
  },
  P3: {
    principal: { source: 'cadres', agg: 'count(*)' },
    parts: [{ cle: 'part_p1', libelle: 'Part des communes PVD', de: 'principal', sur: P1 }],
    cumul: ['trimestre', 'annee'],
    partCarte: { kind: 'P1' },
    detail: { source: 'cadres', agg: '' },
  },
  P4: { principal: { source: 'engagements', agg: sum }, cumul: ['annee'], detail: { source: 'engagements', agg: '' } },
  P5: {
    principal: lignes(`financeur = 'banque_des_territoires' AND nature = 'pret'`),
    secondaires: [{ cle: 'contractualises', libelle: 'dont contractualisés', unite: 'euros', mesure: lignes(`financeur = 'banque_des_territoires' AND nature = 'pret' AND statut IN ('contractualise', 'verse')`) }],
    detail: { source: 'lignes', agg: '', filtre: `financeur = 'banque_des_territoires' AND nature = 'pret'` },
  },
  P6: {
    principal: lignes(dispositif('maprimerenov')),
    parts: [{ cle: 'part_nationale', libelle: 'Part du total de MaPrimeRénov’', de: 'principal', sur: { kind: 'reference', cle: 'maprimerenov_total', libelle: 'MaPrimeRénov’ engagée dans la zone (toutes communes)' } }],
    partCarte: { kind: 'reference', cle: 'maprimerenov_total' },
    detail: { source: 'lignes', agg: '', filtre: dispositif('maprimerenov') },
  },
  P7: { principal: lignes(`financeur = 'ademe'`), partCarte: { kind: 'total' }, detail: { source: 'lignes', agg: '', filtre: `financeur = 'ademe'` } },
  I1: { principal: { source: 'engagements', agg: sum, filtre: `pilier = 'ingenierie'` }, detail: { source: 'engagements', agg: '', filtre: `pilier = 'ingenierie'` } },
  I2: {
    principal: { ratio: [{ source: 'engagements', agg: sum, filtre: `pilier = 'ingenierie'` }, { source: 'membres', agg: 'count(DISTINCT epci)' }] },
    secondaires: [{ cle: 'epci', libelle: 'EPCI ayant des communes PVD', unite: 'communes', mesure: { source: 'membres', agg: 'count(DISTINCT epci)' } }],
    detail: { source: 'engagements', agg: '', filtre: `pilier = 'ingenierie'` },
  },
  I3: {
    principal: { source: 'postes_sub', agg: 'count(DISTINCT poste_id)' },
    secondaires: [{ cle: 'anah', libelle: 'dont cofinancés par l’Anah', unite: 'postes', mesure: { source: 'postes_sub', agg: 'count(DISTINCT poste_id)', filtre: `cofinanceur = 'anah'` } }],
    detail: { source: 'postes_sub', agg: '' },
  },
  I4: { principal: { source: 'decisions', agg: sum }, detail: { source: 'decisions', agg: '' } },
  I5: { principal: { source: 'missions_f', agg: sum }, cumul: ['trimestre', 'annee'], detail: { source: 'missions_f', agg: '' } },
  I6: { principal: missions(), detail: { source: 'missions_f', agg: '' } },
  I7: { principal: { ratio: [missions(), { source: 'membres', agg: 'count(*)' }] }, detail: { source: 'missions_f', agg: '' } },
  I8: { principal: missions(`nature = 'atelier_flash'`), detail: { source: 'missions_f', agg: '', filtre: `nature = 'atelier_flash'` } },
  I9: { principal: missions(`nature = 'ingenierie_sur_mesure'`), detail: { source: 'missions_f', agg: '', filtre: `nature = 'ingenierie_sur_mesure'` } },
  I10: { principal: missions(`financeur = 'banque_des_territoires'`), detail: { source: 'missions_f', agg: '', filtre: `financeur = 'banque_des_territoires'` } },
  I11: { principal: missions(`financeur = 'anah'`), detail: { source: 'missions_f', agg: '', filtre: `financeur = 'anah'` } },
  I12: {
    principal: { source: 'participations', agg: communes, filtre: demarche('popsu') },
    secondaires: [{ cle: 'publications', libelle: 'Publications', unite: 'publications', mesure: { source: 'participations', agg: 'count(*)', filtre: `${demarche('popsu')} AND COALESCE(attributs->>'publication', 'aucune') <> 'aucune'` } }],
    detail: { source: 'participations', agg: '', filtre: demarche('popsu') },
  },
  T1: { principal: lignes(`pilier = 'thematique' AND NOT hors_trajectoire`), detail: { source: 'lignes', agg: '', filtre: `pilier = 'thematique' AND NOT hors_trajectoire` } },
  T2: { principal: lignes(dispositif('dsil', 'dsil_relance', 'detr')), detail: { source: 'lignes', agg: '', filtre: dispositif('dsil', 'dsil_relance', 'detr') } },
  T3: {
    principal: lignes(dispositif('fonds_friches')),
    secondaires: [{ cle: 'communes', libelle: 'Communes ayant au moins un projet financé', unite: 'communes', mesure: { source: 'lignes', agg: communes, filtre: dispositif('fonds_friches') } }],
    detail: { source: 'lignes', agg: '', filtre: dispositif('fonds_friches') },
  },
  T4: {
    principal: lignes(dispositif('fonds_vert')),
    secondaires: [
      { cle: 'communes', libelle: 'Communes ayant au moins une subvention', unite: 'communes', mesure: { source: 'lignes', agg: communes, filtre: dispositif('fonds_vert') } },
      { cle: 'dossiers', libelle: 'Dossiers acceptés', unite: 'dossiers', mesure: { source: 'lignes', agg: 'COALESCE(sum(dossiers), 0)', filtre: dispositif('fonds_vert') } },
    ],
    partCarte: { kind: 'total' },
    detail: { source: 'lignes', agg: '', filtre: dispositif('fonds_vert') },
  },
  T5: {
    principal: lignes(dispositif('anah_operations')),
    secondaires: [{ cle: 'logements', libelle: 'Logements rénovés', unite: 'logements', mesure: { source: 'lignes', agg: 'COALESCE(sum(logements), 0)', filtre: dispositif('anah_operations') } }],
    detail: { source: 'lignes', agg: '', filtre: dispositif('anah_operations') },
  },
  T6: { principal: lignes(dispositif('drac_patrimoine')), detail: { source: 'lignes', agg: '', filtre: dispositif('drac_patrimoine') } },
  T7: { principal: { source: 'ort_c', agg: 'count(*)' }, parts: [{ cle: 'part_p1', libelle: 'Part des communes PVD', de: 'principal', sur: P1 }], partCarte: { kind: 'P1' }, detail: { source: 'ort_c', agg: '' } },
  T8: {
    principal: { source: 'habitat_c', agg: communes, filtre: `type IN (${TYPES_OPAH_SQL})` },
    secondaires: [{ cle: 'operations', libelle: 'Opérations distinctes', unite: 'operations', mesure: { source: 'habitat_c', agg: 'count(DISTINCT operation_id)', filtre: `type IN (${TYPES_OPAH_SQL})` } }],
    detail: { source: 'habitat_c', agg: '', filtre: `type IN (${TYPES_OPAH_SQL})` },
  },
  T9: { principal: { source: 'habitat_c', agg: communes, filtre: `type = 'rhi_thirori'` }, detail: { source: 'habitat_c', agg: '', filtre: `type = 'rhi_thirori'` } },
  T10: { principal: { source: 'participations', agg: 'count(*)', filtre: demarche('ecoquartier') }, detail: { source: 'participations', agg: '', filtre: demarche('ecoquartier') } },
  T11: {
    principal: { source: 'participations', agg: 'count(*)', filtre: demarche('france_services') },
    secondaires: [{ cle: 'communes', libelle: 'Communes PVD ayant une France services', unite: 'communes', mesure: { source: 'participations', agg: communes, filtre: demarche('france_services') } }],
    parts: [
      { cle: 'part_nationale', libelle: 'Part de l’ensemble des France services', de: 'principal', sur: { kind: 'reference', cle: 'france_services_total', libelle: 'France services ouvertes dans la zone (toutes communes)' } },
      { cle: 'part_p1', libelle: 'Part des communes PVD qui en ont une', de: 'communes', sur: P1 },
    ],
    detail: { source: 'participations', agg: '', filtre: demarche('france_services') },
  },
  T12: { principal: { source: 'participations', agg: communes, filtre: demarche('contrat_securite') }, detail: { source: 'participations', agg: '', filtre: demarche('contrat_securite') } },
  T13: {
    principal: { source: 'participations', agg: communes, filtre: `demarche IN ('fabrique_prospective', 'ville_amie_aines')` },
    detail: { source: 'participations', agg: '', filtre: `demarche IN ('fabrique_prospective', 'ville_amie_aines')` },
  },
  T14: {
    principal: { source: 'participations', agg: 'count(*)', filtre: `${demarche('micro_folie')} AND attributs->>'forme' = 'fixe'` },
    secondaires: [{ cle: 'communes', libelle: 'Communes accueillant une Micro-Folie fixe ou mobile', unite: 'communes', mesure: { source: 'participations', agg: communes, filtre: demarche('micro_folie') } }],
    detail: { source: 'participations', agg: '', filtre: demarche('micro_folie') },
  },
  C1: { principal: { source: 'fiches_c', agg: 'count(*)' }, detail: { source: 'fiches_c', agg: '' } },
  C2: {
    principal: { source: 'evenements_c', agg: 'count(*)', filtre: animations },
    secondaires: [{ cle: 'participants', libelle: 'Participants', unite: 'participants', mesure: { source: 'evenements_c', agg: 'COALESCE(sum(participants), 0)', filtre: animations } }],
    detail: { source: 'evenements_c', agg: '', filtre: animations },
  },
  C3: {
    principal: { source: 'evenements_c', agg: 'count(*)', filtre: formations },
    secondaires: [
      { cle: 'initiales', libelle: 'Sessions de formation initiale', unite: 'evenements', mesure: { source: 'evenements_c', agg: 'count(*)', filtre: `type = 'formation_initiale'` } },
      { cle: 'approfondissement', libelle: 'Sessions de formation d’approfondissement', unite: 'evenements', mesure: { source: 'evenements_c', agg: 'count(*)', filtre: `type = 'formation_approfondissement'` } },
    ],
    detail: { source: 'evenements_c', agg: '', filtre: formations },
  },
  C4: {
    // A percentage: départements whose club met in the 12 months up to the day, of the départements with PVD communes.
    principal: { ratio: [{ source: 'clubs_c', agg: `100.0 * ${departements}` }, { source: 'membres', agg: departements }] },
    secondaires: [
      { cle: 'clubs', libelle: 'Départements dont le club s’est réuni dans les 12 derniers mois', unite: 'departements', mesure: { source: 'clubs_c', agg: departements } },
      { cle: 'departements', libelle: 'Départements ayant des communes PVD', unite: 'departements', mesure: { source: 'membres', agg: departements } },
    ],
    detail: { source: 'clubs_c', agg: '' },
  },
};

/** Columns of the drill-down list of each source: header in French, SQL, kind. */
export interface DetailColumn {
  cle: string;
  libelle: string;
  sql: string;
  kind: 'texte' | 'euros' | 'date' | 'nombre';
}

const communeColumns: DetailColumn[] = [
  { cle: 'insee', libelle: 'Code INSEE', sql: 's.insee', kind: 'texte' },
  { cle: 'commune', libelle: 'Commune', sql: 's.commune_nom', kind: 'texte' },
  { cle: 'departement', libelle: 'Département', sql: 's.dep', kind: 'texte' },
  { cle: 'idPvd', libelle: 'Identifiant PVD', sql: 'p.id_pvd', kind: 'texte' },
];
const pvdJoin = 'LEFT JOIN pvd p ON p.id = s.pvd_id';

/** The drill-down of a source: its columns, joins and order; `group`: one row per value of that expression (its columns then aggregate). */
export const DETAIL_COLUMNS: Partial<Record<SourceName, { columns: DetailColumn[]; join: string; order: string; group?: string }>> = {
  membres: { columns: communeColumns, join: pvdJoin, order: 's.insee' },
  cadres: { columns: [...communeColumns, { cle: 'dateSignature', libelle: 'Convention-cadre signée le', sql: 's.date_signature::text', kind: 'date' }], join: pvdJoin, order: 's.insee' },
  ort_c: { columns: [...communeColumns, { cle: 'ort', libelle: 'ORT', sql: 's.ort_libelle', kind: 'texte' }], join: pvdJoin, order: 's.insee' },
  habitat_c: {
    columns: [...communeColumns, { cle: 'operation', libelle: 'Opération', sql: 's.operation_libelle', kind: 'texte' }, { cle: 'type', libelle: 'Type', sql: 's.type', kind: 'texte' }],
    join: pvdJoin,
    order: 's.insee, s.operation_id',
  },
  participations: {
    columns: [...communeColumns, { cle: 'demarche', libelle: 'Démarche', sql: 's.demarche_nom', kind: 'texte' }, { cle: 'forme', libelle: 'Forme', sql: `s.attributs->>'forme'`, kind: 'texte' }],
    join: pvdJoin,
    order: 's.insee, s.id',
  },
  lignes: {
    columns: [
      { cle: 'dispositif', libelle: 'Dispositif', sql: 's.dispositif_nom', kind: 'texte' },
      { cle: 'beneficiaire', libelle: 'Bénéficiaire', sql: `s.beneficiaire_type || ' ' || s.beneficiaire_code`, kind: 'texte' },
      { cle: 'projet', libelle: 'Projet', sql: 's.projet', kind: 'texte' },
      { cle: 'montant', libelle: 'Montant (€)', sql: 's.montant::float8', kind: 'euros' },
      { cle: 'statut', libelle: 'Statut à la date', sql: 's.statut', kind: 'texte' },
      { cle: 'dateEngagement', libelle: 'Engagé le', sql: 's.date_engagement::text', kind: 'date' },
      { cle: 'departement', libelle: 'Département', sql: 's.dep', kind: 'texte' },
      { cle: 'source', libelle: 'Source', sql: 's.source', kind: 'texte' },
    ],
    join: '',
    order: 's.date_engagement, s.id',
  },
  missions_f: {
    columns: [
      { cle: 'intitule', libelle: 'Mission', sql: 's.intitule', kind: 'texte' },
      { cle: 'financeur', libelle: 'Financeur', sql: 's.financeur_nom', kind: 'texte' },
      { cle: 'nature', libelle: 'Nature', sql: 's.nature', kind: 'texte' },
      { cle: 'montant', libelle: 'Montant engagé (€)', sql: 's.montant::float8', kind: 'euros' },
      { cle: 'dateEngagement', libelle: 'Engagée le', sql: 's.date_engagement::text', kind: 'date' },
      { cle: 'idPvd', libelle: 'Identifiant PVD', sql: 'p.id_pvd', kind: 'texte' },
      { cle: 'departement', libelle: 'Département', sql: 's.dep', kind: 'texte' },
    ],
    join: pvdJoin,
    order: 's.date_engagement, s.id',
  },
  decisions: {
    columns: [
      { cle: 'poste', libelle: 'Poste', sql: 's.intitule', kind: 'texte' },
      { cle: 'annee', libelle: 'Année', sql: 's.annee', kind: 'nombre' },
      { cle: 'montant', libelle: 'Subvention accordée (€)', sql: 's.montant::float8', kind: 'euros' },
      { cle: 'dateDecision', libelle: 'Décidée le', sql: 's.date_engagement::text', kind: 'date' },
      { cle: 'idPvd', libelle: 'Identifiant PVD', sql: 'p.id_pvd', kind: 'texte' },
      { cle: 'departement', libelle: 'Département', sql: 's.dep', kind: 'texte' },
    ],
    join: pvdJoin,
    order: 's.date_engagement, s.id',
  },
  postes_sub: {
    columns: [
      { cle: 'poste', libelle: 'Poste', sql: 's.intitule', kind: 'texte' },
      { cle: 'cofinanceur', libelle: 'Cofinanceur', sql: 's.cofinanceur', kind: 'texte' },
      { cle: 'idPvd', libelle: 'Identifiant PVD', sql: 'p.id_pvd', kind: 'texte' },
      { cle: 'departement', libelle: 'Département', sql: 's.dep', kind: 'texte' },
    ],
    join: pvdJoin,
    order: 's.poste_id, s.cofinanceur',
  },
  fiches_c: {
    columns: [
      { cle: 'titre', libelle: 'Fiche-projet', sql: 's.titre', kind: 'texte' },
      { cle: 'publieeLe', libelle: 'Publiée le', sql: 's.publiee_le::text', kind: 'date' },
      { cle: 'idPvd', libelle: 'Identifiant PVD', sql: 'p.id_pvd', kind: 'texte' },
      { cle: 'departement', libelle: 'Département', sql: 's.dep', kind: 'texte' },
    ],
    join: pvdJoin,
    order: 's.publiee_le, s.id',
  },
  evenements_c: {
    columns: [
      { cle: 'titre', libelle: 'Événement', sql: 's.titre', kind: 'texte' },
      { cle: 'type', libelle: 'Type', sql: 's.type', kind: 'texte' },
      { cle: 'dateDebut', libelle: 'Le', sql: 's.date_debut::text', kind: 'date' },
      { cle: 'organisateur', libelle: 'Organisateur', sql: 's.organisateur_nom', kind: 'texte' },
      { cle: 'participants', libelle: 'Participants', sql: 's.participants', kind: 'nombre' },
      { cle: 'departement', libelle: 'Département', sql: 's.dep', kind: 'texte' },
    ],
    join: '',
    order: 's.date_debut, s.id',
  },
  clubs_c: {
    columns: [
      { cle: 'departement', libelle: 'Département', sql: 's.dep', kind: 'texte' },
      { cle: 'derniereReunion', libelle: 'Dernière réunion du club', sql: 'min(s.derniere_reunion)::text', kind: 'date' },
      { cle: 'communes', libelle: 'Communes PVD', sql: 'count(*)::int', kind: 'nombre' },
    ],
    join: '',
    order: 's.dep',
    group: 's.dep',
  },
  engagements: {
    columns: [
      { cle: 'pilier', libelle: 'Pilier', sql: 's.pilier', kind: 'texte' },
      { cle: 'nature', libelle: 'Nature', sql: 's.poste', kind: 'texte' },
      { cle: 'montant', libelle: 'Montant (€)', sql: 's.montant::float8', kind: 'euros' },
      { cle: 'dateEngagement', libelle: 'Engagé le', sql: 's.date_engagement::text', kind: 'date' },
      { cle: 'departement', libelle: 'Département', sql: 's.dep', kind: 'texte' },
      { cle: 'source', libelle: 'Source', sql: 's.source', kind: 'texte' },
    ],
    join: '',
    order: 's.date_engagement, s.pilier, s.montant',
  },
};
