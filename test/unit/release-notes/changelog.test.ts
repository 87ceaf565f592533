import { describe, expect, it } from '@jest/globals';
import { changelogSections, headingVersions, sectionsFor } from '../../../src/release-notes/index.js';
import { preferChangelog } from '../../../src/release-notes/changelog.js';

describe('version headings', () => {
  it.each([
    ['[1.2.3] - 2024-01-01', '', ['v1.2.3']],
    ['v1.2.3', '', ['v1.2.3']],
    ['1.2.3 (2024-01-01)', '', ['v1.2.3']],
    ['[v1.2.3](https://github.com/o/r/compare/v1.2.2...v1.2.3) (2024-01-01)', '', ['v1.2.3']],
    ['Release 1.2.3', '', ['v1.2.3']],
    ['Version 2.0.0-rc.1', '', ['v2.0.0-rc.1']],
    ['1.4', '', ['v1.4.0']],
    ['[1.24.0/0.46.0/0.0.1-alpha] 2024-02-23', '', ['v1.24.0', 'v0.46.0', 'v0.0.1-alpha']],
    ['sdk/v1.2.0', 'sdk/', ['v1.2.0']],
    ['other/v1.2.0', 'sdk/', []],
    ['Unreleased', '', []],
    ['Requires Go 1.22', '', []],
    ['2024-01-01', '', []],
  ])('%s (prefix %j)', (heading, prefix, versions) => {
    expect(headingVersions(heading, prefix)).toEqual(versions);
  });
});

const KEEP_A_CHANGELOG = `# Changelog
All notable changes to this project will be documented in this file.

## [Unreleased]
### Added
- Something not released yet.

## [1.3.0] - 2024-03-01
### Added
- Streaming decoder.
### Fixed
- Crash on empty input.

## [1.2.1] - 2024-02-01
### Fixed
- Off-by-one in the scanner.

\`\`\`
## [9.9.9] this is inside a code block
\`\`\`

## [1.2.0] - 2024-01-01
### Removed
- Go 1.20 support.

[1.3.0]: https://github.com/o/r/compare/v1.2.1...v1.3.0
`;

describe('changelogSections', () => {
  it('splits Keep a Changelog by version, sub-headings inside, Unreleased and code blocks ignored', () => {
    const sections = changelogSections(KEEP_A_CHANGELOG, '');
    expect(sections.map((s) => s.versions[0])).toEqual(['v1.3.0', 'v1.2.1', 'v1.2.0']);
    expect(sections[0]!.body).toBe('### Added\n- Streaming decoder.\n### Fixed\n- Crash on empty input.');
    expect(sections[1]!.body).toContain('[9.9.9] this is inside a code block');
    expect(sections[2]!.body).toContain('Go 1.20 support.');
  });

  it('finds the sections of the versions wanted, +incompatible included', () => {
    const found = sectionsFor(changelogSections(KEEP_A_CHANGELOG, ''), ['v1.3.0', 'v1.2.1', 'v1.1.0']);
    expect([...found.keys()]).toEqual(['v1.3.0', 'v1.2.1']);
    const incompatible = sectionsFor(changelogSections('## 4.1.0\n- x\n', ''), ['v4.1.0+incompatible']);
    expect(incompatible.get('v4.1.0+incompatible')?.body).toBe('- x');
  });

  it('reads setext headings and stops at a higher-level heading', () => {
    const text = `Changes\n=======\n\n1.1.0\n-----\n\n- b\n\n1.0.0\n-----\n\n- a\n\n# Appendix\nnot part of 1.0.0\n`;
    const sections = changelogSections(text, '');
    expect(sections.map((s) => [s.versions[0], s.body])).toEqual([
      ['v1.1.0', '- b'],
      ['v1.0.0', '- a'],
    ]);
  });

  it('reads a monorepo changelog with one heading per module version', () => {
    const text = `## sdk/v1.3.0\n- sdk change\n## api/v1.3.0\n- api change\n## sdk/v1.2.0\n- older sdk change\n`;
    expect(changelogSections(text, 'sdk/').map((s) => [s.versions[0], s.body])).toEqual([
      ['v1.3.0', '- sdk change'],
      ['v1.2.0', '- older sdk change'],
    ]);
  });

  it('reads OpenTelemetry’s combined headings for any of their versions', () => {
    const text = `## [Unreleased]\n\n## [1.24.0/0.46.0/0.0.1-alpha] 2024-02-23\n\n### Added\n\n- New thing.\n\n## [1.23.1] 2024-02-07\n\n### Fixed\n\n- Old thing.\n`;
    const found = sectionsFor(changelogSections(text, 'exporters/prometheus/'), ['v0.46.0']);
    expect(found.get('v0.46.0')?.body).toBe('### Added\n\n- New thing.');
  });
});

describe('preferChangelog', () => {
  it('picks CHANGELOG over CHANGES over RELEASE_NOTES, any case', () => {
    expect(preferChangelog(['README.md', 'RELEASE_NOTES.md', 'changes.md', 'go.mod'])).toBe('changes.md');
    expect(preferChangelog(['Changelog.md', 'CHANGES.md'])).toBe('Changelog.md');
    expect(preferChangelog(['README.md'])).toBeUndefined();
  });
});
