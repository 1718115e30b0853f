import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Role, roleCan } from '@suivi-pvd/domain';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { buildOpenApiDocument } from '../create-app';
import { ensureOrganisation } from '../organisations/ensure-organisation';
import { CSRF, createConvention, createPvd, defaultOrganisation, TEST_PASSWORD, TEST_PDF, useTestApp } from '../test/test-app';
import { ACCESS_KEY, AccessRule } from './auth/access.decorators';
import { JOBS_SCHEMA } from './jobs/jobs.service';

/**
 * The fuzz suite: every operation of the OpenAPI document the app builds, called as a user whose
 * role may call it, with requests generated from the operation's schema by fast-check: a valid
 * request mutated in one place (wrong types, nulls, numbers out of any column's range, control
 * characters, NUL, lone surrogates, deep nesting, arrays of arrays, unknown or missing fields),
 * hostile path and query parameters, whole bodies that are not what the route expects, and
 * multipart requests with missing, empty or wrong files. It fails on any 5xx, and on any write
 * left by a refused request.
 *
 * Writes are seen by a row trigger on every table of the test database (set up here, not by a
 * migration) that inserts into `fuzz_write` in the writing transaction: a rolled-back write
 * leaves nothing, a committed one leaves a row naming its table. Before a request the suite
 * reads the sequence's position; after a refused one it reads the rows past it. Bookkeeping that
 * a refusal rightly leaves is not counted: sessions, rate-limit and throttling state, and audit
 * rows of failed sign-ins. Cost: one indexed read before and after each request.
 *
 * Reproduce a run with `FUZZ_SEED=<seed>` (printed at the start; fixed when CI=true);
 * `FUZZ_RUNS` sets the cases per operation.
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI === 'true' ? 20_261_203 : Math.floor(Math.random() * 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/** Routes that end the caller's session: fewer cases, and a new sign-in after each success. */
const ENDS_SESSION = new Set(['POST /api/auth/logout', 'POST /api/auth/proconnect/deconnexion']);
/** Tables and audit actions a refused request may rightly write: sessions, throttling, failed sign-ins. */
const BOOKKEEPING_TABLES = /session|rate_limit|throttl|attempt|proconnect_request|login/;
const BOOKKEEPING_ACTIONS = /^auth\.|echec|failed|blocked/;
/** Stands for the current version of the record a request writes, read right before sending it. */
const VERSION = 987_654_321;
/** Where the version of the record a route writes is read, by path (the path's `{id}` as $1). */
const VERSION_SOURCES: [RegExp, string][] = [
  [/^\/api\/conventions\/\{id\}/, 'SELECT version FROM convention WHERE id = $1'],
  [/^\/api\/postes\/\{id\}\/demandes/, 'SELECT version FROM demande_cofinancement WHERE poste_id = $1 AND annee = 2026'],
  [/^\/api\/postes\/\{id\}/, 'SELECT version FROM poste WHERE id = $1'],
  [/^\/api\/missions\/\{id\}/, 'SELECT version FROM mission WHERE id = $1'],
  [/^\/api\/financeurs\/\{id\}/, 'SELECT version FROM financeur WHERE id = $1'],
  [/^\/api\/orts\/\{id\}/, 'SELECT version FROM ort WHERE id = $1'],
  [/^\/api\/operations-habitat\/\{id\}/, 'SELECT version FROM operation_habitat WHERE id = $1'],
  [/^\/api\/financements\/dispositifs\/\{id\}/, 'SELECT version FROM dispositif WHERE id = $1'],
  [/^\/api\/financements\/lignes\/\{id\}/, 'SELECT version FROM ligne_financement WHERE id = $1'],
  [/^\/api\/demarches\/\{id\}/, 'SELECT version FROM demarche WHERE id = $1'],
  [/^\/api\/participations\/\{id\}/, 'SELECT version FROM demarche_participation WHERE id = $1'],
  [/^\/api\/comptes\/\{id\}/, 'SELECT version FROM app_user WHERE id = $1'],
  [/^\/api\/organisations\/\{id\}/, 'SELECT version FROM organisation WHERE id = $1'],
  [/^\/api\/pvd\/\{id\}\/contacts/, `SELECT version FROM pvd_contact WHERE pvd_id = $1 AND fonction = 'elu_referent'`],
];
/** Preferred role for each route, in this order: the first that has the route's permission. */
const ROLE_ORDER: Role[] = ['chef_de_projet', 'prefecture_instructeur', 'anct_directeur', 'administrateur', 'partenaire', 'sgar_lecteur', 'elu_lecteur'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  example?: unknown;
  default?: unknown;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  key: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: Parameter[];
  json?: Schema;
  multipart?: Schema;
}

