import {
  FINANCEMENT_STATUT_LABELS,
  HABITAT_OPERATION_PHASE_LABELS,
  ORT_STATUT_LABELS,
  type FinancementStatut,
  type HabitatOperationPhase,
  type OrtStatut,
  COFINANCEUR_LABELS,
  HABITAT_OPERATION_TYPE_LABELS,
  MISSION_NATURE_LABELS,
  MISSION_STATUT_LABELS,
  TRANCHE_LABELS,
  formatEuros,
  isCofinanceur,
  isHabitatOperationType,
  type MissionNature,
  type MissionStatut,
  type Tranche,
  CONTACT_FONCTION_LABELS,
  DOCUMENT_MIME_TYPES,
  DOCUMENT_NATURE_LABELS,
  CONVENTION_STATE_LABELS,
  PLAN_ACTION_STATUT_LABELS,
  PLAN_ACTION_THEME_LABELS,
  type ContactFonction,
  type DocumentNature,
  type ConventionState,
  type PlanActionStatut,
  type PlanActionTheme,
} from '@suivi-pvd/domain';
import { formatShortDate, formatSize } from '../conventions/convention-format';

/** Technical fields the history does not show. */
const HIDDEN_FIELDS = new Set(['conventionId', 'missionId', 'financeurId', 'version']);

/** Amounts kept in cents. */
const MONEY_FIELDS = new Set(['montantEngage', 'montantVerse', 'montantDemande', 'montantAccorde', 'montant', 'engagementAnah', 'engagementCollectivite']);

export function isShownField(field: string): boolean {
  return !HIDDEN_FIELDS.has(field);
}

