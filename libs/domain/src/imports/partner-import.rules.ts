import { FINANCEMENT_STATUTS, ligneFinancementErrors, type FinancementNature, type FinancementStatut } from '../financements/financements.rules';
import { ligneFinancementConstats, operationHabitatConstats } from '../financements/plausibilite.rules';
import {
  HABITAT_OPERATION_PHASE_LABELS,
  HABITAT_OPERATION_PHASES,
  HABITAT_OPERATION_TYPE_LABELS,
  HABITAT_OPERATION_TYPES,
  habitatOperationErrors,
  type HabitatObjectifAnnuel,
  type HabitatOperationPhase,
  type HabitatOperationType,
} from '../habitat/habitat-operation.rules';
import { MISSION_NATURES, MISSION_STATUTS, missionErrors, type MissionNature, type MissionStatut } from '../ingenierie/missions.rules';
import { normaliseInseeCode } from '../referentiel/insee.rules';
import { namedPlaceIncoherence } from '../territoire/named-place.rules';
import { parseEurosToCents, parseFrenchDate, parseInteger, type Parsed } from './french-format.rules';

/**
 * Partners' bulk imports: the documented columns of each import type, how a file's header is
 * matched to them (tolerant to case, accents and spaces), how each line is checked (with the
 * line, the column and the reason of every rejection) and how a line is compared with what is
 * stored (field-level changes). Lines are matched on the partner's own reference.
 */
export const IMPORT_PARTENAIRE_TYPES = ['financements', 'missions', 'operations'] as const;
export type ImportPartenaireType = (typeof IMPORT_PARTENAIRE_TYPES)[number];
/** The types whose import is available. */
export const IMPORT_PARTENAIRE_TYPES_DISPONIBLES: readonly ImportPartenaireType[] = ['financements', 'missions', 'operations'];
export const IMPORT_PARTENAIRE_TYPE_LABELS: Record<ImportPartenaireType, string> = {
  financements: 'Lignes de financement',
  missions: 'Missions d’ingénierie',
  operations: 'Opérations habitat',
};

export const IMPORT_PARTENAIRE_STATUTS = ['en_attente', 'en_cours', 'termine', 'echoue'] as const;
export type ImportPartenaireStatut = (typeof IMPORT_PARTENAIRE_STATUTS)[number];
export const IMPORT_PARTENAIRE_STATUT_LABELS: Record<ImportPartenaireStatut, string> = {
  en_attente: 'En attente',
  en_cours: 'En cours',
  termine: 'Terminé',
  echoue: 'Échoué',
};

export function isImportPartenaireType(value: unknown): value is ImportPartenaireType {
  return typeof value === 'string' && (IMPORT_PARTENAIRE_TYPES as readonly string[]).includes(value);
}

/** A documented column of an import file. */
export interface ImportColumn {
  /** The header, as written in the template. */
  nom: string;
  obligatoire: boolean;
  /** What to write, in French, for the documentation and the template. */
  description: string;
  exemple: string;
  /**
   * A column repeated per year (`objectif_AAAA`): the headers it stands for, folded, with the year
   * captured; each is indexed under `nom` with `AAAA` replaced by the year. The template writes `entete`.
   */
  repetee?: { motif: RegExp; entete: string };
}

/** One rejection of the report: the line of the file (header = 1), the column, the reason. */
export interface ImportRejet {
  ligne: number;
  colonne: string | null;
  motif: string;
}

/** A field whose value changed on re-import. */
export interface ImportChamp {
  champ: string;
  avant: string | number | null;
  apres: string | number | null;
}

export interface ImportChangement {
  reference: string;
  champs: ImportChamp[];
}

const STATUT_FINANCEMENT_TEXT = 'demandé, engagé, contractualisé ou versé';
const DATE_TEXT = 'Date JJ/MM/AAAA (ou AAAA-MM-JJ).';

export const FINANCEMENT_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { nom: 'reference', obligatoire: true, description: 'Votre référence du dossier : une ligne par référence et par dispositif ; réimporter la même référence met la ligne à jour.', exemple: 'BDT-2024-0001' },
  { nom: 'dispositif', obligatoire: true, description: 'Code du dispositif (un dispositif de votre organisation).', exemple: 'bdt_pret_renouvellement' },
  { nom: 'beneficiaire', obligatoire: true, description: 'Code INSEE de la commune (5 caractères) ou SIREN de l’EPCI (9 chiffres).', exemple: '23001' },
  { nom: 'projet', obligatoire: true, description: 'Intitulé du projet financé.', exemple: 'Réhabilitation de la halle' },
  { nom: 'montant', obligatoire: true, description: 'Montant en euros, positif : 1 234,56 ou 1234.56.', exemple: '1 234 567,89' },
  { nom: 'statut', obligatoire: true, description: `Étape atteinte : ${STATUT_FINANCEMENT_TEXT}.`, exemple: 'engagé' },
  { nom: 'date_demande', obligatoire: false, description: DATE_TEXT, exemple: '15/01/2024' },
  { nom: 'date_engagement', obligatoire: false, description: `${DATE_TEXT} Obligatoire au statut engagé.`, exemple: '31/03/2024' },
  { nom: 'date_contractualisation', obligatoire: false, description: `${DATE_TEXT} Obligatoire au statut contractualisé.`, exemple: '' },
  { nom: 'date_versement', obligatoire: false, description: `${DATE_TEXT} Obligatoire au statut versé.`, exemple: '' },
  { nom: 'annee_campagne', obligatoire: false, description: 'Année de la campagne (2015 à 2100).', exemple: '2024' },
  { nom: 'source', obligatoire: false, description: 'D’où vient le chiffre (outil, extraction).', exemple: 'Extraction SI prêts' },
  { nom: 'date_source', obligatoire: false, description: `Date de l’extraction. ${DATE_TEXT}`, exemple: '01/04/2024' },
  { nom: 'logements', obligatoire: false, description: 'Nombre de logements, si le dispositif en compte.', exemple: '' },
  { nom: 'dossiers', obligatoire: false, description: 'Nombre de dossiers, si le dispositif en compte.', exemple: '' },
];

