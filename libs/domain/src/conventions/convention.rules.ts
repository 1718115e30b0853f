/** The conventions of a PVD: one convention d'adhésion, one convention-cadre, avenants to the signed convention-cadre. */
export const CONVENTION_TYPES = ['adhesion', 'cadre', 'avenant'] as const;
export type ConventionType = (typeof CONVENTION_TYPES)[number];

export const CONVENTION_TYPE_LABELS: Record<ConventionType, string> = {
  adhesion: "Convention d'adhésion",
  cadre: 'Convention-cadre',
  avenant: 'Avenant',
};

/** The name of one convention, as users say it: « Avenant n° 2 à la convention-cadre ». */
export function conventionTitle(type: ConventionType, numero: number | null): string {
  return type === 'avenant' ? `Avenant n° ${numero ?? '?'} à la convention-cadre` : CONVENTION_TYPE_LABELS[type];
}

/** Themes of the action plan of a convention-cadre (the programme's fields of revitalisation). */
export const PLAN_ACTION_THEMES = [
  'habitat',
  'commerce',
  'mobilite',
  'espaces_publics',
  'patrimoine_culture',
  'services_equipements',
  'transition_ecologique',
  'economie_emploi',
  'numerique',
  'sante',
  'tourisme',
  'autre',
] as const;
export type PlanActionTheme = (typeof PLAN_ACTION_THEMES)[number];

export const PLAN_ACTION_THEME_LABELS: Record<PlanActionTheme, string> = {
  habitat: 'Habitat',
  commerce: 'Commerce et artisanat',
  mobilite: 'Mobilités',
  espaces_publics: 'Espaces publics',
  patrimoine_culture: 'Patrimoine et culture',
  services_equipements: 'Services et équipements',
  transition_ecologique: 'Transition écologique',
  economie_emploi: 'Économie et emploi',
  numerique: 'Numérique',
  sante: 'Santé',
  tourisme: 'Tourisme',
  autre: 'Autre',
};

export const PLAN_ACTION_STATUTS = ['a_lancer', 'en_cours', 'realisee', 'abandonnee'] as const;
export type PlanActionStatut = (typeof PLAN_ACTION_STATUTS)[number];

export const PLAN_ACTION_STATUT_LABELS: Record<PlanActionStatut, string> = {
  a_lancer: 'À lancer',
  en_cours: 'En cours',
  realisee: 'Réalisée',
  abandonnee: 'Abandonnée',
};

/** One action of the plan, as entered. Dates are ISO days (yyyy-mm-dd). */
export interface PlanAction {
  intitule: string;
  thematique: PlanActionTheme;
  porteur?: string | null;
  dateDebut?: string | null;
  dateFin?: string | null;
  statut: PlanActionStatut;
}

/** Field errors of an action plan that class-validator cannot see (rules across fields), keyed `actions.<i>.<field>`. */
export function planActionErrors(actions: readonly PlanAction[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  actions.forEach((a, i) => {
    if (a.dateDebut && a.dateFin && a.dateFin < a.dateDebut) {
      errors[`actions.${i}.dateFin`] = ['La fin prévue ne peut pas précéder le début prévu.'];
    }
  });
  return errors;
}

/** The people a dossier names: its chef de projet, its élu référent, its referent at the préfecture. */
export const CONTACT_FONCTIONS = ['chef_de_projet', 'elu_referent', 'referent_prefecture'] as const;
export type ContactFonction = (typeof CONTACT_FONCTIONS)[number];

export const CONTACT_FONCTION_LABELS: Record<ContactFonction, string> = {
  chef_de_projet: 'Chef de projet PVD',
  elu_referent: 'Élu référent',
  referent_prefecture: 'Référent en préfecture',
};

/** What a document of a convention is. The signed convention is attached by the préfecture when it records the signature. */
export const DOCUMENT_NATURES = ['piece', 'convention_signee', 'livrable', 'piece_jointe', 'photo_fiche'] as const;
export type DocumentNature = (typeof DOCUMENT_NATURES)[number];

export const DOCUMENT_NATURE_LABELS: Record<DocumentNature, string> = {
  piece: 'Pièce',
  convention_signee: 'Convention signée',
  livrable: 'Livrable de mission',
  piece_jointe: 'Pièce jointe à un message',
  photo_fiche: 'Photo d’une fiche-projet',
};

/**
 * File types accepted as documents, recognised from their content (never their name): PDF and
 * office documents (Microsoft Office and OpenDocument).
 */
export const DOCUMENT_MIME_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  // Word, Excel and PowerPoint 97-2003 files are OLE2 compound files: their content says no more.
  'application/x-cfb': 'Office 97-2003',
  'application/vnd.oasis.opendocument.text': 'OpenDocument texte',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument tableur',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument présentation',
};

export function isAcceptedDocumentType(mime: string): boolean {
  return mime in DOCUMENT_MIME_TYPES;
}

/** Why a convention is on the préfecture's work list. */
export const WORK_LIST_MOTIFS = ['a_instruire', 'en_instruction', 'a_completer_sans_reponse', 'cadre_en_retard'] as const;
export type WorkListMotif = (typeof WORK_LIST_MOTIFS)[number];

export const WORK_LIST_MOTIF_LABELS: Record<WorkListMotif, string> = {
  a_instruire: 'Déposée, à prendre en instruction',
  en_instruction: 'En instruction',
  a_completer_sans_reponse: 'À compléter, sans réponse depuis plus de 30 jours',
  cadre_en_retard: 'Convention-cadre en retard',
};

