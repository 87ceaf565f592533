/**
 * On GitHub Enterprise Server (GITHUB_API_URL set), Probot 14 gives the app-authentication
 * strategy a request function of its own without the base URL, so installation tokens would be
 * asked of github.com while every other call goes to the server. Probot hands the same `fetch` to
 * both, so this fetch sends what was addressed to github.com's API to the configured API instead.
 */
const GITHUB_API = 'https://api.github.com';

export function enterpriseFetch(apiUrl: string, inner: typeof fetch = fetch): typeof fetch {
  const base = apiUrl.replace(/\/+$/, '');
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url === GITHUB_API || url.startsWith(`${GITHUB_API}/`)) {
      const target = `${base}${url.slice(GITHUB_API.length)}`;
      return inner(typeof input === 'string' || input instanceof URL ? target : new Request(target, input), init);
    }
    return inner(input, init);
  };
}
