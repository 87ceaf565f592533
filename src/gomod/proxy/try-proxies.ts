/**
 * Walks the GOPROXY list for one lookup, as cmd/go's TryProxies: move on after "not found" always,
 * after other errors only past a `|`; when everything fails, report the most useful error —
 * `direct` (we cannot follow it) over a proxy failure over the last "not found".
 */
import { StewardError } from '../../errors.js';
import type { ProxyConfig } from './config.js';
import { bypassesProxy } from './config.js';
import { ModuleLookupDisabledError, ModuleNotFoundError, NeedsVcsError } from './errors.js';
import type { ProxySpec } from './goproxy-list.js';

export type UrlProxy = Extract<ProxySpec, { kind: 'url' }>;

export type Attempt<T> = { found: true; value: T } | { found: false; detail: string };

const NOT_EXIST = 0;
const PROXY = 1;
const DIRECT = 2;

export interface TryOptions {
  /**
   * Treat `direct` as the end of the list once a proxy has been asked. For `@latest`, where a
   * proxy's 404 means "no answer here" rather than "no such module".
   */
  stopAtDirect?: boolean;
}

export async function tryProxies<T>(
  config: ProxyConfig,
  modulePath: string,
  version: string | undefined,
  attempt: (proxy: UrlProxy) => Promise<Attempt<T>>,
  options: TryOptions = {},
): Promise<T> {
  if (bypassesProxy(config, modulePath)) {
    throw new NeedsVcsError(modulePath, 'the module path matches GONOPROXY/GOPRIVATE');
  }
  let best: StewardError | undefined;
  let bestRank = NOT_EXIST;
  for (const proxy of config.proxies) {
    let err: StewardError;
    let notExist: boolean;
    if (proxy.kind === 'off') {
      err = new ModuleLookupDisabledError(modulePath);
      notExist = true;
    } else if (proxy.kind === 'direct') {
      if (options.stopAtDirect && best) break;
      err = new NeedsVcsError(modulePath, best?.message);
      notExist = false;
    } else {
      try {
        const r = await attempt(proxy);
        if (r.found) return r.value;
        err = new ModuleNotFoundError(modulePath, version, r.detail);
        notExist = true;
      } catch (e) {
        if (!(e instanceof StewardError)) throw e;
        err = e;
        notExist = false;
      }
    }
    if (proxy.kind === 'direct') {
      best = err;
      bestRank = DIRECT;
    } else if (bestRank <= PROXY && !notExist) {
      best = err;
      bestRank = PROXY;
    } else if (bestRank === NOT_EXIST) {
      best = err;
    }
    if (proxy.kind !== 'url' || (!proxy.fallBackOnError && !notExist)) break;
  }
  // parseGoproxy never returns an empty list, so `best` is set.
  throw best!;
}
