import { fieldChanges } from './audit-diff.rules';
import { AUDIT_ENTITIES, isAuditEntityType } from './audit-dictionary.rules';
import { MASQUE, auditRef, refLabel, type AuditContext, type AuditEntitySpec, type AuditFieldSpec, type AuditLabelOf, type AuditRef, type AuditSnapshot } from './audit-fields.rules';
import { EMPTY_VALUE, formatAmount, formatAnyValue, formatLongDate, formatNumber, truncateText, yesNo } from './audit-values.rules';

/** One field a change altered, in words. `champ` is the record's key, kept for exports and tests. */
export interface AuditChange {
  champ: string;
  libelle: string;
  avant: string;
  apres: string;
}

/** One audit entry as the history and the journal read it. */
export interface AuditEntryInput {
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const snapshotOf = (value: unknown): AuditSnapshot => (isRecord(value) ? value : {});

/** An entity type nobody described yet: its keys as names, its values as they come. */
const UNKNOWN: AuditEntitySpec = { objet: (id) => id, champs: {}, champsLibres: true };

function specOf(entityType: string): AuditEntitySpec {
  return isAuditEntityType(entityType) ? AUDIT_ENTITIES[entityType] : UNKNOWN;
}

/** Technical fields of any record (optimistic-lock versions, timestamps), hidden unless a record names them. */
const TECHNICAL_FIELDS = ['version', 'createdAt', 'updatedAt', 'updatedBy'];

/** The description of a field, or null when it is technical (hidden). */
function fieldSpec(spec: AuditEntitySpec, champ: string): AuditFieldSpec | null {
  const entry = spec.champs[champ];
  if (entry === MASQUE) return null;
  if (entry) return entry;
  if (TECHNICAL_FIELDS.includes(champ)) return null;
  return { libelle: champ, valeur: { type: 'libre', format: (value) => formatAnyValue(value) } };
}

/** The ids a value holds, to resolve before it can be read. */
function refsOfValue(spec: AuditFieldSpec, value: unknown, snapshot: AuditSnapshot): AuditRef[] {
  const v = spec.valeur;
  switch (v.type) {
    case 'ref': {
      const r = auditRef(typeof v.kind === 'function' ? v.kind(snapshot) : v.kind, value);
      return r ? [r] : [];
    }
    case 'refs':
      return (Array.isArray(value) ? value : []).flatMap((item) => {
        const r = auditRef(v.kind, isRecord(item) ? item.insee ?? item.id : item);
        return r ? [r] : [];
      });
    case 'libre':
      return v.refs?.(value, snapshot) ?? [];
    default:
      return [];
  }
}

/** A value in words: « 12 mars 2024 », « 32 575,35 € », « Oui », « Ahun (23) ». */
export function formatAuditValue(spec: AuditFieldSpec, value: unknown, ctx: AuditContext): string {
  const v = spec.valeur;
  if (v.type === 'libre') return value === null || value === undefined ? EMPTY_VALUE : v.format(value, ctx);
  if (value === null || value === undefined || value === '') return EMPTY_VALUE;
  switch (v.type) {
    case 'texte':
      return String(value);
    case 'texte_long':
      return truncateText(String(value));
    case 'date':
      return typeof value === 'string' ? formatLongDate(value) : String(value);
    case 'montant':
      return typeof value === 'number' ? formatAmount(value) : String(value);
    case 'booleen':
      return typeof value === 'boolean' ? yesNo(value) : String(value);
    case 'entier':
    case 'pourcentage':
      return typeof value === 'number' ? `${formatNumber(value)}${v.type === 'pourcentage' ? ' %' : ''}` : String(value);
    case 'annee':
      return String(value);
    case 'choix':
      return v.labels[String(value)] ?? String(value);
    case 'ref': {
      const kind = typeof v.kind === 'function' ? v.kind(ctx.snapshot) : v.kind;
      return kind ? refLabel(kind, String(value), ctx.label, v.nom ? ctx.snapshot[v.nom] : undefined) : String(value);
    }
    case 'refs': {
      const items = Array.isArray(value) ? value : [value];
      if (items.length === 0) return '(aucune)';
      return items
        .map((item) => (isRecord(item) ? refLabel(v.kind, String(item.insee ?? item.id ?? ''), ctx.label, item.nom) : refLabel(v.kind, String(item), ctx.label)))
        .join(', ');
    }
  }
}

/**
 * Every id an entry needs resolved: the record itself (an account, an organisation…) and the ids
 * its shown fields hold, before and after.
 */
export function auditRefsOf(entry: AuditEntryInput): AuditRef[] {
  const spec = specOf(entry.entityType);
  const found: AuditRef[] = [];
  if (spec.cible) {
    const self = entry.entityType === 'user' && entry.entityId.includes('@') ? auditRef('compte_email', entry.entityId) : auditRef(spec.cible, entry.entityId);
    if (self) found.push(self);
  }
  for (const side of [entry.before, entry.after]) {
    const snapshot = snapshotOf(side);
    for (const [champ, value] of Object.entries(snapshot)) {
      const field = fieldSpec(spec, champ);
      if (field) found.push(...refsOfValue(field, value, snapshot));
    }
    // The job's name is its key to the registered jobs' labels.
    if (entry.entityType === 'job' && typeof snapshot.name === 'string') found.push({ kind: 'tache', id: snapshot.name });
  }
  return found;
}

/** The fields a change altered, in the order its form shows them, each in words; technical fields left out. */
export function auditChanges(entry: AuditEntryInput, label: AuditLabelOf): AuditChange[] {
  const spec = specOf(entry.entityType);
  const order = Object.keys(spec.champs);
  const rank = (champ: string) => (order.includes(champ) ? order.indexOf(champ) : order.length);
  const before = { label, snapshot: snapshotOf(entry.before) };
  const after = { label, snapshot: snapshotOf(entry.after) };
  return fieldChanges(entry.before, entry.after, [])
    .flatMap((change) => {
      const field = change.field === '' ? { libelle: 'Valeur', valeur: { type: 'libre' as const, format: (v: unknown) => formatAnyValue(v) } } : fieldSpec(spec, change.field);
      if (!field) return [];
      return [{ champ: change.field, libelle: field.libelle, avant: formatAuditValue(field, change.before, before), apres: formatAuditValue(field, change.after, after) }];
    })
    .sort((a, b) => rank(a.champ) - rank(b.champ));
}

/** What an entry is about: « Convention-cadre », « Financement « Halles » », « Compte Camille Durand (Commune d’Ahun) ». */
export function auditObjet(entry: AuditEntryInput, label: AuditLabelOf): string {
  const snapshot = { ...snapshotOf(entry.before), ...snapshotOf(entry.after) };
  return specOf(entry.entityType).objet(entry.entityId, snapshot, label);
}

/** Every field name a record's description does not know (empty when every field is named or hidden). */
export function unnamedAuditFields(entityType: string, snapshot: unknown): string[] {
  if (!isAuditEntityType(entityType)) return Object.keys(snapshotOf(snapshot));
  const spec: AuditEntitySpec = AUDIT_ENTITIES[entityType];
  if (spec.champsLibres) return [];
  return Object.keys(snapshotOf(snapshot)).filter((champ) => !(champ in spec.champs) && !TECHNICAL_FIELDS.includes(champ));
}

// ─── Actions ──────────────────────────────────────────────────────────────────

export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.login': 'Connexion',
  'auth.login_failed': 'Échec de connexion',
  'auth.login_blocked': 'Connexion bloquée (trop de tentatives)',
  'compte.invitation': 'Invitation',
  'compte.activation': 'Activation du compte',
  'compte.reinitialisation_demandee': 'Demande de réinitialisation du mot de passe',
  'compte.mot_de_passe': 'Changement de mot de passe',
  'compte.desactivation': 'Désactivation du compte',
  'compte.reactivation': 'Réactivation du compte',
  'compte.role': 'Changement de rôle',
  'organisation.siret': 'SIRET de l’organisation',
  'contact.modifie': 'Contact renseigné',
  'poste.subvention_recalculee': 'Subvention recalculée (paramètre du programme modifié)',
  'convention.importee': 'Import (convention signée)',
  'convention.deposer': 'Dépôt',
  'convention.retirer': 'Retrait du dépôt',
  'convention.instruire': 'Prise en instruction',
  'convention.demander_complements': 'Demande de compléments',
  'convention.valider': 'Validation',
  'convention.signer': 'Signature',
  'convention.rouvrir': 'Réouverture de l’instruction (validation annulée)',
  'document.ajoute': 'Ajout',
  'document.nouvelle_version': 'Nouvelle version',
  'message.publie': 'Message publié',
  'message.modifie': 'Message modifié',
  'message.supprime': 'Message supprimé',
  'fiche.soumettre': 'Soumission à la revue',
  'fiche.demander_modifications': 'Demande de modifications',
  'fiche.publier': 'Publication',
  'fiche.depublier': 'Dépublication',
  'fiche.commentaire': 'Commentaire de revue',
  'fiche.photo_ajoutee': 'Photo ajoutée',
  'fiche.photo_retiree': 'Photo retirée',
  'demande_cofinancement.deposee': 'Dépôt',
  'demande_cofinancement.instruite': 'Décision et versements',
  'import_national.confirme': 'Import confirmé',
  'import_national.termine': 'Import terminé',
  'import_partenaire.termine': 'Import terminé',
  'referentiel.densite.import': 'Import',
  'valeur_reference.ajoutee': 'Ajout',
  'rapport.demande': 'Demande',
  'rapport.publie': 'Publication',
  'parametre.valeur_ajoutee': 'Nouvelle valeur',
  'parametre.valeur_annulee': 'Valeur annulée',
  'indicateurs_publics.modifies': 'Chiffres publics modifiés',
  'job.relancee': 'Relance',
  'job.demandee': 'Lancement',
  'notification.preference': 'Préférence de courriel de notification',
  'notification.desabonnement': 'Désabonnement par le lien d’un courriel',
  'club_evenement.cree': 'Création',
  'club_evenement.modifie': 'Modification',
  'club_evenement.annule': 'Annulation',
  'club_inscription.inscrit': 'Inscription',
  'club_inscription.attente': 'Inscription en liste d’attente',
  'club_inscription.desinscrit': 'Désinscription',
  'club_inscription.promue': 'Place libérée : inscription confirmée',
  'club_inscription.presence': 'Présence',
  'club_calendrier.renouvele': 'Nouvelle adresse d’agenda',
  'club_calendrier.revoque': 'Adresse d’agenda supprimée',
  'pvd.create': 'Entrée dans la liste nationale',
  'pvd.update': 'Mise à jour par la liste nationale',
  'pvd.rename': 'Changement d’identifiant',
  'pvd.date_adhesion_importee': 'Date d’adhésion importée',
  'pvd.commune.add': 'Commune ajoutée',
  'pvd.commune.move': 'Commune venue d’une autre petite ville de demain',
  'pvd.commune.leave': 'Commune partie vers une autre petite ville de demain',
  'pvd.commune.retrait': 'Retrait d’une commune',
};

/** The verb of the usual actions, by their ending: « ….creee » is a creation. */
const ACTION_ENDINGS: readonly [RegExp, string][] = [
  [/\.creee?$/, 'Création'],
  [/\.modifiee?$/, 'Modification'],
  [/\.supprimee?$/, 'Suppression'],
  [/\.importee?$/, 'Import'],
];

/** An action in words: « Connexion », « Modification », « Signature ». */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? ACTION_ENDINGS.find(([ending]) => ending.test(action))?.[1] ?? 'Autre action';
}