/** A generated request, printable as it is. */
interface FuzzRequest {
  method: Operation['method'];
  /** Path and query, percent-encoded as sent. */
  url: string;
  body?: { kind: 'json'; value: unknown } | { kind: 'raw'; contentType: string; text: string } | { kind: 'multipart'; fields: Record<string, string>; file?: { field: string; name: string; content: 'valid' | 'empty' | 'garbage' } };
  note: string;
}

const deep = (levels: number, leaf: Json = 1): Json => {
  let value: Json = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

/** Values no field should turn into a 5xx, whatever its type. */
const HOSTILE: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  1e20,
  1e308,
  -1e308,
  5e-324,
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  'a\u0007b',
  'a\u001bb',
  'a\u0085b',
  '\u202eexe.pdf',
  'é'.repeat(5000),
  '2026-02-30',
  '0000-01-01',
  '+275760-09-13',
  '2026-13-01T25:61:61Z',
  '99999999999999999999',
  '1e308',
  'NaN',
  'Infinity',
  '-1',
  '0x10',
  "' OR 1=1 --",
  '00000000-0000-0000-0000-000000000000',
  '23001\u0000',
  [],
  [[]],
  [['a']],
  [[1, 2]],
  [null],
  [{}],
  {},
  { a: 1 },
  { __proto__: { admin: true } } as unknown as Json,
  { constructor: { prototype: { admin: true } } },
  deep(40),
  Array.from({ length: 2000 }, () => 'a'),
];

/** Values aimed at a field of a given type: what its column or its parser may not hold. */
const TYPED_HOSTILE: Record<string, Json[]> = {
  number: [2 ** 31, 2 ** 31 - 1, 2 ** 63, -(2 ** 63), 1e20, 1e308, -1e308, -1, 0, 1.5, 1e-7, 'NaN', '12', null, [[1]], true, {}],
  string: ['a\u0000b', '\ud800', 'a\u0007b', 'x'.repeat(20_000), '', '  ', null, 12, [['a']], ['a'], {}, true, '2026-02-30', '99999999999999999999'],
  boolean: ['true', 1, null, [[true]], {}],
  array: [[[]], [['a']], [[1]], [null], [{}], null, {}, 'a', Array.from({ length: 5000 }, (_, i) => i)],
  object: [null, [], [[]], 'a', 1, {}, { zzz: 1 }],
};

