/**
 * The module source of one plan job: the app's proxy client, except for modules on the
 * installation's own GitHub that GONOPROXY (or GOPRIVATE) keeps away from the proxies; those are
 * read from their repositories through the API, with the job's installation token.
 */
import { routedSource, ownGitHubModules } from '../gomod/routed-source.js';
import type { ModuleSource } from '../gomod/types.js';
import type { GitHubClient } from '../github/app-auth.js';
import { githubModuleSource } from '../github/module-source.js';
import { resolveProxyConfig } from '../toolchain/index.js';
import type { PipelineDeps } from './deps.js';

export async function planModuleSource(
  deps: Pick<PipelineDeps, 'source' | 'appEnv' | 'githubModuleHosts'>,
  github: GitHubClient,
  installationId: number,
): Promise<ModuleSource> {
  const hosts = deps.githubModuleHosts ?? [];
  if (!hosts.length) return deps.source;
  let gonoproxy: string;
  try {
    ({ gonoproxy } = await resolveProxyConfig(deps.appEnv));
  } catch {
    // An unusable proxy configuration: the proxy client reports it on its first lookup.
    return deps.source;
  }
  if (!gonoproxy) return deps.source;
  return routedSource({
    proxy: deps.source,
    direct: githubModuleSource({ github, hosts, scope: String(installationId) }),
    isDirect: ownGitHubModules(gonoproxy, hosts),
  });
}
