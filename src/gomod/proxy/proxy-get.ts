/**
 * Fetches one protocol file (`<escaped path>/@v/list`, `.../@latest`, ...) from one proxy of the
 * list: picks its credentials, or reads it from disk for a file:// proxy.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mayCarryCredentials, type ProxyConfig } from './config.js';
import { urlPathEscape } from './url-path-escape.js';
import { ProxyResponseError } from './errors.js';
import { httpGet, type GetResult, type HttpSettings } from './http-get.js';
import { netrcEntryFor, type Netrc } from './netrc.js';
import { basicAuthHeader, proxyAuthHeaderFor } from './proxy-auth.js';
import type { UrlProxy } from './try-proxies.js';

export interface ProxyGetContext {
  config: ProxyConfig;
  netrc: () => Promise<Netrc>;
  http: HttpSettings;
}

async function authorizationFor(ctx: ProxyGetContext, proxy: UrlProxy, url: URL): Promise<string | undefined> {
  if (!mayCarryCredentials(url)) return undefined;
  if (proxy.credentials) return basicAuthHeader(proxy.credentials.username, proxy.credentials.password);
  const fromEnv = proxyAuthHeaderFor(ctx.config.auth, url);
  if (fromEnv) return fromEnv;
  const entry = netrcEntryFor(await ctx.netrc(), url);
  return entry ? basicAuthHeader(entry.login, entry.password) : undefined;
}

async function readProxyFile(
  proxy: UrlProxy,
  relPath: string,
  modulePath: string,
  maxBytes: number,
): Promise<GetResult> {
  const file = join(fileURLToPath(proxy.url), ...relPath.split('/'));
  const shown = `${proxy.url}/${relPath}`;
  try {
    const body = await readFile(file);
    if (body.length > maxBytes) {
      throw new ProxyResponseError(modulePath, shown, undefined, `file larger than ${maxBytes} bytes`);
    }
    return { kind: 'ok', body };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'not-found', detail: `${shown}: no such file` };
    if (err instanceof ProxyResponseError) throw err;
    throw new ProxyResponseError(modulePath, shown, undefined, code ?? String(err));
  }
}

/** `relPath` is already bang-escaped and not yet percent-encoded. */
export async function proxyGet(
  ctx: ProxyGetContext,
  proxy: UrlProxy,
  relPath: string,
  modulePath: string,
  maxBytes: number,
): Promise<GetResult> {
  if (proxy.url.startsWith('file:')) return readProxyFile(proxy, relPath, modulePath, maxBytes);
  const url = `${proxy.url}/${urlPathEscape(relPath)}`;
  const parsed = new URL(url);
  const authorization = await authorizationFor(ctx, proxy, parsed);
  const onChallenge =
    authorization === undefined && mayCarryCredentials(parsed)
      ? async () => {
          const def = (await ctx.netrc()).default;
          return def ? basicAuthHeader(def.login, def.password) : undefined;
        }
      : undefined;
  return httpGet({ url, modulePath, authorization, onChallenge, maxBytes }, ctx.http);
}
