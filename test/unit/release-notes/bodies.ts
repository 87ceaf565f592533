/**
 * Release-note bodies in the styles Go projects actually publish, each with what a reviewer
 * must be told about it. Written by hand after the generators' templates (GitHub's generated
 * notes, release-please, goreleaser, release-drafter, Keep a Changelog, kubebuilder's emoji
 * prefixes, Kubernetes' changelog, plain prose) — not copied from any project.
 */
import type { NoteClass } from '../../../src/release-notes/index.js';

export interface Body {
  name: string;
  body: string;
  /** For each class, substrings that some bullet of that class must contain. */
  expect: Partial<Record<NoteClass, string[]>>;
  /** Exact number of bullets per class, where the style makes it certain. */
  counts?: Partial<Record<NoteClass, number>>;
  /** Substrings no bullet may contain (skipped sections, credits, markup). */
  absent?: string[];
  /** Advisory ids the bullets must carry. */
  advisories?: string[];
}

const REPO = 'https://github.com/acme/widget';

const manyBullets = Array.from({ length: 4000 }, (_, i) =>
  i % 4 === 0
    ? `* fix: handle edge case number ${i} in the parser by @dev${i % 7} in ${REPO}/pull/${1000 + i}`
    : i % 4 === 1
      ? `* feat: option number ${i} for the encoder by @dev${i % 5} in ${REPO}/pull/${1000 + i}`
      : `* chore(deps): bump module-${i} from 1.0.${i} to 1.0.${i + 1} by @dependabot[bot] in ${REPO}/pull/${1000 + i}`,
).join('\n');

