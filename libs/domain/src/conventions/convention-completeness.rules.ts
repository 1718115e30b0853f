import type { ConventionType } from './convention.rules';

/** What the completeness check reads of a convention: its content, as saved. */
export interface ConventionContent {
  type: ConventionType;
  objet?: string | null;
  diagnostic?: string | null;
  strategie?: string | null;
  signatairesCount: number;
  actionsCount: number;
  documentsCount: number;
}

/** The items a convention may lack before its deposit, in the order they are listed on screen. */
export const COMPLETENESS_ITEMS = ['objet', 'diagnostic', 'strategie', 'signataires', 'actions', 'documents'] as const;
export type CompletenessItem = (typeof COMPLETENESS_ITEMS)[number];

const REQUIRED: Record<ConventionType, readonly CompletenessItem[]> = {
  // The convention d'adhésion has no objet in this application: who signs it and its text.
  adhesion: ['signataires', 'documents'],
  cadre: ['diagnostic', 'strategie', 'signataires', 'actions', 'documents'],
  avenant: ['objet', 'signataires', 'documents'],
};

const MESSAGES: Record<CompletenessItem, string> = {
  objet: "Précisez l'objet de l'avenant.",
  diagnostic: 'Rédigez le diagnostic.',
  strategie: 'Rédigez la stratégie de revitalisation.',
  signataires: 'Ajoutez au moins un signataire.',
  actions: "Ajoutez au moins une action au plan d'action.",
  documents: 'Joignez au moins un document (le projet de convention).',
};

const filled = (text: string | null | undefined) => Boolean(text && text.trim());

function isPresent(item: CompletenessItem, c: ConventionContent): boolean {
  switch (item) {
    case 'objet':
      return filled(c.objet);
    case 'diagnostic':
      return filled(c.diagnostic);
    case 'strategie':
      return filled(c.strategie);
    case 'signataires':
      return c.signatairesCount > 0;
    case 'actions':
      return c.actionsCount > 0;
    case 'documents':
      return c.documentsCount > 0;
  }
}

/**
 * What a convention still lacks before it may be deposited, keyed by field, one French message
 * each (empty when it is complete): a convention d'adhésion needs a signatory and a document; a
 * convention-cadre its diagnostic, strategy, a signatory, an action and a document; an avenant its
 * objet, a signatory and a document.
 */
export function missingForDeposit(content: ConventionContent): Partial<Record<CompletenessItem, string[]>> {
  const missing: Partial<Record<CompletenessItem, string[]>> = {};
  for (const item of REQUIRED[content.type]) {
    if (!isPresent(item, content)) missing[item] = [MESSAGES[item]];
  }
  return missing;
}

/** The items a convention of this type must contain before its deposit. */
export function requiredForDeposit(type: ConventionType): readonly CompletenessItem[] {
  return REQUIRED[type];
}
