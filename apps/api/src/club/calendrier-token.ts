import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token of a person's calendar feed address: `<user id>.<generation>.<HMAC-SHA256(secret,
 * purpose|user|generation)>`, the MAC in base64url. It works without signing in (calendar apps
 * fetch it alone); the stored generation must match, so a renewed address ends the former one.
 * Changing LINK_SECRET invalidates every address.
 */
const PURPOSE = 'club.calendrier.v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(secret: string, userId: string, generation: number): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSE}|${userId}|${generation}`).digest();
}

export function calendrierToken(secret: string, userId: string, generation: number): string {
  return `${userId}.${generation}.${mac(secret, userId, generation).toString('base64url')}`;
}

/** The user and generation a token stands for, or null when malformed or wrongly signed. */
export function verifyCalendrierToken(secret: string, token: string): { userId: string; generation: number } | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [userId, generationText, signature, ...rest] = token.split('.');
  if (rest.length > 0 || !userId || !generationText || !signature) return null;
  if (!UUID.test(userId) || !/^[1-9]\d{0,8}$/.test(generationText)) return null;
  const generation = Number(generationText);
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, userId, generation);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, generation };
}
