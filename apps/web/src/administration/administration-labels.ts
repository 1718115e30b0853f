import type { OrganisationType } from '@suivi-pvd/domain';
import type { AireLabels } from '../referentiel/data/aires.hooks';

export const JOURNAL_ACTION_LABELS: Record<string, string> = {
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
};

/** Action families of the journal filter (the API filters on the action prefix). */
export const JOURNAL_FAMILIES = [
  { value: '', label: 'Toutes les actions' },
  { value: 'auth.', label: 'Connexions' },
  { value: 'compte.', label: 'Comptes' },
] as const;

const ENTITY_LABELS: Record<string, string> = {
  user: 'Compte',
  organisation: 'Organisation',
};

export function actionLabel(action: string): string {
  return JOURNAL_ACTION_LABELS[action] ?? action;
}

export function entityLabel(entityType: string): string {
  return ENTITY_LABELS[entityType] ?? entityType;
}

/** The territory an organisation stands for, e.g. "INSEE 23001", "Creuse (23)" or "Nouvelle-Aquitaine" (areas named by `labels`). */
export function territoryLabel(
  organisation: {
  type: OrganisationType;
  communeInsee: string | null;
  epciSiren: string | null;
  departementCode: string | null;
  regionCode: string | null;
  },
  labels: AireLabels,
): string {
  switch (organisation.type) {
    case 'commune':
      return organisation.communeInsee ? `INSEE ${organisation.communeInsee}` : '—';
    case 'epci':
      return organisation.epciSiren ? `SIREN ${organisation.epciSiren}` : '—';
    case 'prefecture':
      return organisation.departementCode ? labels.departement(organisation.departementCode) : '—';
    case 'sgar':
      return organisation.regionCode ? labels.region(organisation.regionCode) : '—';
    case 'anct':
      return 'National';
    case 'partenaire':
      return '—';
  }
}
