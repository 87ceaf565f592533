/** What GitHub says the app is installed on: the source of truth the schedulers are reconciled with. */
import type { GitHubClient } from './app-auth.js';

export interface InstallationSummary {
  id: number;
  suspended: boolean;
}

export interface InstalledRepo {
  id: number;
  owner: string;
  name: string;
}

/** Every installation of the app (app-authenticated client), all pages. */
export async function listInstallations(appClient: GitHubClient): Promise<InstallationSummary[]> {
  const all = await appClient.paginate(appClient.rest.apps.listInstallations, { per_page: 100 });
  return all.map((i) => ({ id: i.id, suspended: i.suspended_at !== null && i.suspended_at !== undefined }));
}

/** Every repository one installation can reach (installation-authenticated client), all pages. */
export async function listInstallationRepos(installationClient: GitHubClient): Promise<InstalledRepo[]> {
  const repos = await installationClient.paginate(installationClient.rest.apps.listReposAccessibleToInstallation, {
    per_page: 100,
  });
  return repos.map((r) => ({ id: r.id, owner: r.owner.login, name: r.name }));
}
