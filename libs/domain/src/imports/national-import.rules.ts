import type { Membership } from '../access/permissions';
import { cleanAttributValues, participationErrors } from '../demarches/demarches-catalogue.rules';
import { attributValuesErrors, type AttributDefinition } from '../demarches/demarches.rules';
import { COFINANCEUR_LABELS, COFINANCEURS, subventionInputErrors, type Cofinanceur } from '../ingenierie/subsidy.rules';
import { normaliseInseeCode } from '../referentiel/insee.rules';
import type { CoveredCommune } from '../territoire/coverage.rules';
import { namedPlaceCheck, type NamedPlace, type NamingRecord } from '../territoire/named-place.rules';
import { ORT_STATUT_LABELS, ORT_STATUTS, ortErrors, type OrtStatut } from '../territoire/ort.rules';
import { parseEurosToCents, parseFrenchDate, parseInteger, type Parsed } from './french-format.rules';
import { foldHeader, parseCommunes, type HeaderMatch, type ImportChamp, type ImportColumn, type ImportRejet, type ImportRow, type LineOutcome } from './partner-import.rules';

/**
 * The ANCT's national bulk loading: the programme's state as it stands elsewhere (ORT list,
 * thematic schemes' participations, historical conventions), loaded from files with the partner
 * imports' machinery (columns, tolerant headers, French formats, a report line by line). Each line
 * is checked here, then compared with what is stored (`classify*`): created, updated, unchanged, or
 * rejected when the stored state forbids it.
 */
export const NATIONAL_IMPORT_TYPES = ['orts', 'participations', 'conventions', 'postes'] as const;
export type NationalImportType = (typeof NATIONAL_IMPORT_TYPES)[number];
export const NATIONAL_IMPORT_TYPE_LABELS: Record<NationalImportType, string> = {
  orts: 'Opérations de revitalisation de territoire (ORT)',
  participations: 'Participations à un dispositif thématique',
  conventions: 'Conventions d’adhésion et conventions-cadres signées',
  postes: 'Postes de chef de projet et leurs cofinanceurs',
};

export function isNationalImportType(value: unknown): value is NationalImportType {
  return typeof value === 'string' && (NATIONAL_IMPORT_TYPES as readonly string[]).includes(value);
}

/** `apercu`: read and checked, waiting for the ANCT's confirmation; then queued, running, done or failed. */
export const NATIONAL_IMPORT_STATUTS = ['apercu', 'en_attente', 'en_cours', 'termine', 'echoue'] as const;
export type NationalImportStatut = (typeof NATIONAL_IMPORT_STATUTS)[number];
export const NATIONAL_IMPORT_STATUT_LABELS: Record<NationalImportStatut, string> = {
  apercu: 'Aperçu à confirmer',
  en_attente: 'En attente',
  en_cours: 'En cours',
  termine: 'Terminé',
  echoue: 'Échoué',
};

const DATE_TEXT = 'Date JJ/MM/AAAA (ou AAAA-MM-JJ).';
const SOURCE_COLUMNS: readonly ImportColumn[] = [
  { nom: 'source', obligatoire: false, description: 'D’où viennent les données (fichier, outil, service).', exemple: 'Liste ANCT des ORT' },
  { nom: 'date_source', obligatoire: false, description: `Date à laquelle les données étaient vraies. ${DATE_TEXT}`, exemple: '31/12/2024' },
];

export const ORT_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { nom: 'reference', obligatoire: true, description: 'Votre référence de l’ORT (unique) : réimporter la même référence met l’ORT à jour.', exemple: 'ORT-23-001' },
  { nom: 'libelle', obligatoire: true, description: 'Intitulé de l’ORT.', exemple: 'ORT de la communauté de communes' },
  {
    nom: 'communes',
    obligatoire: true,
    description: 'Codes INSEE des communes couvertes, séparés par des virgules (dans un CSV à point-virgule) ou des espaces.',
    exemple: '23001, 23002',
  },
  { nom: 'epci_signataire', obligatoire: false, description: 'SIREN de l’EPCI signataire (9 chiffres) : toutes les communes de l’ORT en sont membres.', exemple: '200067106' },
  { nom: 'statut', obligatoire: true, description: `Statut : ${ORT_STATUTS.map((s) => ORT_STATUT_LABELS[s].toLowerCase()).join(', ')}.`, exemple: 'signée' },
  { nom: 'date_signature', obligatoire: false, description: `${DATE_TEXT} Obligatoire pour une ORT signée ou échue.`, exemple: '15/06/2022' },
  { nom: 'duree_annees', obligatoire: false, description: 'Durée en années (1 à 30).', exemple: '5' },
  {
    nom: 'convention_cadre',
    obligatoire: false,
    description: 'Identifiant de la PVD (id_pvd) ou code INSEE d’une de ses communes, dont la convention-cadre valant ORT est liée à l’ORT.',
    exemple: '',
  },
  ...SOURCE_COLUMNS,
];

export const CONVENTION_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { nom: 'pvd', obligatoire: true, description: 'Identifiant de la PVD (id_pvd) ou code INSEE de l’une de ses communes.', exemple: '23001' },
  { nom: 'type', obligatoire: true, description: 'Convention d’adhésion ou convention-cadre : adhésion ou cadre.', exemple: 'cadre' },
  { nom: 'date_signature', obligatoire: true, description: DATE_TEXT, exemple: '30/06/2022' },
  { nom: 'vaut_ort', obligatoire: false, description: 'Pour une convention-cadre : vaut ORT (oui ou non).', exemple: 'oui' },
];

