import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@suivi-pvd/domain';

/**
 * Every route states who may call it; the global guard denies a route that states nothing.
 * - `@Public()`: anyone, signed in or not (`@PublicSignedLink()`: the same, for a signed email link).
 * - `@SignedIn()`: any signed-in user; the handler scopes what it returns.
 * - `@RequirePermission(p)`: a signed-in user whose role has permission `p`.
 */
export const ACCESS_KEY = 'suivi-pvd:access';

export type AccessRule = { kind: 'public'; signedLink?: true } | { kind: 'signed-in' } | { kind: 'permission'; permission: Permission };

export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);
/**
 * `@PublicSignedLink()`: public, and its mutating calls need no CSRF header — for a link sent by
 * email whose token (in the URL) is the whole authority, such as the one-click unsubscribe that
 * mail providers POST (RFC 8058). Its handler must never act on the caller's session.
 */
export const PublicSignedLink = () => SetMetadata(ACCESS_KEY, { kind: 'public', signedLink: true } satisfies AccessRule);
export const SignedIn = () => SetMetadata(ACCESS_KEY, { kind: 'signed-in' } satisfies AccessRule);
export const RequirePermission = (permission: Permission) =>
  SetMetadata(ACCESS_KEY, { kind: 'permission', permission } satisfies AccessRule);

export function describeAccess(rule: AccessRule | undefined): string {
  if (!rule) return 'NONE (denied)';
  return rule.kind === 'permission' ? `permission:${rule.permission}` : rule.kind;
}
