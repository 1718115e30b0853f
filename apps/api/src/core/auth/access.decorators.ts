import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@suivi-pvd/domain';

/**
 * Every route states who may call it; the global guard denies a route that states nothing.
 * - `@Public()`: anyone, signed in or not.
 * - `@SignedIn()`: any signed-in user; the handler scopes what it returns.
 * - `@RequirePermission(p)`: a signed-in user whose role has permission `p`.
 */
export const ACCESS_KEY = 'suivi-pvd:access';

export type AccessRule = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'permission'; permission: Permission };

export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);
export const SignedIn = () => SetMetadata(ACCESS_KEY, { kind: 'signed-in' } satisfies AccessRule);
export const RequirePermission = (permission: Permission) =>
  SetMetadata(ACCESS_KEY, { kind: 'permission', permission } satisfies AccessRule);

export function describeAccess(rule: AccessRule | undefined): string {
  if (!rule) return 'NONE (denied)';
  return rule.kind === 'permission' ? `permission:${rule.permission}` : rule.kind;
}