/** The columns of a scheme's participations file: the fixed ones, then one per attribute of the scheme (header: its key). */
export function participationImportColumns(attributs: readonly AttributDefinition[]): ImportColumn[] {
  return [
    { nom: 'reference', obligatoire: true, description: 'Votre référence de la participation (par exemple l’identifiant de la structure) : réimporter la même référence pour la même commune la met à jour.', exemple: 'FS-23001-1' },
    { nom: 'commune', obligatoire: true, description: 'Code INSEE de la commune (une commune d’une petite ville de demain).', exemple: '23001' },
    { nom: 'date_debut', obligatoire: false, description: DATE_TEXT, exemple: '01/01/2020' },
    { nom: 'date_fin', obligatoire: false, description: DATE_TEXT, exemple: '' },
    ...attributs.map((a): ImportColumn => ({ nom: a.cle, obligatoire: false, description: `${a.libelle}${a.obligatoire ? ' (obligatoire)' : ''} : ${attributText(a)}`, exemple: attributExample(a) })),
    ...SOURCE_COLUMNS,
  ];
}

function attributText(a: AttributDefinition): string {
  switch (a.type) {
    case 'texte':
      return 'texte (500 caractères au plus).';
    case 'nombre':
      return 'nombre (1 234,5).';
    case 'date':
      return DATE_TEXT;
    case 'booleen':
      return 'oui ou non.';
    case 'choix':
      return `l’un de : ${(a.choix ?? []).join(', ')}.`;
  }
}

function attributExample(a: AttributDefinition): string {
  switch (a.type) {
    case 'texte':
      return '';
    case 'nombre':
      return '1,5';
    case 'date':
      return '01/01/2020';
    case 'booleen':
      return 'oui';
    case 'choix':
      return a.choix?.[0] ?? '';
  }
}

