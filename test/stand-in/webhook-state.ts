/**
 * The stand-in's own state, as plain data, that the webhook builders turn into GitHub's payload
 * shapes. Only what names the stand-in's objects is here; what a payload needs beyond it keeps
 * the value of GitHub's example payload.
 */

/** Where the stand-in answers: the web base (e.g. http://127.0.0.1:PORT) and the REST base (…/api/v3). */
export interface Site {
  htmlBase: string;
  apiBase: string;
}

export type AccountType = 'User' | 'Organization' | 'Bot';

/** A GitHub account; `type` defaults to `User`. */
export interface UserState {
  login: string;
  id: number;
  type?: AccountType;
}

export interface RepoState extends Site {
  id: number;
  owner: UserState & { type: 'User' | 'Organization' };
  name: string;
  defaultBranch: string;
  private: boolean;
}

/** A repository as installation events list it. */
export interface ListedRepoState {
  id: number;
  name: string;
  fullName: string;
  private: boolean;
}

export interface LabelState {
  id: number;
  name: string;
  color: string;
}

/** A git author or committer, as commits name them (not an account). */
export interface GitPerson {
  name: string;
  email: string | null;
}
