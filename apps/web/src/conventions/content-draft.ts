import {
  planActionErrors,
  type ConventionType,
  type PlanActionStatut,
  type PlanActionTheme,
} from '@suivi-pvd/domain';
import type { Convention, ConventionContentInput } from './data/convention.hooks';

/** Field errors keyed by the API's field paths (`signataires.0.nom`, `actions.2.dateFin`…). */
export type FieldErrors = Record<string, string | undefined>;

let nextKey = 0;
/** A stable React key for a row the user adds, removes or moves. */
export function rowKey(): string {
  nextKey += 1;
  return `ligne-${nextKey}`;
}

export interface SignataireDraft {
  key: string;
  nom: string;
  qualite: string;
  organisme: string;
}

export interface ActionDraft {
  key: string;
  intitule: string;
  thematique: PlanActionTheme | '';
  porteur: string;
  dateDebut: string;
  dateFin: string;
  statut: PlanActionStatut;
}

export interface ContentDraft {
  objet: string;
  diagnostic: string;
  strategie: string;
  vautOrt: boolean;
  signataires: SignataireDraft[];
  actions: ActionDraft[];
}

type ContentField = 'objet' | 'diagnostic' | 'strategie' | 'vautOrt' | 'signataires' | 'actions';

/** The content fields of each type of convention (the API refuses the others). */
export const CONTENT_FIELDS: Record<ConventionType, readonly ContentField[]> = {
  adhesion: ['signataires'],
  cadre: ['diagnostic', 'strategie', 'vautOrt', 'signataires', 'actions'],
  avenant: ['objet', 'signataires', 'actions'],
};

export function hasField(type: ConventionType, field: ContentField): boolean {
  return CONTENT_FIELDS[type].includes(field);
}

export function draftOf(convention: Convention): ContentDraft {
  return {
    objet: convention.objet ?? '',
    diagnostic: convention.diagnostic ?? '',
    strategie: convention.strategie ?? '',
    vautOrt: convention.vautOrt,
    signataires: convention.signataires.map((s) => ({ key: rowKey(), ...s })),
    actions: convention.actions.map((a) => ({
      key: rowKey(),
      intitule: a.intitule,
      thematique: a.thematique,
      porteur: a.porteur ?? '',
      dateDebut: a.dateDebut ?? '',
      dateFin: a.dateFin ?? '',
      statut: a.statut,
    })),
  };
}

export function emptySignataire(): SignataireDraft {
  return { key: rowKey(), nom: '', qualite: '', organisme: '' };
}

export function emptyAction(): ActionDraft {
  return { key: rowKey(), intitule: '', thematique: '', porteur: '', dateDebut: '', dateFin: '', statut: 'a_lancer' };
}

/** The draft without its row keys, to tell whether the user changed anything. */
export function comparable(draft: ContentDraft): string {
  return JSON.stringify({
    ...draft,
    signataires: draft.signataires.map(({ key: _key, ...s }) => s),
    actions: draft.actions.map(({ key: _key, ...a }) => a),
  });
}

/** Checks made before sending (the API checks them again). */
export function checkDraft(type: ConventionType, draft: ContentDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (hasField(type, 'signataires')) {
    draft.signataires.forEach((s, i) => {
      if (!s.nom.trim()) errors[`signataires.${i}.nom`] = 'Saisissez le nom du signataire.';
      if (!s.qualite.trim()) errors[`signataires.${i}.qualite`] = 'Saisissez la qualité du signataire (par exemple : Maire).';
      if (!s.organisme.trim()) errors[`signataires.${i}.organisme`] = "Saisissez l'organisme du signataire.";
    });
  }
  if (hasField(type, 'actions')) {
    draft.actions.forEach((a, i) => {
      if (!a.intitule.trim()) errors[`actions.${i}.intitule`] = "Saisissez l'intitulé de l'action.";
      if (!a.thematique) errors[`actions.${i}.thematique`] = 'Choisissez une thématique.';
    });
    const rules = planActionErrors(
      draft.actions.map((a) => ({ ...a, thematique: a.thematique || 'autre', dateDebut: a.dateDebut || null, dateFin: a.dateFin || null })),
    );
    for (const [field, messages] of Object.entries(rules)) errors[field] = messages[0];
  }
  return errors;
}

/** The body of PATCH /conventions/{id}: only the fields of this type of convention. */
export function inputOf(type: ConventionType, draft: ContentDraft): ConventionContentInput {
  const input: ConventionContentInput = {};
  if (hasField(type, 'objet')) input.objet = draft.objet.trim() || null;
  if (hasField(type, 'diagnostic')) input.diagnostic = draft.diagnostic.trim() || null;
  if (hasField(type, 'strategie')) input.strategie = draft.strategie.trim() || null;
  if (hasField(type, 'vautOrt')) input.vautOrt = draft.vautOrt;
  if (hasField(type, 'signataires')) {
    input.signataires = draft.signataires.map((s) => ({ nom: s.nom.trim(), qualite: s.qualite.trim(), organisme: s.organisme.trim() }));
  }
  if (hasField(type, 'actions')) {
    input.actions = draft.actions.map((a) => ({
      intitule: a.intitule.trim(),
      thematique: a.thematique || 'autre',
      porteur: a.porteur.trim() || null,
      dateDebut: a.dateDebut || null,
      dateFin: a.dateFin || null,
      statut: a.statut,
    }));
  }
  return input;
}
