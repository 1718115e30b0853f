import type { Role } from '../access/permissions';

/**
 * What a notification is about. Each user chooses, per kind, how it reaches them by email
 * (`NotificationDelivery`); the in-app notification is always recorded.
 */
export const NOTIFICATION_KINDS = [
  'convention_deposee',
  'convention_renvoyee',
  'convention_validee',
  'convention_signee',
  'mention',
  'message',
  'echeance',
  'import_termine',
  'import_echoue',
  'alerte_poste',
  'fiche_soumise',
  'fiche_a_modifier',
  'fiche_publiee',
  'club_inscription_confirmee',
  'club_evenement_annule',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  convention_deposee: 'Convention déposée',
  convention_renvoyee: 'Convention renvoyée pour compléments',
  convention_validee: 'Convention validée',
  convention_signee: 'Convention signée',
  mention: 'Mention dans une discussion',
  message: 'Message sur un élément suivi',
  echeance: 'Échéance et rappel',
  import_termine: 'Import terminé',
  import_echoue: 'Import en échec',
  alerte_poste: 'Alerte sur un poste',
  fiche_soumise: 'Fiche-projet soumise à la revue',
  fiche_a_modifier: 'Fiche-projet à modifier',
  fiche_publiee: 'Fiche-projet publiée',
  club_inscription_confirmee: 'Place confirmée à un événement du Club',
  club_evenement_annule: 'Événement du Club annulé',
};

/** How the emails of one kind reach a user: one per event, a daily or weekly digest, or none. */
export const NOTIFICATION_DELIVERIES = ['immediat', 'quotidien', 'hebdomadaire', 'aucun'] as const;
export type NotificationDelivery = (typeof NOTIFICATION_DELIVERIES)[number];

export const NOTIFICATION_DELIVERY_LABELS: Record<NotificationDelivery, string> = {
  immediat: 'Immédiatement',
  quotidien: 'Résumé quotidien',
  hebdomadaire: 'Résumé hebdomadaire',
  aucun: 'Aucun courriel',
};

/** The deliveries that send email, most immediate first. */
const DELIVERY_ORDER: readonly NotificationDelivery[] = ['immediat', 'quotidien', 'hebdomadaire', 'aucun'];

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export function isNotificationDelivery(value: unknown): value is NotificationDelivery {
  return typeof value === 'string' && (NOTIFICATION_DELIVERIES as readonly string[]).includes(value);
}

/**
 * Default delivery per role and kind. Who acts on an event hears of it at once (the préfecture on
 * a deposit, the chef de projet on a sent-back convention, anyone on a mention or a failed import);
 * who follows from afar reads a digest.
 */
const ROLE_DEFAULTS: Record<Role, Partial<Record<NotificationKind, NotificationDelivery>>> = {
  chef_de_projet: {
    convention_deposee: 'quotidien',
    convention_renvoyee: 'immediat',
    convention_validee: 'immediat',
    convention_signee: 'immediat',
    message: 'quotidien',
    echeance: 'immediat',
    alerte_poste: 'quotidien',
    fiche_a_modifier: 'immediat',
    fiche_publiee: 'immediat',
  },
  elu_lecteur: { message: 'hebdomadaire', echeance: 'hebdomadaire', alerte_poste: 'hebdomadaire' },
  prefecture_instructeur: {
    convention_deposee: 'immediat',
    convention_renvoyee: 'quotidien',
    convention_validee: 'quotidien',
    convention_signee: 'quotidien',
    message: 'quotidien',
    echeance: 'quotidien',
    alerte_poste: 'hebdomadaire',
  },
  sgar_lecteur: {},
  anct_directeur: { fiche_soumise: 'quotidien' },
  partenaire: { message: 'quotidien' },
  administrateur: {},
};

/** For every role, kinds missing above: mentions and imports at once, the rest weekly. */
const FALLBACK: Record<NotificationKind, NotificationDelivery> = {
  convention_deposee: 'hebdomadaire',
  convention_renvoyee: 'hebdomadaire',
  convention_validee: 'hebdomadaire',
  convention_signee: 'hebdomadaire',
  mention: 'immediat',
  message: 'hebdomadaire',
  echeance: 'hebdomadaire',
  import_termine: 'immediat',
  import_echoue: 'immediat',
  alerte_poste: 'hebdomadaire',
  fiche_soumise: 'hebdomadaire',
  fiche_a_modifier: 'hebdomadaire',
  fiche_publiee: 'hebdomadaire',
  // A seat freed or an event called off concerns a day in the diary: told at once.
  club_inscription_confirmee: 'immediat',
  club_evenement_annule: 'immediat',
};

/**
 * A user's default delivery for a kind, given all their roles: the most immediate of their roles'
 * defaults (a préfecture agent who is also an administrator keeps the préfecture's). No role: the fallback.
 */
export function defaultDelivery(roles: readonly Role[], kind: NotificationKind): NotificationDelivery {
  if (roles.length === 0) return FALLBACK[kind];
  const choices = roles.map((role) => ROLE_DEFAULTS[role][kind] ?? FALLBACK[kind]);
  return DELIVERY_ORDER.find((d) => choices.includes(d)) ?? FALLBACK[kind];
}

/** The effective delivery: the user's own choice when set, else the default for their roles. */
export function effectiveDelivery(roles: readonly Role[], kind: NotificationKind, chosen: NotificationDelivery | null | undefined): NotificationDelivery {
  return chosen ?? defaultDelivery(roles, kind);
}

/** Every kind's default for a set of roles (the preferences page shows it beside the choice). */
export function defaultDeliveries(roles: readonly Role[]): Record<NotificationKind, NotificationDelivery> {
  return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, defaultDelivery(roles, k)])) as Record<NotificationKind, NotificationDelivery>;
}
