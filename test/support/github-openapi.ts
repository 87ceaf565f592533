/**
 * Every mocked GitHub exchange checked against GitHub's own OpenAPI description (the
 * `api.github.com` file of @octokit/openapi), so a mock cannot drift from the real API:
 *
 * - when a mock is declared: the method and path exist in the description, the reply status is
 *   documented for that operation, and the reply body fits the documented schema (every required
 *   field present, types, enums, nested objects and arrays);
 * - when the request arrives: its query parameters are documented, required ones present, and
 *   its JSON body fits the documented request schema (required fields, types, enums, unknown
 *   top-level fields where the description forbids additional properties).
 *
 * A declaration that fails throws at once. A request that fails is answered 400 with the reason
 * (so the code under test stops there) and recorded; `done()` throws with every violation.
 *
 * Statuses GitHub documents for every endpoint rather than per operation (304 to a conditional
 * GET, 403/429 rate limits) are accepted everywhere; see generalResponseProblems.
 *
 * The schema checker is deliberately small: type (with `nullable`), required, properties,
 * additionalProperties, items, enum, allOf, anyOf, oneOf (treated as "at least one branch fits",
 * because GitHub's branches overlap once unknown properties are allowed), maxLength, maxItems.
 */
import { createRequire } from 'node:module';
import nock from 'nock';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, unknown>;

interface Operation {
  operationId?: string;
  parameters?: Schema[];
  requestBody?: Schema;
  responses: Record<string, Schema>;
}

