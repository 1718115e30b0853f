import { PLAN_ACTION_THEMES, PLAN_ACTION_THEME_LABELS, type PlanActionTheme } from '../conventions/convention.rules';

/**
 * The projetothèque: project sheets (« fiches-projets ») a chef de projet writes about a project of
 * their PVD, reviewed and published by the ANCT. Published sheets are public.
 *
 * Workflow: brouillon → en_revue (the chef submits) → a_modifier (the ANCT asks for changes, with a
 * comment) → en_revue → publiee (the ANCT) → depubliee (the ANCT, or the chef to edit it) → en_revue
 * or publiee again. A sheet is edited by its chef only while it is not in review nor published:
 * editing a published sheet means unpublishing it first (ADR 0017).
 */
export const FICHE_STATUTS = ['brouillon', 'en_revue', 'a_modifier', 'publiee', 'depubliee'] as const;
export type FicheStatut = (typeof FICHE_STATUTS)[number];

export const FICHE_STATUT_LABELS: Record<FicheStatut, string> = {
  brouillon: 'Brouillon',
  en_revue: 'En revue',
  a_modifier: 'À modifier',
  publiee: 'Publiée',
  depubliee: 'Dépubliée',
};

/** The themes of a sheet: the programme's fields of revitalisation, as in the action plans of conventions. */
export const FICHE_THEMES = PLAN_ACTION_THEMES;
export type FicheTheme = PlanActionTheme;
export const FICHE_THEME_LABELS: Record<FicheTheme, string> = PLAN_ACTION_THEME_LABELS;

export function isFicheTheme(value: unknown): value is FicheTheme {
  return typeof value === 'string' && (FICHE_THEMES as readonly string[]).includes(value);
}

/** Classes of population of a PVD (the sum of its communes' populations), to find comparable towns. */
export const CLASSES_POPULATION = ['moins_2000', '2000_5000', '5000_10000', '10000_plus'] as const;
export type ClassePopulation = (typeof CLASSES_POPULATION)[number];

export const CLASSE_POPULATION_LABELS: Record<ClassePopulation, string> = {
  moins_2000: 'Moins de 2 000 habitants',
  '2000_5000': 'De 2 000 à 4 999 habitants',
  '5000_10000': 'De 5 000 à 9 999 habitants',
  '10000_plus': '10 000 habitants ou plus',
};

/** The bounds of each class: min included, max excluded (null: unbounded). */
export const CLASSE_POPULATION_BORNES: Record<ClassePopulation, { min: number; max: number | null }> = {
  moins_2000: { min: 0, max: 2000 },
  '2000_5000': { min: 2000, max: 5000 },
  '5000_10000': { min: 5000, max: 10000 },
  '10000_plus': { min: 10000, max: null },
};

export function classePopulation(population: number | null | undefined): ClassePopulation | null {
  if (population === null || population === undefined || !Number.isFinite(population) || population < 0) return null;
  return CLASSES_POPULATION.find((c) => {
    const { min, max } = CLASSE_POPULATION_BORNES[c];
    return population >= min && (max === null || population < max);
  }) ?? null;
}

export function isClassePopulation(value: unknown): value is ClassePopulation {
  return typeof value === 'string' && (CLASSES_POPULATION as readonly string[]).includes(value);
}

/** Bounds of a sheet's fields (the API's DTOs and the database checks use the same). */
export const FICHE_LIMITES = {
  titre: 150,
  resume: 3000,
  resultats: 5000,
  themes: 5,
  partenaires: 20,
  partenaire: 150,
  financements: 15,
  financeur: 150,
  /** Cents: 1 billion euros. */
  montantMax: 100_000_000_000,
  contactFonction: 150,
  contactOrganisation: 150,
  contactEmail: 254,
  contactTelephone: 30,
  photos: 8,
  texteAlternatif: 250,
  legende: 250,
  commentaire: 3000,
} as const;

/** Images a sheet's photo may be, recognised from the content. */
export const FICHE_PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export function isFichePhotoType(mime: string): boolean {
  return (FICHE_PHOTO_MIME_TYPES as readonly string[]).includes(mime);
}

/** Personal mailbox providers: a sheet's contact is the address of a role or a service, never a person's own. */
const PERSONAL_MAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.fr',
  'outlook.com',
  'outlook.fr',
  'live.fr',
  'live.com',
  'yahoo.com',
  'yahoo.fr',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'laposte.net',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.fr',
  'protonmail.com',
  'proton.me',
];

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}$/i;
const TELEPHONE = /^\+?[0-9][0-9 .-]{5,28}$/;

/** Why a contact address is refused (null: accepted). The API also refuses any account's own address. */
export function contactEmailErreur(email: string): string | null {
  const value = email.trim();
  if (!EMAIL.test(value)) return 'Adresse électronique invalide.';
  const domain = value.split('@')[1].toLowerCase();
  if (PERSONAL_MAIL_DOMAINS.includes(domain)) {
    return 'Indiquez l’adresse de la fonction ou du service (par exemple petitesvillesdedemain@mairie-ahun.fr), pas une adresse personnelle.';
  }
  return null;
}

export function contactTelephoneErreur(telephone: string): string | null {
  return TELEPHONE.test(telephone.trim()) ? null : 'Numéro de téléphone invalide.';
}

