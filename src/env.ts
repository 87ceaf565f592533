/**
 * The process environment (README, "Environment"), validated once at start-up. A missing or
 * malformed value becomes an `EnvError` whose message is one line naming every bad variable and
 * what it should be. Secrets (the private key, the webhook secret, credentials inside URLs) are
 * never echoed: only the values of the variables in `ECHOED` appear in a message.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from './errors.js';
import { databaseOf, parseHostPorts, type RedisTarget } from './redis/redis-target.js';

export const ROLES = ['all', 'web', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Go's own settings, handed to the toolchain as they are; unset means `go env` decides. */
export const GO_ENV_NAMES = ['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOSUMDB', 'GOPROXY_AUTH'] as const;
export type GoEnvName = (typeof GO_ENV_NAMES)[number];

export interface AppEnv {
  appId: number;
  /** PEM text; never logged. */
  privateKey: string;
  webhookSecret: string;
  webhookPath: string;
  /** GitHub Enterprise Server API root; undefined means github.com. */
  githubApiUrl: string | undefined;
  redisUrl: string;
  /**
   * The URL with the Sentinel set when there is one (REDIS_SENTINELS, REDIS_SENTINEL_NAME), or the
   * cluster's seed nodes (REDIS_CLUSTER_NODES).
   */
  redis: RedisTarget;
  role: Role;
  port: number;
  host: string;
  logLevel: LogLevel;
  logFormat: 'json' | 'pretty';
  workerConcurrency: number;
  /** How long running jobs may take to finish after SIGTERM before they are abandoned. */
  shutdownGraceMs: number;
  webhookProxyUrl: string | undefined;
  /** How people mention the app; undefined: read from `GET /app` when first needed. */
  appSlug: string | undefined;
  go: Partial<Record<GoEnvName, string>>;
  /**
   * Hosts whose module paths are repositories of the GitHub the app talks to (GITHUB_MODULE_HOSTS);
   * GONOPROXY/GOPRIVATE modules there are planned from the repositories' tags through the API.
   */
  githubModuleHosts: string[];
  /**
   * On GitHub Enterprise Server: where release notes of modules hosted on github.com are read
   * (GITHUB_COM_API_URL, default the public API), without credentials unless GITHUB_COM_TOKEN
   * is set. Undefined on github.com, where the installation's client reads them.
   */
  publicGitHub: { apiUrl: string; token: string | undefined } | undefined;
}

export const PUBLIC_GITHUB_API_URL = 'https://api.github.com';

export class EnvError extends InputError {
  override readonly code = 'bad-env';
  constructor(readonly problems: readonly { variable: string; expected: string }[]) {
    super(`invalid environment: ${problems.map((p) => `${p.variable}: expected ${p.expected}`).join('; ')}`);
  }
}

/** Non-secret variables whose bad value helps the reader when quoted back. */
const ECHOED = new Set([
  'APP_ID',
  'ROLE',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'WORKER_CONCURRENCY',
  'WEBHOOK_PATH',
  'SHUTDOWN_GRACE_SECONDS',
  'APP_SLUG',
  'GITHUB_MODULE_HOSTS',
  'REDIS_SENTINELS',
  'REDIS_SENTINEL_NAME',
  'REDIS_CLUSTER_NODES',
  'GOVULNDB',
]);

const integer = (expected: string, min: number, max: number) =>
  z
    .string({ error: expected })
    .regex(/^\d+$/, { error: expected })
    .transform(Number)
    .pipe(z.number().int().min(min, { error: expected }).max(max, { error: expected }));

const httpUrl = (expected: string) =>
  z.string({ error: expected }).refine((v) => /^https?:$/.test(safeUrl(v)?.protocol ?? ''), { error: expected });

const MODULE_HOSTS_EXPECTED = 'comma-separated host names of module paths, like github.com or ghe.example.com';

