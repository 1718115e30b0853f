import { can, isRole, type Permission } from '@suivi-pvd/domain';
import type { Me } from './data/session.hooks';

/**
 * True when the user may use a feature. The UI only shows what both the shared permission table
 * (for the user's role) and the permissions returned by the API allow.
 */
export function hasPermission(me: Me | null | undefined, permission: Permission): boolean {
  if (!me) return false;
  return isRole(me.role) && can(me.role, permission) && me.permissions.includes(permission);
}
