import { StewardError } from '../errors.js';

/** The PR has no (valid) hidden metadata: it was not made by gomod-steward, or its body was edited beyond repair. */
export class PullMetaMissingError extends StewardError {
  readonly code = 'pull-meta-missing';
  constructor(owner: string, repo: string, pullNumber: number) {
    super(`${owner}/${repo}#${pullNumber} has no gomod-steward metadata in its body`);
  }
}

/** No open pull request to report an impact run on. */
export class PullNotFoundError extends StewardError {
  readonly code = 'pull-not-found';
  constructor(what: string) {
    super(`no open gomod-steward pull request for ${what}`);
  }
}