const schema = z.object({
  APP_ID: integer('the GitHub App ID, a positive integer', 1, Number.MAX_SAFE_INTEGER),
  WEBHOOK_SECRET: z.string({ error: 'the webhook secret set in the GitHub App settings' }),
  WEBHOOK_PATH: z
    .string()
    .regex(/^\/[^\s?#]*$/, { error: 'a URL path starting with /' })
    .default('/api/github/webhooks'),
  GITHUB_API_URL: httpUrl('an http(s) URL of the GitHub API, like https://ghe.example.com/api/v3').optional(),
  REDIS_URL: z
    .string()
    .refine(isRedisUrl, { error: 'a redis:// or rediss:// URL, like redis://127.0.0.1:6379 (optionally /<db>)' })
    .default('redis://127.0.0.1:6379'),
  REDIS_SENTINELS: z
    .string()
    .refine((v) => parseHostPorts(v) !== undefined, { error: 'comma-separated host:port of Redis Sentinels' })
    .optional(),
  REDIS_CLUSTER_NODES: z
    .string()
    .refine((v) => parseHostPorts(v) !== undefined, {
      error: 'comma-separated host:port of Redis Cluster nodes (one or more; the rest are discovered)',
    })
    .optional(),
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, { error: 'the master name the Sentinels monitor, like mymaster' })
    .optional(),
  ROLE: z.enum(ROLES, { error: `one of ${ROLES.join(', ')}` }).default('all'),
  PORT: integer('a TCP port from 0 to 65535', 0, 65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'json or pretty' }).default('json'),
  WORKER_CONCURRENCY: integer('an integer from 1 to 64', 1, 64).default(2),
  SHUTDOWN_GRACE_SECONDS: integer('an integer number of seconds from 0 to 3600', 0, 3600).default(25),
  WEBHOOK_PROXY_URL: httpUrl('an http(s) URL of a webhook forwarding channel').optional(),
  APP_SLUG: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,33}$/i, { error: 'the app slug as in https://github.com/apps/<slug>' })
    .optional(),
  GITHUB_MODULE_HOSTS: z
    .string({ error: MODULE_HOSTS_EXPECTED })
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine(
      (hs) =>
        hs.length > 0 && hs.every((h) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(h)),
      {
        error: MODULE_HOSTS_EXPECTED,
      },
    )
    .optional(),
  GITHUB_COM_TOKEN: z.string().optional(),
  GITHUB_COM_API_URL: httpUrl('an http(s) URL of the public GitHub API (default https://api.github.com)').optional(),
  // The vulnerability database, as govulncheck takes it (read where it is used: pipeline/security-db.ts).
  GOVULNDB: z
    .string()
    .refine((v) => /^(https?|file):$/.test(safeUrl(v)?.protocol ?? ''), {
      error: 'an http(s) or file:// URL of a Go vulnerability database',
    })
    .optional(),
  ...Object.fromEntries(GO_ENV_NAMES.map((n) => [n, z.string().optional()])),
});

/** Every variable loadEnv reads: the schema's, and the private key's two forms. */
export const APP_ENV_NAMES: readonly string[] = [...Object.keys(schema.shape), 'PRIVATE_KEY', 'PRIVATE_KEY_PATH'];

/** Validates `env` (normally `process.env`); empty values count as unset, as `.env.example` leaves them. */
export function loadEnv(
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): AppEnv {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const problems: { variable: string; expected: string }[] = [];

  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? '');
      if (problems.some((p) => p.variable === variable)) continue;
      const value = present[variable];
      const found = ECHOED.has(variable) && value !== undefined ? `, found ${JSON.stringify(value)}` : '';
      const expected =
        value === undefined && issue.code === 'invalid_type' ? `${issue.message} (it is not set)` : issue.message;
      problems.push({ variable, expected: `${expected}${found}` });
    }
  }
  if ((present.REDIS_SENTINELS === undefined) !== (present.REDIS_SENTINEL_NAME === undefined))
    problems.push({
      variable: present.REDIS_SENTINELS === undefined ? 'REDIS_SENTINELS' : 'REDIS_SENTINEL_NAME',
      expected: 'set together with the other of REDIS_SENTINELS and REDIS_SENTINEL_NAME',
    });
  if (present.REDIS_CLUSTER_NODES !== undefined && present.REDIS_SENTINELS !== undefined)
    problems.push({
      variable: 'REDIS_CLUSTER_NODES',
      expected: 'unset when REDIS_SENTINELS is set: Redis is either a cluster or a Sentinel-watched server',
    });
  // A cluster has database 0 only; the URL's /<db> would be silently ignored otherwise.
  if (present.REDIS_CLUSTER_NODES !== undefined && parsed.success && databaseOf(parsed.data.REDIS_URL) !== 0)
    problems.push({
      variable: 'REDIS_URL',
      expected: `no database index with REDIS_CLUSTER_NODES (a Redis Cluster has database 0 only), found /${databaseOf(parsed.data.REDIS_URL)}`,
    });
  const privateKey = resolvePrivateKey(present, readFile, problems);
  if (!parsed.success || privateKey === undefined || problems.length > 0) throw new EnvError(problems);

  const e = parsed.data;
  const go: Partial<Record<GoEnvName, string>> = {};
  for (const name of GO_ENV_NAMES) {
    const v = present[name];
    if (v !== undefined) go[name] = v;
  }
  return {
    appId: e.APP_ID,
    privateKey,
    webhookSecret: e.WEBHOOK_SECRET,
    webhookPath: e.WEBHOOK_PATH,
    githubApiUrl: e.GITHUB_API_URL?.replace(/\/+$/, ''),
    redisUrl: e.REDIS_URL,
    redis: {
      url: e.REDIS_URL,
      ...(e.REDIS_SENTINELS && e.REDIS_SENTINEL_NAME
        ? { sentinels: parseHostPorts(e.REDIS_SENTINELS)!, sentinelName: e.REDIS_SENTINEL_NAME }
        : {}),
      ...(e.REDIS_CLUSTER_NODES ? { clusterNodes: parseHostPorts(e.REDIS_CLUSTER_NODES)! } : {}),
    },
    role: e.ROLE,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    workerConcurrency: e.WORKER_CONCURRENCY,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    webhookProxyUrl: e.WEBHOOK_PROXY_URL,
    appSlug: e.APP_SLUG,
    go,
    githubModuleHosts: e.GITHUB_MODULE_HOSTS ?? [webHostOf(e.GITHUB_API_URL)],
    publicGitHub:
      webHostOf(e.GITHUB_API_URL) === 'github.com'
        ? undefined
        : {
            apiUrl: (e.GITHUB_COM_API_URL ?? PUBLIC_GITHUB_API_URL).replace(/\/+$/, ''),
            token: e.GITHUB_COM_TOKEN,
          },
  };
}

