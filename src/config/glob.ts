/**
 * Globs of the config (`ignore[].dependency`, `groups[].patterns`, `services`). The only
 * wildcard is `*`, and it matches any run of characters **including `/`**, as Dependabot's
 * `dependency-name` does: `github.com/foo/*` covers `github.com/foo/bar` and
 * `github.com/foo/bar/v2`, and `services/*` covers nested `services/payments/api`. Module
 * paths nest freely (a major version is just another element), so a `*` that stopped at `/`
 * would make the common "everything from this org" rule silently miss `/vN` modules.
 * `github.com/foo/*` does not match `github.com/foo` itself: write both when both are meant.
 * Matching is case-sensitive, like module paths and directories.
 */
const compiled = new Map<string, RegExp>();

export function matchGlob(glob: string, text: string): boolean {
  let re = compiled.get(glob);
  if (!re) {
    const body = glob
      .split('*')
      .map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 's');
    compiled.set(glob, re);
  }
  return re.test(text);
}

/** Why a glob can never match a module path or module directory; undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'it is empty';
  if (/\s/.test(glob)) return 'it contains white space';
  if (glob.startsWith('/')) return 'it starts with "/"';
  if (glob.endsWith('/')) return 'it ends with "/"';
  if (glob.startsWith('./')) return 'it starts with "./"; write paths from the repository root without it';
  if (glob.split('/').some((el) => el === '..' || el === '.' || el === '')) {
    return 'it has an empty, "." or ".." path element';
  }
  return undefined;
}
