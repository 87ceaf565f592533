/**
 * One GET against a proxy, the way the client wants every GET: bounded by the client's
 * semaphore, a per-attempt timeout, retries with jittered exponential backoff on 5xx, 429 and
 * network failures, and 404/410 reported as a value rather than an error (it drives fallback).
 */
import { ProxyResponseError, ProxyUnavailableError } from './errors.js';
import { redactUrl } from './redact.js';
import type { Semaphore } from './semaphore.js';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface HttpCounters {
  requests: number;
  retries: number;
  bytesDownloaded: number;
}

export interface HttpSettings {
  fetch: FetchLike;
  semaphore: Semaphore;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  counters: HttpCounters;
}

export interface GetRequest {
  /** Full URL, free of credentials. */
  url: string;
  modulePath: string;
  authorization?: string;
  /** Credentials to offer once if the proxy answers 401 (netrc `default`). */
  onChallenge?: () => Promise<string | undefined>;
  maxBytes: number;
}

export type GetResult = { kind: 'ok'; body: Buffer } | { kind: 'not-found'; detail: string };

class BodyTooLarge extends Error {}

async function readBody(res: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLarge();
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new BodyTooLarge();
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, total);
}

/** Go appends a short text/plain error body to the status; proxies put their reason there. */
function describe(res: Response, body: Buffer | undefined): string {
  let text = `${res.status} ${res.statusText}`.trim();
  const type = res.headers.get('content-type') ?? '';
  if (body && type.split(';')[0]?.trim() === 'text/plain') {
    const line = body.toString('utf8').trim().split('\n')[0]?.trim() ?? '';
    if (line) text += `\n\tserver response: ${redactUrl(line.slice(0, 300))}`;
  }
  return text;
}

function retryAfterMs(res: Response): number | undefined {
  const h = res.headers.get('retry-after');
  if (!h) return undefined;
  if (/^\d+$/.test(h.trim())) return Number(h.trim()) * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return redactUrl(cause ? `${e.message ?? 'network error'} (${cause})` : (e.message ?? String(err)));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function httpGet(req: GetRequest, s: HttpSettings): Promise<GetResult> {
  const safeUrl = redactUrl(req.url);
  let authorization = req.authorization;
  let challenged = false;
  let lastReason = '';
  let lastStatus: number | undefined;
  let lastError: unknown;
  let attempts = 0;
  for (let attempt = 0; attempt <= s.retries;) {
    let waitHint: number | undefined;
    const release = await s.semaphore.acquire();
    let res: Response | undefined;
    let body: Buffer | undefined;
    try {
      attempts++;
      s.counters.requests++;
      const headers: Record<string, string> = {};
      if (authorization) headers.authorization = authorization;
      res = await s.fetch(req.url, { headers, signal: AbortSignal.timeout(s.timeoutMs), redirect: 'follow' });
      if (res.ok) {
        body = await readBody(res, req.maxBytes);
        s.counters.bytesDownloaded += body.length;
        return { kind: 'ok', body };
      }
      // Small error bodies carry the proxy's reason; never read more than a few KiB of them.
      body = await readBody(res, 64 * 1024).catch(() => undefined);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        const why = `response larger than ${req.maxBytes} bytes`;
        throw new ProxyResponseError(req.modulePath, safeUrl, res?.status, why);
      }
      res = undefined;
      lastError = err;
      lastStatus = undefined;
      lastReason = networkReason(err, s.timeoutMs);
    } finally {
      release();
    }
    if (res) {
      const status = res.status;
      if (status === 404 || status === 410) return { kind: 'not-found', detail: `${safeUrl}: ${describe(res, body)}` };
      if (status === 401 && !challenged && req.onChallenge) {
        challenged = true;
        const offered = await req.onChallenge();
        if (offered) {
          authorization = offered;
          continue;
        }
      }
      if (status !== 429 && status < 500) {
        throw new ProxyResponseError(req.modulePath, safeUrl, status, describe(res, body));
      }
      lastStatus = status;
      lastError = undefined;
      lastReason = describe(res, body);
      waitHint = retryAfterMs(res);
    }
    attempt++;
    if (attempt > s.retries) break;
    s.counters.retries++;
    const backoff = Math.min(s.retryMaxMs, s.retryBaseMs * 2 ** (attempt - 1));
    const jittered = backoff / 2 + Math.random() * (backoff / 2);
    await sleep(Math.min(s.retryMaxMs, Math.max(jittered, waitHint ?? 0)));
  }
  const cause = lastError ? { cause: lastError } : undefined;
  throw new ProxyUnavailableError(req.modulePath, safeUrl, attempts, lastStatus, lastReason, cause);
}