export const BODIES: Body[] = [
  {
    name: "GitHub generated notes with categories (What's Changed)",
    body: `<!-- Release notes generated using configuration in .github/release.yml at main -->

## What's Changed
### Breaking Changes 🛠
* Remove deprecated \`Client.Timeout\` field by @alice in ${REPO}/pull/101
### New Features 🎉
* feat(server): add graceful shutdown by @bob in ${REPO}/pull/102
* Support TLS 1.3 session resumption by @carol in ${REPO}/pull/103
### Bug fixes
* fix: nil pointer in handler when header missing by @dependabot[bot] in ${REPO}/pull/104
### Other Changes
* Bump golang.org/x/net from 0.17.0 to 0.23.0 by @dependabot[bot] in ${REPO}/pull/105
* docs: fix typo in README by @eve in ${REPO}/pull/106

## New Contributors
* @eve made their first contribution in ${REPO}/pull/106

**Full Changelog**: ${REPO}/compare/v1.2.0...v1.3.0`,
    expect: {
      breaking: ['Remove deprecated `Client.Timeout` field'],
      features: ['server: add graceful shutdown', 'Support TLS 1.3'],
      fixes: ['Nil pointer in handler'],
      other: ['Bump golang.org/x/net', 'docs: fix typo'],
    },
    counts: { breaking: 1, security: 0, features: 2, fixes: 1, other: 2 },
    absent: ['made their first contribution', 'Full Changelog', '@alice', 'Release notes generated'],
  },
  {
    name: 'GitHub generated notes without categories, conventional titles',
    body: `## What's Changed
* feat: add \`WithRetry\` option by @alice in ${REPO}/pull/201
* fix(pool): race when closing idle connections by @bob in ${REPO}/pull/202
* feat!: return errors from \`Close\` by @alice in ${REPO}/pull/203
* chore: update CI matrix to Go 1.22 by @carol in ${REPO}/pull/204
* build(deps): bump github.com/stretchr/testify from 1.8.4 to 1.9.0 by @dependabot in ${REPO}/pull/205

**Full Changelog**: ${REPO}/compare/v0.8.0...v0.9.0`,
    expect: {
      breaking: ['Return errors from `Close`'],
      features: ['Add `WithRetry` option'],
      fixes: ['pool: race when closing idle connections'],
      other: ['chore: update CI matrix', 'build(deps): bump github.com/stretchr/testify'],
    },
    counts: { breaking: 1, features: 1, fixes: 1, other: 2 },
  },
  {
    name: 'Keep a Changelog section, every heading',
    body: `### Added
- \`Decoder.DisallowUnknownFields\` to reject unknown keys.
- Support for YAML anchors in nested maps.

### Changed
- Error messages now include the line number.

### Deprecated
- \`Unmarshal\` without options; use \`UnmarshalWithOptions\`.

### Removed
- The \`legacy\` build tag.

### Fixed
- Decoding of empty documents no longer panics.

### Security
- Limit alias expansion to prevent billion-laughs attacks (GHSA-7q3c-whrg-5mh9).`,
    expect: {
      features: ['`Decoder.DisallowUnknownFields`', 'YAML anchors'],
      other: ['Error messages now include the line number', '`Unmarshal` without options'],
      breaking: ['The `legacy` build tag'],
      fixes: ['Decoding of empty documents'],
      security: ['Limit alias expansion'],
    },
    counts: { features: 2, other: 2, breaking: 1, fixes: 1, security: 1 },
    advisories: ['GHSA-7q3c-whrg-5mh9'],
  },
  {
    name: 'release-please (conventional commits, bold scopes, commit links)',
    body: `## [2.4.0](${REPO}/compare/v2.3.1...v2.4.0) (2024-03-01)


### ⚠ BREAKING CHANGES

* **api:** \`Client.Do\` is renamed to \`Client.Send\`

### Features

* **api:** rename Client.Do to Client.Send ([#88](${REPO}/issues/88)) ([abc1234](${REPO}/commit/abc1234def5678abc1234def5678abc1234def56))
* **server:** h2c support ([#90](${REPO}/issues/90)) ([bcd2345](${REPO}/commit/bcd2345))


### Bug Fixes

* handle empty request bodies ([#91](${REPO}/issues/91)) ([cde3456](${REPO}/commit/cde3456))`,
    expect: {
      breaking: ['api: `Client.Do` is renamed to `Client.Send`'],
      features: ['api: rename Client.Do to Client.Send', 'server: h2c support'],
      fixes: ['Handle empty request bodies'],
    },
    counts: { breaking: 1, features: 2, fixes: 1 },
    absent: ['abc1234', 'cde3456'],
  },
  {
    name: 'goreleaser default changelog (commit hashes)',
    body: `## Changelog
* 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b feat: add arm64 builds
* 9f8e7d6 fix: wrong exit code on --version
* 0a1b2c3 chore: update goreleaser config
* 4d5e6f7 Merge pull request #12 from acme/dependabot/go_modules/golang.org/x/sys-0.18.0`,
    expect: {
      features: ['Add arm64 builds'],
      fixes: ['Wrong exit code on --version'],
      other: ['chore: update goreleaser config'],
    },
    absent: ['1a2b3c4', '9f8e7d6'],
  },
  {
    name: 'goreleaser grouped changelog with footer',
    body: `## Changelog
### New Features
* 3f2e1d0: add \`--json\` output flag (#140)
### Bug fixes
* 5a6b7c8: config file is read twice (#141)
### Others
* 6b7c8d9: refactor loader (#142)

---

_Released with [GoReleaser](https://goreleaser.com)!_`,
    expect: {
      features: ['Add `--json` output flag'],
      fixes: ['Config file is read twice'],
      other: ['Refactor loader'],
    },
    counts: { features: 1, fixes: 1, other: 1 },
    absent: ['GoReleaser'],
  },
  {
    name: 'kubebuilder emoji headings and prefixes (controller-runtime style)',
    body: `## :warning: Breaking Changes
- Drop support for Kubernetes 1.26 (#2500)
- ⚠️ Remove deprecated \`fake.NewFakeClientWithScheme\` (#2601)

## :sparkles: New Features
- ✨ Add \`WatchesRawSource\` to the builder (#2610)

## :bug: Bug Fixes
- 🐛 Fix leader election lease renewal deadline (#2620)

## :seedling: Others
- 🌱 Bump k8s.io/api to v0.30.0 (#2630)

_Thanks to all our contributors!_ 😊`,
    expect: {
      breaking: ['Drop support for Kubernetes 1.26', 'Remove deprecated `fake.NewFakeClientWithScheme`'],
      features: ['Add `WatchesRawSource`'],
      fixes: ['Fix leader election'],
      other: ['Bump k8s.io/api'],
    },
    counts: { breaking: 2, features: 1, fixes: 1, other: 1 },
    absent: ['Thanks to all'],
  },
  {
    name: 'kubebuilder emoji prefixes without headings',
    body: `- ⚠ Change the signature of \`Reconcile\` to take a typed request (#3001)
- ✨ Support typed event handlers (#3002)
- 🐛 Avoid a goroutine leak in the cache (#3003)
- 📖 Document the webhook server options (#3004)`,
    expect: {
      breaking: ['Change the signature of `Reconcile`'],
      features: ['Support typed event handlers'],
      fixes: ['Avoid a goroutine leak'],
      other: ['Document the webhook server options'],
    },
    counts: { breaking: 1, features: 1, fixes: 1, other: 1 },
  },
  {
    name: 'plain prose',
    body: `This release fixes a panic when the connection pool is closed while a query is running.

It also adds support for context cancellation in \`Ping\`.

Users upgrading from v1.4 should note that the default dial timeout is now 30 seconds instead of none; this is a breaking change for callers that relied on blocking forever.`,
    expect: {
      breaking: ['default dial timeout is now 30 seconds'],
      fixes: ['fixes a panic'],
    },
  },
  { name: 'empty', body: '', expect: {}, counts: { breaking: 0, security: 0, features: 0, fixes: 0, other: 0 } },
  {
    name: 'only an HTML comment and whitespace',
    body: '<!-- Release notes generated using configuration in .github/release.yml -->\n\n   \n',
    expect: {},
    counts: { breaking: 0, security: 0, features: 0, fixes: 0, other: 0 },
  },
  {
    name: 'enormous generated notes (4000 bullets)',
    body: `## What's Changed\n${manyBullets}\n\n**Full Changelog**: ${REPO}/compare/v1.0.0...v2.0.0`,
    expect: { fixes: ['Handle edge case number 0'], features: ['Option number 1'] },
  },
  {
    name: 'Go vulnerability fix in prose (x/net style)',
    body: `This release includes a security fix for GO-2024-2687 / CVE-2023-45288: http2: close connections when receiving too many headers.

Thanks to Bartek Nowotarski for reporting this issue.`,
    expect: { security: ['GO-2024-2687'] },
    counts: { security: 1, other: 0 },
    advisories: ['GO-2024-2687', 'CVE-2023-45288'],
  },
  {
    name: 'security section with a GHSA id and a fix section mentioning a CVE',
    body: `## Security
- Fix path traversal in archive extraction (GHSA-4vq8-7jfc-9cvp)

## Fixes
- Update the bundled zlib to address CVE-2022-37434
- Correct the retry backoff computation`,
    expect: {
      security: ['Fix path traversal in archive extraction', 'Update the bundled zlib'],
      fixes: ['Correct the retry backoff computation'],
    },
    counts: { security: 2, fixes: 1 },
    advisories: ['GHSA-4vq8-7jfc-9cvp', 'CVE-2022-37434'],
  },
  {
    name: 'commit list with a BREAKING CHANGE footer paragraph',
    body: `- refactor(api)!: remove the Context field from Request
- feat: streaming responses
- test: cover the retry path

BREAKING CHANGE: the Context field was removed; pass a context to Do instead.`,
    expect: {
      breaking: ['api: remove the Context field', 'The Context field was removed'],
      features: ['Streaming responses'],
      other: ['test: cover the retry path'],
    },
  },
  {
    name: 'HTML-heavy body (logo, script, details, table, inline tags)',
    body: `<p align="center"><img src="https://example.com/logo.png" width="200"></p>
<script>alert('x')</script>
<details><summary>Benchmarks</summary>

| op | before | after |
|----|--------|-------|
| Encode | 120ns | 80ns |
</details>

- Fix <b>encoding</b> of \`Map<K, V>\` types ![badge](https://img.shields.io/badge/x-y-green)
- Add <kbd>Ctrl</kbd>+C handling`,
    expect: { fixes: ['Fix encoding of `Map<K, V>` types'], features: ['Add Ctrl+C handling'] },
    counts: { fixes: 1, features: 1 },
    absent: ['<b>', '<script', 'alert', 'img.shields.io', '<kbd>', 'Benchmarks'],
  },
  {
    name: 'mentions, team mentions and issue references',
    body: `- Fix #42 reported by @alice and triaged by @acme/core (see also other/repo#7 and ${REPO}/issues/43)`,
    expect: {
      fixes: [
        'Fix [#42](https://redirect.github.com/acme/widget/issues/42)',
        '[other/repo#7](https://redirect.github.com/other/repo/issues/7)',
        'https://redirect.github.com/acme/widget/issues/43',
      ],
    },
    absent: ['@alice', '@acme/core'],
  },
  {
    name: 'code fences with heading and list lookalikes, one left open',
    body: `## Features
- New \`--format\` flag:

\`\`\`yaml
# not a heading
- not: an item
\`\`\`

## Fixes
- Escape quotes in generated code

\`\`\`go
// unclosed
- still code`,
    expect: { features: ['New `--format` flag'], fixes: ['Escape quotes'] },
    counts: { features: 1, fixes: 1 },
    absent: ['not a heading', 'not: an item', 'still code'],
  },
  {
    name: 'bold lines as headings (prose style)',
    body: `**Bug fixes:**
- The decoder no longer drops trailing zeros.

**Improvements:**
- Encoding is 20% faster for large slices.

**Breaking:**
- \`Encoder.Indent\` now takes a string.`,
    expect: {
      fixes: ['The decoder no longer drops trailing zeros'],
      features: ['Encoding is 20% faster'],
      breaking: ['`Encoder.Indent` now takes a string'],
    },
    counts: { fixes: 1, features: 1, breaking: 1 },
  },
  {
    name: '"Label:" lines as headings',
    body: `Features:
- Pluggable storage backends

Fixes:
- Flush on shutdown
- Leak in the watcher`,
    expect: { features: ['Pluggable storage backends'], fixes: ['Flush on shutdown', 'Leak in the watcher'] },
    counts: { features: 1, fixes: 2 },
  },
  {
    name: 'category bullets with nested items',
    body: `* Bug fixes:
  * Fix a crash on empty input
  * Correct the --help text
* New features:
  * Add a \`--quiet\` flag
* Upgrade the Go toolchain to 1.22.2 in CI`,
    expect: {
      fixes: ['Fix a crash on empty input', 'Correct the --help text'],
      features: ['Add a `--quiet` flag'],
      other: ['Upgrade the Go toolchain'],
    },
    counts: { fixes: 2, features: 1, other: 1 },
    absent: ['Bug fixes:'],
  },
  {
    name: 'Kubernetes-style changelog with urgent upgrade notes',
    body: `## Changelog since v0.29.0

### Urgent Upgrade Notes

#### (No, really, you MUST read this before you upgrade)

- The \`--cloud-provider\` flag is removed; use an external cloud controller manager. (#123456, @someone)

### Changes by Kind

#### Deprecation

- The \`v1beta1\` FlowSchema API is deprecated and will be removed in 1.32. (#123457)

#### Feature

- Added the \`--max-pods\` flag to the kubelet. (#123458)

#### Bug or Regression

- Fixed a memory leak in the apiserver watch cache. (#123459)`,
    expect: {
      breaking: ['The `--cloud-provider` flag is removed'],
      other: ['The `v1beta1` FlowSchema API is deprecated'],
      features: ['Added the `--max-pods` flag'],
      fixes: ['Fixed a memory leak'],
    },
    counts: { breaking: 1, features: 1, fixes: 1, other: 1 },
    absent: ['@someone'],
  },
  {
    name: 'release-drafter template',
    body: `## 🚀 Features
- Add OTLP exporter @alice (#12)
## 🐛 Bug Fixes
- Retry on 503 @bob (#13)
## 🧰 Maintenance
- Bump actions/checkout from 3 to 4 @dependabot (#14)`,
    expect: {
      features: ['Add OTLP exporter ([#12](https://redirect.github.com/acme/widget/issues/12))'],
      fixes: ['Retry on 503'],
      other: ['Bump actions/checkout'],
    },
    counts: { features: 1, fixes: 1, other: 1 },
    absent: ['@bob', '@alice'],
  },
  {
    name: 'setext headings and numbered lists',
    body: `Breaking changes
----------------

1. Removed the \`Config.Legacy\` option.
2. \`New\` now returns an error.

Fixes
-----

1. Off-by-one in pagination.`,
    expect: {
      breaking: ['Removed the `Config.Legacy` option', '`New` now returns an error'],
      fixes: ['Off-by-one in pagination'],
    },
    counts: { breaking: 2, fixes: 1 },
  },
  {
    name: 'Windows line endings',
    body: '### Fixed\r\n- Handle CRLF in config files\r\n- Trim BOM\r\n',
    expect: { fixes: ['Handle CRLF in config files', 'Trim BOM'] },
    counts: { fixes: 2 },
  },
  {
    name: 'table-breaking characters in a bullet',
    body: '- Support `a|b` alternation | and pipes in patterns',
    expect: { features: ['Support `a|b` alternation \\| and pipes'] },
  },
  {
    name: 'dependency-only release (Dependabot bumps) with a minimum Go bump',
    body: `## What's Changed
* Bump golang.org/x/sys from 0.17.0 to 0.18.0 by @dependabot[bot] in ${REPO}/pull/301
* Bump golang.org/x/text from 0.14.0 to 0.15.0 by @dependabot[bot] in ${REPO}/pull/302
* go.mod: require Go 1.22 by @alice in ${REPO}/pull/303`,
    expect: { other: ['Bump golang.org/x/sys', 'Bump golang.org/x/text'], breaking: ['require Go 1.22'] },
    counts: { other: 2, breaking: 1 },
  },
  {
    name: 'GitHub alert blocks and quotes',
    body: `> [!WARNING]
> This release drops support for Go 1.20.

- Faster startup`,
    expect: { breaking: ['This release drops support for Go 1.20'], other: ['Faster startup'] },
  },
];
