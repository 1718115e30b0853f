import { Membership, OrganisationType, Role, roleCan, roleFitsOrganisation, scopeCovers, scopeOf, Territory } from './permissions';

/** The organisation and role someone is invited to, with the organisation's stored territory. */
export interface InvitationTarget {
  organisationType: OrganisationType;
  role: Role;
  territory: Territory;
}

export type InvitationDecision = { allowed: true } | { allowed: false; reason: 'ROLE_HORS_ORGANISATION' | 'HORS_PERIMETRE' | 'ROLE_NON_DELEGABLE' };

/** Roles a préfecture may give: the people of its communes and EPCI. */
const PREFECTURE_INVITES: readonly Role[] = ['chef_de_projet', 'elu_lecteur'];

/**
 * Whether the inviter may give `target.role` in the target organisation. An administrator may
 * invite anyone anywhere; a préfecture only chefs de projet and élus of communes and EPCI of its
 * département, judged on the organisation's stored territory.
 */
export function decideInvitation(inviter: readonly Membership[], target: InvitationTarget): InvitationDecision {
  if (!roleFitsOrganisation(target.role, target.organisationType)) return { allowed: false, reason: 'ROLE_HORS_ORGANISATION' };
  let inScope = false;
  for (const m of inviter) {
    if (!roleCan(m.role, 'comptes:inviter')) continue;
    if (m.role === 'administrateur') return { allowed: true };
    if (!scopeCovers(scopeOf(m), target.territory)) continue;
    inScope = true;
    if (PREFECTURE_INVITES.includes(target.role) && (target.organisationType === 'commune' || target.organisationType === 'epci')) {
      return { allowed: true };
    }
  }
  return { allowed: false, reason: inScope ? 'ROLE_NON_DELEGABLE' : 'HORS_PERIMETRE' };
}

/** Password rule: long enough to resist guessing (ANSSI: 12+ characters), and not the address itself. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < 12) return 'Le mot de passe doit compter au moins 12 caractères.';
  if (password.length > 200) return 'Le mot de passe doit compter au plus 200 caractères.';
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'Le mot de passe ne peut pas être votre adresse électronique.';
  if (new Set(password).size < 5) return 'Le mot de passe est trop répétitif.';
  return null;
}
