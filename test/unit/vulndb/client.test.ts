/** The database client: one small request while `modified` is unchanged; gzip over HTTP as govulncheck reads it. */
import { describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { createVulnDb, fileTransport, VulnDbError } from '../../../src/gomod/vulndb/index.js';
import { writeVulnDb } from '../../support/vulndb-fixture.js';

const multierr = {
  id: 'GO-2099-0001',
  module: 'go.uber.org/multierr',
  events: [{ introduced: '0' }, { fixed: '1.11.0' }],
};

describe('vulnerability database client', () => {
  it('reads index/db.json only while the database is unchanged, and what changed when it changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vulndb-'));
    const url = await writeVulnDb(dir, [multierr]);
    const reads: string[] = [];
    const inner = fileTransport(fileURLToPath(url));
    const db = createVulnDb({ transport: (e) => (reads.push(e), inner(e)) });

    const first = await db.snapshot();
    expect((await first.advisoriesFor('go.uber.org/multierr')).map((a) => a.id)).toEqual(['GO-2099-0001']);
    expect(reads).toEqual(['index/db', 'index/modules', 'ID/GO-2099-0001']);

    reads.length = 0;
    const second = await db.snapshot();
    await second.advisoriesFor('go.uber.org/multierr');
    expect(reads).toEqual(['index/db']);

    await writeVulnDb(dir, [
      multierr,
      {
        id: 'GO-2099-0002',
        module: 'golang.org/x/net',
        events: [{ introduced: '0' }, { fixed: '0.23.0' }],
        modified: '2099-02-01T00:00:00Z',
      },
    ]);
    reads.length = 0;
    const third = await db.snapshot();
    await third.advisoriesFor('go.uber.org/multierr');
    await third.advisoriesFor('golang.org/x/net');
    expect(third.names('golang.org/x/net')).toBe(true);
    expect(third.names('example.com/none')).toBe(false);
    expect(reads).toEqual(['index/db', 'index/modules', 'ID/GO-2099-0002']);
  });

  it('reads the gzipped files over HTTP and fails with a typed error on a broken answer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vulndb-'));
    await writeVulnDb(dir, [multierr]);
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? '');
      const m = /^\/db\/(.+)\.json\.gz$/.exec(req.url ?? '');
      if (!m) return void res.writeHead(404).end();
      readFile(join(dir, `${m[1]}.json`)).then(
        (b) => res.writeHead(200).end(gzipSync(b)),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const db = createVulnDb({ url: `http://127.0.0.1:${port}/db/` });
      const snap = await db.snapshot();
      expect((await snap.advisoriesFor('go.uber.org/multierr'))[0]?.aliases).toEqual([]);
      expect(paths).toEqual(['/db/index/db.json.gz', '/db/index/modules.json.gz', '/db/ID/GO-2099-0001.json.gz']);
      await expect(createVulnDb({ url: `http://127.0.0.1:${port}/nowhere` }).snapshot()).rejects.toBeInstanceOf(
        VulnDbError,
      );
    } finally {
      server.close();
    }
  });
});
