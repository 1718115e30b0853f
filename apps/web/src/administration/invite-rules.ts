import { ORGANISATION_TYPES, ROLES_BY_ORGANISATION_TYPE, type OrganisationType, type Role } from '@suivi-pvd/domain';
import type { Me } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';

/** Roles a préfecture may give (mirrors decideInvitation in @suivi-pvd/domain). */
const PREFECTURE_INVITES: readonly Role[] = ['chef_de_projet', 'elu_lecteur'];
const PREFECTURE_ORGANISATION_TYPES: readonly OrganisationType[] = ['commune', 'epci'];

function isAdministrator(me: Me): boolean {
  return me.memberships.some((m) => m.role === 'administrateur');
}

/** Organisation types the user may invite into: all for an administrator, communes and EPCI for a préfecture. */
export function invitableTypes(me: Me): readonly OrganisationType[] {
  if (!hasPermission(me, 'comptes:inviter')) return [];
  return isAdministrator(me) ? ORGANISATION_TYPES : PREFECTURE_ORGANISATION_TYPES;
}

/** Roles the user may give in an organisation of `type`. */
export function invitableRoles(me: Me, type: OrganisationType): readonly Role[] {
  const roles = ROLES_BY_ORGANISATION_TYPE[type];
  return isAdministrator(me) ? roles : roles.filter((role) => PREFECTURE_INVITES.includes(role));
}

/** Départements a préfecture user may invite into, or null when not limited (administrator). */
export function invitableDepartements(me: Me): readonly string[] | null {
  if (isAdministrator(me)) return null;
  return me.memberships
    .filter((m) => m.role === 'prefecture_instructeur' && m.departementCode)
    .map((m) => m.departementCode ?? '');
}