const STATUT_MISSION_TEXT = 'demandée, accordée, en cours, livrée ou abandonnée';

export const MISSION_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { nom: 'reference', obligatoire: true, description: 'Votre référence de la mission ; réimporter la même référence met la mission à jour.', exemple: 'BDT-MIS-2024-0001' },
  { nom: 'commune', obligatoire: true, description: 'Code INSEE d’une commune de la Petite ville de demain concernée.', exemple: '23001' },
  { nom: 'nature', obligatoire: true, description: `Nature : ${MISSION_NATURES.join(', ')}.`, exemple: 'etude' },
  { nom: 'intitule', obligatoire: true, description: 'Intitulé de la mission.', exemple: 'Étude de revitalisation commerciale' },
  { nom: 'prestataire', obligatoire: false, description: 'Prestataire ou opérateur.', exemple: 'Cabinet Centre-Bourg' },
  { nom: 'montant_engage', obligatoire: false, description: 'Montant engagé en euros : 1 234,56.', exemple: '20 000' },
  { nom: 'montant_verse', obligatoire: false, description: 'Montant versé en euros : 1 234,56.', exemple: '5 000' },
  { nom: 'date_demande', obligatoire: false, description: DATE_TEXT, exemple: '10/01/2024' },
  { nom: 'date_debut', obligatoire: false, description: DATE_TEXT, exemple: '01/03/2024' },
  { nom: 'date_fin', obligatoire: false, description: DATE_TEXT, exemple: '' },
  { nom: 'statut', obligatoire: true, description: `Statut : ${STATUT_MISSION_TEXT}.`, exemple: 'en cours' },
  {
    nom: 'date_engagement',
    obligatoire: false,
    description: `Jour où le financement a été accordé. ${DATE_TEXT} Obligatoire aux statuts accordée, en cours et livrée (pas dans le futur, pas avant la demande).`,
    exemple: '15/02/2024',
  },
  { nom: 'source', obligatoire: false, description: 'D’où viennent les données (outil, extraction) ; vide : votre organisation et le nom du fichier.', exemple: 'Extraction SI missions' },
  { nom: 'date_source', obligatoire: false, description: `Date à laquelle les données étaient vraies (extraction). ${DATE_TEXT} Vide : le jour de l’import.`, exemple: '01/04/2024' },
];

const TYPE_OPERATION_TEXT = 'OPAH, OPAH-RU, OPAH-RR, OPAH-CD, PIG, RHI-THIRORI, plan de sauvegarde ou ORCOD';
const PHASE_OPERATION_TEXT = 'étude pré-opérationnelle, convention signée, opérationnelle ou close';

export const OPERATION_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { nom: 'reference', obligatoire: true, description: 'Votre référence de l’opération ; réimporter la même référence met l’opération à jour (communes couvertes comprises).', exemple: 'ANAH-OP-2024-0001' },
  { nom: 'type', obligatoire: true, description: `Type d’opération : ${TYPE_OPERATION_TEXT}.`, exemple: 'OPAH-RU' },
  { nom: 'libelle', obligatoire: true, description: 'Libellé de l’opération.', exemple: 'OPAH-RU du centre-bourg' },
  { nom: 'maitre_ouvrage', obligatoire: true, description: 'Maître d’ouvrage : code INSEE de l’une des communes couvertes (5 caractères) ou SIREN d’un EPCI dont l’une d’elles est membre (9 chiffres).', exemple: '23001' },
  { nom: 'operateur', obligatoire: false, description: 'Opérateur du suivi-animation.', exemple: 'Soliha Creuse' },
  { nom: 'phase', obligatoire: true, description: `Phase : ${PHASE_OPERATION_TEXT}.`, exemple: 'opérationnelle' },
  { nom: 'date_debut', obligatoire: false, description: `${DATE_TEXT} Obligatoire après l’étude pré-opérationnelle.`, exemple: '01/03/2024' },
  { nom: 'date_fin', obligatoire: false, description: `${DATE_TEXT} Obligatoire à la phase close.`, exemple: '28/02/2029' },
  {
    nom: 'communes',
    obligatoire: true,
    description: 'Codes INSEE des communes couvertes (toutes communes de France), séparés par des virgules, points-virgules ou espaces ; dans un CSV à point-virgule, séparez-les par des virgules.',
    exemple: '23001, 23002',
  },
  { nom: 'engagement_anah', obligatoire: false, description: 'Engagement de l’Anah en euros : 1 234,56.', exemple: '250 000' },
  { nom: 'engagement_collectivite', obligatoire: false, description: 'Engagement de la collectivité en euros : 1 234,56.', exemple: '80 000' },
  { nom: 'source', obligatoire: false, description: 'D’où viennent les données (outil, extraction) ; vide : votre organisation et le nom du fichier.', exemple: 'Extraction Anah' },
  { nom: 'date_source', obligatoire: false, description: `Date à laquelle les données étaient vraies (extraction). ${DATE_TEXT} Vide : le jour de l’import.`, exemple: '31/12/2023' },
  {
    nom: 'objectif_AAAA',
    obligatoire: false,
    description: 'Objectif de logements de l’année AAAA : une colonne par année (objectif_2024, objectif_2025…).',
    exemple: '20',
    repetee: { motif: /^objectifs?_(20\d\d)$/, entete: 'objectif_2024' },
  },
  {
    nom: 'traites_AAAA',
    obligatoire: false,
    description: 'Logements traités l’année AAAA : une colonne par année (traites_2024, traites_2025…).',
    exemple: '12',
    repetee: { motif: /^(?:traites?|logements_traites)_(20\d\d)$/, entete: 'traites_2024' },
  },
];

