/**
 * The app's slug: how people mention it (`@<slug>`) and how its own PRs are recognised
 * (`<slug>[bot]`). Read from `GET /app` the first time it is needed and kept for the process's
 * life; `APP_SLUG` overrides it (GitHub Enterprise setups behind a proxy, tests). A failed read
 * is not kept, so the next job asks again.
 */
import type { GitHubAuth } from './app-auth.js';

export type AppSlug = () => Promise<string>;

export function appSlugResolver(auth: Pick<GitHubAuth, 'app'>, override: string | undefined): AppSlug {
  if (override) return async () => override;
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= (async () => {
      const { data } = await (await auth.app()).rest.apps.getAuthenticated();
      const slug = data?.slug;
      if (!slug) throw new Error('GET /app answered without a slug');
      return slug;
    })().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}
