/**
 * A client for the public github.com API, for an app that runs on GitHub Enterprise Server: the
 * installation's client points at the GHES host, where github.com repositories 404. Without a
 * token it reads anonymously (public repositories, the lower rate limit).
 */
import { ProbotOctokit } from 'probot';

export type PublicGitHubClient = InstanceType<typeof ProbotOctokit>;

export function publicGitHubClient(opts: { apiUrl: string; token: string | undefined }): PublicGitHubClient {
  return new ProbotOctokit({
    baseUrl: opts.apiUrl,
    ...(opts.token !== undefined ? { auth: { token: opts.token } } : {}),
    // The installation's throttling would pause this client on GHES limits it does not share.
    throttle: { enabled: false },
  });
}
