/**
 * Every error code the API returns, mapped to its HTTP status in one place. Codes are stable:
 * clients and tests branch on them, never on messages.
 */
export const ERROR_STATUS = {
  // Generic
  VALIDATION_FAILED: 400,
  MALFORMED_BODY: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_HEADER_MISSING: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_ERROR: 500,
  DATABASE_UNAVAILABLE: 503,
  // Auth
  INVALID_CREDENTIALS: 401,
  // Référentiel
  COMMUNE_NOT_FOUND: 404,
  DENSITE_FILE_INVALID: 400,
  // PVD
  PVD_NOT_FOUND: 404,
  PVD_IMPORT_FILE_MISSING: 400,
  PVD_IMPORT_FORMAT_UNKNOWN: 400,
  PVD_IMPORT_NOT_FOUND: 404,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
