import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createMemoryNotesCache,
  createSourceResolver,
  githubFromPath,
  knownHostSource,
  moduleSource,
  parseGitHubUrl,
  sourceFromGoGet,
  type NotesProxy,
} from '../../../src/release-notes/index.js';
import type { VersionInfo } from '../../../src/gomod/types.js';

describe('github.com module paths', () => {
  it.each([
    ['github.com/acme/widget', 'acme', 'widget', '', ''],
    ['github.com/acme/widget/v3', 'acme', 'widget', '', ''],
    ['github.com/acme/widget/sdk/metric', 'acme', 'widget', 'sdk/metric', 'sdk/metric/'],
    ['github.com/acme/widget/sdk/v2', 'acme', 'widget', 'sdk', 'sdk/'],
    ['github.com/Acme/Widget.go', 'Acme', 'Widget.go', '', ''],
  ])('%s', (path, owner, repo, subdir, tagPrefix) => {
    expect(githubFromPath(path)).toEqual({
      kind: 'github',
      owner,
      repo,
      url: `https://github.com/${owner}/${repo}`,
      subdir,
      tagPrefix,
      via: 'path',
    });
  });

  it('is not a GitHub path without owner and repository', () => {
    expect(githubFromPath('github.com/acme')).toBeNull();
    expect(githubFromPath('gitlab.com/acme/widget')).toBeNull();
  });
});

describe('GitHub URLs in every spelling', () => {
  it.each([
    ['https://github.com/acme/widget', true],
    ['https://github.com/acme/widget.git', true],
    ['https://github.com/acme/widget/', true],
    ['git@github.com:acme/widget.git', true],
    ['ssh://git@github.com/acme/widget', true],
    ['git+https://www.github.com/acme/widget', true],
    ['https://gitlab.com/acme/widget', false],
    ['https://github.com.evil.example/acme/widget', false],
    ['https://github.com/acme/widget/tree/main', false],
  ])('%s', (url, ok) => {
    expect(parseGitHubUrl(url)).toEqual(ok ? { owner: 'acme', repo: 'widget' } : null);
  });
});

describe('well-known hosts', () => {
  it.each([
    ['golang.org/x/net', 'golang/net', ''],
    ['golang.org/x/tools/gopls', 'golang/tools', 'gopls'],
    ['google.golang.org/grpc', 'grpc/grpc-go', ''],
    ['google.golang.org/grpc/cmd/protoc-gen-go-grpc', 'grpc/grpc-go', 'cmd/protoc-gen-go-grpc'],
    ['google.golang.org/protobuf', 'protocolbuffers/protobuf-go', ''],
    ['google.golang.org/genproto/googleapis/api', 'googleapis/go-genproto', 'googleapis/api'],
    ['go.uber.org/zap', 'uber-go/zap', ''],
    ['gopkg.in/yaml.v3', 'go-yaml/yaml', ''],
    ['gopkg.in/DataDog/dd-trace-go.v1', 'DataDog/dd-trace-go', ''],
    ['k8s.io/client-go', 'kubernetes/client-go', ''],
    ['k8s.io/klog/v2', 'kubernetes/klog', ''],
    ['sigs.k8s.io/controller-runtime', 'kubernetes-sigs/controller-runtime', ''],
    ['sigs.k8s.io/structured-merge-diff/v4', 'kubernetes-sigs/structured-merge-diff', ''],
    ['go.opentelemetry.io/otel', 'open-telemetry/opentelemetry-go', ''],
    ['go.opentelemetry.io/otel/sdk/metric', 'open-telemetry/opentelemetry-go', 'sdk/metric'],
    [
      'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp',
      'open-telemetry/opentelemetry-go-contrib',
      'instrumentation/net/http/otelhttp',
    ],
  ])('%s → %s %s', (path, repo, subdir) => {
    const s = knownHostSource(path);
    expect(s && `${s.owner}/${s.repo}`).toBe(repo);
    expect(s?.subdir).toBe(subdir);
    expect(s?.tagPrefix).toBe(subdir ? `${subdir}/` : '');
  });

  it('knows nothing of other hosts or unknown repositories on listed ones', () => {
    expect(knownHostSource('example.com/x')).toBeNull();
    expect(knownHostSource('google.golang.org/unknown')).toBeNull();
  });
});

function proxyWith(origins: Record<string, VersionInfo['Origin'] | Error>): NotesProxy & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async info(path, version) {
      calls.push(`${path}@${version}`);
      const o = origins[path];
      if (o instanceof Error) throw o;
      return o ? { Version: version, Origin: o } : { Version: version };
    },
  };
}

describe('the proxy’s Origin', () => {
  it('gives the repository and subdirectory of a vanity path', async () => {
    const proxy = proxyWith({
      'example.com/kit/log': { VCS: 'git', URL: 'https://github.com/example/kit', Subdir: 'log', Hash: 'abc' },
    });
    await expect(moduleSource('example.com/kit/log', 'v1.2.0', { proxy })).resolves.toMatchObject({
      kind: 'github',
      owner: 'example',
      repo: 'kit',
      subdir: 'log',
      tagPrefix: 'log/',
      via: 'origin',
    });
    expect(proxy.calls).toEqual(['example.com/kit/log@v1.2.0']);
  });

  it('is not needed for github.com paths', async () => {
    const proxy = proxyWith({});
    await moduleSource('github.com/acme/widget', 'v1.0.0', { proxy });
    expect(proxy.calls).toEqual([]);
  });

  it('pointing off GitHub, yields to the well-known table (a GitHub mirror)', async () => {
    const proxy = proxyWith({ 'golang.org/x/net': { VCS: 'git', URL: 'https://go.googlesource.com/net' } });
    await expect(moduleSource('golang.org/x/net', 'v0.23.0', { proxy })).resolves.toMatchObject({
      owner: 'golang',
      repo: 'net',
      via: 'known-host',
    });
  });

  it('pointing off GitHub with nothing better, is reported as such', async () => {
    const proxy = proxyWith({ 'example.org/lib': { VCS: 'git', URL: 'https://gitlab.com/example/lib.git' } });
    await expect(moduleSource('example.org/lib', 'v1.0.0', { proxy })).resolves.toEqual({
      kind: 'other',
      url: 'https://gitlab.com/example/lib',
      via: 'origin',
    });
  });

  it('failing is not an error', async () => {
    const proxy = proxyWith({ 'example.org/private': new Error('410 Gone') });
    await expect(moduleSource('example.org/private', 'v1.0.0', { proxy })).resolves.toMatchObject({ kind: 'unknown' });
  });
});

