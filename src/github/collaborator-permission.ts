/**
 * Who may command the bot: people whose permission on the repository is write, maintain or
 * admin. GitHub answers `permission` in the legacy scale (maintain shows as write, triage as
 * read) and `role_name` with the actual role, custom roles included; either naming a writing
 * role is enough. Anyone else — outside collaborators with read access, strangers on a public
 * repository (404) — may not.
 */
import { httpStatus, type GitHubClient } from './app-auth.js';

const WRITING = new Set(['admin', 'maintain', 'write']);

export async function mayCommand(
  github: GitHubClient,
  owner: string,
  repo: string,
  username: string,
): Promise<boolean> {
  try {
    const { data } = await github.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
    return WRITING.has(data.permission) || WRITING.has(data.role_name);
  } catch (err) {
    if (httpStatus(err) === 404) return false;
    throw err;
  }
}