export const IMPORT_COLUMNS: Record<ImportPartenaireType, readonly ImportColumn[]> = {
  financements: FINANCEMENT_IMPORT_COLUMNS,
  missions: MISSION_IMPORT_COLUMNS,
  operations: OPERATION_IMPORT_COLUMNS,
};

/** A header or a value folded for matching: lower case, no accents, spaces, hyphens and apostrophes as `_`. */
export function foldHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f'’\-.]+/g, '_')
    .replace(/[^a-z0-9_]/g, '')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Aliases people write for the documented columns (folded). */
const ALIASES: Record<string, string> = {
  ref: 'reference',
  reference_externe: 'reference',
  code_dispositif: 'dispositif',
  code_beneficiaire: 'beneficiaire',
  insee: 'beneficiaire',
  code_insee: 'commune',
  montant_euros: 'montant',
  type_operation: 'type',
  intitule: 'libelle',
  commune: 'communes',
  communes_couvertes: 'communes',
  codes_insee: 'communes',
  moa: 'maitre_ouvrage',
};

const FILLER_WORDS = new Set(['de', 'd', 'du', 'des', 'la', 'le', 'l', 'en', 'eur', 'euros']);

export interface HeaderMatch {
  /** Column name → index in the file's header. */
  index: Map<string, number>;
  missing: string[];
  unknown: string[];
}

/** Matches a file's header with the documented columns. */
export function matchHeader(header: readonly string[], columns: readonly ImportColumn[]): HeaderMatch {
  const names = new Set(columns.map((c) => c.nom));
  const index = new Map<string, number>();
  const unknown: string[] = [];
  header.forEach((raw, i) => {
    // « Date d’engagement », « Année de campagne »: the little words do not count.
    const folded = foldHeader(raw)
      .split('_')
      .filter((w) => !FILLER_WORDS.has(w))
      .join('_');
    const name = names.has(folded) ? folded : ALIASES[folded] && names.has(ALIASES[folded]) ? ALIASES[folded] : repeatedName(columns, folded);
    if (name && !index.has(name)) index.set(name, i);
    else if (raw.trim()) unknown.push(raw.trim());
  });
  const missing = columns.filter((c) => c.obligatoire && !index.has(c.nom)).map((c) => c.nom);
  return { index, missing, unknown };
}

/** The name a header of a column repeated per year is indexed under (`Objectif 2024` → `objectif_2024`). */
function repeatedName(columns: readonly ImportColumn[], folded: string): string | null {
  for (const c of columns) {
    const year = c.repetee?.motif.exec(folded)?.[1];
    if (year) return c.nom.replace('AAAA', year);
  }
  return null;
}

/** A financing status as people write it: `Engagé`, `ENGAGE`, `engagée`, `contractualisé`. */
export function parseStatutFinancement(text: string): Parsed<FinancementStatut> {
  const folded = foldHeader(text).replace(/_/g, '');
  const found = FINANCEMENT_STATUTS.find((s) => s === folded || `${s}e` === folded);
  return found ? { ok: true, value: found } : { ok: false, reason: `« ${text} » n’est pas un statut (${STATUT_FINANCEMENT_TEXT}).` };
}

/** A mission status as people write it: `En cours`, `livrée`, `ACCORDEE`. */
export function parseStatutMission(text: string): Parsed<MissionStatut> {
  const folded = foldHeader(text);
  const found = MISSION_STATUTS.find((s) => s === folded || s === `${folded}e`);
  return found ? { ok: true, value: found } : { ok: false, reason: `« ${text} » n’est pas un statut (${STATUT_MISSION_TEXT}).` };
}

export function parseNatureMission(text: string): Parsed<MissionNature> {
  const folded = foldHeader(text);
  const found = MISSION_NATURES.find((n) => n === folded);
  return found ? { ok: true, value: found } : { ok: false, reason: `« ${text} » n’est pas une nature de mission (${MISSION_NATURES.join(', ')}).` };
}