describe('go-import and go-source meta tags', () => {
  const page = (meta: string) =>
    `<!DOCTYPE html><html><head><meta charset="utf-8">${meta}</head><body><meta name="go-import" content="example.com/x git https://github.com/wrong/place"></body></html>`;

  it('reads the repository root and the module’s directory below it', () => {
    expect(
      sourceFromGoGet(
        'example.com/kit/log/v2',
        page('<meta name="go-import" content="example.com/kit git https://github.com/example/kit">'),
      ),
    ).toMatchObject({
      owner: 'example',
      repo: 'kit',
      subdir: 'log',
      tagPrefix: 'log/',
      via: 'go-import',
    });
  });

  it('honours a subdirectory field and attribute order, quotes and entities', () => {
    expect(
      sourceFromGoGet(
        'example.com/m',
        page(`<meta content='example.com/m git https://github.com/e/mono.git go/m' name='go-import'>`),
      ),
    ).toMatchObject({
      owner: 'e',
      repo: 'mono',
      tagPrefix: 'go/m/',
    });
  });

  it('prefers a VCS entry to a mod entry, and reads only the head', () => {
    const html = page(
      '<meta name="go-import" content="example.com/x mod https://proxy.example.com"><meta name="go-import" content="example.com/x git https://github.com/right/place">',
    );
    expect(sourceFromGoGet('example.com/x', html)).toMatchObject({ owner: 'right', repo: 'place' });
  });

  it('uses go-source when the repository itself is not on GitHub', () => {
    const html = page(
      '<meta name="go-import" content="example.com/y git https://git.example.com/y"><meta name="go-source" content="example.com/y https://github.com/example/y https://github.com/example/y/tree/master{/dir} https://github.com/example/y/blob/master{/dir}/{file}#L{line}">',
    );
    expect(sourceFromGoGet('example.com/y', html)).toMatchObject({ owner: 'example', repo: 'y', via: 'go-source' });
  });

  it('reports a repository off GitHub, and a page without tags as nothing', () => {
    expect(
      sourceFromGoGet(
        'example.com/z',
        page('<meta name="go-import" content="example.com/z git https://codeberg.org/e/z">'),
      ),
    ).toEqual({
      kind: 'other',
      url: 'https://codeberg.org/e/z',
      via: 'go-import',
    });
    expect(sourceFromGoGet('example.com/z', page(''))).toBeNull();
    expect(
      sourceFromGoGet(
        'example.com/z',
        page('<meta name="go-import" content="example.com/other git https://github.com/a/b">'),
      ),
    ).toBeNull();
  });
});

describe('?go-get=1 over HTTP (local server, injected fetch)', () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url?.startsWith('/slow')) return; // never answers
      if (req.url?.startsWith('/missing')) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        `<html><head><meta name="go-import" content="vanity.test/kit git https://github.com/vanity/kit"></head><body>${'x'.repeat(2 << 20)}</body></html>`,
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  /** The resolver asks https://<path>?go-get=1; this sends it to the local server instead. */
  const localFetch: typeof fetch = (input, init) => {
    const u = new URL(String(input));
    const where = u.hostname === 'slow.test' ? '/slow' : u.hostname === 'missing.test' ? '/missing' : '';
    return fetch(`${base}${where}${u.pathname}${u.search}`, init);
  };

  it('finds the repository, reading no more than it needs, and caches the answer', async () => {
    const cache = createMemoryNotesCache();
    const resolve = createSourceResolver({ fetch: localFetch, cache });
    hits.length = 0;
    const [a, b] = await Promise.all([
      resolve('vanity.test/kit/log', 'v1.0.0'),
      resolve('vanity.test/kit/log', 'v1.0.0'),
    ]);
    expect(a).toMatchObject({ owner: 'vanity', repo: 'kit', tagPrefix: 'log/', via: 'go-import' });
    expect(b).toEqual(a);
    expect(hits).toEqual(['/kit/log?go-get=1']);
    // A second resolver sharing the cache asks nothing.
    await createSourceResolver({ fetch: localFetch, cache })('vanity.test/kit/log', 'v1.0.0');
    expect(hits).toHaveLength(1);
  });

  it('gives up after the timeout, and a missing page is not an error', async () => {
    const resolve = createSourceResolver({ fetch: localFetch, goGetTimeoutMs: 200 });
    const started = Date.now();
    await expect(resolve('slow.test/m', 'v1.0.0')).resolves.toMatchObject({ kind: 'unknown' });
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(resolve('missing.test/m', 'v1.0.0')).resolves.toMatchObject({ kind: 'unknown' });
  });

  it('without fetch, an unknown vanity path is unknown, not an error', async () => {
    await expect(moduleSource('vanity.test/kit', 'v1.0.0', {})).resolves.toEqual({
      kind: 'unknown',
      reason: 'no repository found for this module path',
    });
  });
});
