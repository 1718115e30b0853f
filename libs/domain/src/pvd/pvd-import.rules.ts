import { isInseeCommuneCode, normaliseInseeCode, searchKey } from '../referentiel/insee.rules';

/**
 * Rules for importing the list of PVD communes. Two layouts are accepted:
 * - "officiel": the list published by the ANCT on data.gouv.fr
 *   (`insee_com, lib_com, id_pvd, date_signature`);
 * - "export-2021": the older export
 *   (`id_pvd, insee_com, lib_com, lib_reg, insee_dep, lib_dep, regroupement, pop, siren_epci, lib_epci`).
 * Each line is accepted or rejected on its own, with a reason a person can act on.
 */
export type PvdImportFormat = 'officiel' | 'export-2021';

export const PVD_IMPORT_FORMATS: Record<PvdImportFormat, readonly string[]> = {
  officiel: ['insee_com', 'lib_com', 'id_pvd', 'date_signature'],
  'export-2021': [
    'id_pvd',
    'insee_com',
    'lib_com',
    'lib_reg',
    'insee_dep',
    'lib_dep',
    'regroupement',
    'pop',
    'siren_epci',
    'lib_epci',
  ],
};

export type PvdImportRejectReason =
  | 'LIGNE_TEST'
  | 'VALEUR_NA'
  /** No longer given (a blank id_pvd makes a provisional PVD); kept for the reports of earlier imports. */
  | 'ID_PVD_MANQUANT'
  | 'CODE_INSEE_INVALIDE'
  | 'CODE_INSEE_INCONNU'
  | 'CODE_INSEE_OBSOLETE'
  | 'DOUBLON'
  | 'DATE_INVALIDE'
  /** Withdrawn from the programme by the ANCT: an import does not bring it back. */
  | 'COMMUNE_RETIREE'
  /** A move that would leave a dossier without communes (see planMembershipChanges). */
  | 'DEPLACEMENT_BLOQUE';

export interface PvdImportRow {
  /** Line number in the file, header being line 1. */
  line: number;
  values: Record<string, string>;
}

export interface CommuneActuelle {
  insee: string;
  nom: string;
}

export interface CommuneAncienne {
  insee: string;
  nom: string;
  /** The current commune that absorbed it. */
  communeActuelle: CommuneActuelle | null;
}

export interface CommuneLookup {
  actuelle(insee: string): CommuneActuelle | undefined;
  ancienne(insee: string): CommuneAncienne | undefined;
}

export interface PvdImportRecord {
  /** null when the file leaves id_pvd blank: the commune stays where it is or gets a provisional PVD. */
  idPvd: string | null;
  /** The current commune: the file's code, or the successor of a former code. */
  insee: string;
  /** Convention d'adhésion signature date (ISO yyyy-mm-dd), when the file gives one. */
  dateSignature: string | null;
}

export type PvdImportLineOutcome =
  | { line: number; status: 'accepted'; record: PvdImportRecord; warnings: string[] }
  | {
      line: number;
      status: 'rejected';
      insee: string | null;
      idPvd: string | null;
      reason: PvdImportRejectReason;
      message: string;
    };

/** Returns the layout whose columns the header holds, or null. Extra columns are tolerated. */
export function detectPvdImportFormat(header: readonly string[]): PvdImportFormat | null {
  const columns = new Set(header.map((h) => h.trim().toLowerCase().replace(/^\ufeff/, '')));
  // The 2021 export holds every column of the official list but date_signature: test it first.
  for (const format of ['export-2021', 'officiel'] as const) {
    if (PVD_IMPORT_FORMATS[format].every((c) => columns.has(c))) return format;
  }
  return null;
}

