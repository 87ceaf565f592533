/**
 * deploy/helm/gomod-steward, rendered and schema-checked by Helm itself (built from the Go module
 * proxy at a pinned version into a cache shared across runs): web and worker Deployments, the
 * worker HPA, a bundled Redis or an external URL, secrets only by reference, and only
 * environment variables the app reads.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { APP_ENV_NAMES } from '../../src/env.js';

const pexec = promisify(execFile);
const HELM_MODULE = 'helm.sh/helm/v4';
const HELM_VERSION = 'v4.3.2';
const CHART = fileURLToPath(new URL('../../deploy/helm/gomod-steward', import.meta.url));
const TOOLS = process.env.GOMODSTEWARD_TOOLS ?? join(tmpdir(), 'gomod-steward-tools');
const HELM = join(TOOLS, `helm-${HELM_VERSION}`, 'helm');
const REQUIRED = ['--set', 'app.id=12345', '--set', 'app.existingSecret=steward-app'];

beforeAll(async () => {
  if (existsSync(HELM)) return;
  mkdirSync(join(TOOLS, `helm-${HELM_VERSION}`), { recursive: true });
  await pexec('go', ['install', `${HELM_MODULE}/cmd/helm@${HELM_VERSION}`], {
    env: { ...process.env, GOBIN: join(TOOLS, `helm-${HELM_VERSION}`), GOFLAGS: '-modcacherw', GOTOOLCHAIN: 'local' },
    maxBuffer: 64 << 20,
  });
}, 1_200_000);

interface K8sObject {
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown>;
}

async function render(args: string[]): Promise<K8sObject[]> {
  const { stdout } = await pexec(HELM, ['template', 'prod', CHART, ...args], { maxBuffer: 16 << 20 });
  return parseAllDocuments(stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

type Container = { name: string; env: { name: string; value?: string; valueFrom?: unknown }[] };
const containers = (o: K8sObject) =>
  ((o.spec['template'] as { spec: { containers: Container[] } }).spec.containers ?? []) as Container[];

describe('the Helm chart', () => {
  it('lints clean', async () => {
    const { stdout } = await pexec(HELM, ['lint', CHART, ...REQUIRED]);
    expect(stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  it('renders web and worker Deployments, the worker HPA and a bundled Redis', async () => {
    const objects = await render(REQUIRED);
    const names = objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(names).toEqual([
      'Deployment/prod-gomod-steward-web',
      'Deployment/prod-gomod-steward-worker',
      'HorizontalPodAutoscaler/prod-gomod-steward-worker',
      'Service/prod-gomod-steward-redis',
      'Service/prod-gomod-steward-web',
      'StatefulSet/prod-gomod-steward-redis',
    ]);
    for (const d of objects.filter((o) => o.kind === 'Deployment')) {
      const [c] = containers(d);
      const env = new Map(c!.env.map((e) => [e.name, e]));
      expect([...env.keys()].filter((n) => !APP_ENV_NAMES.includes(n))).toEqual([]);
      expect(env.get('HOST')?.value).toBe('0.0.0.0');
      expect(env.get('REDIS_URL')?.value).toBe('redis://prod-gomod-steward-redis:6379');
      expect(env.get('WEBHOOK_SECRET')?.valueFrom).toEqual({
        secretKeyRef: { name: 'steward-app', key: 'webhook-secret' },
      });
      expect(env.has('PRIVATE_KEY')).toBe(false);
      expect(env.get('ROLE')?.value).toBe(d.metadata.name.endsWith('-web') ? 'web' : 'worker');
    }
  });

  it('uses an external Redis URL from a Secret instead of the bundled one', async () => {
    const objects = await render([...REQUIRED, '--set', 'redis.urlSecret.name=redis-creds']);
    expect(objects.some((o) => o.kind === 'StatefulSet')).toBe(false);
    const worker = objects.find((o) => o.metadata.name === 'prod-gomod-steward-worker' && o.kind === 'Deployment')!;
    expect(containers(worker)[0]!.env.find((e) => e.name === 'REDIS_URL')?.valueFrom).toEqual({
      secretKeyRef: { name: 'redis-creds', key: 'redis-url' },
    });
  });

  it('points both roles at a Redis Cluster by its nodes, with no bundled Redis', async () => {
    const objects = await render([...REQUIRED, '--set', 'redis.clusterNodes=redis-0.redis:6379\\,redis-1.redis:6379']);
    expect(objects.some((o) => o.kind === 'StatefulSet')).toBe(false);
    for (const d of objects.filter((o) => o.kind === 'Deployment')) {
      const env = new Map(containers(d)[0]!.env.map((e) => [e.name, e.value]));
      expect(env.get('REDIS_CLUSTER_NODES')).toBe('redis-0.redis:6379,redis-1.redis:6379');
      expect(env.get('REDIS_URL')).toBe('redis://redis-0.redis:6379');
    }
  });

  it('refuses values its schema does not allow', async () => {
    await expect(render(['--set', 'app.existingSecret=s'])).rejects.toThrow(/app\.id|\/app\/id|id/);
    await expect(render([...REQUIRED, '--set', 'worker.concurrency=0'])).rejects.toThrow(/concurrency/);
    await expect(render([...REQUIRED, '--set', 'redis.url=http://nope'])).rejects.toThrow(/url/);
    await expect(render([...REQUIRED, '--set', 'redis.clusterNodes=redis-0'])).rejects.toThrow(/clusterNodes/);
  });
});