/** French names of the fields the history shows. */
const FIELD_LABELS: Record<string, string> = {
  nom: 'Nom',
  qualite: 'Qualité',
  email: 'Adresse électronique',
  telephone: 'Téléphone',
  fonction: 'Fonction',
  objet: 'Objet',
  diagnostic: 'Synthèse du diagnostic',
  strategie: 'Stratégie de revitalisation',
  vautOrt: 'Vaut ORT',
  signataires: 'Signataires',
  actions: "Plan d'actions",
  etat: 'État',
  commentaire: 'Commentaire',
  dateSignature: 'Date de signature',
  titre: 'Titre',
  nature: 'Nature',
  nomFichier: 'Fichier',
  typeMime: 'Type de fichier',
  taille: 'Taille',
  intitule: 'Intitulé',
  employeur: 'Employeur',
  operationHabitat: 'Opération d’habitat liée',
  titulaires: 'Titulaires',
  coutsAnnuels: 'Coûts annuels chargés',
  cofinanceurs: 'Cofinanceurs',
  annee: 'Année',
  montantDemande: 'Montant demandé',
  dateDemande: 'Date de la demande',
  montantAccorde: 'Montant accordé',
  dateDecision: 'Date de la décision',
  versements: 'Versements',
  financeur: 'Financeur',
  thematique: 'Thématique',
  prestataire: 'Prestataire',
  montantEngage: 'Montant engagé',
  montantVerse: 'Montant versé',
  dateDebut: 'Date de début',
  dateFin: 'Date de fin',
  statut: 'Statut',
  referenceExterne: 'Référence chez le financeur',
  libelle: 'Libellé',
  dureeAnnees: 'Durée (années)',
  communes: 'Communes couvertes',
  conventionCadreId: 'Convention-cadre valant ORT',
  maitreOuvrageType: 'Maître d’ouvrage',
  maitreOuvrageCode: 'Maître d’ouvrage (code)',
  operateur: 'Opérateur',
  phase: 'Phase',
  objectifs: 'Objectifs et logements traités',
  engagementAnah: 'Engagement de l’Anah',
  engagementCollectivite: 'Engagement de la collectivité',
  dispositif: 'Dispositif',
  beneficiaire: 'Bénéficiaire',
  projet: 'Projet',
  montant: 'Montant',
  dateEngagement: 'Date d’engagement',
  dateContractualisation: 'Date de contractualisation',
  dateVersement: 'Date de versement',
  anneeCampagne: 'Année de campagne',
  source: 'Source',
  dateSource: 'Date de la source',
  logements: 'Logements',
  dossiers: 'Dossiers',
  demarche: 'Dispositif thématique',
  commune: 'Commune',
  attributs: 'Caractéristiques',
  subventions: 'Cofinancement calculé',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

const MAX_TEXT = 160;

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** « du 01/03/2022 au 31/05/2026 », « depuis le 01/03/2022 ». */
function period(debut: unknown, fin: unknown): string {
  const from = typeof debut === 'string' && debut ? formatShortDate(debut) : null;
  const to = typeof fin === 'string' && fin ? formatShortDate(fin) : null;
  if (from && to) return `du ${from} au ${to}`;
  if (from) return `depuis le ${from}`;
  return to ? `jusqu’au ${to}` : 'sans dates';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value kept in the history, in words. */
export function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(vide)';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (field === 'etat' && typeof value === 'string' && value in CONVENTION_STATE_LABELS) {
    return CONVENTION_STATE_LABELS[value as ConventionState];
  }
  if (field === 'fonction' && typeof value === 'string' && value in CONTACT_FONCTION_LABELS) {
    return CONTACT_FONCTION_LABELS[value as ContactFonction];
  }
  if (field === 'nature' && typeof value === 'string' && value in DOCUMENT_NATURE_LABELS) {
    return DOCUMENT_NATURE_LABELS[value as DocumentNature];
  }
  if (field === 'nature' && typeof value === 'string' && value in MISSION_NATURE_LABELS) return MISSION_NATURE_LABELS[value as MissionNature];
  if (field === 'statut' && typeof value === 'string' && value in MISSION_STATUT_LABELS) return MISSION_STATUT_LABELS[value as MissionStatut];
  if (field === 'statut' && typeof value === 'string' && value in FINANCEMENT_STATUT_LABELS) return FINANCEMENT_STATUT_LABELS[value as FinancementStatut];
  if (field === 'statut' && typeof value === 'string' && value in ORT_STATUT_LABELS) return ORT_STATUT_LABELS[value as OrtStatut];
  if (field === 'phase' && typeof value === 'string' && value in HABITAT_OPERATION_PHASE_LABELS) return HABITAT_OPERATION_PHASE_LABELS[value as HabitatOperationPhase];
  if (field === 'type' && isHabitatOperationType(value)) return HABITAT_OPERATION_TYPE_LABELS[value];
  if (field === 'attributs' && isRecord(value)) return Object.entries(value).map(([k, v]) => `${k} : ${String(v)}`).join(' ; ') || '(aucune)';
  if (field === 'thematique' && typeof value === 'string' && value in PLAN_ACTION_THEME_LABELS) return PLAN_ACTION_THEME_LABELS[value as PlanActionTheme];
  if (MONEY_FIELDS.has(field) && typeof value === 'number') return formatEuros(value);
  if (field === 'operationHabitat' && isRecord(value)) {
    const type = isHabitatOperationType(value.type) ? HABITAT_OPERATION_TYPE_LABELS[value.type] : String(value.type);
    return [type, value.libelle, period(value.debut, value.fin)].filter(Boolean).join(', ');
  }
  if (field === 'typeMime' && typeof value === 'string') return DOCUMENT_MIME_TYPES[value] ?? value;
  if (field === 'taille' && typeof value === 'number') return formatSize(value);
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatShortDate(value) : truncate(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '(aucun)';
    if (field === 'signataires') {
      return value.map((s) => (isRecord(s) ? [s.nom, s.qualite, s.organisme].filter(Boolean).join(', ') : String(s))).join(' ; ');
    }
    if (field === 'titulaires') {
      return value.map((t) => (isRecord(t) ? `${String(t.nom)} (${period(t.debut, t.fin)}, ${String(t.quotite)} %)` : String(t))).join(' ; ');
    }
    if (field === 'subventions') {
      return value.map((c) => (isRecord(c) && typeof c.montant === 'number' ? `${String(c.annee)} : ${formatEuros(c.montant)}` : String(c))).join(' ; ');
    }
    if (field === 'coutsAnnuels') {
      return value.map((c) => (isRecord(c) && typeof c.cout === 'number' ? `${String(c.annee)} : ${formatEuros(c.cout)}` : String(c))).join(' ; ');
    }
    if (field === 'cofinanceurs') {
      return value
        .map((c) => (isRecord(c) && isCofinanceur(c.financeur) ? `${COFINANCEUR_LABELS[c.financeur]}${c.debut || c.fin ? ` (${period(c.debut, c.fin)})` : ''}${typeof c.part === 'number' ? `, ${c.part} %` : ''}` : String(c)))
        .join(' ; ');
    }
    if (field === 'objectifs') {
      return value
        .map((o) => (isRecord(o) ? `${String(o.annee)} : objectif ${o.objectif ?? '—'}, traités ${o.traites ?? '—'}` : String(o)))
        .join(' ; ');
    }
    if (field === 'communes') return value.map((c) => (isRecord(c) ? String(c.nom ?? c.insee) : String(c))).join(', ');
    if (field === 'versements') {
      return value
        .map((v) => (isRecord(v) && typeof v.montant === 'number' ? `${formatShortDate(String(v.date))} : ${formatEuros(v.montant)} (${TRANCHE_LABELS[v.tranche as Tranche] ?? String(v.tranche)})` : String(v)))
        .join(' ; ');
    }
    if (field === 'actions') {
      return value
        .map((a, i) => {
          if (!isRecord(a)) return String(a);
          const theme = typeof a.thematique === 'string' ? PLAN_ACTION_THEME_LABELS[a.thematique as PlanActionTheme] : undefined;
          const statut = typeof a.statut === 'string' ? PLAN_ACTION_STATUT_LABELS[a.statut as PlanActionStatut] : undefined;
          const details = [
            theme,
            typeof a.porteur === 'string' && a.porteur ? `porteur : ${a.porteur}` : null,
            typeof a.dateDebut === 'string' && a.dateDebut ? `début ${formatShortDate(a.dateDebut)}` : null,
            typeof a.dateFin === 'string' && a.dateFin ? `fin ${formatShortDate(a.dateFin)}` : null,
            statut?.toLowerCase(),
          ].filter(Boolean);
          return `${i + 1}. ${String(a.intitule ?? '')}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
        })
        .join(' ; ');
    }
    return truncate(value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', '));
  }
  return truncate(JSON.stringify(value));
}