/** A beneficiary: a commune's INSEE code (`1001` → `01001`, `2A004`) or an EPCI's SIREN (`200 067 106`). */
export function parseBeneficiaire(text: string): Parsed<{ type: 'commune' | 'epci'; code: string }> {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (/^\d{9}$/.test(compact)) return { ok: true, value: { type: 'epci', code: compact } };
  const insee = normaliseInseeCode(compact);
  if (/^(\d{5}|2[AB]\d{3})$/.test(insee)) return { ok: true, value: { type: 'commune', code: insee } };
  return { ok: false, reason: `« ${text} » n’est ni un code INSEE de commune (5 caractères) ni un SIREN d’EPCI (9 chiffres).` };
}

/** One data line of a file: its number in the file (header = 1) and its cells, in the header's order. */
export interface ImportRow {
  ligne: number;
  cells: readonly string[];
}

/** A line whose cells are all empty (spreadsheets export `;;;;`): ignored. */
export function isBlankRow(row: ImportRow): boolean {
  return row.cells.every((c) => c.trim() === '');
}

/** What a financing line's check needs to know of the catalogue and the référentiel. */
export interface FinancementImportLookup {
  /** A dispositif by its code: its id, whether the importer's organisation owns it, what it counts, and its name and nature (for the amount's plausible range). */
  dispositif(code: string): { id: string; code: string; nom: string; nature: FinancementNature; mine: boolean; compteLogements: boolean; compteDossiers: boolean } | undefined;
  communeExists(insee: string): boolean;
  epciExists(siren: string): boolean;
}

/** A checked financing line, in the stored shape (amount in cents, ISO days). */
export interface FinancementImportRecord {
  referenceExterne: string;
  dispositifId: string;
  beneficiaireType: 'commune' | 'epci';
  beneficiaireCode: string;
  projet: string;
  montant: number;
  statut: FinancementStatut;
  dateDemande: string | null;
  dateEngagement: string | null;
  dateContractualisation: string | null;
  dateVersement: string | null;
  anneeCampagne: number | null;
  source: string | null;
  dateSource: string | null;
  logements: number | null;
  dossiers: number | null;
}

/** Record field → column of the file. */
export const FINANCEMENT_FIELD_COLUMNS: Record<Exclude<keyof FinancementImportRecord, 'dispositifId'>, string> = {
  referenceExterne: 'reference',
  beneficiaireCode: 'beneficiaire',
  beneficiaireType: 'beneficiaire',
  projet: 'projet',
  montant: 'montant',
  statut: 'statut',
  dateDemande: 'date_demande',
  dateEngagement: 'date_engagement',
  dateContractualisation: 'date_contractualisation',
  dateVersement: 'date_versement',
  anneeCampagne: 'annee_campagne',
  source: 'source',
  dateSource: 'date_source',
  logements: 'logements',
  dossiers: 'dossiers',
};

export type LineOutcome<T> = { ok: true; ligne: number; record: T; colonnes: ReadonlySet<string> } | { ok: false; ligne: number; rejets: ImportRejet[] };

/** Reads the cells of a line by column name, collecting the rejections. */
class LineReader {
  readonly rejets: ImportRejet[] = [];
  constructor(
    readonly row: ImportRow,
    private readonly match: HeaderMatch,
  ) {}
  text(column: string): string {
    const i = this.match.index.get(column);
    return i === undefined ? '' : (this.row.cells[i] ?? '').trim();
  }
  reject(colonne: string | null, motif: string): void {
    this.rejets.push({ ligne: this.row.ligne, colonne, motif });
  }
  required(column: string): string | null {
    const t = this.text(column);
    if (!t) this.reject(column, 'Valeur obligatoire manquante.');
    return t || null;
  }
  optionalText(column: string, max = 1000): string | null {
    const t = this.text(column);
    if (t.length > max) this.reject(column, `Texte trop long (${max} caractères au plus).`);
    return t || null;
  }
  parsed<T>(column: string, parse: (text: string) => Parsed<T>, required = false): T | null {
    const t = required ? this.required(column) : this.text(column) || null;
    if (t === null) return null;
    const r = parse(t);
    if (!r.ok) {
      this.reject(column, r.reason);
      return null;
    }
    return r.value;
  }
}

