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
 * Probot's clients fetch the installation token on their first request and cache it; jobs of one
 * installation starting together would each fetch one. Here the first caller fetches it up front
 * and concurrent callers wait for that, so a burst costs one token.
 */
export function probotAuth(probot: Probot): GitHubAuth {
  const pending = new Map<number, Promise<GitHubClient>>();
  return {
    app: () => probot.auth(),
    installation: (installationId) => {
      let client = pending.get(installationId);
      if (!client) {
        client = (async () => {
          const octokit = await probot.auth(installationId);
          await octokit.auth({ type: 'installation' });
          return octokit;
        })().finally(() => pending.delete(installationId));
        pending.set(installationId, client);
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
