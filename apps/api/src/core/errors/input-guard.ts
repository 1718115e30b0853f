import type { NextFunction, Request, Response } from 'express';
import { AppError, FieldErrors } from './app-error';

/**
 * What no request may carry, checked once for every route before Nest's guards and pipes: JSON
 * nested deeper than `MAX_JSON_DEPTH`, and text holding control characters or lone UTF-16
 * surrogates (PostgreSQL refuses NUL in text, and such characters have no business in a name,
 * a title or a search). Both walks are iterative: a hostile body cannot exhaust the stack.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * C0 controls except tab, line feed and carriage return (allowed in request bodies, where long
 * texts hold them), DEL, C1 controls, and UTF-16 surrogates that are not part of a pair.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** In query strings and paths no control character is allowed at all, not even tab or newline. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_PARAMETER = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const INVALID_CHARACTERS_MESSAGE = 'Caractères non autorisés (caractères de contrôle ou encodage invalide).';

/** The depth of a parsed JSON value (a scalar is 0, `[]` is 1), or `limit + 1` as soon as it is deeper. */
export function jsonDepthOver(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * The paths (`signataires.0.nom`) of the strings, and object keys, holding forbidden characters.
 * `prefix` names the value itself (a query parameter); at most `max` paths are returned.
 */
export function invalidTextPaths(value: unknown, pattern: RegExp = FORBIDDEN_IN_TEXT, prefix = '', max = 20): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, prefix]];
  while (stack.length && found.length < max) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (pattern.test(current)) found.push(path || '(corps)');
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    const entries: [string, unknown][] = Array.isArray(current) ? current.map((v, i) => [String(i), v]) : Object.entries(current);
    for (const [key, child] of entries) {
      const childPath = path ? `${path}.${key}` : key;
      if (pattern.test(key)) {
        // The key itself cannot be echoed safely: name its parent.
        found.push(path ? `${path}.(clé)` : '(clé)');
        continue;
      }
      stack.push([child, childPath]);
    }
  }
  return found;
}

function invalidCharacters(paths: string[]): AppError {
  const fields: FieldErrors = {};
  for (const path of paths) fields[path] = [INVALID_CHARACTERS_MESSAGE];
  return new AppError('VALIDATION_FAILED', 'La requête contient des caractères non autorisés.', fields);
}

/** Throws the 400 for a request value (body, query or path parameters) holding forbidden characters. */
export function assertCleanText(value: unknown, kind: 'body' | 'query' | 'param'): void {
  const paths = invalidTextPaths(value, kind === 'body' ? FORBIDDEN_IN_TEXT : FORBIDDEN_IN_PARAMETER);
  if (paths.length) throw invalidCharacters(paths);
}

/**
 * Express middleware, placed right after the body parsers: refuses a JSON body nested too deep,
 * and forbidden characters in the body, the query string and the path. Multipart text fields are
 * parsed later (by multer, inside Nest): the validation pipe checks them with `assertCleanText`.
 */
export function inputGuard() {
  return (request: Request, _response: Response, next: NextFunction): void => {
    try {
      if (request.body !== null && typeof request.body === 'object' && jsonDepthOver(request.body, MAX_JSON_DEPTH)) {
        throw new AppError('MALFORMED_BODY', `Le corps de la requête est trop imbriqué (${MAX_JSON_DEPTH} niveaux au plus).`);
      }
      assertCleanText(request.body, 'body');
      assertCleanText(request.query, 'query');
      const segments = pathSegments(request.path);
      if (segments === null) throw new AppError('BAD_REQUEST', 'Adresse de la requête mal encodée.');
      const bad = segments.findIndex((segment) => FORBIDDEN_IN_PARAMETER.test(segment));
      if (bad >= 0) throw new AppError('BAD_REQUEST', 'L’adresse de la requête contient des caractères non autorisés.');
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The decoded segments of a path, or null when one is not valid percent-encoding. */
function pathSegments(path: string): string[] | null {
  try {
    return path.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}
