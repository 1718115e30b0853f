import { isNotificationKind, type NotificationKind } from '@suivi-pvd/domain';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The unsubscribe link's token: `<user id>.<scope>.<HMAC-SHA256(secret, purpose|user|scope)>`,
 * the MAC in base64url. The scope is a kind (one kind's emails), or a digest cadence (`quotidien`,
 * `hebdomadaire`: every kind this user receives in that digest). It works without signing in,
 * never expires, and only ever sets this user's choices to « aucun » (ADR 0013). Changing
 * LINK_SECRET invalidates every link already sent.
 */
export type UnsubscribeScope = NotificationKind | 'quotidien' | 'hebdomadaire';

export function isUnsubscribeScope(value: unknown): value is UnsubscribeScope {
  return value === 'quotidien' || value === 'hebdomadaire' || isNotificationKind(value);
}

const PURPOSE = 'notifications.desabonnement.v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(secret: string, userId: string, kind: UnsubscribeScope): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSE}|${userId}|${kind}`).digest();
}

export function unsubscribeToken(secret: string, userId: string, kind: UnsubscribeScope): string {
  return `${userId}.${kind}.${mac(secret, userId, kind).toString('base64url')}`;
}

/** The user and scope a token stands for, or null when it is malformed or its signature is wrong. */
export function verifyUnsubscribeToken(secret: string, token: string): { userId: string; scope: UnsubscribeScope } | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [userId, kind, signature, ...rest] = token.split('.');
  if (rest.length > 0 || !userId || !kind || !signature) return null;
  if (!UUID.test(userId) || !isUnsubscribeScope(kind)) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, userId, kind);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, scope: kind };
}
