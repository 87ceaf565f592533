/** installation.created and installation_repositories.added, for the stand-in's installations. */
import { account, installation, listedRepository, part, type InstallationState, type Json } from '../webhook-parts.js';
import type { ListedRepoState, UserState } from '../webhook-state.js';
import { checked, fittingExample } from './checked.js';

export interface InstallationCreatedInput extends InstallationState {
  repositories: ListedRepoState[];
  sender: UserState;
}

export function installationCreated(input: InstallationCreatedInput): Json {
  const p = fittingExample('installation', 'created');
  p['installation'] = installation(part(p, 'installation'), input);
  p['repositories'] = input.repositories.map(listedRepository);
  p['sender'] = account(part(p, 'sender'), input.sender, input);
  return checked('installation', p, input);
}

export interface InstallationRepositoriesAddedInput extends InstallationState {
  repositoriesAdded: ListedRepoState[];
  /** Who asked for the repositories; defaults to the sender, null when GitHub names no one. */
  requester?: UserState | null;
  sender: UserState;
}

export function installationRepositoriesAdded(input: InstallationRepositoriesAddedInput): Json {
  const p = fittingExample('installation_repositories', 'added');
  const requester = input.requester === undefined ? input.sender : input.requester;
  Object.assign(p, {
    installation: installation(part(p, 'installation'), input),
    repository_selection: input.repositorySelection ?? 'selected',
    repositories_added: input.repositoriesAdded.map(listedRepository),
    repositories_removed: [],
    requester: requester && account(part(p, 'requester'), requester, input),
    sender: account(part(p, 'sender'), input.sender, input),
  });
  return checked('installation_repositories', p, input);
}
