/**
 * How workers reach GitHub. Jobs carry installation ids only; a worker asks for a client when it
 * needs one, and Probot mints (and caches, for just under an hour) the installation token.
 */
import type { Probot, ProbotOctokit } from 'probot';

export type GitHubClient = InstanceType<typeof ProbotOctokit>;

export interface GitHubAuth {
  /** Authenticated as the app itself (a JWT): only the `/app` endpoints answer. */
  app(): Promise<GitHubClient>;
  /** Authenticated as one installation of the app. */
  installation(installationId: number): Promise<GitHubClient>;
}

/**
 * One client per installation in a process, kept for `keepMs` (its token refreshes itself): jobs
 * of one installation running at once share it, so a burst costs one token, and Octokit's write
 * hooks (server/write-spacing.ts, server/primary-limit.ts) are added to it once per process.
 */
export function probotAuth(probot: Probot, keepMs: number = 30 * 60_000): GitHubAuth {
  const clients = new Map<number, { client: Promise<GitHubClient>; until: number }>();
  return {
    app: () => probot.auth(),
    installation: (installationId) => {
      const cached = clients.get(installationId);
      if (cached && cached.until > Date.now()) return cached.client;
      const client = (async () => {
        const octokit = await probot.auth(installationId);
        await octokit.auth({ type: 'installation' });
        return octokit;
      })();
      clients.set(installationId, { client, until: Date.now() + keepMs });
      // A failed start is not kept: the next job asks again.
      client.catch(() => {
        if (clients.get(installationId)?.client === client) clients.delete(installationId);
      });
      return client;
    },
  };
}

/**
 * `auth` whose installation clients get `hook` once each: a client is shared by its
 * installation's jobs in a process (probotAuth), so hooking it on every request for it would
 * stack the same hook again and again.
 */
export function hookInstallationClients(
  auth: GitHubAuth,
  hook: (client: GitHubClient, installationId: number) => void,
): GitHubAuth {
  const hooked = new WeakSet<GitHubClient>();
  return {
    app: () => auth.app(),
    installation: async (installationId) => {
      const client = await auth.installation(installationId);
      if (!hooked.has(client)) {
        hooked.add(client);
        hook(client, installationId);
      }
      return client;
    },
  };
}

/** Octokit's RequestError without importing it: the HTTP status of a failed call, if any. */
export function httpStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
