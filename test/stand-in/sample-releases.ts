/**
 * Sample upstream releases the stand-in serves for the demo, so its PR shows what release notes
 * look like without reaching github.com. They are invented: every body says so, and the demo
 * labels them as sample data. Tags are real versions of these modules, so the app's version
 * range logic picks them as it would the real ones.
 */
import type { SampleRelease } from './stand-in.js';

const NOTE = "_Sample release notes served by the local GitHub stand-in; not the project's real notes._";

const release = (tag: string, publishedAt: string, sections: Record<string, string[]>): SampleRelease => ({
  tag,
  name: tag,
  publishedAt,
  body: [
    NOTE,
    ...Object.entries(sections).map(([title, items]) => `## ${title}\n${items.map((i) => `* ${i}`).join('\n')}`),
  ].join('\n\n'),
});

export const SAMPLE_RELEASES: Record<string, SampleRelease[]> = {
  'redis/go-redis': [
    release('v9.18.0', '2026-02-10T09:00:00Z', {
      Features: ['Sample: connection pool reports wait time per command'],
      'Bug Fixes': ['Sample: `XREADGROUP` no longer drops the last entry of a page'],
    }),
    release('v9.12.0', '2025-08-01T09:00:00Z', {
      'Breaking Changes': ['Sample: `Options.MaxRetries` of 0 now means no retries; use -1 for the old default'],
      Features: ['Sample: client-side caching for `GET` and `HGET`'],
    }),
    release('v9.8.0', '2025-04-20T09:00:00Z', {
      Security: ['Sample: credentials are no longer written to the debug log on reconnect'],
      'Bug Fixes': ['Sample: cluster slot refresh no longer races with `Close`'],
    }),
  ],
  'go-chi/chi': [
    release('v5.2.5', '2026-01-12T09:00:00Z', {
      'Bug Fixes': ['Sample: route patterns with a trailing wildcard match an empty segment again'],
    }),
    release('v5.2.2', '2025-06-03T09:00:00Z', {
      Security: ['Sample: `middleware.RedirectSlashes` no longer redirects to another host'],
    }),
  ],
  'stretchr/testify': [
    release('v1.11.0', '2025-09-01T09:00:00Z', {
      Features: ['Sample: `assert.EventuallyWithT` reports the last failure'],
      'Bug Fixes': ['Sample: `ElementsMatch` prints both lists on mismatch'],
    }),
    release('v1.10.0', '2024-11-15T09:00:00Z', { Features: ['Sample: new `assert.NotElementsMatch`'] }),
  ],
  'go-sql-driver/mysql': [
    release('v1.9.0', '2025-02-20T09:00:00Z', {
      'Breaking Changes': ['Sample: Go 1.21 or newer is required'],
      Features: ['Sample: compression protocol support'],
    }),
  ],
};
