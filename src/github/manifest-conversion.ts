/**
 * The last step of GitHub's app-manifest flow: the one-time code GitHub hands back after someone
 * created the app from our manifest becomes the app's id, private key and webhook secret. The
 * request carries no credentials (the code is the credential).
 */
import { ProbotOctokit } from 'probot';

export interface RegisteredApp {
  id: number;
  slug: string;
  htmlUrl: string;
  pem: string;
  webhookSecret: string | null;
  clientId: string;
  clientSecret: string;
}

export async function convertManifestCode(apiUrl: string, code: string): Promise<RegisteredApp> {
  const octokit = new ProbotOctokit({ baseUrl: apiUrl, throttle: { enabled: false }, retry: { enabled: false } });
  const { data } = await octokit.request('POST /app-manifests/{code}/conversions', { code });
  return {
    id: data.id,
    slug: data.slug ?? String(data.id),
    htmlUrl: data.html_url,
    pem: data.pem,
    webhookSecret: data.webhook_secret,
    clientId: data.client_id,
    clientSecret: data.client_secret,
  };
}
