/**
 * How an audited record is read by people: each field under the name its form gives it, each
 * value in words. The audit log keeps the records' raw values (ids, codes, cents, ISO dates); the
 * history and the journal read them through these descriptions.
 */

/** What an id of an audited value designates, resolved to its label by the API (one query per page). */
export const AUDIT_REF_KINDS = [
  'commune',
  'epci',
  'departement',
  'region',
  'pvd',
  'convention',
  'compte',
  'compte_email',
  'organisation',
  'dispositif',
  'financeur',
  'demarche',
  'mission',
  'operation_habitat',
  'import',
  'rapport',
  'tache',
] as const;
export type AuditRefKind = (typeof AUDIT_REF_KINDS)[number];

/** Kinds whose ids are UUIDs (the others are codes: INSEE, SIREN, e-mail, job name…). */
export const AUDIT_UUID_REF_KINDS: readonly AuditRefKind[] = ['pvd', 'convention', 'compte', 'organisation', 'dispositif', 'financeur', 'demarche', 'mission', 'operation_habitat', 'import', 'rapport'];

export interface AuditRef {
  kind: AuditRefKind;
  id: string;
}

/** The label of an id, as resolved; undefined when the record no longer exists. */
export type AuditLabelOf = (kind: AuditRefKind, id: string) => string | undefined;

export type AuditSnapshot = Readonly<Record<string, unknown>>;

export interface AuditContext {
  label: AuditLabelOf;
  /** The whole record the value belongs to (before or after the change). */
  snapshot: AuditSnapshot;
}

export type AuditValueKind =
  | { type: 'texte' }
  /** Cut to a line's length (diagnostics, strategies…). */
  | { type: 'texte_long' }
  | { type: 'date' }
  /** In cents. */
  | { type: 'montant' }
  | { type: 'booleen' }
  | { type: 'entier' }
  | { type: 'annee' }
  | { type: 'pourcentage' }
  | { type: 'choix'; labels: Readonly<Record<string, string>> }
  /** An id; `nom` names the field of the record that kept its label at the time, if any. */
  | { type: 'ref'; kind: AuditRefKind | ((snapshot: AuditSnapshot) => AuditRefKind | null); nom?: string }
  /** A list of ids. */
  | { type: 'refs'; kind: AuditRefKind }
  /** A structured value (a list of signatories, of payments…) with its own wording. */
  | { type: 'libre'; format: (value: unknown, ctx: AuditContext) => string; refs?: (value: unknown, snapshot: AuditSnapshot) => AuditRef[] };

export interface AuditFieldSpec {
  /** The field's name as its form shows it. */
  libelle: string;
  valeur: AuditValueKind;
}

/** A technical field (an id kept beside its label, a version…): never shown. */
export const MASQUE = 'masque' as const;
export type AuditFieldEntry = AuditFieldSpec | typeof MASQUE;

export interface AuditEntitySpec {
  /** The record itself, when its id resolves to a label (an account, an organisation…). */
  cible?: AuditRefKind;
  /** What an entry is about, in words: « Convention-cadre », « Financement « Halles » ». */
  objet(entityId: string, snapshot: AuditSnapshot, label: AuditLabelOf): string;
  champs: Readonly<Record<string, AuditFieldEntry>>;
  /** Fields not listed are named by their key, which is already a label (a thematic scheme's attributes). */
  champsLibres?: boolean;
}

const REF_NOUNS: Record<AuditRefKind, string> = {
  commune: 'Commune',
  epci: 'EPCI',
  departement: 'Département',
  region: 'Région',
  pvd: 'Petite ville de demain',
  convention: 'Convention',
  compte: 'Compte',
  compte_email: 'Compte',
  organisation: 'Organisation',
  dispositif: 'Dispositif',
  financeur: 'Financeur',
  demarche: 'Dispositif thématique',
  mission: 'Mission',
  operation_habitat: 'Opération d’habitat',
  import: 'Import',
  rapport: 'Rapport',
  tache: 'Tâche',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A reference worth resolving: an id of the right shape (a UUID where one is expected). */
export function auditRef(kind: AuditRefKind | null, id: unknown): AuditRef | null {
  if (kind === null || typeof id !== 'string' || id === '') return null;
  if (AUDIT_UUID_REF_KINDS.includes(kind) && !UUID.test(id)) return null;
  return { kind, id: kind === 'compte_email' ? id.toLowerCase() : id };
}

/**
 * An id in words: its resolved label, else the label kept in the record at the time, else what
 * can be said without it (« Commune 23001 » for a code, « Convention (introuvable) » for a
 * deleted record: never a bare UUID).
 */
export function refLabel(kind: AuditRefKind, id: string, label: AuditLabelOf, kept?: unknown): string {
  const ref = auditRef(kind, id);
  const found = ref ? label(ref.kind, ref.id) : undefined;
  if (found) return found;
  if (typeof kept === 'string' && kept.trim()) return kept;
  if (kind === 'compte_email') return id;
  if (AUDIT_UUID_REF_KINDS.includes(kind)) return `${REF_NOUNS[kind]} (introuvable)`;
  return `${REF_NOUNS[kind]} ${id}`;
}