/** Reads the cells of a line by column name, collecting the rejections. */
class LineReader {
  readonly rejets: ImportRejet[] = [];
  readonly avertissements: ImportRejet[] = [];
  constructor(
    readonly row: ImportRow,
    private readonly match: HeaderMatch,
  ) {}
  has(column: string): boolean {
    return this.match.index.has(column);
  }
  text(column: string): string {
    const i = this.match.index.get(column);
    return i === undefined ? '' : (this.row.cells[i] ?? '').trim();
  }
  reject(colonne: string | null, motif: string): void {
    this.rejets.push({ ligne: this.row.ligne, colonne, motif });
  }
  warn(colonne: string | null, motif: string): void {
    this.avertissements.push({ ligne: this.row.ligne, colonne, motif });
  }
  /** An accepted line, with its warnings. */
  accept<T>(record: T): NationalLineOutcome<T> {
    return { ok: true, ligne: this.row.ligne, colonnes: new Set(this.match.index.keys()), record, avertissements: this.avertissements };
  }
  refuse<T>(): NationalLineOutcome<T> {
    return { ok: false, ligne: this.row.ligne, rejets: this.rejets };
  }
  required(column: string, max = 1000): string | null {
    const t = this.text(column);
    if (!t) this.reject(column, 'Valeur obligatoire manquante.');
    else if (t.length > max) this.reject(column, `Texte trop long (${max} caractères au plus).`);
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

/** A line's outcome, with the warnings of an accepted line (a former commune code read as its successor). */
export type NationalLineOutcome<T> = LineOutcome<T> & { avertissements?: ImportRejet[] };

/** A former commune (merged into another): its code, name and successor today, null when it has none. */
export interface FormerCommune {
  insee: string;
  nom: string;
  successeur: { insee: string; nom: string } | null;
}

/** The former commune of a code, undefined when the code is not a former one. */
export type FormerCodeLookup = (insee: string) => FormerCommune | undefined;

const INSEE_TEXT = /^\d{4,5}$|^2[AB]\d{3}$/i;

/**
 * A commune code as the line means it: the code itself when `known`, else the successor of a former
 * code (with a warning, as the PVD list import does); null when neither (the caller rejects it).
 */
function currentCode(r: LineReader, column: string, code: string, known: (insee: string) => boolean, former: FormerCodeLookup | undefined): string | null {
  if (known(code)) return code;
  const ancienne = former?.(code);
  if (!ancienne?.successeur || !known(ancienne.successeur.insee)) return null;
  r.warn(column, `Code INSEE ${code} obsolète : ${ancienne.nom} fait désormais partie de ${ancienne.successeur.nom} (${ancienne.successeur.insee}), prise à sa place.`);
  return ancienne.successeur.insee;
}

/** An ORT status as people write it: `Signée`, `en préparation`, `ECHUE`. */
export function parseStatutOrt(text: string): Parsed<OrtStatut> {
  const folded = foldHeader(text);
  const found = ORT_STATUTS.find((s) => s === folded || foldHeader(ORT_STATUT_LABELS[s]) === folded || `${s}` === `${folded}e`);
  return found ? { ok: true, value: found } : { ok: false, reason: `« ${text} » n’est pas un statut d’ORT (${ORT_STATUTS.map((s) => ORT_STATUT_LABELS[s].toLowerCase()).join(', ')}).` };
}

/** Yes or no: `oui`, `non`, `vrai`, `faux`, `1`, `0`, `x` (yes). */
export function parseOuiNon(text: string): Parsed<boolean> {
  const folded = foldHeader(text);
  if (['oui', 'o', 'vrai', 'true', '1', 'x', 'yes'].includes(folded)) return { ok: true, value: true };
  if (['non', 'n', 'faux', 'false', '0', 'no'].includes(folded)) return { ok: true, value: false };
  return { ok: false, reason: `« ${text} » : indiquez oui ou non.` };
}

/** A decimal number as people write it: `1 234,5`, `1234.5`. */
export function parseNombre(text: string): Parsed<number> {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(cleaned)) return { ok: false, reason: `« ${text} » n’est pas un nombre (exemple : 1 234,5).` };
  return { ok: true, value: Number(cleaned.replace(',', '.')) };
}

/** A SIREN of 9 digits (spaces allowed). */
export function parseSiren(text: string): Parsed<string> {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d{9}$/.test(compact) ? { ok: true, value: compact } : { ok: false, reason: `« ${text} » n’est pas un SIREN d’EPCI (9 chiffres).` };
}

export function parseTypeConvention(text: string): Parsed<'adhesion' | 'cadre'> {
  const folded = foldHeader(text);
  if (['adhesion', 'convention_adhesion', 'convention_d_adhesion'].includes(folded)) return { ok: true, value: 'adhesion' };
  if (['cadre', 'convention_cadre', 'crte_cadre'].includes(folded)) return { ok: true, value: 'cadre' };
  return { ok: false, reason: `« ${text} » : indiquez adhésion ou cadre.` };
}

/** A field that changed on re-import, as reported (flat values). */
type Flat = Record<string, string | number | boolean | null>;

/** The columns of `next` that differ from `current`, for the columns the file has. */
function diffFlat(current: Flat, next: Flat, columns: ReadonlySet<string>): ImportChamp[] {
  const champs: ImportChamp[] = [];
  for (const column of Object.keys(next)) {
    if (!columns.has(column)) continue;
    const before = current[column] ?? null;
    const after = next[column] ?? null;
    if (before !== after) champs.push({ champ: column, avant: typeof before === 'boolean' ? (before ? 'oui' : 'non') : before, apres: typeof after === 'boolean' ? (after ? 'oui' : 'non') : after });
  }
  return champs;
}

/** What a line becomes against the stored state. */
export type Classement = { kind: 'creation' } | { kind: 'mise_a_jour'; champs: ImportChamp[] } | { kind: 'inchange' } | { kind: 'rejet'; colonne: string | null; motif: string };

// ---------------------------------------------------------------------------------------------
// ORT

export interface OrtImportLookup {
  /** A current commune as stored (its EPCI, département, région), or undefined. */
  commune(insee: string): (CoveredCommune & { nom: string }) | undefined;
  /** An EPCI as a named place (its member communes in its territory), or undefined. */
  epci(siren: string): NamedPlace | undefined;
  /** The convention-cadre of the PVD named by its id_pvd or one of its communes: its id, whether it is worth ORT, the PVD's communes. */
  conventionCadre(pvd: string): { id: string; vautOrt: boolean; communes: readonly string[] } | 'sans_convention' | undefined;
  /** Who imports, judged as any caller naming a place (`namedPlaceCheck`). */
  memberships: readonly Membership[];
  /** Former commune codes, read as their successor. */
  ancienne?: FormerCodeLookup;
}

export interface OrtImportRecord {
  referenceExterne: string;
  libelle: string;
  /** Sorted. */
  communes: string[];
  epciSiren: string | null;
  statut: OrtStatut;
  dateSignature: string | null;
  dureeAnnees: number | null;
  conventionCadreId: string | null;
  source: string | null;
  dateSource: string | null;
}

const ORT_FIELD_COLUMNS: Record<string, string> = { dateSignature: 'date_signature', dureeAnnees: 'duree_annees', communes: 'communes', statut: 'statut' };

export function checkOrtRow(row: ImportRow, match: HeaderMatch, lookup: OrtImportLookup): NationalLineOutcome<OrtImportRecord> {
  const r = new LineReader(row, match);
  const reference = r.required('reference', 100);
  const libelle = r.required('libelle');
  const written = r.parsed('communes', parseCommunes, true);
  const communes: (CoveredCommune & { nom: string })[] = [];
  let codes: string[] | null = null;
  if (written) {
    const seen = new Set<string>();
    codes = [];
    for (const code of written) {
      const current = currentCode(r, 'communes', code, (insee) => lookup.commune(insee) !== undefined, lookup.ancienne);
      const c = current ? lookup.commune(current) : undefined;
      if (!current || !c) {
        r.reject('communes', `Commune ${code} inconnue du référentiel.`);
        continue;
      }
      if (seen.has(current)) {
        r.reject('communes', current === code ? `Commune ${code} indiquée deux fois.` : `Commune ${current} indiquée deux fois (${code} en est un ancien code).`);
        continue;
      }
      seen.add(current);
      codes.push(current);
      communes.push(c);
    }
  }
  const epciSiren = r.parsed('epci_signataire', parseSiren);
  const statut = r.parsed('statut', parseStatutOrt, true);
  const dateSignature = r.parsed('date_signature', parseFrenchDate);
  const dureeAnnees = r.parsed('duree_annees', parseInteger);
  const cadreText = r.text('convention_cadre');
  let conventionCadreId: string | null = null;
  if (cadreText) {
    const cadre = lookup.conventionCadre(/^\d{4,5}$|^2[AB]\d{3}$/i.test(cadreText) ? normaliseInseeCode(cadreText) : cadreText);
    if (!cadre) r.reject('convention_cadre', `PVD « ${cadreText} » inconnue.`);
    else if (cadre === 'sans_convention') r.reject('convention_cadre', `La PVD « ${cadreText} » n’a pas de convention-cadre : importez-la d’abord.`);
    else if (!cadre.vautOrt) r.reject('convention_cadre', `La convention-cadre de la PVD « ${cadreText} » ne vaut pas ORT.`);
    else if (codes && !codes.some((c) => cadre.communes.includes(c))) r.reject('convention_cadre', `La PVD « ${cadreText} » n’a aucune commune couverte par l’ORT.`);
    else conventionCadreId = cadre.id;
  }
  const source = r.optionalText('source', 200);
  const dateSource = r.parsed('date_source', parseFrenchDate);

  if (r.rejets.length === 0 && statut && codes) {
    const errors = ortErrors({ statut, dateSignature, dureeAnnees, communes: codes });
    for (const [field, messages] of Object.entries(errors)) for (const m of messages) r.reject(ORT_FIELD_COLUMNS[field] ?? field, m);
  }
  if (r.rejets.length === 0 && epciSiren) {
    const place = lookup.epci(epciSiren);
    if (!place) r.reject('epci_signataire', `EPCI ${epciSiren} inconnu du référentiel.`);
    else {
      const check = namedPlaceCheck(lookup.memberships, 'territoire:saisir', 'epciSignataire', { communes }, place, null);
      const motif = check.incoherent ?? check.horsTerritoire;
      if (motif) r.reject('epci_signataire', motif);
    }
  }
  if (r.rejets.length > 0 || !reference || !libelle || !codes || !statut) return r.refuse();
  return r.accept({ referenceExterne: reference, libelle, communes: [...codes].sort(), epciSiren, statut, dateSignature, dureeAnnees, conventionCadreId, source, dateSource });
}

const ortFlat = (o: OrtImportRecord): Flat => ({
  libelle: o.libelle,
  communes: o.communes.join(', '),
  epci_signataire: o.epciSiren,
  statut: o.statut,
  date_signature: o.dateSignature,
  duree_annees: o.dureeAnnees,
  convention_cadre: o.conventionCadreId,
  source: o.source,
  date_source: o.dateSource,
});

/** An ORT line against the stored ORT of its reference (none: created). */
export function classifyOrt(current: OrtImportRecord | null, next: OrtImportRecord, columns: ReadonlySet<string>): Classement {
  if (!current) return { kind: 'creation' };
  const champs = diffFlat(ortFlat(current), ortFlat(next), columns);
  return champs.length === 0 ? { kind: 'inchange' } : { kind: 'mise_a_jour', champs };
}

/** `next` over `current`, for the columns the file has. */
export function mergeOrt(current: OrtImportRecord, next: OrtImportRecord, columns: ReadonlySet<string>): OrtImportRecord {
  const pick = <K extends keyof OrtImportRecord>(key: K, column: string) => (columns.has(column) ? next[key] : current[key]);
  return {
    referenceExterne: current.referenceExterne,
    libelle: next.libelle,
    communes: next.communes,
    statut: next.statut,
    epciSiren: pick('epciSiren', 'epci_signataire'),
    dateSignature: pick('dateSignature', 'date_signature'),
    dureeAnnees: pick('dureeAnnees', 'duree_annees'),
    conventionCadreId: pick('conventionCadreId', 'convention_cadre'),
    source: pick('source', 'source'),
    dateSource: pick('dateSource', 'date_source'),
  };
}

// ---------------------------------------------------------------------------------------------
// Participations

export interface ParticipationImportLookup {
  /** A commune's PVD: undefined when the commune is unknown, null when it is not in the programme. */
  pvdOfCommune(insee: string): string | null | undefined;
  /** Former commune codes, read as their successor. */
  ancienne?: FormerCodeLookup;
}

export interface ParticipationImportRecord {
  referenceExterne: string;
  communeInsee: string;
  pvdId: string;
  dateDebut: string | null;
  dateFin: string | null;
  attributs: Record<string, unknown>;
  source: string | null;
  dateSource: string | null;
}

/** One attribute's cell, read by its type (a `choix` matched whatever the case and accents). */
export function parseAttribut(def: AttributDefinition, text: string): Parsed<unknown> {
  switch (def.type) {
    case 'texte':
      return { ok: true, value: text };
    case 'nombre':
      return parseNombre(text);
    case 'date':
      return parseFrenchDate(text);
    case 'booleen':
      return parseOuiNon(text);
    case 'choix': {
      const found = (def.choix ?? []).find((c) => foldHeader(c) === foldHeader(text));
      return found !== undefined ? { ok: true, value: found } : { ok: false, reason: `« ${text} » : choisissez parmi ${(def.choix ?? []).join(', ')}.` };
    }
  }
}

export function checkParticipationRow(row: ImportRow, match: HeaderMatch, attributs: readonly AttributDefinition[], lookup: ParticipationImportLookup): NationalLineOutcome<ParticipationImportRecord> {
  const r = new LineReader(row, match);
  const reference = r.required('reference', 100);
  const communeText = r.required('commune');
  let communeInsee: string | null = null;
  let pvdId: string | null = null;
  if (communeText) {
    const written = normaliseInseeCode(communeText.replace(/\s/g, ''));
    const code = currentCode(r, 'commune', written, (insee) => lookup.pvdOfCommune(insee) !== undefined, lookup.ancienne) ?? written;
    const pvd = lookup.pvdOfCommune(code);
    if (pvd === undefined) r.reject('commune', `Commune ${communeText} inconnue du référentiel.`);
    else if (pvd === null) r.reject('commune', `La commune ${code} n’est pas une petite ville de demain.`);
    else [communeInsee, pvdId] = [code, pvd];
  }
  const dateDebut = r.parsed('date_debut', parseFrenchDate);
  const dateFin = r.parsed('date_fin', parseFrenchDate);
  const values: Record<string, unknown> = {};
  for (const def of attributs) {
    const value = r.parsed(def.cle, (t) => parseAttribut(def, t));
    if (value !== null) values[def.cle] = value;
  }
  const source = r.optionalText('source', 200);
  const dateSource = r.parsed('date_source', parseFrenchDate);
  const cleaned = cleanAttributValues(values);
  if (r.rejets.length === 0) {
    for (const [field, messages] of Object.entries({ ...participationErrors({ dateDebut, dateFin }), ...attributValuesErrors(attributs, cleaned) })) {
      const column = field === 'dateFin' ? 'date_fin' : field.replace(/^attributs\./, '');
      for (const m of messages) r.reject(column, m);
    }
  }
  if (r.rejets.length > 0 || !reference || !communeInsee || !pvdId) return r.refuse();
  return r.accept({ referenceExterne: reference, communeInsee, pvdId, dateDebut, dateFin, attributs: cleaned, source, dateSource });
}

const participationFlat = (p: ParticipationImportRecord, attributs: readonly AttributDefinition[]): Flat => ({
  date_debut: p.dateDebut,
  date_fin: p.dateFin,
  ...Object.fromEntries(attributs.map((a) => [a.cle, (p.attributs[a.cle] ?? null) as string | number | boolean | null])),
  source: p.source,
  date_source: p.dateSource,
});

export function classifyParticipation(
  current: ParticipationImportRecord | null,
  next: ParticipationImportRecord,
  attributs: readonly AttributDefinition[],
  columns: ReadonlySet<string>,
): Classement {
  if (!current) return { kind: 'creation' };
  const champs = diffFlat(participationFlat(current, attributs), participationFlat(next, attributs), columns);
  return champs.length === 0 ? { kind: 'inchange' } : { kind: 'mise_a_jour', champs };
}

/** `next` over `current`, for the columns the file has (attributes one by one). */
export function mergeParticipation(current: ParticipationImportRecord, next: ParticipationImportRecord, attributs: readonly AttributDefinition[], columns: ReadonlySet<string>): ParticipationImportRecord {
  const values = { ...current.attributs };
  for (const a of attributs) {
    if (!columns.has(a.cle)) continue;
    if (next.attributs[a.cle] === undefined) delete values[a.cle];
    else values[a.cle] = next.attributs[a.cle];
  }
  return {
    ...current,
    dateDebut: columns.has('date_debut') ? next.dateDebut : current.dateDebut,
    dateFin: columns.has('date_fin') ? next.dateFin : current.dateFin,
    attributs: values,
    source: columns.has('source') ? next.source : current.source,
    dateSource: columns.has('date_source') ? next.dateSource : current.dateSource,
  };
}

// ---------------------------------------------------------------------------------------------
// Conventions

export interface ConventionImportLookup {
  /** The PVD named by its id_pvd or by one of its communes' INSEE code. */
  pvd(text: string): { id: string; idPvd: string } | undefined;
  /** Former commune codes, read as their successor. */
  ancienne?: FormerCodeLookup;
}

export interface ConventionImportRecord {
  pvdId: string;
  idPvd: string;
  type: 'adhesion' | 'cadre';
  dateSignature: string;
  /** Null: not said (an adhésion; or a cadre whose file has no `vaut_ort`). */
  vautOrt: boolean | null;
}

/** The key a convention line is matched on: one adhésion and one cadre per PVD. */
export const conventionKey = (c: { pvdId: string; type: string }) => `${c.pvdId}:${c.type}`;

export function checkConventionRow(row: ImportRow, match: HeaderMatch, lookup: ConventionImportLookup): NationalLineOutcome<ConventionImportRecord> {
  const r = new LineReader(row, match);
  const pvdText = r.required('pvd', 40);
  const pvd = pvdText ? pvdOfText(r, pvdText, lookup) : undefined;
  const type = r.parsed('type', parseTypeConvention, true);
  const dateSignature = r.parsed('date_signature', parseFrenchDate, true);
  const vautOrt = r.parsed('vaut_ort', parseOuiNon);
  if (type === 'adhesion' && vautOrt === true) r.reject('vaut_ort', 'Seule une convention-cadre vaut ORT.');
  if (r.rejets.length > 0 || !pvd || !type || !dateSignature) return r.refuse();
  return r.accept({ pvdId: pvd.id, idPvd: pvd.idPvd, type, dateSignature, vautOrt: type === 'cadre' ? vautOrt : null });
}

/** The PVD a `pvd` cell names: its id_pvd, or one of its communes (a former code read as its successor); rejected when unknown. */
function pvdOfText(r: LineReader, text: string, lookup: ConventionImportLookup): { id: string; idPvd: string } | undefined {
  const code = INSEE_TEXT.test(text) ? currentCode(r, 'pvd', normaliseInseeCode(text), (t) => lookup.pvd(t) !== undefined, lookup.ancienne) : text;
  const pvd = code ? lookup.pvd(code) : undefined;
  if (!pvd) r.reject('pvd', `PVD « ${text} » inconnue (ni identifiant de PVD, ni commune d’une PVD).`);
  return pvd;
}

/** A convention as stored, for the comparison. */
export interface StoredConvention {
  etat: string;
  dateSignature: string | null;
  vautOrt: boolean;
}

const TYPE_TEXT = { adhesion: 'convention d’adhésion', cadre: 'convention-cadre' } as const;
const frenchDay = (iso: string) => iso.split('-').reverse().join('/');

/**
 * A historical convention against the PVD's stored one of that type: none, created signed; signed
 * on the same day, unchanged (or its « vaut ORT » updated); signed on another day, or still in the
 * workflow, rejected: the file does not overwrite what the platform recorded.
 */
export function classifyConvention(current: StoredConvention | null, next: ConventionImportRecord): Classement {
  if (!current) return { kind: 'creation' };
  if (current.etat !== 'signee') {
    return { kind: 'rejet', colonne: 'type', motif: `La ${TYPE_TEXT[next.type]} de la PVD ${next.idPvd} est en cours dans la plateforme (non signée) : elle suit son circuit, l’import ne la remplace pas.` };
  }
  if (current.dateSignature !== next.dateSignature) {
    const stored = current.dateSignature ? `signée le ${frenchDay(current.dateSignature)}` : 'signée sans date';
    return { kind: 'rejet', colonne: 'date_signature', motif: `La ${TYPE_TEXT[next.type]} de la PVD ${next.idPvd} est déjà ${stored} dans la plateforme, pas le ${frenchDay(next.dateSignature)}.` };
  }
  if (next.type === 'cadre' && next.vautOrt !== null && next.vautOrt !== current.vautOrt) {
    return { kind: 'mise_a_jour', champs: [{ champ: 'vaut_ort', avant: current.vautOrt ? 'oui' : 'non', apres: next.vautOrt ? 'oui' : 'non' }] };
  }
  return { kind: 'inchange' };
}

/** The columns of an import type (participations: those of the scheme). */
export function nationalImportColumns(type: NationalImportType, attributs: readonly AttributDefinition[] = []): readonly ImportColumn[] {
  switch (type) {
    case 'orts':
      return ORT_IMPORT_COLUMNS;
    case 'conventions':
      return CONVENTION_IMPORT_COLUMNS;
    case 'postes':
      return POSTE_IMPORT_COLUMNS;
    case 'participations':
      return participationImportColumns(attributs);
  }
}

// ---------------------------------------------------------------------------------------------
// Chef de projet posts

const COUT_MOTIF = /^cout(?:_annuel)?_(20\d\d)$/;
const CF_TEXT: Record<Cofinanceur, string> = { etat: 'l’État / ANCT', bdt: 'la Banque des Territoires', anah: 'l’Anah' };

export const POSTE_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { nom: 'reference', obligatoire: true, description: 'Votre référence du poste (unique) : réimporter la même référence met le poste à jour.', exemple: 'CDP-23001' },
  { nom: 'pvd', obligatoire: true, description: 'Identifiant de la PVD (id_pvd) ou code INSEE de l’une de ses communes.', exemple: '23001' },
  { nom: 'intitule', obligatoire: true, description: 'Intitulé du poste.', exemple: 'Chef de projet Petites villes de demain' },
  {
    nom: 'employeur',
    obligatoire: true,
    description: 'Employeur : code INSEE de l’une des communes de la PVD (5 caractères) ou SIREN de son EPCI (9 chiffres).',
    exemple: '23001',
  },
  { nom: 'titulaire', obligatoire: false, description: 'Nom du titulaire du poste (vide : poste vacant).', exemple: 'Camille Martin' },
  { nom: 'titulaire_debut', obligatoire: false, description: `Arrivée du titulaire. ${DATE_TEXT} Obligatoire avec un titulaire.`, exemple: '01/03/2021' },
  { nom: 'titulaire_fin', obligatoire: false, description: `Départ du titulaire (dernier jour). ${DATE_TEXT}`, exemple: '' },
  { nom: 'quotite', obligatoire: false, description: 'Quotité de travail du titulaire, en % d’un temps plein (1 à 100 ; 100 par défaut).', exemple: '100' },
  {
    nom: 'cout_AAAA',
    obligatoire: false,
    description: 'Coût annuel chargé du poste l’année AAAA (salaire et charges, temps plein, année entière), en euros : une colonne par année (cout_2021, cout_2022…).',
    exemple: '52 000',
    repetee: { motif: COUT_MOTIF, entete: 'cout_2021' },
  },
  ...COFINANCEURS.flatMap((f): ImportColumn[] => [
    { nom: f, obligatoire: false, description: `Cofinancement par ${CF_TEXT[f]} (${COFINANCEUR_LABELS[f]}) : oui ou non.`, exemple: f === 'anah' ? 'non' : 'oui' },
    { nom: `${f}_debut`, obligatoire: false, description: `Début du cofinancement par ${CF_TEXT[f]} (vide : dès le début). ${DATE_TEXT}`, exemple: '' },
    { nom: `${f}_fin`, obligatoire: false, description: `Fin du cofinancement par ${CF_TEXT[f]} (vide : jusqu’à la fin du programme). ${DATE_TEXT}`, exemple: '' },
    ...(f === 'anah'
      ? []
      : [{ nom: `${f}_part`, obligatoire: false, description: `Part de ${CF_TEXT[f]} en % quand l’État / ANCT et la Banque des Territoires cofinancent ensemble (total 100).`, exemple: f === 'etat' ? '50' : '50' }]),
  ]),
  ...SOURCE_COLUMNS,
];