interface Spec {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

interface CompiledPath {
  template: string;
  regex: RegExp;
  literalSegments: number;
}

let spec: Spec | undefined;
let compiled: CompiledPath[] | undefined;

/** GitHub's REST description, loaded once per test file. */
export function githubSpec(): Spec {
  if (!spec) {
    const require = createRequire(import.meta.url);
    spec = applyErrata(require('@octokit/openapi/generated/api.github.com.json') as Spec);
  }
  return spec;
}

/**
 * Known defects of the description, corrected so that real GitHub answers pass. Each one names
 * where it is and why; the list is short on purpose.
 */
function applyErrata(s: Spec): Spec {
  // `GET /app/installations` states `account: allOf [Simple User, Enterprise]`, which no account
  // satisfies: an account is one or the other, as the shared `installation` schema says (anyOf).
  const op = s.paths['/app/installations']?.['get'] as Operation | undefined;
  const items = (jsonSchemaOf(op?.responses['200']?.['content']) as Schema | undefined)?.['items'] as
    Schema | undefined;
  const account = (items?.['properties'] as Record<string, Schema> | undefined)?.['account'];
  if (account && Array.isArray(account['allOf'])) {
    account['anyOf'] = account['allOf'];
    delete account['allOf'];
  }
  // The workflow dispatch documents only 200/204, yet GitHub answers 422 (validation failed) when
  // it will not start the run: no workflow_dispatch trigger, an undeclared input, or, on
  // Enterprise Server releases without it, the `return_run_details` parameter.
  const dispatch = s.paths['/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches']?.['post'] as
    Operation | undefined;
  if (dispatch && !dispatch.responses['422'])
    dispatch.responses['422'] = { $ref: '#/components/responses/validation_failed_simple' };
  // Creating a check run documents only 201, yet GitHub answers 422 when it refuses one: a
  // head_sha that names no commit of the repository ("No commit found for SHA"), or an output
  // over its limits.
  const checkRun = s.paths['/repos/{owner}/{repo}/check-runs']?.['post'] as Operation | undefined;
  if (checkRun && !checkRun.responses['422'])
    checkRun.responses['422'] = { $ref: '#/components/responses/validation_failed_simple' };
  return s;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head'];

function compiledPaths(): CompiledPath[] {
  if (!compiled) {
    const s = githubSpec();
    compiled = Object.keys(s.paths).map((template) => {
      const multi = multiSegmentParams(s, template);
      const body = template
        .split('/')
        .map((seg) =>
          seg
            .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
            .replace(/\\?\{(\w+)\\?\}/g, (_, name: string) => (multi.has(name) ? '(.+)' : '([^/]+)')),
        )
        .join('/');
      return {
        template,
        regex: new RegExp(`^${body}$`),
        literalSegments: template.split('/').filter((p) => p && !p.includes('{')).length,
      };
    });
  }
  return compiled;
}

function multiSegmentParams(s: Spec, template: string): Set<string> {
  const names = new Set<string>();
  for (const method of HTTP_METHODS) {
    const op = s.paths[template]?.[method] as Operation | undefined;
    for (const p of op?.parameters ?? []) {
      const param = resolve(p);
      if (param['in'] === 'path' && param['x-multi-segment'] === true) names.add(String(param['name']));
    }
  }
  return names;
}

/** Follows local `$ref`s (`#/components/...`). */
export function resolve(node: unknown): Schema {
  let n = node as Schema;
  for (let hops = 0; n && typeof n === 'object' && typeof n['$ref'] === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${String(n['$ref'])}`);
    const ref = n['$ref'] as string;
    if (!ref.startsWith('#/')) throw new Error(`external $ref not supported: ${ref}`);
    let target: unknown = githubSpec();
    for (const part of ref.slice(2).split('/'))
      target = (target as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (target === undefined) throw new Error(`dangling $ref ${ref}`);
    n = target as Schema;
  }
  return n;
}

export interface FoundOperation {
  template: string;
  method: string;
  operation: Operation;
}

/** The documented operation for a concrete method and path (without query), or undefined. */
export function findOperation(method: string, path: string): FoundOperation | undefined {
  const m = method.toLowerCase();
  const candidates = compiledPaths()
    .filter((c) => c.regex.test(path) && githubSpec().paths[c.template]?.[m])
    .sort((a, b) => b.literalSegments - a.literalSegments);
  const best = candidates[0];
  if (!best) return undefined;
  return { template: best.template, method: m, operation: githubSpec().paths[best.template]?.[m] as Operation };
}

// ---------------------------------------------------------------------------------------------
// The schema checker

/** Problems of `value` against `schema`, each prefixed with its JSON path; empty when it fits. */
export function checkSchema(schema: unknown, value: unknown, at = '$'): string[] {
  const errors: string[] = [];
  check(resolve(schema), value, at, errors);
  return errors;
}

function check(schema: Schema, value: unknown, at: string, errors: string[]): void {
  if (Array.isArray(schema['allOf'])) for (const s of schema['allOf']) check(resolve(s), value, at, errors);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    const results = branches.map((b) => checkSchema(b, value, at));
    if (!results.some((r) => r.length === 0)) {
      const closest = [...results].sort((a, b) => a.length - b.length)[0] ?? [];
      errors.push(
        `${at}: fits none of the ${branches.length} ${key} alternatives (closest: ${closest.slice(0, 3).join('; ')})`,
      );
    }
  }

  const types = declaredTypes(schema);
  if (value === null) {
    if (schema['nullable'] === true || types.includes('null')) return;
    if (types.length > 0 || Array.isArray(schema['enum']))
      errors.push(`${at}: is null, expected ${types.join(' | ') || 'a value'}`);
    return;
  }
  if (types.length > 0 && !types.some((t) => hasType(t, value))) {
    errors.push(`${at}: expected ${types.join(' | ')}, found ${describe(value)}`);
    return;
  }
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) {
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema['enum'])}`);
  }
  if (typeof value === 'string' && typeof schema['maxLength'] === 'number' && value.length > schema['maxLength']) {
    errors.push(`${at}: longer than ${schema['maxLength']} characters`);
  }
  if (Array.isArray(value)) {
    if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems'])
      errors.push(`${at}: more than ${schema['maxItems']} items`);
    if (schema['items']) value.forEach((v, i) => check(resolve(schema['items']), v, `${at}[${i}]`, errors));
    return;
  }
  if (typeof value === 'object') checkObject(schema, value as Record<string, unknown>, at, errors);
}

function checkObject(schema: Schema, value: Record<string, unknown>, at: string, errors: string[]): void {
  const props = (schema['properties'] ?? {}) as Record<string, unknown>;
  for (const key of (schema['required'] ?? []) as string[]) {
    if (value[key] === undefined) errors.push(`${at}: missing required field "${key}"`);
  }
  const extra = schema['additionalProperties'];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (key in props) check(resolve(props[key]), v, `${at}.${key}`, errors);
    else if (extra === false) errors.push(`${at}: unknown field "${key}" (the description allows no other fields)`);
    else if (extra && typeof extra === 'object') check(resolve(extra), v, `${at}.${key}`, errors);
  }
}

