/**
 * What users read from the commands (help, the PR body's Commands section, echoed input) and the
 * dashboard state block the ignore decisions live in.
 */
import { describe, expect, it } from '@jest/globals';
import { renderCommandsSection, renderHelp } from '../../../src/commands/help.js';
import { parseCommand } from '../../../src/commands/parse.js';
import { quoteForReply } from '../../../src/commands/quote.js';
import { renderReply } from '../../../src/commands/reply.js';
import { isIgnored } from '../../../src/config/ignore.js';
import { DashboardStateError, readState, writeState } from '../../../src/ignores/dashboard-state.js';
import { mergeIgnoreRules, moduleRule, versionRule } from '../../../src/ignores/ignore-rules.js';
import type { RecordedIgnore } from '../../../src/ignores/types.js';
import { readSection, replaceSection } from '../../../src/pull-request/sections.js';

describe('help and the Commands section', () => {
  it('the Commands section of a PR body', () => {
    expect(renderCommandsSection('gomod-steward')).toMatchSnapshot();
  });

  it('the help reply', () => {
    expect(renderHelp('gomod-steward')).toMatchSnapshot();
  });

  it('every command the help lists parses as that command, with the slug it is given', () => {
    const lines = renderHelp('acme-deps')
      .split('\n')
      .filter((l) => l.startsWith('| `@acme-deps '));
    expect(lines.length).toBeGreaterThanOrEqual(12);
    for (const line of lines) {
      const example = (/`@acme-deps ([^`]+)`/.exec(line)?.[1] ?? '')
        .replace('<module>', 'github.com/foo/bar')
        .replace(' [major\\|minor\\|patch]', ' minor');
      expect(parseCommand(example).kind).not.toBe('unknown');
    }
  });

  it('sits in the commands section of a PR body and is read back', () => {
    const body = replaceSection('<!-- gomod-steward:meta {} -->', 'commands', renderCommandsSection('gomod-steward'));
    expect(readSection(body, 'commands')).toBe(renderCommandsSection('gomod-steward'));
  });
});

describe('quoteForReply', () => {
  it.each([
    ['merge', '`merge`'],
    ['a `code` span', "`a 'code' span`"],
    ['@someone ping <b>bold</b> [x](y)', '`@someone ping <b>bold</b> [x](y)`'],
    ['line\nbreak\u0000nul', '`line break nul`'],
    ['bidi \u202eevil\u200b', '`bidi evil`'],
    ['', '(nothing)'],
  ])('%j → %s', (input, expected) => {
    expect(quoteForReply(input)).toBe(expected);
  });

  it('caps what it echoes', () => {
    expect(quoteForReply('x'.repeat(10_000))).toBe(`\`${'x'.repeat(80)}…\``);
  });
});

describe('the reply', () => {
  it('answers each command in order, then the help when something was not understood', () => {
    const text = renderReply(
      'octocat',
      'gomod-steward',
      [
        {
          command: { kind: 'ignore', module: 'github.com/foo/bar' },
          ok: true,
          message: 'Ignored `github.com/foo/bar`: all updates. Recorded in #7.',
        },
        {
          command: { kind: 'unknown', text: 'merge <b>now</b>' },
          ok: false,
          message: 'I did not understand this. See the list of commands below.',
        },
        { command: undefined, ok: true, message: 'A new run is queued to rebuild the pull request.' },
      ],
      false,
    );
    expect(text).toMatchSnapshot();
  });
});

const entry = (over: Partial<RecordedIgnore> = {}): RecordedIgnore => ({
  dependency: 'github.com/foo/bar',
  by: 'octocat',
  at: '2026-11-21T10:00:00.000Z',
  pr: 12,
  ...over,
});

describe('dashboard state', () => {
  it('round-trips through a body, keeping text outside its blocks', () => {
    const state = {
      v: 1 as const,
      ignores: [entry(), entry({ dependency: 'golang.org/x/net', updateTypes: ['major'] })],
    };
    const first = writeState(undefined, state);
    expect(readState(first)).toEqual(state);
    const edited = `${first}\n\nNotes by a maintainer.`;
    const second = writeState(edited, { v: 1, ignores: [entry()] });
    expect(second).toContain('Notes by a maintainer.');
    expect(readState(second).ignores).toEqual([entry()]);
    expect(second.match(/gomod-steward:state/g)).toHaveLength(1);
  });

  it('shows the decisions to people', () => {
    expect(
      writeState(undefined, {
        v: 1,
        ignores: [entry(), entry({ dependency: 'golang.org/x/net', updateTypes: ['major'], pr: undefined })],
      }),
    ).toMatchSnapshot();
  });

  it('a body without a block has no decisions; a broken block is an error, not "none"', () => {
    expect(readState('hello').ignores).toEqual([]);
    expect(readState(null).ignores).toEqual([]);
    expect(() => readState('<!-- gomod-steward:state {"v":1,"ignores":[{"dependency":1}]} -->')).toThrow(
      DashboardStateError,
    );
    expect(() => readState('<!-- gomod-steward:state {not json -->')).toThrow(DashboardStateError);
    expect(() => readState('<!-- gomod-steward:state {"v":1,"ignores":[]}')).toThrow(DashboardStateError);
  });

  it('a value that would end the HTML comment early is escaped', () => {
    const body = writeState(undefined, { v: 1, ignores: [entry({ by: 'x-->y' })] });
    expect(body.indexOf('-->', body.indexOf('gomod-steward:state'))).toBe(body.lastIndexOf('-->'));
    expect(readState(body).ignores[0]?.by).toBe('x-->y');
  });
});

describe('ignore rules from commands', () => {
  it.each([
    ['major', 'v3.1.4', 'v3.*', ['v3.0.0', 'v3.9.9'], ['v4.0.0', 'v2.9.0']],
    ['minor', 'v3.1.4', 'v3.1.*', ['v3.1.0', 'v3.1.9'], ['v3.2.0']],
    ['patch', 'v3.1.4', 'v3.1.4', ['v3.1.4'], ['v3.1.5']],
    ['patch', 'v2.0.0+incompatible', 'v2.0.0', ['v2.0.0+incompatible'], ['v2.0.1+incompatible']],
  ] as const)('ignore this %s version of an update to %s → %s', (scope, to, pattern, hit, miss) => {
    const rule = versionRule('github.com/foo/bar', to, scope);
    expect(rule).toEqual({ dependency: 'github.com/foo/bar', versions: [pattern] });
    for (const v of hit) expect(isIgnored([rule], 'github.com/foo/bar', 'minor', v)).toBe(true);
    for (const v of miss) expect(isIgnored([rule], 'github.com/foo/bar', 'minor', v)).toBe(false);
  });

  it('recorded rules join the config rules without their metadata', () => {
    const merged = mergeIgnoreRules([{ dependency: 'github.com/a/*' }], [entry({ updateTypes: ['minor'] })]);
    expect(merged).toEqual([
      { dependency: 'github.com/a/*' },
      { dependency: 'github.com/foo/bar', updateTypes: ['minor'] },
    ]);
    expect(isIgnored(merged, 'github.com/foo/bar', 'minor', 'v1.2.0')).toBe(true);
    expect(isIgnored(merged, 'github.com/foo/bar', 'patch', 'v1.1.1')).toBe(false);
    expect(moduleRule('github.com/x/y', 'patch')).toEqual({ dependency: 'github.com/x/y', updateTypes: ['patch'] });
  });
});