export interface PosteImportLookup {
  /** The PVD named by its id_pvd or by one of its communes' INSEE code. */
  pvd(text: string): { id: string; idPvd: string } | undefined;
  /** A PVD's communes as stored, its own EPCIs and its territory: what its post's employer is judged on. */
  pvdRecord(pvdId: string): NamingRecord | undefined;
  /** A commune or an EPCI as a named place, undefined when unknown. */
  place(kind: 'commune' | 'epci', code: string): NamedPlace | undefined;
  /** Who imports, judged as any caller naming an employer (`namedPlaceCheck`). */
  memberships: readonly Membership[];
  /** Former commune codes, read as their successor. */
  ancienne?: FormerCodeLookup;
}

export interface PosteImportRecord {
  referenceExterne: string;
  pvdId: string;
  idPvd: string;
  intitule: string;
  employeurType: 'commune' | 'epci';
  employeurCode: string;
  /** The holder the file names (the post's only holder once imported); null: vacant. */
  titulaire: { nom: string; debut: string; fin: string | null; quotite: number } | null;
  /** By year; cents. */
  coutsAnnuels: { annee: number; cout: number }[];
  /** In the order État, BdT, Anah. */
  cofinanceurs: { financeur: Cofinanceur; debut: string | null; fin: string | null; part: number | null }[];
  source: string | null;
  dateSource: string | null;
}

