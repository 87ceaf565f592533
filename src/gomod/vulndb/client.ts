/**
 * The vulnerability database client. Each `snapshot()` costs one small request (`index/db.json`):
 * while its `modified` stamp is unchanged the module index is reused, and an advisory is fetched
 * again only when the index says it changed. One client lives as long as its process.
 */
import type { ZodType } from 'zod';
import type { FetchLike } from '../proxy/http-get.js';
import { VulnDbError } from './errors.js';
import type { OsvEntry } from './schema.js';
import { transportFor, type VulnDbTransport } from './transport.js';

/** The public database, govulncheck's default. */
export const DEFAULT_GOVULNDB = 'https://vuln.go.dev';

export interface VulnDbSnapshot {
  /** The database's `modified` stamp this snapshot was read at. */
  modified: string;
  /** Advisories whose index entry names `modulePath` (withdrawn ones included: the caller decides). */
  advisoriesFor(modulePath: string): Promise<OsvEntry[]>;
  /** Whether any advisory names `modulePath`: costs nothing beyond the index. */
  names(modulePath: string): boolean;
}

export interface VulnDb {
  snapshot(): Promise<VulnDbSnapshot>;
  readonly stats: { requests: number };
}

export interface VulnDbOptions {
  url?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Tests read through their own transport (to count reads). */
  transport?: VulnDbTransport;
}

interface IndexCache {
  modified: string;
  byModule: Map<string, { id: string; modified: string }[]>;
}

/** The schemas, loaded with the first body to check: a run whose database does not answer never needs them. */
const schemas = () => import('./schema.js');

function parse<T>(schema: ZodType<T>, body: Buffer, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new VulnDbError(`${what} is not JSON: ${(err as Error).message}`);
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new VulnDbError(`${what} does not have the database's shape: ${r.error.issues[0]?.message}`);
  return r.data;
}

export function createVulnDb(opts: VulnDbOptions = {}): VulnDb {
  const stats = { requests: 0 };
  const raw =
    opts.transport ??
    transportFor(opts.url ?? DEFAULT_GOVULNDB, opts.fetch ?? globalThis.fetch, opts.timeoutMs ?? 30_000);
  const get = async (endpoint: string) => {
    stats.requests++;
    return raw(endpoint);
  };
  const need = async (endpoint: string) => {
    const body = await get(endpoint);
    if (!body) throw new VulnDbError(`the vulnerability database has no ${endpoint}.json`);
    return body;
  };
  let index: IndexCache | undefined;
  const entries = new Map<string, { modified: string; entry: Promise<OsvEntry | null> }>();

  async function loadIndex(): Promise<IndexCache> {
    const body = await need('index/db');
    const { dbMetaSchema, modulesIndexSchema } = await schemas();
    const meta = parse(dbMetaSchema, body, 'index/db.json');
    if (index?.modified === meta.modified) return index;
    const modules = parse(modulesIndexSchema, await need('index/modules'), 'index/modules.json');
    const byModule = new Map<string, { id: string; modified: string }[]>();
    for (const m of modules)
      byModule.set(
        m.path,
        m.vulns.map((v) => ({ id: v.id, modified: v.modified })),
      );
    index = { modified: meta.modified, byModule };
    return index;
  }

  function entry(id: string, modified: string): Promise<OsvEntry | null> {
    const hit = entries.get(id);
    if (hit && hit.modified === modified) return hit.entry;
    const p = get(`ID/${id}`).then(async (b) =>
      b ? parse((await schemas()).osvEntrySchema, b, `ID/${id}.json`) : null,
    );
    // A failed read is not remembered: the next snapshot asks again.
    p.catch(() => entries.delete(id));
    entries.set(id, { modified, entry: p });
    return p;
  }

  return {
    stats,
    async snapshot() {
      const idx = await loadIndex();
      return {
        modified: idx.modified,
        names: (path) => (idx.byModule.get(path)?.length ?? 0) > 0,
        async advisoriesFor(path) {
          const refs = idx.byModule.get(path) ?? [];
          const got = await Promise.all(refs.map((r) => entry(r.id, r.modified)));
          return got.filter((e): e is OsvEntry => e !== null);
        },
      };
    },
  };
}

/** GOVULNDB as govulncheck reads it, or the public database. */
export function vulnDbUrl(env: Readonly<Record<string, string | undefined>>): string {
  return env.GOVULNDB?.trim() || DEFAULT_GOVULNDB;
}

/** The advisory's own file in the database, for advisories that name no page. */
export function advisoryFileUrl(base: string, id: string): string {
  return `${base.replace(/\/+$/, '')}/ID/${encodeURIComponent(id)}.json`;
}
