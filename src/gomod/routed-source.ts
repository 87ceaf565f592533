/**
 * One module source in front of two: modules the route picks go to the `direct` source (a
 * repository host read directly, like the go command does for GONOPROXY modules), every other
 * module to the proxy client. Pure: what "direct" reads is the caller's business.
 */
import { matchPrefixPatterns } from './proxy/match-prefix-patterns.js';
import type { ModuleSource } from './types.js';

export interface RoutedSourceOptions {
  proxy: ModuleSource;
  direct: ModuleSource;
  /** True for module paths the direct source answers. */
  isDirect(path: string): boolean;
}

export function routedSource(o: RoutedSourceOptions): ModuleSource {
  const pick = (path: string) => (o.isDirect(path) ? o.direct : o.proxy);
  return {
    list: (path) => pick(path).list(path),
    latest: (path) => pick(path).latest(path),
    info: (path, version) => pick(path).info(path, version),
    mod: (path, version) => pick(path).mod(path, version),
  };
}

/**
 * The modules read from the installation's own GitHub: GONOPROXY (which defaults to GOPRIVATE)
 * sends them around the proxies, and their first path element is one of `hosts`. Other GONOPROXY
 * modules stay with the proxy client, which reports them as needing a VCS checkout.
 */
export function ownGitHubModules(gonoproxy: string, hosts: readonly string[]): (path: string) => boolean {
  const own = new Set(hosts.map((h) => h.toLowerCase()));
  return (path) => {
    const host = path.split('/', 1)[0]!.toLowerCase();
    return own.has(host) && matchPrefixPatterns(gonoproxy, path);
  };
}
