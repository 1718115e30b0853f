import { canOn, rolesCovering, type Membership, type Territory } from '../access/permissions';
import { CONTACT_FONCTIONS, type ContactFonction } from './convention.rules';

/**
 * Who may fill in which contact of a dossier, judged on the dossier's stored territory:
 * - whoever may modify the dossier (`pvd:modifier`: the chef de projet) fills in every contact;
 * - a préfecture instructing the dossier (`prefecture_instructeur` over its département) fills in
 *   its own « Référent en préfecture » only, never the chef de projet's or the élu's.
 */
export function canEditContact(memberships: readonly Membership[], fonction: ContactFonction, territory: Territory): boolean {
  if (canOn(memberships, 'pvd:modifier', territory)) return true;
  return fonction === 'referent_prefecture' && rolesCovering(memberships, territory).includes('prefecture_instructeur');
}

/** The contacts of a dossier the caller may fill in, in display order. */
export function editableContacts(memberships: readonly Membership[], territory: Territory): ContactFonction[] {
  return CONTACT_FONCTIONS.filter((f) => canEditContact(memberships, f, territory));
}