/** The employer a cell names: a SIREN (9 digits) is an EPCI, else a commune's INSEE code. */
export function parseEmployeur(text: string): Parsed<{ kind: 'commune' | 'epci'; code: string }> {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (/^\d{9}$/.test(compact)) return { ok: true, value: { kind: 'epci', code: compact } };
  if (INSEE_TEXT.test(compact)) return { ok: true, value: { kind: 'commune', code: normaliseInseeCode(compact) } };
  return { ok: false, reason: `« ${text} » : indiquez le code INSEE d’une commune (5 caractères) ou le SIREN d’un EPCI (9 chiffres).` };
}

/** Where a subsidy rule's field path points in the file. */
function posteColumn(field: string): string {
  const [head, index, leaf] = field.split('.');
  if (head === 'titulaires') return leaf === 'quotite' ? 'quotite' : `titulaire_${leaf ?? 'debut'}`;
  if (head === 'cofinanceurs') return '';
  if (head === 'coutsAnnuels') return 'cout';
  return index ?? head;
}

export function checkPosteRow(row: ImportRow, match: HeaderMatch, lookup: PosteImportLookup): NationalLineOutcome<PosteImportRecord> {
  const r = new LineReader(row, match);
  const reference = r.required('reference', 100);
  const pvdText = r.required('pvd', 40);
  const pvd = pvdText ? pvdOfText(r, pvdText, lookup) : undefined;
  const intitule = r.required('intitule', 500);
  let employeur = r.parsed('employeur', parseEmployeur, true);
  const nom = r.optionalText('titulaire', 200);
  const debut = r.parsed('titulaire_debut', parseFrenchDate);
  const fin = r.parsed('titulaire_fin', parseFrenchDate);
  const quotite = r.parsed('quotite', parseInteger) ?? 100;
  if (nom && !debut && !r.rejets.some((x) => x.colonne === 'titulaire_debut')) r.reject('titulaire_debut', 'Indiquez la date d’arrivée du titulaire.');
  if (!nom && (debut || fin)) r.reject('titulaire', 'Indiquez le nom du titulaire de ces dates (ou laissez les dates vides pour un poste vacant).');
  const coutsAnnuels: { annee: number; cout: number }[] = [];
  for (const column of [...match.index.keys()].filter((c) => /^cout_\d{4}$/.test(c)).sort()) {
    const cout = r.parsed(column, parseEurosToCents);
    if (cout !== null) coutsAnnuels.push({ annee: Number(column.slice(5)), cout });
  }
  const cofinanceurs: PosteImportRecord['cofinanceurs'] = [];
  for (const f of COFINANCEURS) {
    const present = r.parsed(f, parseOuiNon);
    const d = r.parsed(`${f}_debut`, parseFrenchDate);
    const e = r.parsed(`${f}_fin`, parseFrenchDate);
    const part = f === 'anah' ? null : r.parsed(`${f}_part`, parseInteger);
    if (present) cofinanceurs.push({ financeur: f, debut: d, fin: e, part });
    else if (d || e || part !== null) r.reject(f, `Indiquez « oui » pour le cofinancement par ${CF_TEXT[f]} dont vous donnez les dates ou la part.`);
  }
  const source = r.optionalText('source', 200);
  const dateSource = r.parsed('date_source', parseFrenchDate);
  const titulaire = nom && debut ? { nom, debut, fin, quotite } : null;

  if (r.rejets.length === 0) {
    const errors = subventionInputErrors({ titulaires: titulaire ? [titulaire] : [], coutsAnnuels, cofinanceurs, operationHabitat: null, parametres: {} });
    for (const [field, messages] of Object.entries(errors)) {
      const [head, index] = field.split('.');
      const column = head === 'cofinanceurs' ? (field.endsWith('.part') ? `${cofinanceurs[Number(index)]?.financeur}_part` : `${cofinanceurs[Number(index)]?.financeur}_${field.split('.')[2]}`) : head === 'coutsAnnuels' && index ? `cout_${coutsAnnuels[Number(index)]?.annee}` : posteColumn(field);
      for (const m of messages) r.reject(column, m);
    }
  }
  if (r.rejets.length === 0 && pvd && employeur) {
    const record = lookup.pvdRecord(pvd.id);
    if (employeur.kind === 'commune') {
      const code = employeur.code;
      const current = currentCode(r, 'employeur', code, (insee) => lookup.place('commune', insee) !== undefined, lookup.ancienne);
      employeur = current ? { kind: 'commune', code: current } : employeur;
    }
    const place = lookup.place(employeur.kind, employeur.code);
    if (!place || !record) r.reject('employeur', `${employeur.kind === 'epci' ? 'EPCI' : 'Commune'} ${employeur.code} inconnu${employeur.kind === 'epci' ? '' : 'e'} du référentiel.`);
    else {
      const check = namedPlaceCheck(lookup.memberships, 'national:importer', 'employeur', record, place, null);
      const motif = check.incoherent ?? check.horsTerritoire;
      if (motif) r.reject('employeur', motif.replace(/\.$/, ` (PVD ${pvd.idPvd}).`));
    }
  }
  if (r.rejets.length > 0 || !reference || !pvd || !intitule || !employeur) return r.refuse();
  return r.accept({
    referenceExterne: reference,
    pvdId: pvd.id,
    idPvd: pvd.idPvd,
    intitule,
    employeurType: employeur.kind,
    employeurCode: employeur.code,
    titulaire,
    coutsAnnuels,
    cofinanceurs,
    source,
    dateSource,
  });
}

