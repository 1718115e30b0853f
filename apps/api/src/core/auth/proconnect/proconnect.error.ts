/**
 * Why a ProConnect login or logout failed. Stable values: the controller branches on them (and
 * logs them), never on messages.
 */
export type ProConnectErrorReason =
  /** The callback's `state` is not the one stored at login (CSRF, replay, or an expired login). */
  | 'state_mismatch'
  /** The ID token's `nonce` is not the one stored at login (token replay). */
  | 'nonce_mismatch'
  /** The callback carries no code, or an unusable one. */
  | 'invalid_callback'
  /** ProConnect answered with an OAuth error (user refused, code expired or reused, bad client…). */
  | 'provider_error'
  /** ProConnect could not be reached or timed out (discovery, token, userinfo, JWKS). */
  | 'provider_unreachable'
  /** The ID token is missing, badly signed, expired or for another audience/issuer. */
  | 'invalid_id_token'
  /** The userinfo answer is not a JWT signed by ProConnect, or lacks a usable email. */
  | 'invalid_userinfo'
  /** The discovery document lacks what this client needs (e.g. end_session_endpoint). */
  | 'unsupported_provider';

const MESSAGES: Record<ProConnectErrorReason, string> = {
  state_mismatch: 'La connexion ProConnect a expiré ou a été interrompue. Veuillez vous reconnecter.',
  nonce_mismatch: 'La réponse de ProConnect ne correspond pas à votre demande de connexion. Veuillez vous reconnecter.',
  invalid_callback: 'La réponse de ProConnect est incomplète. Veuillez vous reconnecter.',
  provider_error: 'ProConnect a refusé la connexion. Veuillez réessayer.',
  provider_unreachable: 'ProConnect est momentanément indisponible. Veuillez réessayer dans quelques instants.',
  invalid_id_token: "La réponse de ProConnect n'a pas pu être vérifiée. Veuillez vous reconnecter.",
  invalid_userinfo: "Les informations transmises par ProConnect n'ont pas pu être vérifiées. Veuillez vous reconnecter.",
  unsupported_provider: 'Le service ProConnect configuré ne prend pas en charge cette opération.',
};

export class ProConnectError extends Error {
  override readonly name = 'ProConnectError';

  /**
   * @param reason stable code for the caller
   * @param detail technical explanation for the logs (never shown to users)
   * @param cause the underlying library error, if any
   */
  constructor(
    readonly reason: ProConnectErrorReason,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(MESSAGES[reason], options);
  }

  /** The OAuth `error` code returned by ProConnect, when there was one (e.g. `access_denied`). */
  get providerError(): string | null {
    const cause: unknown = this.cause;
    if (typeof cause === 'object' && cause !== null && 'error' in cause && typeof cause.error === 'string') return cause.error;
    return null;
  }
}
