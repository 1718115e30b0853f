import { canOn, roleCan, scopeCovers, scopeOf, type Membership, type Territory } from '../access/permissions';

/**
 * Expertise missions financed by the programme's partners (indicators I5–I11): studies, project
 * management assistance, emergency measures for shops, Anah pre-operational studies…
 */
export const MISSION_NATURES = [
  'etude',
  'amo',
  'assistance_management_projet',
  'mesure_urgence_commerce',
  'etude_pre_operationnelle',
  'suivi_animation',
  'atelier_flash',
  'ingenierie_sur_mesure',
  'autre',
] as const;
export type MissionNature = (typeof MISSION_NATURES)[number];

export const MISSION_NATURE_LABELS: Record<MissionNature, string> = {
  etude: 'Étude',
  amo: 'Assistance à maîtrise d’ouvrage (AMO)',
  assistance_management_projet: 'Assistance à management de projet (AMP)',
  mesure_urgence_commerce: 'Mesure d’urgence commerce',
  etude_pre_operationnelle: 'Étude pré-opérationnelle',
  suivi_animation: 'Suivi-animation',
  atelier_flash: 'Atelier des territoires flash',
  ingenierie_sur_mesure: 'Ingénierie sur-mesure',
  autre: 'Autre',
};

export const MISSION_STATUTS = ['demandee', 'accordee', 'en_cours', 'livree', 'abandonnee'] as const;
export type MissionStatut = (typeof MISSION_STATUTS)[number];

export const MISSION_STATUT_LABELS: Record<MissionStatut, string> = {
  demandee: 'Demandée',
  accordee: 'Accordée',
  en_cours: 'En cours',
  livree: 'Livrée',
  abandonnee: 'Abandonnée',
};

/** Missions that count as financed (indicator I6): granted, running or delivered. */
export const MISSION_STATUTS_FINANCES: readonly MissionStatut[] = ['accordee', 'en_cours', 'livree'];

export interface MissionMontants {
  montantEngage: number | null;
  montantVerse: number | null;
  dateDemande: string | null;
  dateDebut: string | null;
  dateFin: string | null;
  /** The day the funder committed the money: required for a financed status (the counting rules date each amount by it). */
  dateEngagement: string | null;
  statut: MissionStatut;
}

/**
 * Consistency of a mission's amounts, dates and status (field → messages). `aujourdhui` is the
 * French calendar day (an engagement is not dated in the future).
 */
export function missionErrors(m: MissionMontants, aujourdhui: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (m.montantEngage !== null && (!Number.isInteger(m.montantEngage) || m.montantEngage < 0)) add('montantEngage', 'Le montant engagé est un montant positif, au centime près.');
  if (m.montantVerse !== null && (!Number.isInteger(m.montantVerse) || m.montantVerse < 0)) add('montantVerse', 'Le montant versé est un montant positif, au centime près.');
  if (m.montantVerse !== null && m.montantVerse > 0 && m.montantEngage === null) add('montantEngage', 'Indiquez le montant engagé avant un versement.');
  if (m.montantVerse !== null && m.montantEngage !== null && m.montantVerse > m.montantEngage) add('montantVerse', 'Le montant versé dépasse le montant engagé.');
  if (m.dateDebut && m.dateFin && m.dateFin < m.dateDebut) add('dateFin', 'La date de fin précède la date de début.');
  if (m.statut === 'livree' && !m.dateFin) add('dateFin', 'Indiquez la date de livraison (fin de la mission).');
  if ((m.statut === 'en_cours' || m.statut === 'livree') && !m.dateDebut) add('dateDebut', 'Indiquez la date de début de la mission.');
  if (MISSION_STATUTS_FINANCES.includes(m.statut) && !m.dateEngagement) add('dateEngagement', 'Indiquez la date d’engagement : une mission accordée, en cours ou livrée est financée depuis ce jour.');
  if (m.dateEngagement && m.dateEngagement > aujourdhui) add('dateEngagement', 'La date d’engagement ne peut pas être dans le futur.');
  if (m.dateEngagement && m.dateDemande && m.dateEngagement < m.dateDemande) add('dateEngagement', 'La date d’engagement précède la date de la demande.');
  return errors;
}

/**
 * What a user may do with a mission, judged on its stored PVD territory and funder:
 * - read: whoever reads the dossier, or a member of the partner organisation that funds it;
 * - write: a chef de projet of the PVD (`mission:saisir` over its territory), or a partner member
 *   for the missions its organisation funds, in any PVD. A partner writes nothing else.
 */
export function missionRights(memberships: readonly Membership[], territory: Territory, financeurOrganisationId: string | null): { lire: boolean; ecrire: boolean } {
  const funds = (m: Membership) => m.organisationType === 'partenaire' && financeurOrganisationId !== null && m.organisationId === financeurOrganisationId;
  const ecrire = memberships.some((m) => roleCan(m.role, 'mission:saisir') && (m.organisationType === 'partenaire' ? funds(m) : scopeCovers(scopeOf(m), territory)));
  const lire = ecrire || canOn(memberships, 'pvd:lire', territory) || memberships.some((m) => roleCan(m.role, 'mission:lire') && funds(m));
  return { lire, ecrire };
}

/** The partner organisations whose missions a user enters (members with `mission:saisir`). */
export function partnerOrganisationIds(memberships: readonly Membership[]): string[] {
  return [...new Set(memberships.filter((m) => m.organisationType === 'partenaire' && roleCan(m.role, 'mission:saisir')).map((m) => m.organisationId))];
}
