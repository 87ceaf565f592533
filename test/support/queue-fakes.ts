/** Stand-ins for a processor's logger and GitHub auth, for queue tests where GitHub is not called. */
import type { Logger } from 'probot';
import type { GitHubAuth, GitHubClient } from '../../src/github/app-auth.js';

export const silentLogger = {
  child: () => silentLogger,
  info() {},
  warn() {},
  error() {},
  debug() {},
  trace() {},
  fatal() {},
} as unknown as Logger;

/** Records each installation a job authenticated as; the client it hands out names that installation. */
export function recordingAuth(calls: number[]): GitHubAuth {
  return {
    app: async () => ({}) as GitHubClient,
    installation: async (id) => {
      calls.push(id);
      return { installation: id } as unknown as GitHubClient;
    },
  };
}