/** Checks one line of a financing-lines file. */
export function checkFinancementRow(row: ImportRow, match: HeaderMatch, lookup: FinancementImportLookup): LineOutcome<FinancementImportRecord> {
  const r = new LineReader(row, match);
  const reference = r.required('reference');
  if (reference && reference.length > 100) r.reject('reference', 'Référence trop longue (100 caractères au plus).');
  const code = r.required('dispositif');
  let dispositif: ReturnType<FinancementImportLookup['dispositif']>;
  if (code) {
    dispositif = lookup.dispositif(code.toLowerCase());
    if (!dispositif) r.reject('dispositif', `Dispositif « ${code} » inconnu.`);
    else if (!dispositif.mine) r.reject('dispositif', `Dispositif « ${code} » d’un autre financeur : vous n’importez que les dispositifs de votre organisation.`);
  }
  const beneficiaire = r.parsed('beneficiaire', parseBeneficiaire, true);
  if (beneficiaire?.type === 'commune' && !lookup.communeExists(beneficiaire.code)) r.reject('beneficiaire', `Commune ${beneficiaire.code} inconnue du référentiel.`);
  if (beneficiaire?.type === 'epci' && !lookup.epciExists(beneficiaire.code)) r.reject('beneficiaire', `EPCI ${beneficiaire.code} inconnu du référentiel.`);
  const projet = r.required('projet');
  const montant = r.parsed('montant', parseEurosToCents, true);
  const statut = r.parsed('statut', parseStatutFinancement, true);
  const dates = {
    dateDemande: r.parsed('date_demande', parseFrenchDate),
    dateEngagement: r.parsed('date_engagement', parseFrenchDate),
    dateContractualisation: r.parsed('date_contractualisation', parseFrenchDate),
    dateVersement: r.parsed('date_versement', parseFrenchDate),
  };
  const anneeCampagne = r.parsed('annee_campagne', parseInteger);
  const source = r.optionalText('source');
  const dateSource = r.parsed('date_source', parseFrenchDate);
  const logements = r.parsed('logements', parseInteger);
  const dossiers = r.parsed('dossiers', parseInteger);

  if (r.rejets.length === 0 && dispositif && montant !== null && statut) {
    const errors = ligneFinancementErrors({ montant, statut, ...dates, anneeCampagne, logements, dossiers }, dispositif);
    for (const [field, messages] of Object.entries(errors)) {
      const column = FINANCEMENT_FIELD_COLUMNS[field as keyof typeof FINANCEMENT_FIELD_COLUMNS] ?? field;
      for (const m of messages) r.reject(column, m);
    }
    // An amount the form refuses is refused here too (a file gives no reason: unusual amounts, which a form confirms, pass).
    for (const c of ligneFinancementConstats({ montant }, dispositif)) if (c.level === 'refus') r.reject('montant', c.message);
  }
  if (r.rejets.length > 0 || !reference || !dispositif || !beneficiaire || !projet || montant === null || !statut) return { ok: false, ligne: row.ligne, rejets: r.rejets };
  return {
    ok: true,
    ligne: row.ligne,
    colonnes: new Set(match.index.keys()),
    record: {
      referenceExterne: reference,
      dispositifId: dispositif.id,
      beneficiaireType: beneficiaire.type,
      beneficiaireCode: beneficiaire.code,
      projet,
      montant,
      statut,
      ...dates,
      anneeCampagne,
      source,
      dateSource,
      logements,
      dossiers,
    },
  };
}

/** What a mission line's check needs: the PVD of a commune. */
export interface MissionImportLookup {
  pvdOfCommune(insee: string): string | undefined;
  /** Today in France, as an ISO day (an engagement is not dated in the future). */
  aujourdhui: string;
}

export interface MissionImportRecord {
  referenceExterne: string;
  pvdId: string;
  nature: MissionNature;
  intitule: string;
  prestataire: string | null;
  montantEngage: number | null;
  montantVerse: number | null;
  dateDemande: string | null;
  dateDebut: string | null;
  dateFin: string | null;
  statut: MissionStatut;
  dateEngagement: string | null;
  /** Blank in the file: the import fills in the partner and the file, and the import's day. */
  source: string | null;
  dateSource: string | null;
}

export const MISSION_FIELD_COLUMNS: Record<keyof MissionImportRecord, string> = {
  referenceExterne: 'reference',
  pvdId: 'commune',
  nature: 'nature',
  intitule: 'intitule',
  prestataire: 'prestataire',
  montantEngage: 'montant_engage',
  montantVerse: 'montant_verse',
  dateDemande: 'date_demande',
  dateDebut: 'date_debut',
  dateFin: 'date_fin',
  statut: 'statut',
  dateEngagement: 'date_engagement',
  source: 'source',
  dateSource: 'date_source',
};

/** Checks one line of a missions file. */
export function checkMissionRow(row: ImportRow, match: HeaderMatch, lookup: MissionImportLookup): LineOutcome<MissionImportRecord> {
  const r = new LineReader(row, match);
  const reference = r.required('reference');
  if (reference && reference.length > 100) r.reject('reference', 'Référence trop longue (100 caractères au plus).');
  const commune = r.required('commune');
  let pvdId: string | undefined;
  if (commune) {
    const insee = normaliseInseeCode(commune);
    pvdId = lookup.pvdOfCommune(insee);
    if (!pvdId) r.reject('commune', `La commune ${insee} n’est pas une Petite ville de demain connue.`);
  }
  const nature = r.parsed('nature', parseNatureMission, true);
  const intitule = r.required('intitule');
  if (intitule && intitule.length > 300) r.reject('intitule', 'Intitulé trop long (300 caractères au plus).');
  const prestataire = r.optionalText('prestataire', 300);
  const montantEngage = r.parsed('montant_engage', parseEurosToCents);
  const montantVerse = r.parsed('montant_verse', parseEurosToCents);
  const dateDemande = r.parsed('date_demande', parseFrenchDate);
  const dateDebut = r.parsed('date_debut', parseFrenchDate);
  const dateFin = r.parsed('date_fin', parseFrenchDate);
  const statut = r.parsed('statut', parseStatutMission, true);
  const dateEngagement = r.parsed('date_engagement', parseFrenchDate);
  const source = r.optionalText('source');
  const dateSource = r.parsed('date_source', parseFrenchDate);
  if (r.rejets.length === 0 && statut) {
    const errors = missionErrors({ montantEngage, montantVerse, dateDemande, dateDebut, dateFin, dateEngagement, statut }, lookup.aujourdhui);
    for (const [field, messages] of Object.entries(errors)) {
      for (const m of messages) r.reject(MISSION_FIELD_COLUMNS[field as keyof MissionImportRecord] ?? field, m);
    }
  }
  if (r.rejets.length > 0 || !reference || !pvdId || !nature || !intitule || !statut) return { ok: false, ligne: row.ligne, rejets: r.rejets };
  return {
    ok: true,
    ligne: row.ligne,
    colonnes: new Set(match.index.keys()),
    record: { referenceExterne: reference, pvdId, nature, intitule, prestataire, montantEngage, montantVerse, dateDemande, dateDebut, dateFin, statut, dateEngagement, source, dateSource },
  };
}

