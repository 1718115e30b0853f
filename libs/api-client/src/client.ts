import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** Header the API requires on every mutating request (CSRF protection). */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_HEADER_VALUE = 'suivi-pvd';

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The single error body returned by the API. Messages are already in French. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  fields?: Record<string, string[]>;
}

/** Error thrown by the helpers below; carries the API's error body. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly fields: Record<string, string[]>;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.fields = body.fields ?? {};
  }

  /** First message for a form field, if the API reported one. */
  fieldMessage(field: string): string | undefined {
    return this.fields[field]?.[0];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFieldMap(value: unknown): value is Record<string, string[]> {
  return (
    isRecord(value) &&
    Object.values(value).every((v) => Array.isArray(v) && v.every((m) => typeof m === 'string'))
  );
}

/**
 * Builds an ApiError from whatever came back (a proper error body, an unexpected body, or
 * nothing at all), so callers always get a status, a code and a French message.
 */
export function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body['code'] === 'string' && typeof body['message'] === 'string') {
    return new ApiError({
      statusCode: typeof body['statusCode'] === 'number' ? body['statusCode'] : status,
      code: body['code'],
      message: body['message'],
      fields: isFieldMap(body['fields']) ? body['fields'] : undefined,
    });
  }
  if (status === 0) {
    return new ApiError({
      statusCode: 0,
      code: 'NETWORK_ERROR',
      message: 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.',
    });
  }
  return new ApiError({
    statusCode: status,
    code: 'UNEXPECTED_ERROR',
    message: `Une erreur inattendue est survenue (code ${status}). Réessayez plus tard.`,
  });
}

const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (MUTATING_METHODS.has(request.method.toUpperCase())) {
      request.headers.set(CSRF_HEADER, CSRF_HEADER_VALUE);
    }
    return request;
  },
};

/** Creates a typed client for the API (same origin, session cookie). */
export function createApiClient(baseUrl = '') {
  const client = createClient<paths>({ baseUrl, credentials: 'same-origin' });
  client.use(csrfMiddleware);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Shared client instance for the web app. */
export const api = createApiClient();

/**
 * Unwraps an openapi-fetch result: returns `data`, or throws an ApiError built from `error`.
 * Network failures (fetch rejecting) are turned into an ApiError too.
 */
export async function unwrap<T, E>(
  pending: Promise<{ data?: T; error?: E; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: E; response: Response };
  try {
    result = await pending;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw toApiError(0, undefined);
  }
  const { data, error, response } = result;
  if (!response.ok || error !== undefined) throw toApiError(response.status, error);
  // 204 No Content: openapi-fetch gives `{}` (or undefined) as data.
  return data as T;
}

// ---------------------------------------------------------------------------------------------
// Response typing helpers that only depend on `paths`, so they survive schema regeneration.

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206 | '2XX';
type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** JSON body of the success response of an operation, whatever its 2xx status. */
export type SuccessJson<Op> = JsonOf<ResponsesOf<Op>[Extract<keyof ResponsesOf<Op>, SuccessStatus>]>;

/** JSON body of the success response of `method` on `path`. */
export type ApiResponse<P extends keyof paths, M extends HttpMethod> = SuccessJson<
  NonNullable<paths[P][M & keyof paths[P]]>
>;

// ---------------------------------------------------------------------------------------------
// File upload with progress (openapi-fetch cannot report upload progress).

export interface UploadProgress {
  loaded: number;
  /** null when the browser cannot compute the total size. */
  total: number | null;
  /** 0..100, or null when unknown. */
  percent: number | null;
}

export interface UploadOptions {
  signal?: AbortSignal;
  method?: 'POST' | 'PUT';
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Sends a multipart form with XMLHttpRequest so that upload progress can be shown. Sends the
 * session cookie and the CSRF header; resolves with the parsed JSON body, rejects with an
 * ApiError (or an AbortError DOMException when `signal` aborts).
 */
export function uploadWithProgress<T>(
  url: string,
  formData: FormData,
  onProgress?: (progress: UploadProgress) => void,
  options: UploadOptions = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(options.method ?? 'POST', url);
    xhr.withCredentials = false; // same-origin requests send cookies anyway
    xhr.responseType = 'text';
    xhr.setRequestHeader(CSRF_HEADER, CSRF_HEADER_VALUE);
    xhr.setRequestHeader('Accept', 'application/json');

    xhr.upload.addEventListener('progress', (event) => {
      const total = event.lengthComputable ? event.total : null;
      onProgress?.({
        loaded: event.loaded,
        total,
        percent: total ? Math.min(100, Math.round((event.loaded / total) * 100)) : null,
      });
    });

    xhr.addEventListener('load', () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(toApiError(xhr.status, body));
    });
    xhr.addEventListener('error', () => reject(toApiError(0, undefined)));
    xhr.addEventListener('abort', () =>
      reject(new DOMException("L'envoi du fichier a été annulé.", 'AbortError')),
    );

    if (options.signal) {
      if (options.signal.aborted) {
        reject(new DOMException("L'envoi du fichier a été annulé.", 'AbortError'));
        return;
      }
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }

    xhr.send(formData);
  });
}
