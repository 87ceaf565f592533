/**
 * How the database's files are read, as govulncheck reads them: from a `file://` directory the
 * plain `<endpoint>.json`, over HTTP(S) the gzipped `<endpoint>.json.gz`. Answers null when the
 * file does not exist (an advisory id the index names but the database lacks).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { redactUrl } from '../proxy/redact.js';
import type { FetchLike } from '../proxy/http-get.js';
import { VulnDbError } from './errors.js';

/** `endpoint` is like `index/db` or `ID/GO-2024-0001`. */
export type VulnDbTransport = (endpoint: string) => Promise<Buffer | null>;

const MAX_BYTES = 64 * 1024 * 1024;

export function fileTransport(root: string): VulnDbTransport {
  return async (endpoint) => {
    try {
      return await readFile(`${root}/${endpoint}.json`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new VulnDbError(`cannot read the vulnerability database file ${endpoint}.json: ${(err as Error).message}`);
    }
  };
}

export function httpTransport(base: string, fetch: FetchLike, timeoutMs: number): VulnDbTransport {
  return async (endpoint) => {
    const url = `${base}/${endpoint}.json.gz`;
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    } catch (err) {
      throw new VulnDbError(`the vulnerability database did not answer (${redactUrl(url)}): ${(err as Error).message}`);
    }
    if (res.status === 404 || res.status === 410) return null;
    if (!res.ok) throw new VulnDbError(`the vulnerability database answered ${res.status} for ${redactUrl(url)}`);
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length > MAX_BYTES) throw new VulnDbError(`${redactUrl(url)} is larger than ${MAX_BYTES} bytes`);
    try {
      return gunzipSync(body, { maxOutputLength: MAX_BYTES });
    } catch (err) {
      throw new VulnDbError(`${redactUrl(url)} is not gzip: ${(err as Error).message}`);
    }
  };
}

/** GOVULNDB as govulncheck takes it: an http(s) URL or a `file://` URL of a directory. */
export function transportFor(url: string, fetch: FetchLike, timeoutMs: number): VulnDbTransport {
  const base = url.replace(/\/+$/, '');
  if (base.startsWith('file://')) return fileTransport(fileURLToPath(base));
  if (/^https?:\/\//.test(base)) return httpTransport(base, fetch, timeoutMs);
  throw new VulnDbError(`GOVULNDB must be an http(s) or file:// URL, found ${redactUrl(url)}`);
}