/** The host module paths of the GitHub at `apiUrl` start with: github.com, or the GHES host. */
function webHostOf(apiUrl: string | undefined): string {
  if (apiUrl === undefined) return 'github.com';
  const host = new URL(apiUrl).hostname.toLowerCase();
  return host === 'api.github.com' ? 'github.com' : host;
}

const KEY_EXPECTED = 'a PEM private key (-----BEGIN RSA PRIVATE KEY----- …), with real or \\n newlines, or its base64';

function resolvePrivateKey(
  env: Record<string, string | undefined>,
  readFile: (path: string) => string,
  problems: { variable: string; expected: string }[],
): string | undefined {
  const inline = env.PRIVATE_KEY;
  const path = env.PRIVATE_KEY_PATH;
  if (inline !== undefined && path !== undefined) {
    problems.push({ variable: 'PRIVATE_KEY', expected: 'either PRIVATE_KEY or PRIVATE_KEY_PATH, not both' });
    return undefined;
  }
  if (inline === undefined && path === undefined) {
    problems.push({
      variable: 'PRIVATE_KEY',
      expected: `${KEY_EXPECTED}, or PRIVATE_KEY_PATH naming a .pem file (neither is set)`,
    });
    return undefined;
  }
  let text: string;
  if (path !== undefined) {
    try {
      text = readFile(path);
    } catch (err) {
      problems.push({
        variable: 'PRIVATE_KEY_PATH',
        expected: `a readable .pem file (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}: ${path})`,
      });
      return undefined;
    }
  } else {
    text = inline as string;
  }
  const pem = normalizePem(text);
  if (pem === undefined) {
    problems.push({ variable: path !== undefined ? 'PRIVATE_KEY_PATH' : 'PRIVATE_KEY', expected: KEY_EXPECTED });
    return undefined;
  }
  return pem;
}

function normalizePem(text: string): string | undefined {
  let candidate = text.replace(/\\n/g, '\n').trim();
  if (!candidate.startsWith('-----BEGIN')) {
    const decoded = Buffer.from(candidate, 'base64').toString('utf8').trim();
    if (!decoded.startsWith('-----BEGIN')) return undefined;
    candidate = decoded;
  }
  try {
    createPrivateKey(candidate);
  } catch {
    return undefined;
  }
  return `${candidate}\n`;
}

function safeUrl(v: string): URL | undefined {
  try {
    return new URL(v);
  } catch {
    return undefined;
  }
}

function isRedisUrl(v: string): boolean {
  const u = safeUrl(v);
  if (!u || (u.protocol !== 'redis:' && u.protocol !== 'rediss:') || u.hostname === '') return false;
  return u.pathname === '' || u.pathname === '/' || /^\/\d{1,2}$/.test(u.pathname);
}
