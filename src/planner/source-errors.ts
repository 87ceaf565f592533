/** Turns a module-source failure into the reason a plan reports for skipping that module. */
export interface SourceFailure {
  reason: 'needs-vcs' | 'no-access' | 'not-found' | 'proxy-error' | 'invalid-go-mod' | 'error';
  detail: string;
}

const BY_NAME: Record<string, SourceFailure['reason']> = {
  NeedsVcsError: 'needs-vcs',
  ModuleNotFoundError: 'not-found',
  ProxyUnavailableError: 'proxy-error',
  // A module on the installation's GitHub whose repository the app's token cannot read.
  ModuleRepoAccessError: 'no-access',
  // GitHub itself not answering is, for a plan, the same as a proxy that is down: retry later.
  GitHubModuleUnavailableError: 'proxy-error',
  GoModSyntaxError: 'invalid-go-mod',
};

export function describeSourceFailure(err: unknown): SourceFailure {
  // The cause chain matters: the graph loader wraps the proxy's error with the module it was loading.
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && depth < 5; depth++) {
    const reason = BY_NAME[e.name];
    if (reason) return { reason, detail: (err as Error).message };
    e = e.cause;
  }
  return { reason: 'error', detail: err instanceof Error ? err.message : String(err) };
}
