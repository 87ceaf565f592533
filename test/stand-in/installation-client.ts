/** Calling the stand-in as one installation of the app, as a test does without the app around it. */
import { ProbotOctokit } from 'probot';
import type { GitHubClient } from '../../src/github/app-auth.js';
import { appJwt } from './app-jwt.js';
import type { StandIn } from './stand-in.js';

/** A fresh installation token, as the app would hold. */
export async function installationToken(gh: StandIn, installationId: number): Promise<string> {
  const res = await fetch(`${gh.apiUrl}/app/installations/${installationId}/access_tokens`, {
    method: 'POST',
    headers: { accept: 'application/vnd.github+json', authorization: `Bearer ${appJwt(gh.o.appId, gh.o.privateKey)}` },
  });
  if (res.status !== 201) throw new Error(`minting a token: ${res.status} ${await res.text()}`);
  return String(((await res.json()) as { token: string }).token);
}

/** A REST client authenticated as the installation, without retries (a test sees every answer). */
export async function installationClient(gh: StandIn, installationId: number): Promise<GitHubClient> {
  return new ProbotOctokit({
    auth: { token: await installationToken(gh, installationId) },
    baseUrl: gh.apiUrl,
    throttle: { enabled: false },
    retry: { enabled: false },
  });
}
