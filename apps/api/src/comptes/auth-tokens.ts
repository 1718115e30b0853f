import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { hashToken } from '../core/auth/session.service';
import { AppError } from '../core/errors/app-error';

export type TokenPurpose = 'invitation' | 'reinitialisation';

/** Issues a single-use link token; earlier unused tokens of the same purpose for the user stop working. */
export async function issueToken(em: EntityManager, userId: string, purpose: TokenPurpose, ttlHours: number, createdBy: string | null): Promise<string> {
  await em.query(`UPDATE auth_token SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose]);
  const token = randomBytes(32).toString('base64url');
  await em.query(
    `INSERT INTO auth_token (id, user_id, purpose, expires_at, created_by) VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5)`,
    [hashToken(token), userId, purpose, ttlHours, createdBy],
  );
  return token;
}

/** Uses a token once: returns its user, or refuses an unknown, used or expired one in the same words. */
export async function consumeToken(em: EntityManager, token: string, purpose: TokenPurpose): Promise<string> {
  const [row]: { user_id: string }[] = await em.query(
    `WITH used AS (
       UPDATE auth_token t SET used_at = now()
         FROM app_user u
        WHERE t.id = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.expires_at > now() AND u.id = t.user_id AND u.active
        RETURNING t.user_id)
     SELECT user_id FROM used`,
    [hashToken(token), purpose],
  );
  if (!row) {
    throw new AppError(
      'TOKEN_INVALID',
      purpose === 'invitation'
        ? 'Ce lien d’invitation n’est plus valable (déjà utilisé ou expiré). Demandez une nouvelle invitation.'
        : 'Ce lien de réinitialisation n’est plus valable (déjà utilisé ou expiré). Faites une nouvelle demande.',
    );
  }
  return row.user_id;
}
