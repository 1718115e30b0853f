import { can, ROLE_LABELS, type Permission } from '@suivi-pvd/domain';
import type { Me } from './data/session.hooks';

/**
 * True when the user may use a feature. The UI only shows what both the shared permission table
 * (for the user's memberships) and the permissions returned by the API allow.
 */
export function hasPermission(me: Me | null | undefined, permission: Permission): boolean {
  if (!me) return false;
  // Read as strings: the API's list may be typed from an older schema than the shared table.
  return can(me.memberships, permission) && (me.permissions as readonly string[]).includes(permission);
}

/** "Chef de projet PVD – Commune d'Ahun", for the account menu. */
export function describeMemberships(me: Me): string {
  return me.memberships.map((m) => `${ROLE_LABELS[m.role]} – ${m.organisationNom}`).join(' ; ');
}
