import { canOn, roleCan, type Membership, type Territory } from './permissions';

/**
 * What a user reads of a PVD's dossier.
 *
 * - `complete`: whoever reads the PVD (`pvd:lire` over its stored territory) reads every section.
 * - `resume`: a partner (`pvd:resume` in a partner organisation) reads the summary of the dossiers
 *   of the PVDs where its organisation funds something — a mission of one of its funders, a
 *   financing line of one of its funders' dispositifs whose beneficiary is a commune of the PVD or
 *   its EPCI, an habitat operation of one of its funders covering a commune of the PVD — whatever
 *   the record's status: it entered the record and reads it already. Whether it funds something is
 *   decided by the API in SQL from the stored records at each request, never cached.
 *
 * The summary is what a funder needs to work with the town without reading what concerns its
 * people or its internal documents: the identity (communes, EPCI, selection and adhésion dates),
 * the figures, the conventions' states and dates (not the convention pages, whose pieces are
 * documents), whether each chef de projet post is held (not who holds it, nor its costs and
 * co-financing), the ORT, and its own missions and financing lines. Never the contacts, the
 * documents, the history (it names people and shows every change), the membership history (free
 * comments), the posts' details, the habitat operations and thematic schemes lists (read by
 * territory), nor the alerts about a post's co-financing.
 */
export type DossierLecture = 'complete' | 'resume';

/** The sections of a dossier, as the dossier page shows them. */
export const DOSSIER_SECTIONS = [
  'territoire',
  'chiffres',
  'alertes',
  'adhesions',
  'conventions',
  'postes',
  'etat_postes',
  'missions',
  'ort',
  'operations_habitat',
  'financements',
  'demarches',
  'contacts',
  'documents',
  'discussion',
  'historique',
] as const;
export type DossierSection = (typeof DOSSIER_SECTIONS)[number];

/** The summary's sections (see `DossierLecture`). */
export const SECTIONS_DU_RESUME: readonly DossierSection[] = ['territoire', 'chiffres', 'alertes', 'conventions', 'etat_postes', 'missions', 'ort', 'financements'];

/** Every section but the posts' state alone (the posts' section shows it, with the rest). */
const SECTIONS_COMPLETES: readonly DossierSection[] = DOSSIER_SECTIONS.filter((s) => s !== 'etat_postes');

/**
 * The alerts of the summary: the convention-cadre's deadline, a convention waiting for its
 * compléments, a post vacant. Not the posts' co-financing (a yearly request, a co-financer leaving).
 */
export const ALERTES_DU_RESUME: readonly string[] = ['CADRE_EN_RETARD', 'CADRE_ECHEANCE_PROCHE', 'ADHESION_NON_RENSEIGNEE', 'A_COMPLETER_SANS_REPONSE', 'POSTE_VACANT'];

/** The partner organisations whose members read the summary of the dossiers where they fund something. */
export function organisationsLectricesDuResume(memberships: readonly Membership[]): string[] {
  return [...new Set(memberships.filter((m) => m.organisationType === 'partenaire' && roleCan(m.role, 'pvd:resume')).map((m) => m.organisationId))];
}

/**
 * What the user reads of a dossier, judged on the PVD's stored territory and on whether one of the
 * user's partner organisations funds something there (`financeDansLaPvd`, decided by the API from
 * the stored records); null when nothing.
 */
export function lectureDuDossier(memberships: readonly Membership[], territory: Territory, financeDansLaPvd: boolean): DossierLecture | null {
  if (canOn(memberships, 'pvd:lire', territory)) return 'complete';
  if (financeDansLaPvd && organisationsLectricesDuResume(memberships).length > 0) return 'resume';
  return null;
}

/** The sections read with this reading, in display order. */
export function sectionsDuDossier(lecture: DossierLecture): readonly DossierSection[] {
  return lecture === 'complete' ? SECTIONS_COMPLETES : SECTIONS_DU_RESUME;
}

/** Whether an alert of the dossier (its code) is shown with this reading. */
export function alerteLisible(lecture: DossierLecture, code: string): boolean {
  return lecture === 'complete' || ALERTES_DU_RESUME.includes(code);
}