/** A sheet as the completeness rules read it. */
export interface FicheContenu {
  titre: string;
  themes: readonly string[];
  resume: string | null;
  resultats: string | null;
  contactFonction: string | null;
  contactEmail: string | null;
  contactTelephone: string | null;
  budgetTotal: number | null;
  financements: readonly { financeur: string; montant: number }[];
  photos: readonly { texteAlternatif: string }[];
}

/**
 * What is missing before a sheet can be submitted, by field: a title, a theme, a summary, the
 * results (or the expected ones), a contact by role reachable by email or phone, every photo with
 * its alternative text, and financing lines that do not exceed the total budget.
 */
export function ficheManques(fiche: FicheContenu): Record<string, string> {
  const manques: Record<string, string> = {};
  if (!fiche.titre.trim()) manques.titre = 'Donnez un titre à la fiche.';
  if (fiche.themes.length === 0) manques.themes = 'Choisissez au moins un thème.';
  if (!fiche.resume?.trim()) manques.resume = 'Résumez le projet.';
  if (!fiche.resultats?.trim()) manques.resultats = 'Décrivez les résultats obtenus ou attendus.';
  if (!fiche.contactFonction?.trim()) manques.contactFonction = 'Indiquez la fonction à contacter (par exemple « Chef de projet Petites villes de demain »).';
  if (!fiche.contactEmail?.trim() && !fiche.contactTelephone?.trim()) manques.contactEmail = 'Indiquez une adresse ou un téléphone de la fonction.';
  fiche.photos.forEach((p, i) => {
    if (!p.texteAlternatif.trim()) manques[`photos.${i}.texteAlternatif`] = 'Décrivez la photo (texte alternatif).';
  });
  const financed = fiche.financements.reduce((sum, f) => sum + f.montant, 0);
  if (fiche.budgetTotal !== null && financed > fiche.budgetTotal) manques.financements = 'Les financements dépassent le budget total.';
  return manques;
}

/** What a reviewer or the chef does to a sheet. */
export const FICHE_ACTIONS = ['soumettre', 'demander_modifications', 'publier', 'depublier'] as const;
export type FicheAction = (typeof FICHE_ACTIONS)[number];

export const FICHE_ACTION_LABELS: Record<FicheAction, string> = {
  soumettre: 'Soumettre à la revue',
  demander_modifications: 'Demander des modifications',
  publier: 'Publier',
  depublier: 'Dépublier',
};

/** Who acts: the chef de projet of the sheet's PVD (`redacteur`) or the ANCT (`relecteur`). */
export type FicheActeur = 'redacteur' | 'relecteur';

const TRANSITIONS: Record<FicheAction, { from: readonly FicheStatut[]; to: FicheStatut; by: readonly FicheActeur[] }> = {
  soumettre: { from: ['brouillon', 'a_modifier', 'depubliee'], to: 'en_revue', by: ['redacteur'] },
  demander_modifications: { from: ['en_revue'], to: 'a_modifier', by: ['relecteur'] },
  publier: { from: ['en_revue', 'depubliee'], to: 'publiee', by: ['relecteur'] },
  depublier: { from: ['publiee'], to: 'depubliee', by: ['relecteur', 'redacteur'] },
};

/** The status an action leads to, or why it is refused. */
export function ficheTransition(statut: FicheStatut, action: FicheAction, acteurs: readonly FicheActeur[]): { ok: true; statut: FicheStatut } | { ok: false; raison: string } {
  const t = TRANSITIONS[action];
  if (!t.by.some((a) => acteurs.includes(a))) {
    return { ok: false, raison: action === 'soumettre' ? 'Seul le chef de projet de la commune soumet sa fiche.' : 'Seule l’ANCT relit et publie les fiches.' };
  }
  if (!t.from.includes(statut)) {
    return { ok: false, raison: `Une fiche « ${FICHE_STATUT_LABELS[statut].toLowerCase()} » ne peut pas être ${ACTION_PARTICIPLES[action]}.` };
  }
  return { ok: true, statut: t.to };
}

const ACTION_PARTICIPLES: Record<FicheAction, string> = {
  soumettre: 'soumise à la revue',
  demander_modifications: 'renvoyée pour modifications',
  publier: 'publiée',
  depublier: 'dépubliée',
};

/** The actions an actor may take on a sheet in this status. */
export function ficheActionsPossibles(statut: FicheStatut, acteurs: readonly FicheActeur[]): FicheAction[] {
  return FICHE_ACTIONS.filter((a) => ficheTransition(statut, a, acteurs).ok);
}

/** The chef edits the sheet (text and photos) only while it is neither in review nor published. */
export function ficheModifiable(statut: FicheStatut): boolean {
  return statut === 'brouillon' || statut === 'a_modifier' || statut === 'depubliee';
}

/**
 * The dates a transition sets (calendar days, Paris): the first publication keeps its day
 * (`publieeLe`), a republication clears `depublieeLe`; an unpublication records its day.
 */
export function ficheDates(
  current: { publieeLe: string | null; depublieeLe: string | null },
  to: FicheStatut,
  today: string,
): { publieeLe: string | null; depublieeLe: string | null } {
  if (to === 'publiee') return { publieeLe: current.publieeLe ?? today, depublieeLe: null };
  if (to === 'depubliee') return { publieeLe: current.publieeLe, depublieeLe: today };
  return { ...current };
}

/** A sheet is deleted by its chef only as a draft never submitted (a reviewed or published one is unpublished instead). */
export function ficheSupprimable(statut: FicheStatut, publieeLe: string | null): boolean {
  return statut === 'brouillon' && publieeLe === null;
}