const euros = (cents: number) => cents / 100;

/** A post as the report compares it: one value per column of the file. */
function posteFlat(p: PosteImportRecord, columns: ReadonlySet<string>): Flat {
  const flat: Flat = {
    pvd: p.idPvd,
    intitule: p.intitule,
    employeur: p.employeurCode,
    titulaire: p.titulaire?.nom ?? null,
    titulaire_debut: p.titulaire?.debut ?? null,
    titulaire_fin: p.titulaire?.fin ?? null,
    quotite: p.titulaire ? p.titulaire.quotite : null,
  };
  for (const c of columns) if (/^cout_\d{4}$/.test(c)) flat[c] = ((y) => (y ? euros(y.cout) : null))(p.coutsAnnuels.find((x) => x.annee === Number(c.slice(5))));
  for (const f of COFINANCEURS) {
    const cf = p.cofinanceurs.find((x) => x.financeur === f);
    flat[f] = Boolean(cf);
    flat[`${f}_debut`] = cf?.debut ?? null;
    flat[`${f}_fin`] = cf?.fin ?? null;
    if (f !== 'anah') flat[`${f}_part`] = cf?.part ?? null;
  }
  flat.source = p.source;
  flat.date_source = p.dateSource;
  return flat;
}

/** A post line against the stored post of its reference (none: created; one of another PVD: rejected). */
export function classifyPoste(current: PosteImportRecord | null, next: PosteImportRecord, columns: ReadonlySet<string>): Classement {
  if (!current) return { kind: 'creation' };
  if (current.pvdId !== next.pvdId) return { kind: 'rejet', colonne: 'pvd', motif: `Le poste « ${next.referenceExterne} » est celui de la PVD ${current.idPvd}, pas de ${next.idPvd}.` };
  const all = new Set([...columns, ...COFINANCEURS.flatMap((f) => (columns.has(f) ? [`${f}_debut`, `${f}_fin`, `${f}_part`] : []))]);
  const champs = diffFlat(posteFlat(current, all), posteFlat(next, all), all);
  return champs.length === 0 ? { kind: 'inchange' } : { kind: 'mise_a_jour', champs };
}

/** `next` over `current`, for the columns the file has: a post's holder, costs by year and co-financers. */
export function mergePoste(current: PosteImportRecord, next: PosteImportRecord, columns: ReadonlySet<string>): PosteImportRecord {
  const years = new Set([...columns].filter((c) => /^cout_\d{4}$/.test(c)).map((c) => Number(c.slice(5))));
  return {
    ...next,
    titulaire: columns.has('titulaire') ? next.titulaire : current.titulaire,
    coutsAnnuels: [...current.coutsAnnuels.filter((c) => !years.has(c.annee)), ...next.coutsAnnuels].sort((a, b) => a.annee - b.annee),
    cofinanceurs: COFINANCEURS.flatMap((f) => (columns.has(f) ? next : current).cofinanceurs.filter((c) => c.financeur === f)),
    source: columns.has('source') ? next.source : current.source,
    dateSource: columns.has('date_source') ? next.dateSource : current.dateSource,
  };
}