const NA = /^(NA|N\/A|#N\/A)$/i;
const PLACEHOLDER_NAMES = ['trifouilly les oies', 'test', 'commune test', 'exemple'];

/** A row left in the file by whoever tested the export: foreign "département" 99 or a placeholder name. */
export function isTestRow(insee: string, libCom: string): boolean {
  return insee.startsWith('99') || PLACEHOLDER_NAMES.includes(searchKey(libCom));
}

/** Accepts yyyy-mm-dd and dd/mm/yyyy; returns an ISO date or null when invalid. */
export function parseImportDate(raw: string): string | null {
  const value = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(value);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

function reject(
  row: PvdImportRow,
  insee: string | null,
  idPvd: string | null,
  reason: PvdImportRejectReason,
  message: string,
): PvdImportLineOutcome {
  return { line: row.line, status: 'rejected', insee: insee || null, idPvd: idPvd || null, reason, message };
}

/** Classifies every line of a parsed file. Pure: the référentiel comes in through `lookup`. */
export function analysePvdImportRows(
  rows: readonly PvdImportRow[],
  format: PvdImportFormat,
  lookup: CommuneLookup,
): PvdImportLineOutcome[] {
  const firstLineByInsee = new Map<string, number>();
  return rows.map((row) => {
    const get = (column: string) => (row.values[column] ?? '').trim();
    const idPvd = get('id_pvd');
    const rawInsee = get('insee_com');
    const libCom = get('lib_com');
    const insee = normaliseInseeCode(rawInsee);

    if (isTestRow(insee, libCom)) {
      return reject(row, insee, idPvd, 'LIGNE_TEST', `Ligne de test (« ${libCom || rawInsee} ») : ignorée.`);
    }
    const naColumns = ['id_pvd', 'insee_com'].filter((c) => NA.test(get(c)));
    if (naColumns.length > 0) {
      return reject(row, insee, idPvd, 'VALEUR_NA', `Valeur « NA » dans la colonne ${naColumns.join(', ')}.`);
    }
    if (!isInseeCommuneCode(insee)) {
      return reject(row, insee, idPvd, 'CODE_INSEE_INVALIDE', `Code INSEE « ${rawInsee} » invalide (5 caractères attendus).`);
    }
    const warnings: string[] = [];
    let commune = lookup.actuelle(insee);
    if (!commune) {
      const ancienne = lookup.ancienne(insee);
      if (!ancienne) return reject(row, insee, idPvd, 'CODE_INSEE_INCONNU', `Code INSEE ${insee} inconnu du référentiel.`);
      const successor = ancienne.communeActuelle ? lookup.actuelle(ancienne.communeActuelle.insee) : undefined;
      if (!successor) {
        return reject(row, insee, idPvd, 'CODE_INSEE_OBSOLETE', `Code INSEE ${insee} obsolète : ${ancienne.nom} n'est plus une commune.`);
      }
      // The merged commune carries the membership: the line is read for its successor.
      warnings.push(
        `Code INSEE ${insee} obsolète : ${libCom || ancienne.nom} fait désormais partie de ${successor.nom} (${successor.insee}), importée à sa place.`,
      );
      commune = successor;
    }
    const first = firstLineByInsee.get(commune.insee);
    if (first !== undefined) {
      const merged = commune.insee !== insee ? ` (${insee} a fusionné dans ${commune.insee})` : '';
      return reject(row, insee, idPvd, 'DOUBLON', `Commune ${commune.nom} (${commune.insee}) déjà présente ligne ${first}${merged}.`);
    }
    firstLineByInsee.set(commune.insee, row.line);

    let dateSignature: string | null = null;
    if (format === 'officiel') {
      const rawDate = get('date_signature');
      if (rawDate && !NA.test(rawDate)) {
        dateSignature = parseImportDate(rawDate);
        if (!dateSignature) {
          return reject(row, insee, idPvd, 'DATE_INVALIDE', `Date de signature « ${rawDate} » invalide (AAAA-MM-JJ ou JJ/MM/AAAA).`);
        }
      }
    }
    if (libCom && commune.insee === insee && searchKey(libCom) !== searchKey(commune.nom)) {
      warnings.push(`Nom « ${libCom} » dans le fichier, « ${commune.nom} » au référentiel.`);
    }
    return { line: row.line, status: 'accepted', record: { idPvd: idPvd || null, insee: commune.insee, dateSignature }, warnings };
  });
}
