/** The security PR's summary: fixed advisories with id, aliases, link and where; open ones with the reason, never dropped. */
import { describe, expect, it } from '@jest/globals';
import type { Vulnerability } from '../../../src/planner/plan-schema.js';
import { renderSecuritySummary } from '../../../src/pull-request/security-summary.js';

const v = (o: Partial<Vulnerability> & Pick<Vulnerability, 'id' | 'module' | 'dir' | 'fixedBy'>): Vulnerability => ({
  aliases: [],
  summary: 'A flaw',
  version: 'v1.0.0',
  fixed: 'v1.0.1',
  kind: 'indirect',
  ...o,
});

describe('security summary', () => {
  const vulns = [
    v({
      id: 'GO-2099-0001',
      module: 'm/a',
      dir: 'svc/a',
      fixedBy: 'update',
      aliases: ['CVE-2099-1'],
      url: 'https://vulndb.example/GO-2099-0001',
    }),
    v({
      id: 'GO-2099-0001',
      module: 'm/a',
      dir: 'svc/b',
      fixedBy: 'update',
      aliases: ['CVE-2099-1'],
      url: 'https://vulndb.example/GO-2099-0001',
    }),
    v({ id: 'GO-2099-0002', module: 'm/b', dir: 'svc/a', fixedBy: 'carried' }),
    v({ id: 'GO-2099-0003', module: 'm/c', dir: 'svc/a', fixedBy: 'none', fixed: null }),
    v({ id: 'GO-2099-0004', module: 'm/d', dir: 'svc/b', fixedBy: 'none', url: 'javascript:alert(1)' }),
  ];
  const updates = [
    {
      module: 'm/a',
      to: 'v1.0.1',
      kind: 'patch' as const,
      dirs: [],
      security: ['GO-2099-0001'],
      indirect: true as const,
    },
  ];
  const skipped = [
    {
      module: 'm/d',
      dir: 'svc/b',
      reason: 'ignored',
      detail: 'fix for GO-2099-0004 held back: v1.0.1 is ignored by the configuration',
    },
  ];
  const text = renderSecuritySummary(vulns, updates, skipped);

  it('lists each fixed advisory once, with its aliases, link, version move and module dirs', () => {
    expect(text.split('\n')[0]).toMatch(/^\*\*Security fixes\*\*/);
    expect(text).toContain(
      '- [GO-2099-0001](https://vulndb.example/GO-2099-0001) (CVE-2099-1): A flaw — `m/a` `v1.0.0` → `v1.0.1`, indirect in `svc/a` `svc/b`',
    );
    expect(text).toMatch(/`GO-2099-0002`: A flaw — `m\/b` `v1\.0\.0` \(carried past the fix/);
  });

  it('lists advisories without a fix and fixes held back by policy, naming the rule', () => {
    expect(text).toContain('**Not fixed by this PR:**');
    expect(text).toContain('`GO-2099-0003`: A flaw — `m/c` `v1.0.0` in `svc/a`: no fixed version exists');
    // A link that is not http(s) is not made a link.
    expect(text).toContain(
      '`GO-2099-0004`: A flaw — `m/d` `v1.0.0` in `svc/b`: fix for GO-2099-0004 held back: v1.0.1 is ignored',
    );
  });

  it('is empty without advisories', () => {
    expect(renderSecuritySummary([], [], [])).toBe('');
  });
});
