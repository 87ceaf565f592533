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

export function probotAuth(probot: Probot): GitHubAuth {
  return {
    app: () => probot.auth(),
    installation: (installationId) => probot.auth(installationId),
  };
}

/** Octokit's RequestError without importing it: the HTTP status of a failed call, if any. */
export function httpStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