/** An habitat operation type as people write it: `OPAH-RU`, `opah ru`, `Plan de sauvegarde`, `RHI / THIRORI`. */
export function parseTypeOperation(text: string): Parsed<HabitatOperationType> {
  const compact = foldHeader(text).replace(/_/g, '');
  const found = HABITAT_OPERATION_TYPES.find(
    (t) => t.replace(/_/g, '') === compact || foldHeader(HABITAT_OPERATION_TYPE_LABELS[t]).replace(/_/g, '') === compact || (t === 'plan_sauvegarde' && compact === 'plandesauvegarde'),
  );
  return found ? { ok: true, value: found } : { ok: false, reason: `« ${text} » n’est pas un type d’opération (${TYPE_OPERATION_TEXT}).` };
}

const PHASE_ALIASES: Record<string, HabitatOperationPhase> = {
  etude: 'etude_pre_operationnelle',
  etudepreop: 'etude_pre_operationnelle',
  preoperationnelle: 'etude_pre_operationnelle',
  convention: 'convention_signee',
  conventionnee: 'convention_signee',
  suivianimation: 'operationnelle',
  enanimation: 'operationnelle',
  encours: 'operationnelle',
  clos: 'close',
  cloturee: 'close',
  terminee: 'close',
};

/** A phase as people write it: `Étude pré-opérationnelle`, `convention signée`, `OPERATIONNELLE`, `clôturée`. */
export function parseHabitatPhase(text: string): Parsed<HabitatOperationPhase> {
  const compact = foldHeader(text).replace(/_/g, '');
  const found =
    HABITAT_OPERATION_PHASES.find((p) => p.replace(/_/g, '') === compact || foldHeader(HABITAT_OPERATION_PHASE_LABELS[p]).replace(/_/g, '') === compact) ?? PHASE_ALIASES[compact];
  return found ? { ok: true, value: found } : { ok: false, reason: `« ${text} » n’est pas une phase (${PHASE_OPERATION_TEXT}).` };
}

/** The communes of a cell: INSEE codes separated by `,`, `;` or spaces (`1001` → `01001`), in the order written. */
export function parseCommunes(text: string): Parsed<string[]> {
  const codes = text
    .split(/[,;\s\u00a0\u202f]+/)
    .filter(Boolean)
    .map(normaliseInseeCode);
  const bad = codes.filter((c) => !/^(\d{5}|2[AB]\d{3})$/.test(c));
  if (bad.length > 0) return { ok: false, reason: `${bad.map((b) => `« ${b} »`).join(', ')} : pas un code INSEE de commune (5 caractères ; séparez les codes par des virgules).` };
  return { ok: true, value: codes };
}

/** What an habitat operation line's check needs of the référentiel. */
export interface OperationImportLookup {
  communeExists(insee: string): boolean;
  /** A former commune (merged, delegated): its name and the current commune it belongs to. */
  communeAncienne(insee: string): { nom: string; communeActuelle: string | null } | undefined;
  epciExists(siren: string): boolean;
  /** The EPCI a current commune belongs to (null: none), to judge the maître d'ouvrage against the covered communes. */
  epciOf(insee: string): string | null;
  /** A current commune's population (null: unknown), to judge the commitments' plausible range. */
  population(insee: string): number | null;
}

/** A checked habitat operation, in the stored shape (amounts in cents, communes sorted, years sorted). */
export interface OperationImportRecord {
  referenceExterne: string;
  type: HabitatOperationType;
  libelle: string;
  maitreOuvrageType: 'commune' | 'epci';
  maitreOuvrageCode: string;
  operateur: string | null;
  phase: HabitatOperationPhase;
  dateDebut: string | null;
  dateFin: string | null;
  communes: string[];
  engagementAnah: number | null;
  engagementCollectivite: number | null;
  objectifs: HabitatObjectifAnnuel[];
  /** Blank in the file: the import fills in the partner and the file, and the import's day. */
  source: string | null;
  dateSource: string | null;
}

