/** The advisories the security tests write over examples/commerce-platform (synthetic ids, real shapes). */
import type { FixtureAdvisory } from './vulndb-fixture.js';

export const COMMERCE_ADVISORIES: FixtureAdvisory[] = [
  // Indirect everywhere, and no direct bump carries it (zap keeps requiring v1.10.0).
  {
    id: 'GO-2099-0001',
    module: 'go.uber.org/multierr',
    aliases: ['CVE-2099-0001'],
    events: [{ introduced: '0' }, { fixed: '1.11.0' }],
  },
  // Indirect, carried to v0.32.0 by the grpc bump.
  {
    id: 'GO-2099-0002',
    module: 'golang.org/x/net',
    aliases: ['CVE-2099-0002', 'GHSA-xxxx-yyyy-zzzz'],
    events: [{ introduced: '0' }, { fixed: '0.23.0' }],
  },
  // Direct: the scheduled bump to v1.28.0 fixes it.
  { id: 'GO-2099-0003', module: 'go.uber.org/zap', events: [{ introduced: '1.20.0' }, { fixed: '1.27.1' }] },
  // Withdrawn: never reported.
  {
    id: 'GO-2099-0004',
    module: 'github.com/go-chi/chi/v5',
    events: [{ introduced: '0' }, { fixed: '5.2.2' }],
    withdrawn: '2024-01-01T00:00:00Z',
  },
  // A pseudo-version inside the range, with a fix nobody published.
  {
    id: 'GO-2099-0005',
    module: 'github.com/dgryski/go-rendezvous',
    events: [{ introduced: '0' }, { fixed: '0.0.0-20210101000000-aaaaaaaaaaaa' }],
  },
  // The same pseudo-version past a range's fix: not affected.
  {
    id: 'GO-2099-0006',
    module: 'github.com/dgryski/go-rendezvous',
    events: [{ introduced: '0' }, { fixed: '0.0.0-20200101000000-bbbbbbbbbbbb' }],
  },
  // No fix at all.
  { id: 'GO-2099-0007', module: 'github.com/davecgh/go-spew', events: [{ introduced: '0' }] },
];
