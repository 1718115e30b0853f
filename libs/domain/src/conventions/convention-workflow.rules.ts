import type { Role } from '../access/permissions';

/**
 * The life of a convention (adhésion, convention-cadre) or avenant, as a pure state machine. The
 * programme defines no official status list: this one is the platform's (programme-rules.md).
 *
 *   brouillon ──déposer──▶ déposée ──prendre en instruction──▶ en instruction ──valider──▶ validée ──signer──▶ signée
 *       ▲                    │ ▲                                   │  ▲                         │
 *       └──────retirer───────┘ └────────déposer (à nouveau)────── à compléter ◀──demander des compléments──┘
 *                                                                     └──rouvrir (motif requis)──┘
 *
 * A validation made by mistake is reopened by the préfecture, with a reason, before the
 * signature; a signed convention is never reopened: it is corrected by an avenant.
 */
export const CONVENTION_STATES = ['brouillon', 'deposee', 'en_instruction', 'a_completer', 'validee', 'signee'] as const;
export type ConventionState = (typeof CONVENTION_STATES)[number];

export const CONVENTION_STATE_LABELS: Record<ConventionState, string> = {
  brouillon: 'Brouillon',
  deposee: 'Déposée',
  en_instruction: 'En instruction',
  a_completer: 'À compléter',
  validee: 'Validée',
  signee: 'Signée',
};

export const CONVENTION_ACTIONS = ['deposer', 'retirer', 'instruire', 'demander_complements', 'valider', 'signer', 'rouvrir'] as const;
export type ConventionAction = (typeof CONVENTION_ACTIONS)[number];

export const CONVENTION_ACTION_LABELS: Record<ConventionAction, string> = {
  deposer: 'Déposer',
  retirer: 'Retirer le dépôt',
  instruire: 'Prendre en instruction',
  demander_complements: 'Demander des compléments',
  valider: 'Valider',
  signer: 'Enregistrer la signature',
  rouvrir: "Rouvrir l'instruction",
};

interface Transition {
  from: readonly ConventionState[];
  to: ConventionState;
  /** Roles that may take the action (on a record of their scope: the API checks the scope). */
  roles: readonly Role[];
  /** The comment is required, with this message when it is missing (why changes are asked for, why a validation is reopened). */
  commentRequired?: string;
  /** Refusals that say more than « impossible in this state », by state. */
  refusedIn?: Partial<Record<ConventionState, string>>;
  /** The signature date and the signed document are required. */
  signatureRequired?: boolean;
}

const TRANSITIONS: Record<ConventionAction, Transition> = {
  deposer: { from: ['brouillon', 'a_completer'], to: 'deposee', roles: ['chef_de_projet'] },
  retirer: { from: ['deposee'], to: 'brouillon', roles: ['chef_de_projet'] },
  instruire: { from: ['deposee'], to: 'en_instruction', roles: ['prefecture_instructeur'] },
  demander_complements: { from: ['en_instruction'], to: 'a_completer', roles: ['prefecture_instructeur'], commentRequired: 'Précisez les compléments attendus.' },
  valider: { from: ['en_instruction'], to: 'validee', roles: ['prefecture_instructeur'] },
  signer: { from: ['validee'], to: 'signee', roles: ['prefecture_instructeur'], signatureRequired: true },
  rouvrir: {
    from: ['validee'],
    to: 'en_instruction',
    roles: ['prefecture_instructeur'],
    commentRequired: 'Indiquez le motif de la réouverture.',
    refusedIn: { signee: 'Une convention signée ne peut pas être rouverte : elle ne se corrige que par un avenant.' },
  },
};

export interface TransitionInput {
  comment?: string | null;
  /** ISO date (yyyy-mm-dd). */
  signatureDate?: string | null;
  signedDocumentAttached?: boolean;
  /** Today, ISO date: a signature cannot be dated in the future. */
  today: string;
}

export type TransitionRefusal =
  | { code: 'ACTION_NOT_ALLOWED_IN_STATE'; message: string }
  | { code: 'ROLE_NOT_ALLOWED'; message: string }
  | { code: 'COMMENT_REQUIRED'; message: string; field: 'comment' }
  | { code: 'SIGNATURE_DATE_REQUIRED' | 'SIGNATURE_DATE_IN_FUTURE'; message: string; field: 'signatureDate' }
  | { code: 'SIGNED_DOCUMENT_REQUIRED'; message: string; field: 'document' };

export type TransitionDecision = { allowed: true; to: ConventionState } | ({ allowed: false } & TransitionRefusal);

/**
 * Whether someone with `roles` may take `action` on a convention in `state`. Refusals say why,
 * naming the current state (the API answers 409 for a state problem, 403 for a role problem,
 * 400 with the field for missing input).
 */
export function decideTransition(state: ConventionState, action: ConventionAction, roles: readonly Role[], input: TransitionInput): TransitionDecision {
  const t = TRANSITIONS[action];
  if (!t.from.includes(state)) {
    return {
      allowed: false,
      code: 'ACTION_NOT_ALLOWED_IN_STATE',
      message: t.refusedIn?.[state] ?? `Impossible de « ${CONVENTION_ACTION_LABELS[action].toLowerCase()} » : la convention est « ${CONVENTION_STATE_LABELS[state].toLowerCase()} ».`,
    };
  }
  if (!roles.some((r) => t.roles.includes(r))) {
    return { allowed: false, code: 'ROLE_NOT_ALLOWED', message: `Votre rôle ne permet pas de « ${CONVENTION_ACTION_LABELS[action].toLowerCase()} ».` };
  }
  if (t.commentRequired && !input.comment?.trim()) {
    return { allowed: false, code: 'COMMENT_REQUIRED', field: 'comment', message: t.commentRequired };
  }
  if (t.signatureRequired) {
    if (!input.signatureDate) return { allowed: false, code: 'SIGNATURE_DATE_REQUIRED', field: 'signatureDate', message: 'Indiquez la date de signature.' };
    if (input.signatureDate > input.today) {
      return { allowed: false, code: 'SIGNATURE_DATE_IN_FUTURE', field: 'signatureDate', message: 'La date de signature ne peut pas être dans le futur.' };
    }
    if (!input.signedDocumentAttached) {
      return { allowed: false, code: 'SIGNED_DOCUMENT_REQUIRED', field: 'document', message: 'Joignez la convention signée (PDF).' };
    }
  }
  return { allowed: true, to: t.to };
}

/** The actions open to these roles in this state, for the buttons the UI shows. */
export function availableActions(state: ConventionState, roles: readonly Role[]): ConventionAction[] {
  return CONVENTION_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(state) && roles.some((r) => TRANSITIONS[a].roles.includes(r)));
}

/** A convention whose content the chef de projet may still edit. */
export function isEditable(state: ConventionState): boolean {
  return state === 'brouillon' || state === 'a_completer';
}
