/** What a ProConnect callback ends with: a new session, or why there is none. */
export type ProConnectLoginOutcome =
  | { ok: true; token: string; expiresAt: Date; redirection: string }
  | { ok: false; erreur: 'proconnect' | 'compte-inconnu' | 'session-expiree' };

/** The login flow the passport strategy drives (implemented by `ProConnectService`). */
export interface ProConnectLoginFlow {
  startLogin(redirection: unknown): Promise<{ url: string; cookie: string }>;
  finishLogin(cookie: string | undefined, callbackUrl: URL, ip: string | null, userAgent: string | null): Promise<ProConnectLoginOutcome>;
}