/** The record's single-valued fields → column of the file (communes and yearly objectives are compared apart). */
export const OPERATION_FIELD_COLUMNS: Record<Exclude<keyof OperationImportRecord, 'communes' | 'objectifs'>, string> = {
  referenceExterne: 'reference',
  type: 'type',
  libelle: 'libelle',
  maitreOuvrageCode: 'maitre_ouvrage',
  maitreOuvrageType: 'maitre_ouvrage',
  operateur: 'operateur',
  phase: 'phase',
  dateDebut: 'date_debut',
  dateFin: 'date_fin',
  engagementAnah: 'engagement_anah',
  engagementCollectivite: 'engagement_collectivite',
  source: 'source',
  dateSource: 'date_source',
};

const OPERATION_ERROR_COLUMNS: Record<string, string> = { ...OPERATION_FIELD_COLUMNS, communes: 'communes' };

function communeProblem(insee: string, lookup: OperationImportLookup): string | null {
  if (lookup.communeExists(insee)) return null;
  const ancienne = lookup.communeAncienne(insee);
  if (ancienne) return `Commune ${insee} (${ancienne.nom}) obsolète${ancienne.communeActuelle ? ` : elle fait désormais partie de la commune ${ancienne.communeActuelle}` : ''}.`;
  return `Commune ${insee} inconnue du référentiel.`;
}

/** Checks one line of an habitat operations file. */
export function checkOperationRow(row: ImportRow, match: HeaderMatch, lookup: OperationImportLookup): LineOutcome<OperationImportRecord> {
  const r = new LineReader(row, match);
  const reference = r.required('reference');
  if (reference && reference.length > 100) r.reject('reference', 'Référence trop longue (100 caractères au plus).');
  const type = r.parsed('type', parseTypeOperation, true);
  const libelle = r.required('libelle');
  if (libelle && libelle.length > 300) r.reject('libelle', 'Libellé trop long (300 caractères au plus).');
  const maitreOuvrage = r.parsed('maitre_ouvrage', parseBeneficiaire, true);
  if (maitreOuvrage?.type === 'commune') {
    const problem = communeProblem(maitreOuvrage.code, lookup);
    if (problem) r.reject('maitre_ouvrage', problem);
  }
  if (maitreOuvrage?.type === 'epci' && !lookup.epciExists(maitreOuvrage.code)) r.reject('maitre_ouvrage', `EPCI ${maitreOuvrage.code} inconnu du référentiel.`);
  const operateur = r.optionalText('operateur', 300);
  const phase = r.parsed('phase', parseHabitatPhase, true);
  const dateDebut = r.parsed('date_debut', parseFrenchDate);
  const dateFin = r.parsed('date_fin', parseFrenchDate);
  const communes = r.parsed('communes', parseCommunes, true);
  for (const insee of communes ?? []) {
    const problem = communeProblem(insee, lookup);
    if (problem) r.reject('communes', problem);
  }
  const engagementAnah = r.parsed('engagement_anah', parseEurosToCents);
  const engagementCollectivite = r.parsed('engagement_collectivite', parseEurosToCents);
  const source = r.optionalText('source');
  const dateSource = r.parsed('date_source', parseFrenchDate);
  const years = new Map<number, HabitatObjectifAnnuel>();
  for (const column of match.index.keys()) {
    const found = /^(objectif|traites)_(\d{4})$/.exec(column);
    if (!found) continue;
    const annee = Number(found[2]);
    const year = years.get(annee) ?? { annee, objectif: null, traites: null };
    year[found[1] as 'objectif' | 'traites'] = r.parsed(column, parseInteger);
    years.set(annee, year);
  }
  const objectifs = [...years.values()].sort((a, b) => a.annee - b.annee);

  if (r.rejets.length === 0 && phase && communes) {
    const errors = habitatOperationErrors({ phase, dateDebut, dateFin, communes, objectifs, engagementAnah, engagementCollectivite });
    for (const [field, messages] of Object.entries(errors)) {
      const objectif = /^objectifs\.(\d+)\.(objectif|traites)$/.exec(field);
      const column = objectif ? `${objectif[2]}_${objectifs[Number(objectif[1])].annee}` : (OPERATION_ERROR_COLUMNS[field] ?? field);
      for (const m of messages) r.reject(column, m);
    }
  }
  if (r.rejets.length === 0 && type && communes) {
    // Commitments the form refuses are refused here too, for the population covered (unusual ones, which a form confirms with a reason, pass).
    const populations = communes.map((insee) => lookup.population(insee)).filter((p): p is number => p !== null);
    const population = populations.length > 0 ? populations.reduce((sum, p) => sum + p, 0) : null;
    for (const c of operationHabitatConstats({ type, engagementAnah, engagementCollectivite, objectifs, population })) {
      if (c.level === 'refus') r.reject(OPERATION_ERROR_COLUMNS[c.field] ?? c.field, c.message);
    }
  }
  if (maitreOuvrage && communes && !r.rejets.some((x) => x.colonne === 'maitre_ouvrage' || x.colonne === 'communes')) {
    // The same rule as the API's create and update: one of the covered communes, or an EPCI one of them belongs to.
    const covered = communes.map((insee) => ({ insee, epciSiren: lookup.epciOf(insee), departementCode: '', regionCode: '' }));
    const place = { kind: maitreOuvrage.type, code: maitreOuvrage.code, territory: { communes: [], epciSirens: [], departementCodes: [], regionCodes: [] } };
    const incoherent = namedPlaceIncoherence('maitreOuvrage', { communes: covered }, place);
    if (incoherent) r.reject('maitre_ouvrage', incoherent);
  }
  if (r.rejets.length > 0 || !reference || !type || !libelle || !maitreOuvrage || !phase || !communes) return { ok: false, ligne: row.ligne, rejets: r.rejets };
  return {
    ok: true,
    ligne: row.ligne,
    colonnes: new Set(match.index.keys()),
    record: {
      referenceExterne: reference,
      type,
      libelle,
      maitreOuvrageType: maitreOuvrage.type,
      maitreOuvrageCode: maitreOuvrage.code,
      operateur,
      phase,
      dateDebut,
      dateFin,
      communes: [...communes].sort(),
      engagementAnah,
      engagementCollectivite,
      objectifs: objectifs.filter((y) => y.objectif !== null || y.traites !== null),
      source,
      dateSource,
    },
  };
}