function declaredTypes(schema: Schema): string[] {
  const t = schema['type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.map(String);
  return [];
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
    case 'boolean':
      return typeof value === type;
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (Number.isInteger(value)) return `integer ${String(value)}`;
  return typeof value === 'string'
    ? `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
    : typeof value;
}

// ---------------------------------------------------------------------------------------------
// Requests and responses

function jsonSchemaOf(content: unknown): unknown {
  const c = content as Record<string, { schema?: unknown }> | undefined;
  if (!c) return undefined;
  return (c['application/json'] ?? Object.values(c)[0])?.schema;
}

/** Problems of a reply: status documented for the operation, body fits its schema. */
export function checkResponse(method: string, path: string, status: number, body: unknown): string[] {
  const found = findOperation(method, path);
  if (!found) return [`${method.toUpperCase()} ${path} is not in GitHub's OpenAPI description`];
  const where = `${method.toUpperCase()} ${found.template} → ${status}`;
  const documented =
    found.operation.responses[String(status)] ??
    found.operation.responses[`${String(status)[0]}XX`] ??
    found.operation.responses['default'];
  if (!documented) {
    const general = generalResponseProblems(method, status, body);
    if (general !== undefined) return general.map((e) => `${where}: ${e}`);
    return [`${where}: status not documented (documented: ${Object.keys(found.operation.responses).join(', ')})`];
  }
  const schema = jsonSchemaOf(resolve(documented)['content']);
  if (schema === undefined || body === undefined || body === '') return [];
  return checkSchema(schema, body, 'body').map((e) => `${where}: ${e}`);
}

/**
 * Answers any endpoint may give that the description leaves to GitHub's general documentation
 * rather than listing per operation: 304 to a conditional GET ("Conditional requests"), 403/429
 * for a primary or secondary rate limit ("Rate limits for the REST API"), 401 and 404 (a
 * resource the credentials cannot see is "not found"), each with a basic-error body, and server
 * errors. Undefined when `status` is none of these.
 */
function generalResponseProblems(method: string, status: number, body: unknown): string[] | undefined {
  if (status === 304) {
    if (method.toLowerCase() !== 'get') return ['304 answers conditional GET requests only'];
    return body === undefined || body === '' ? [] : ['a 304 has no body'];
  }
  // 401 (bad credentials), 404 (no such resource, or no access to it) and 5xx can answer any
  // request, whether or not the operation lists them.
  if (status === 401 || status === 403 || status === 404 || status === 429)
    return checkSchema({ $ref: '#/components/schemas/basic-error' }, body, 'body');
  if (status >= 500 && status <= 504) return [];
  return undefined;
}

/** Problems of a request: query parameters documented (required ones present), body fits. */
export function checkRequest(method: string, pathWithQuery: string, body: unknown): string[] {
  const url = new URL(pathWithQuery, 'http://x');
  const path = url.pathname;
  const found = findOperation(method, path);
  if (!found) return [`${method.toUpperCase()} ${path} is not in GitHub's OpenAPI description`];
  const where = `${method.toUpperCase()} ${found.template}`;
  const errors: string[] = [];
  const params = (found.operation.parameters ?? []).map(resolve).filter((p) => p['in'] === 'query');
  const known = new Set(params.map((p) => String(p['name'])));
  for (const key of url.searchParams.keys())
    if (!known.has(key)) errors.push(`${where}: undocumented query parameter "${key}"`);
  for (const p of params)
    if (p['required'] === true && !url.searchParams.has(String(p['name'])))
      errors.push(`${where}: missing required query parameter "${String(p['name'])}"`);

  const rb = found.operation.requestBody ? resolve(found.operation.requestBody) : undefined;
  const hasBody =
    body !== undefined &&
    body !== '' &&
    !(typeof body === 'object' && body !== null && Object.keys(body).length === 0 && !rb);
  if (!rb) {
    if (hasBody) errors.push(`${where}: takes no request body`);
    return errors;
  }
  if (!hasBody) {
    if (rb['required'] === true) errors.push(`${where}: request body required`);
    return errors;
  }
  const schema = jsonSchemaOf(rb['content']);
  if (schema !== undefined) errors.push(...checkSchema(schema, body, 'request').map((e) => `${where}: ${e}`));
  return errors;
}

/** A documented example reply (deep copy), to start a realistic mock from. */
export function documentedExample(method: string, path: string, status: number, name?: string): Json {
  const found = findOperation(method, path);
  if (!found) throw new Error(`${method.toUpperCase()} ${path} is not in GitHub's OpenAPI description`);
  const res = resolve(found.operation.responses[String(status)]);
  const content = res['content'] as
    Record<string, { examples?: Record<string, unknown>; example?: unknown }> | undefined;
  const media = content?.['application/json'] ?? Object.values(content ?? {})[0];
  const examples = media?.examples ?? {};
  const picked = name ? examples[name] : Object.values(examples)[0];
  const value = picked !== undefined ? resolve(picked)['value'] : media?.example;
  if (value === undefined)
    throw new Error(`${method.toUpperCase()} ${found.template} → ${status} has no documented example`);
  return structuredClone(value) as Json;
}

// ---------------------------------------------------------------------------------------------
// The nock wrapper

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface MockReply {
  /** Replies once with `status` and `body` (checked now) and optional headers. */
  reply(status: number, body?: unknown, headers?: Record<string, string>): GitHubMock;
}

export interface GitHubMock {
  get(path: string, query?: Record<string, string>): MockReply;
  post(path: string): MockReply;
  patch(path: string): MockReply;
  put(path: string): MockReply;
  delete(path: string): MockReply;
  /**
   * A stateful stand-in for every request no one-shot mock above answered: called with the
   * request, it returns the reply, or undefined for "not handled" (a 501 and a violation).
   * Requests and replies are checked against the description like any other.
   */
  fallback(handler: FallbackHandler): GitHubMock;
  /** Requests received so far, in order. */
  readonly requests: RecordedRequest[];
  /** Request-time violations so far. */
  readonly violations: string[];
  /** Interceptors not used yet. */
  pending(): string[];
  /** Throws when a mock was not used or a request broke the description. */
  done(): void;
}

export interface FallbackRequest {
  method: string;
  /** Path after the API prefix, without the query. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface FallbackReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FallbackHandler = (req: FallbackRequest) => Promise<FallbackReply | undefined> | FallbackReply | undefined;

export function mockGitHub(baseUrl = 'https://api.github.com'): GitHubMock {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const origin = base.origin;
  const scope = nock(origin);
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];

  const intercept = (method: string, path: string, query?: Record<string, string>): MockReply => ({
    reply(status, body, headers = {}) {
      if (!findOperation(method, path))
        throw new Error(`mock ${method.toUpperCase()} ${path}: not in GitHub's OpenAPI description`);
      const problems = checkResponse(method, path, status, body);
      if (problems.length)
        throw new Error(`mock reply does not match GitHub's OpenAPI description:\n  ${problems.join('\n  ')}`);
      let interceptor = scope.intercept(`${prefix}${path}`, method.toUpperCase());
      interceptor = query ? interceptor.query(query) : interceptor.query(true);
      interceptor.reply(function (uri, requestBody) {
        const parsed = typeof requestBody === 'string' && requestBody !== '' ? safeJson(requestBody) : requestBody;
        const relative = uri.startsWith(prefix) ? uri.slice(prefix.length) : uri;
        requests.push({ method: method.toUpperCase(), path: relative, body: parsed, headers: this.req.headers });
        const bad = checkRequest(method, relative, parsed);
        if (bad.length) {
          violations.push(...bad);
          return [400, { message: `request does not match GitHub's OpenAPI description: ${bad.join('; ')}` }];
        }
        return [
          status,
          body === undefined ? '' : (body as nock.Body),
          { 'content-type': 'application/json; charset=utf-8', ...headers },
        ];
      });
      return mock;
    },
  });

  const fallback = (handler: FallbackHandler): GitHubMock => {
    for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
      scope
        .persist()
        .intercept((uri) => uri.startsWith(prefix), method)
        .query(true)
        .reply(function (uri, requestBody, callback) {
          const parsed = typeof requestBody === 'string' && requestBody !== '' ? safeJson(requestBody) : requestBody;
          const relative = uri.startsWith(prefix) ? uri.slice(prefix.length) : uri;
          requests.push({ method, path: relative, body: parsed, headers: this.req.headers });
          const bad = checkRequest(method, relative, parsed);
          if (bad.length) {
            violations.push(...bad);
            callback(null, [
              400,
              { message: `request does not match GitHub's OpenAPI description: ${bad.join('; ')}` },
            ]);
            return;
          }
          const url = new URL(relative, 'http://x');
          Promise.resolve(
            handler({ method, path: decodeURIComponent(url.pathname), query: url.searchParams, body: parsed }),
          )
            .then((res) => {
              if (!res) {
                violations.push(`${method} ${relative}: no mock and the stand-in does not handle it`);
                callback(null, [501, { message: 'not handled by the test stand-in' }]);
                return;
              }
              violations.push(...checkResponse(method.toLowerCase(), url.pathname, res.status, res.body));
              callback(null, [
                res.status,
                res.body === undefined ? '' : (res.body as nock.Body),
                { 'content-type': 'application/json; charset=utf-8', ...res.headers },
              ]);
            })
            .catch((err: unknown) => callback(err as Error, [500, '']));
        });
    }
    return mock;
  };

  const mock: GitHubMock = {
    fallback,
    get: (path, query) => intercept('get', path, query),
    post: (path) => intercept('post', path),
    patch: (path) => intercept('patch', path),
    put: (path) => intercept('put', path),
    delete: (path) => intercept('delete', path),
    requests,
    violations,
    pending: () => scope.pendingMocks(),
    done() {
      const problems = [
        ...violations.map((v) => `request broke the description: ${v}`),
        ...scope.pendingMocks().map((p) => `not requested: ${p}`),
      ];
      if (problems.length) throw new Error(`GitHub mock:\n  ${problems.join('\n  ')}`);
    },
  };
  return mock;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