/** Raw bodies that are not the JSON object a route expects. */
const RAW_BODIES: { contentType: string; text: string }[] = [
  { contentType: 'application/json', text: '['.repeat(3000) + ']'.repeat(3000) },
  { contentType: 'application/json', text: '{"a":'.repeat(3000) + '1' + '}'.repeat(3000) },
  { contentType: 'application/json', text: '{"a":' },
  { contentType: 'application/json', text: 'null' },
  { contentType: 'application/json', text: '"texte"' },
  { contentType: 'application/json', text: '42' },
  { contentType: 'application/json', text: '[1,2,3]' },
  { contentType: 'application/json', text: '{"a":"\\ud800"}' },
  { contentType: 'application/json', text: '{"__proto__":{"x":1}}' },
  { contentType: 'application/json', text: '\u0000' },
  { contentType: 'text/plain', text: 'bonjour' },
  { contentType: 'application/x-www-form-urlencoded', text: 'a=1&a=2&b[c]=3' },
  { contentType: 'application/xml', text: '<a/>' },
  { contentType: 'multipart/form-data; boundary=x', text: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n' },
];

/** Path and query values, already percent-encoded (some are deliberately not valid UTF-8). */
const HOSTILE_PARAMS = [
  'abc',
  '0',
  '-1',
  '1.5',
  '2147483648',
  '99999999999999999999',
  '1e308',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF',
  '%C3',
  '%E2%80%AE',
  '%0A',
  '..%2F..%2Fetc',
  'x'.repeat(3000),
  '%27%20OR%201%3D1',
  '%5B%5D',
  'true',
];

function routeRules(t: ReturnType<typeof useTestApp>): Map<string, AccessRule | undefined> {
  const reflector = t.app.get(Reflector);
  const scanner = new MetadataScanner();
  const rules = new Map<string, AccessRule | undefined>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const prototype = Object.getPrototypeOf(wrapper.instance);
      const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) ?? '');
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const route = `/api/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}');
        rules.set(`${method} ${route}`, reflector.getAllAndOverride(ACCESS_KEY, [handler, wrapper.metatype as object]));
      }
    }
  }
  return rules;
}

function operations(document: OpenAPIObject): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content ?? {};
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        parameters: (op.parameters ?? []) as Parameter[],
        json: content['application/json']?.schema,
        multipart: content['multipart/form-data']?.schema,
      });
    }
  }
  return out;
}

describe('fuzz: no 5xx and no write left by a refused request, on every route', () => {
  const t = useTestApp();
  let document: OpenAPIObject;
  const agents = new Map<Role | 'anonymous', TestAgent>();
  /** Valid values of path parameters, by route path. */
  const ids: Record<string, string> = {};
  let epciSiren = '';

  const resolve = (schema: Schema | undefined): Schema => {
    let current = schema ?? {};
    for (let i = 0; i < 20 && current.$ref; i++) current = (document.components?.schemas?.[current.$ref.split('/').pop() as string] ?? {}) as Schema;
    if (current.allOf?.length) return resolve(current.allOf.reduce((a, b) => ({ ...a, ...resolve(b), properties: { ...a.properties, ...resolve(b).properties }, required: [...(a.required ?? []), ...(resolve(b).required ?? [])] }), {} as Schema));
    if (current.oneOf?.length) return resolve(current.oneOf[0]);
    if (current.anyOf?.length) return resolve(current.anyOf[0]);
    return current;
  };

  /** A plausible valid value of a field, from its schema and name. */
  const example = (raw: Schema | undefined, name: string, depth = 0): Json => {
    const schema = resolve(raw);
    if (schema.enum?.length) return schema.enum[0] as Json;
    const type = schema.type ?? (schema.properties ? 'object' : 'string');
    if (type === 'object') {
      if (depth > 4) return {};
      const value: Record<string, Json> = {};
      for (const [key, child] of Object.entries(schema.properties ?? {})) value[key] = example(child, key, depth + 1);
      if (/organisation$/i.test(name)) return { type: 'commune', communeInsee: '23001' };
      return value;
    }
    if (type === 'array') {
      if (/communes/i.test(name)) return ['23001'];
      return depth > 4 ? [] : [example(schema.items, name.replace(/s$/, ''), depth + 1)];
    }
    if (type === 'boolean') return true;
    if (type === 'integer' || type === 'number') {
      if (/annee/i.test(name)) return 2026;
      if (name === 'version') return VERSION;
      if (/quotite/i.test(name)) return 100;
      if (name === 'page') return 1;
      if (name === 'pageSize') return 20;
      if (typeof schema.example === 'number') return schema.example;
      return schema.minimum !== undefined && schema.minimum > 0 ? schema.minimum : 1;
    }
    if (schema.format === 'date') return name === 'dateEffet' ? '2090-01-15' : '2026-01-15';
    if (schema.format === 'date-time') return '2026-01-15T10:00:00.000Z';
    if (/email/i.test(name)) return `fuzz.${randomUUID().slice(0, 8)}@test.invalid`;
    if (/password/i.test(name)) return name === 'currentPassword' ? TEST_PASSWORD : 'une phrase de passe solide';
    if (name === 'token') return 'x'.repeat(43);
    if (/telephone/i.test(name)) return '05 55 00 00 00';
    if (name === 'code') return `fuzz_${randomUUID().slice(0, 8)}`;
    if (/insee|commune|beneficiaireCode|maitreOuvrageCode|employeurCode/i.test(name)) return '23001';
    if (/siren|epci/i.test(name)) return epciSiren;
    if (/siret/i.test(name)) return '21230001000014';
    if (/departement/i.test(name)) return '23';
    if (/region/i.test(name)) return '75';
    if (/^pvdId$/.test(name)) return ids.pvd;
    if (/financeurId/.test(name)) return ids.financeur;
    if (/dispositifId/.test(name)) return ids.dispositif;
    if (schema.format === 'uuid') return ids.pvd;
    if (typeof schema.example === 'string') return schema.example;
    return `Texte ${name}`.slice(0, schema.maxLength ?? 200);
  };

  /** The valid value of a path parameter of an operation. */
  const pathValue = (op: Operation, name: string): string => {
    if (name === 'fonction') return 'elu_referent';
    if (name === 'annee') return '2026';
    if (name === 'numero') return '1';
    if (name === 'insee') return '23001';
    if (name === 'type') return 'financements';
    if (name === 'membershipId') return ids.membership;
    const prefix = Object.keys(ids)
      .filter((p) => p.startsWith('/') && op.path.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    return prefix ? ids[prefix] : randomUUID();
  };

  /** Every place in a value a mutation can go: `['titulaires', 0, 'nom']`. */
  const slots = (value: Json, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] => {
    if (value !== null && typeof value === 'object' && path.length < 4) {
      for (const [key, child] of Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)) {
        out.push([...path, key]);
        slots(child, [...path, key], out);
      }
    }
    return out;
  };
  const setAt = (value: Json, path: (string | number)[], replacement: Json | undefined): Json => {
    const copy = structuredClone(value) as Record<string | number, Json>;
    let node = copy as Record<string | number, Json>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
    const last = path[path.length - 1];
    if (replacement === undefined) delete node[last];
    else node[last] = replacement;
    return copy as Json;
  };

  /** Requests for an operation: a valid one mutated in one place, or hostile as a whole. */
  const requestArbitrary = (op: Operation): fc.Arbitrary<FuzzRequest> => {
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    const validPath = () => op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValue(op, name)));
    const validQuery = (): [string, string][] =>
      queryParams.filter((p) => p.required).map((p) => [p.name, encodeURIComponent(String(example(p.schema, p.name)))]);
    const url = (path: string, query: [string, string][]) => (query.length ? `${path}?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : path);
    const base = op.json ? example(op.json, 'body') : undefined;
    const baseSlots = base === undefined ? [] : slots(base);
    const validBody = (): FuzzRequest['body'] =>
      op.json ? { kind: 'json', value: example(op.json, 'body') } : op.multipart ? multipartBody('valid') : undefined;
    const multipartBody = (content: 'valid' | 'empty' | 'garbage' | 'none', override?: [string, string]): FuzzRequest['body'] => {
      const schema = resolve(op.multipart);
      const fields: Record<string, string> = {};
      let fileField = 'fichier';
      for (const [name, child] of Object.entries(schema.properties ?? {})) {
        const resolved = resolve(child);
        if (resolved.format === 'binary') fileField = name;
        else fields[name] = String(example(resolved, name));
      }
      if (override) fields[override[0]] = override[1];
      return { kind: 'multipart', fields, file: content === 'none' ? undefined : { field: fileField, name: `fuzz.${op.path.includes('densite') || op.path.includes('imports') ? 'csv' : 'pdf'}`, content } };
    };
    const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, fc.string({ unit: 'binary', maxLength: 12 }), fc.double(), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }));

    const kinds: fc.Arbitrary<FuzzRequest>[] = [
      fc.constant({ method: op.method, url: url(validPath(), validQuery()), body: validBody(), note: 'valid' }),
    ];
    if (pathParams.length) {
      kinds.push(
        fc.tuple(fc.constantFrom(...pathParams.map((p) => p.name)), fc.constantFrom(...HOSTILE_PARAMS)).map(([name, value]) => ({
          method: op.method,
          url: url(op.path.replace(/\{(\w+)\}/g, (_, n: string) => (n === name ? value : encodeURIComponent(pathValue(op, n)))), validQuery()),
          body: validBody(),
          note: `path ${name}`,
        })),
      );
    }
    if (queryParams.length) {
      kinds.push(
        fc
          .tuple(fc.constantFrom(...queryParams.map((p) => p.name)), fc.oneof(fc.constantFrom(...HOSTILE_PARAMS), fc.string({ maxLength: 8 }).map(encodeURIComponent)), fc.boolean())
          .map(([name, value, twice]) => {
            const query = validQuery().filter(([k]) => k !== name);
            query.push([name, value]);
            if (twice) query.push([name, 'b']);
            return { method: op.method, url: url(validPath(), query), body: validBody(), note: `query ${name}` };
          }),
      );
    }
    kinds.push(
      fc.constantFrom(...RAW_BODIES).map((raw) => ({ method: op.method, url: url(validPath(), validQuery()), body: { kind: 'raw' as const, ...raw }, note: 'raw body' })),
      fc.record({ key: fc.constantFrom('zzz', 'inconnu', '__proto__', 'constructor', 'a\u0000b', '\ud800'), value: hostile }).map(({ key, value }) => ({
        method: op.method,
        url: url(validPath(), validQuery()),
        body: { kind: 'json' as const, value: { ...((base ?? {}) as object), [key]: value } },
        note: 'unknown field',
      })),
    );
    if (baseSlots.length) {
      const slot = fc.constantFrom(...baseSlots);
      kinds.push(
        fc
          .tuple(slot, fc.nat(), fc.boolean())
          .chain(([path, n, generic]) => {
            const current = path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], base as Json);
            const pool = TYPED_HOSTILE[Array.isArray(current) ? 'array' : current === null ? 'object' : (typeof current as 'number')] ?? HOSTILE;
            return (generic ? hostile : fc.constant(pool[n % pool.length])).map((value) => [path, value] as const);
          })
          .map(([path, value]) => ({
            method: op.method,
            url: url(validPath(), validQuery()),
            body: { kind: 'json' as const, value: setAt(base as Json, path, value) },
            note: `field ${path.join('.')}`,
          })),
        fc.tuple(slot, fc.constantFrom<Json | undefined>(undefined, null, [[]], [['x']], [[1]], deep(3000 / 2))).map(([path, value]) => ({
          method: op.method,
          url: url(validPath(), validQuery()),
          body: { kind: 'json' as const, value: setAt(base as Json, path, value) },
          note: `field ${path.join('.')} (missing, null, nested)`,
        })),
      );
    }
    if (op.multipart) {
      const fieldNames = Object.entries(resolve(op.multipart).properties ?? {})
        .filter(([, s]) => resolve(s).format !== 'binary')
        .map(([name]) => name);
      kinds.push(
        fc.constantFrom<'empty' | 'garbage' | 'none'>('empty', 'garbage', 'none').map((content) => ({
          method: op.method,
          url: url(validPath(), validQuery()),
          body: multipartBody(content),
          note: `multipart file ${content}`,
        })),
        fc.constant({ method: op.method, url: url(validPath(), validQuery()), body: { ...(multipartBody('valid') as { kind: 'multipart'; fields: Record<string, string> }), file: { field: 'autre', name: 'x.pdf', content: 'valid' as const } }, note: 'multipart wrong file field' }),
      );
      if (fieldNames.length) {
        kinds.push(
          fc.tuple(fc.constantFrom(...fieldNames), fc.oneof(fc.constantFrom(...HOSTILE.filter((h) => typeof h === 'string' || typeof h === 'number').map(String)), fc.string({ unit: 'binary', maxLength: 12 }))).map(([name, value]) => ({
            method: op.method,
            url: url(validPath(), validQuery()),
            body: multipartBody('valid', [name, value]),
            note: `multipart field ${name}`,
          })),
        );
      }
    }
    return fc.oneof(...kinds);
  };

  const FILES = (path: string): Buffer =>
    path.includes('densite')
      ? Buffer.from('CODGEO;DENS\n23001;5\n')
      : path.includes('imports-partenaires')
        ? Buffer.from('reference;dispositif;beneficiaire;projet;montant;statut;date_demande\nFUZZ-1;dsil;23001;Projet;1 000;demandé;01/01/2024\n')
        : path.includes('pvd/imports')
          ? Buffer.from('insee_com,lib_com,id_pvd,date_signature\n')
          : TEST_PDF;

  const currentVersion = async (op: Operation): Promise<number> => {
    const source = VERSION_SOURCES.find(([pattern]) => pattern.test(op.path));
    if (!source) return 1;
    const id = pathValue(op, 'id');
    const rows: { version: number }[] = await t.dataSource.query(source[1], [id]).catch(() => []);
    return rows[0]?.version ?? 0;
  };

  const send = async (agent: TestAgent, op: Operation, r: FuzzRequest): Promise<Response> => {
    const version = String(await currentVersion(op));
    let call = agent[r.method](r.url.replace(`=${VERSION}`, `=${version}`));
    if (r.body?.kind === 'json' && r.body.value !== null && typeof r.body.value === 'object' && (r.body.value as Record<string, unknown>).version === VERSION) {
      r = { ...r, body: { kind: 'json', value: { ...(r.body.value as object), version: Number(version) } } };
    }
    if (r.body?.kind === 'multipart' && r.body.fields.version === String(VERSION)) r = { ...r, body: { ...r.body, fields: { ...r.body.fields, version } } };
    if (r.method !== 'get') call = call.set(CSRF);
    const body = r.body;
    if (!body) return call;
    if (body.kind === 'json') return call.send(body.value as object);
    if (body.kind === 'raw') return call.set('Content-Type', body.contentType).send(body.text);
    for (const [name, value] of Object.entries(body.fields)) call = call.field(name, value);
    if (body.file) {
      const content = body.file.content === 'valid' ? FILES(op.path) : body.file.content === 'empty' ? Buffer.alloc(0) : Buffer.from([0, 255, 0xd8, 0x00, 1, 2, 3]);
      call = call.attach(body.file.field, content, body.file.name);
    }
    return call;
  };

  const describeRequest = (key: string, role: string, r: FuzzRequest, res: Response) =>
    `${key} as ${role} [${r.note}] ${r.method.toUpperCase()} ${r.url.slice(0, 300)} ${JSON.stringify(r.body ?? null, (_, v) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v)).slice(0, 600)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;

  beforeAll(async () => {
    document = buildOpenApiDocument(t.app);
    const ds = t.dataSource;
    // Write detection: a row trigger on every table records committed writes.
    await ds.query(`CREATE TABLE fuzz_write (id bigserial PRIMARY KEY, table_name text NOT NULL, action text)`);
    await ds.query(`CREATE FUNCTION fuzz_record_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO fuzz_write (table_name, action) VALUES (TG_TABLE_NAME, CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) ->> 'action' END);
        RETURN NULL;
      END $$`);
    const tables: { table_name: string }[] = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'fuzz_write'`,
    );
    for (const { table_name } of tables) {
      await ds.query(`CREATE TRIGGER fuzz_write AFTER INSERT OR UPDATE OR DELETE ON "${table_name}" FOR EACH ROW EXECUTE FUNCTION fuzz_record_write()`);
    }

    // Records the routes name, in Ahun (23001), which every chosen role sees.
    const pvd = await createPvd(ds, ['23001']);
    ids.pvd = pvd.id;
    ids['/api/pvd/'] = pvd.id;
    epciSiren = (await ds.query(`SELECT epci_siren FROM commune WHERE insee = '23001'`).catch(() => [{}]))[0]?.epci_siren ?? '200000000';
    ids['/api/conventions/'] = (await createConvention(ds, pvd.id, { etat: 'brouillon' })).id;
    const [doc] = await ds.query(`INSERT INTO document (pvd_id, convention_id, nature, titre) VALUES ($1, $2, 'piece', 'Pièce') RETURNING id`, [pvd.id, ids['/api/conventions/']]);
    ids['/api/documents/'] = doc.id;
    const partner = await ensureOrganisation(ds, defaultOrganisation('partenaire'));
    await ds.query(`UPDATE financeur SET organisation_id = $1 WHERE code = 'banque_des_territoires'`, [partner.id]);
    ids.financeur = (await ds.query(`SELECT id FROM financeur WHERE code = 'banque_des_territoires'`))[0].id;
    const [p] = await ds.query(`INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code) VALUES ($1, 'Poste', 'commune', '23001') RETURNING id`, [pvd.id]);
    ids['/api/postes/'] = p.id;
    await ds.query(`INSERT INTO demande_cofinancement (poste_id, annee, montant_demande, date_demande) VALUES ($1, 2026, 100, '2026-01-15')`, [p.id]);
    ids['/api/missions/'] = (await ds.query(`INSERT INTO mission (pvd_id, financeur_id, nature, intitule, statut) VALUES ($1, $2, 'etude', 'Étude', 'demandee') RETURNING id`, [pvd.id, ids.financeur]))[0].id;
    ids['/api/financeurs/'] = (await ds.query(`INSERT INTO financeur (code, nom) VALUES ('fuzz', 'Financeur du fuzz') RETURNING id`))[0].id;
    ids['/api/programme/parametres/'] = (await ds.query(`INSERT INTO programme_parametre (cle, valeur, date_effet, decide_le) VALUES ('taux_anah', '50', '2095-01-01', '2025-01-01') RETURNING id`))[0].id;
    const [ort] = await ds.query(`INSERT INTO ort (libelle, statut) VALUES ('ORT du fuzz', 'en_preparation') RETURNING id`);
    await ds.query('INSERT INTO ort_commune (ort_id, commune_insee) VALUES ($1, $2)', [ort.id, '23001']);
    ids['/api/orts/'] = ort.id;
    const [operation] = await ds.query(
      `INSERT INTO operation_habitat (type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, phase) VALUES ('opah', 'OPAH du fuzz', 'commune', '23001', 'etude_pre_operationnelle') RETURNING id`,
    );
    await ds.query('INSERT INTO operation_habitat_commune (operation_id, commune_insee) VALUES ($1, $2)', [operation.id, '23001']);
    ids['/api/operations-habitat/'] = operation.id;
    ids.dispositif = (await ds.query(`SELECT id FROM dispositif WHERE code = 'dsil'`))[0].id;
    ids['/api/financements/dispositifs/'] = ids.dispositif;
    ids['/api/financements/lignes/'] = (
      await ds.query(
        `INSERT INTO ligne_financement (dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_demande) VALUES ($1, 'commune', '23001', 'Ligne du fuzz', 100000, 'demande', '2025-01-15') RETURNING id`,
        [ids.dispositif],
      )
    )[0].id;
    ids['/api/imports-partenaires/'] = (
      await ds.query(`INSERT INTO import_partenaire (type, organisation_id, nom_fichier, statut) VALUES ('financements', $1, 'fuzz.csv', 'termine') RETURNING id`, [partner.id])
    )[0].id;
    const [demarche] = await ds.query(`INSERT INTO demarche (code, nom, attributs) VALUES ('fuzz', 'Dispositif du fuzz', '[]') RETURNING id`);
    ids['/api/demarches/'] = demarche.id;
    ids['/api/participations/'] = (await ds.query(`INSERT INTO demarche_participation (demarche_id, commune_insee, attributs) VALUES ($1, '23001', '{}') RETURNING id`, [demarche.id]))[0].id;

    for (const role of ROLE_ORDER) agents.set(role, (await t.signIn(role)).agent);
    agents.set('anonymous', t.http());
    const target = await t.signIn('chef_de_projet');
    ids['/api/comptes/'] = target.user.id;
    ids.membership = (await ds.query('SELECT id FROM membership WHERE user_id = $1', [target.user.id]))[0].id;
    ids['/api/organisations/'] = target.user.organisationId;
    const anct = agents.get('anct_directeur') as TestAgent;
    ids['/api/pvd/imports/'] = (await anct.post('/api/pvd/imports').set(CSRF).attach('fichier', FILES('pvd/imports'), 'vide.csv')).body.id;
  });

  it('answers every generated request with less than 500, and refused requests write nothing', async () => {
    process.stdout.write(`fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}\n`);
    const started = Date.now();
    const rules = routeRules(t);
    const failures: string[] = [];
    let cases = 0;
    const ops = operations(document);
    for (const [index, op] of ops.entries()) {
      const rule = rules.get(op.key);
      const role: Role | 'anonymous' =
        rule?.kind === 'public' ? 'anonymous' : rule?.kind === 'permission' ? (ROLE_ORDER.find((r) => roleCan(r, rule.permission)) ?? 'chef_de_projet') : 'chef_de_projet';
      const runs = ENDS_SESSION.has(op.key) ? 4 : RUNS;
      const routeFailures: string[] = [];
      const statuses: Record<number, number> = {};
      const routeStarted = Date.now();
      await fc.assert(
        fc.asyncProperty(requestArbitrary(op), async (r) => {
          cases++;
          const agent = agents.get(role) as TestAgent;
          const [{ mark }] = await t.dataSource.query(`SELECT coalesce(max(id), 0) AS mark FROM fuzz_write`);
          const res = await send(agent, op, r);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (r.note === 'valid' && process.env.FUZZ_VERBOSE) process.stdout.write(`fuzz: ${op.key} valid → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}\n`);
          if (res.status >= 500) routeFailures.push(`5xx: ${describeRequest(op.key, role, r, res)}`);
          else if (res.status >= 400 && res.status !== 401 && res.status !== 429) {
            const writes: { table_name: string; action: string | null }[] = await t.dataSource.query(`SELECT table_name, action FROM fuzz_write WHERE id > $1`, [mark]);
            const left = writes.filter((w) => !BOOKKEEPING_TABLES.test(w.table_name) && !(w.action && BOOKKEEPING_ACTIONS.test(w.action)));
            if (left.length) routeFailures.push(`write left by a refused request (${left.map((w) => w.table_name).join(', ')}): ${describeRequest(op.key, role, r, res)}`);
          } else if (res.status < 300 && (r.body?.kind === 'multipart' || res.status === 202)) {
            // An accepted upload or a queued job (202) goes on in the background: let it finish before the next request.
            await settle();
          } else if (res.status < 300 && op.method !== 'get' && (await pendingJobs()) > 0) {
            // An accepted write that queued a job (an email, a recount): its writes are not the next request's.
            await settle();
          }
          if (ENDS_SESSION.has(op.key) && res.status < 300 && role !== 'anonymous') agents.set(role, (await t.signIn(role)).agent);
          return true;
        }),
        { seed: SEED + index, numRuns: runs },
      );
      failures.push(...routeFailures.slice(0, 5));
      if (process.env.FUZZ_VERBOSE) process.stdout.write(`fuzz: ${op.key} as ${role}: ${JSON.stringify(statuses)} in ${Date.now() - routeStarted} ms\n`);
    }
    process.stdout.write(`fuzz: ${ops.length} operations, ${cases} requests in ${((Date.now() - started) / 1000).toFixed(1)} s (FUZZ_SEED=${SEED})\n`);
    expect(failures).toEqual([]);
  }, 600_000);

  /**
   * Waits until the background work of an accepted request is over: no job due or running on the
   * queue, and no write for a moment.
   */
  async function pendingJobs(): Promise<number> {
    const [{ pending }] = await t.dataSource.query(
      `SELECT count(*)::int AS pending FROM ${JOBS_SCHEMA}.job WHERE state IN ('created', 'retry', 'active') AND start_after <= now()`,
    );
    return pending;
  }

  async function settle(): Promise<void> {
    let last = -1;
    for (let i = 0; i < 100; i++) {
      const [{ mark }] = await t.dataSource.query(`SELECT coalesce(max(id), 0)::int AS mark FROM fuzz_write`);
      if (mark === last && (await pendingJobs()) === 0) return;
      last = mark;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
});