/** The value of a yearly column (`objectif_2024`) in a record's objectives. */
function objectifValue(objectifs: readonly HabitatObjectifAnnuel[], column: string): number | null {
  const [k, annee] = column.split('_') as ['objectif' | 'traites', string];
  return objectifs.find((y) => y.annee === Number(annee))?.[k] ?? null;
}

const yearlyColumns = (columns: ReadonlySet<string>) => [...columns].filter((c) => /^(objectif|traites)_\d{4}$/.test(c)).sort();

/**
 * The changed fields of an operation, for the columns the file has: single fields, then the
 * covered communes (as a list `23001, 23002`), then each yearly column.
 */
export function diffOperation(current: OperationImportRecord, next: OperationImportRecord, columns: ReadonlySet<string>): ImportChamp[] {
  const champs = diffRecord(current, next, OPERATION_FIELD_COLUMNS, columns);
  if (columns.has('communes')) {
    const [before, after] = [current.communes.join(', '), next.communes.join(', ')];
    if (before !== after) champs.push({ champ: 'communes', avant: before || null, apres: after || null });
  }
  for (const column of yearlyColumns(columns)) {
    const [before, after] = [objectifValue(current.objectifs, column), objectifValue(next.objectifs, column)];
    if (before !== after) champs.push({ champ: column, avant: before, apres: after });
  }
  return champs;
}

/** `next` over `current` for the columns the file has; the years the file does not name keep their values; a year left empty is dropped. */
export function mergeOperation(current: OperationImportRecord, next: OperationImportRecord, columns: ReadonlySet<string>): OperationImportRecord {
  const merged = mergeRecord(current, next, OPERATION_FIELD_COLUMNS, columns);
  if (columns.has('communes')) merged.communes = [...next.communes];
  const years = new Map(current.objectifs.map((y) => [y.annee, { ...y }]));
  for (const column of yearlyColumns(columns)) {
    const [k, annee] = column.split('_') as ['objectif' | 'traites', string];
    const year = years.get(Number(annee)) ?? { annee: Number(annee), objectif: null, traites: null };
    year[k] = objectifValue(next.objectifs, column);
    years.set(year.annee, year);
  }
  merged.objectifs = [...years.values()].filter((y) => y.objectif !== null || y.traites !== null).sort((a, b) => a.annee - b.annee);
  return merged;
}

/**
 * Rejects the later lines that repeat a key (reference, with the dispositif for financing lines)
 * of an earlier accepted line: the file must say once what each reference is.
 */
export function rejectDuplicates<T>(outcomes: LineOutcome<T>[], keyOf: (record: T) => string, referenceOf: (record: T) => string): LineOutcome<T>[] {
  const first = new Map<string, number>();
  return outcomes.map((o) => {
    if (!o.ok) return o;
    const key = keyOf(o.record);
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, o.ligne);
      return o;
    }
    return { ok: false, ligne: o.ligne, rejets: [{ ligne: o.ligne, colonne: 'reference', motif: `Référence « ${referenceOf(o.record)} » en double : déjà ligne ${seen}.` }] };
  });
}

/**
 * The fields of `next` that differ from `current`, named by their column; only the columns the
 * file has are compared (a file without `source` leaves the stored source as it is).
 */
export function diffRecord<T extends object>(current: T, next: T, fieldColumns: Partial<Record<keyof T, string>>, columns: ReadonlySet<string>): ImportChamp[] {
  const champs: ImportChamp[] = [];
  for (const [field, column] of Object.entries(fieldColumns) as [keyof T & string, string][]) {
    if (!columns.has(column) || champs.some((c) => c.champ === column)) continue;
    const before = (current[field] ?? null) as string | number | null;
    const after = (next[field] ?? null) as string | number | null;
    if (before !== after) champs.push({ champ: column, avant: before, apres: after });
  }
  return champs;
}

/** `next` over `current`, for the columns the file has. */
export function mergeRecord<T extends object>(current: T, next: T, fieldColumns: Partial<Record<keyof T, string>>, columns: ReadonlySet<string>): T {
  const merged = { ...current };
  for (const [field, column] of Object.entries(fieldColumns) as [keyof T, string][]) {
    if (columns.has(column)) merged[field] = next[field];
  }
  return merged;
}
