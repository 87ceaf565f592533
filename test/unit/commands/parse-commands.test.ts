/**
 * The comment parser, table-driven: what a comment asks of `@gomod-steward`, in order, and what
 * it must never be read as (code, quotes, hidden HTML, look-alike mentions, hostile input).
 */
import { describe, expect, it } from '@jest/globals';
import { MAX_COMMANDS, mayContainCommand, parseCommands } from '../../../src/commands/parse.js';
import type { Command } from '../../../src/commands/types.js';
import { MAX_COMMENT_BODY } from '../../../src/github-limits.js';

const SLUG = 'gomod-steward';
const M = `@${SLUG}`;

type Row = [name: string, body: string, expected: Command[]];

const unknown = (text: string, problem?: string): Command => ({
  kind: 'unknown',
  text,
  ...(problem ? { problem } : {}),
});

const COMMANDS: Row[] = [
  ['rebase', `${M} rebase`, [{ kind: 'rebase' }]],
  ['recreate', `${M} recreate`, [{ kind: 'recreate' }]],
  ['rerun impact', `${M} rerun impact`, [{ kind: 'rerun-impact' }]],
  ['run', `${M} run`, [{ kind: 'run' }]],
  ['run with an argument is not run', `${M} run now`, [{ kind: 'unknown', text: 'run now' }]],
  ['help', `${M} help`, [{ kind: 'help' }]],
  ['ignore this dependency', `${M} ignore this dependency`, [{ kind: 'ignore-this', scope: 'dependency' }]],
  ['ignore this major version', `${M} ignore this major version`, [{ kind: 'ignore-this', scope: 'major' }]],
  ['ignore this minor version', `${M} ignore this minor version`, [{ kind: 'ignore-this', scope: 'minor' }]],
  ['ignore this patch version', `${M} ignore this patch version`, [{ kind: 'ignore-this', scope: 'patch' }]],
  [
    'ignore a bare module',
    `${M} ignore github.com/redis/go-redis/v9`,
    [{ kind: 'ignore', module: 'github.com/redis/go-redis/v9' }],
  ],
  [
    'ignore a module, minor only',
    `${M} ignore github.com/foo/bar minor`,
    [{ kind: 'ignore', module: 'github.com/foo/bar', updateType: 'minor' }],
  ],
  [
    'ignore a module, major only',
    `${M} ignore golang.org/x/net MAJOR`,
    [{ kind: 'ignore', module: 'golang.org/x/net', updateType: 'major' }],
  ],
  [
    'ignore a double-quoted module',
    `${M} ignore "github.com/foo/bar" patch`,
    [{ kind: 'ignore', module: 'github.com/foo/bar', updateType: 'patch' }],
  ],
  ['ignore a single-quoted module', `${M} ignore 'gopkg.in/yaml.v3'`, [{ kind: 'ignore', module: 'gopkg.in/yaml.v3' }]],
  [
    'ignore a module in backticks',
    `${M} ignore \`github.com/foo/bar\``,
    [{ kind: 'ignore', module: 'github.com/foo/bar' }],
  ],
  ['unignore a module', `${M} unignore github.com/foo/bar`, [{ kind: 'unignore', module: 'github.com/foo/bar' }]],
  ['unignore everything', `${M} unignore *`, [{ kind: 'unignore-all' }]],
  [
    'show ignore conditions',
    `${M} show github.com/foo/bar ignore conditions`,
    [{ kind: 'show-ignores', module: 'github.com/foo/bar' }],
  ],
  [
    'show, quoted module',
    `${M} show "go.uber.org/zap" ignore conditions`,
    [{ kind: 'show-ignores', module: 'go.uber.org/zap' }],
  ],
];

const MENTIONS: Row[] = [
  ['the mention is case-insensitive', '@GoMod-Steward REBASE', [{ kind: 'rebase' }]],
  ['up to three spaces before the mention', `   ${M} rebase`, [{ kind: 'rebase' }]],
  ['a colon or comma after the mention', `${M}: rebase\n${M}, recreate`, [{ kind: 'rebase' }, { kind: 'recreate' }]],
  ['the [bot] form of the mention', `${M}[bot] rebase`, [{ kind: 'rebase' }]],
  [
    'extra spaces and tabs between words',
    `${M}   ignore\tthis   major  version  `,
    [{ kind: 'ignore-this', scope: 'major' }],
  ],
  ['CRLF line ends', `please\r\n${M} rebase\r\n${M} rerun impact\r\n`, [{ kind: 'rebase' }, { kind: 'rerun-impact' }]],
  [
    'several commands run in the order written',
    `Thanks!\n\n${M} ignore github.com/a/b\nsome prose\n${M} rebase\n${M} help`,
    [{ kind: 'ignore', module: 'github.com/a/b' }, { kind: 'rebase' }, { kind: 'help' }],
  ],
  ['a mention in the middle of a line is prose', `could ${M} rebase this?`, []],
  ['another account is not us', '@dependabot rebase', []],
  ['a longer name that starts with the slug is someone else', `${M}-fork rebase`, []],
  ['the slug without the @ is prose', `${SLUG} rebase`, []],
  ['an e-mail address is not a mention', `me${M}.example.com rebase`, []],
];

const IGNORED_MARKUP: Row[] = [
  ['a fenced code block', `\`\`\`\n${M} rebase\n\`\`\``, []],
  ['a tilde fence', `~~~text\n${M} rebase\n~~~`, []],
  [
    'a longer fence is not closed by a shorter one',
    `\`\`\`\`\n\`\`\`\n${M} rebase\n\`\`\`\`\n${M} recreate`,
    [{ kind: 'recreate' }],
  ],
  ['an unclosed fence hides the rest', `\`\`\`\n${M} rebase`, []],
  ['an indented code block', `text\n\n    ${M} rebase`, []],
  ['a tab-indented line', `\t${M} rebase`, []],
  ['inline code', `\`${M} rebase\``, []],
  ['a quote', `> ${M} rebase`, []],
  ['a nested quote', `> > ${M} rebase`, []],
  ['an HTML comment over several lines', `<!--\n${M} rebase\n-->\n${M} help`, [{ kind: 'help' }]],
  ['an HTML comment on one line', `<!-- ${M} rebase -->`, []],
  ['a <pre> block', `<pre>\n${M} rebase\n</pre>`, []],
  ['a command after a closed fence counts', `\`\`\`go\nx := 1\n\`\`\`\n${M} rebase`, [{ kind: 'rebase' }]],
];

const NOT_UNDERSTOOD: Row[] = [
  ['an unknown command', `${M} merge`, [unknown('merge')]],
  ['a mention alone', `${M}`, [unknown('')]],
  ['trailing words after a command', `${M} rebase please`, [unknown('rebase please')]],
  ['ignore this without a scope', `${M} ignore this`, [unknown('ignore this')]],
  ['ignore this with a bad scope', `${M} ignore this huge version`, [unknown('ignore this huge version')]],
  [
    'ignore with a bad update type',
    `${M} ignore github.com/foo/bar all`,
    [unknown('ignore github.com/foo/bar all', 'after the module, only major, minor or patch may follow')],
  ],
  ['ignore with no module', `${M} ignore`, [unknown('ignore', 'a module path is missing')]],
  [
    'a module path without a dot',
    `${M} ignore foo/bar`,
    [unknown('ignore foo/bar', 'not a module path (missing dot in first path element)')],
  ],
  [
    'a module path with a version',
    `${M} ignore github.com/foo/bar@v1.2.3`,
    [unknown('ignore github.com/foo/bar@v1.2.3', "not a module path (invalid char '@')")],
  ],
  [
    'an unclosed quote',
    `${M} ignore "github.com/foo/bar`,
    [unknown('ignore "github.com/foo/bar', 'a quote is not closed')],
  ],
  ['a quoted keyword is not a keyword', `${M} "rebase"`, [unknown('"rebase"')]],
  ['show without "ignore conditions"', `${M} show github.com/foo/bar`, [unknown('show github.com/foo/bar')]],
  [
    'unignore with two modules',
    `${M} unignore github.com/a/b github.com/c/d`,
    [unknown('unignore github.com/a/b github.com/c/d')],
  ],
];

const HOSTILE: Row[] = [
  ['Cyrillic е in the mention', '@gomod-stеward rebase', []],
  ['full-width letters in the mention', '@ｇｏｍｏｄ-steward rebase', []],
  ['a zero-width space inside the mention', '@gomod\u200b-steward rebase', []],
  ['a zero-width joiner after the mention', '@gomod-steward\u200d rebase', []],
  [
    'a Kelvin sign (folds to k) does not stand for a letter',
    '@gomod-steward rebase\n@\u212a rebase',
    [{ kind: 'rebase' }],
  ],
  ['a NUL inside a keyword does not join it', `${M} re\u0000base`, [unknown('re base')]],
  ['a vertical tab before the mention is a space', `\u000b${M} rebase`, [{ kind: 'rebase' }]],
  ['a Unicode line separator does not start a line', `hello\u2028${M} rebase`, []],
  [
    'a right-to-left override in a module path',
    `${M} ignore github.com/foo/\u202ebar`,
    [unknown('ignore github.com/foo/\u202ebar', "not a module path (invalid char '\\u202e')")],
  ],
  [
    'markdown link injection as a module',
    `${M} ignore [x](https://evil.example)`,
    [unknown('ignore [x](https://evil.example)', 'not a module path (double slash)')],
  ],
  [
    'HTML injection as a module',
    `${M} ignore <img src=x onerror=alert(1)>`,
    [unknown('ignore <img src=x onerror=alert(1)>')],
  ],
  ['a mention of us inside a link text is prose', `[${M} rebase](https://x.example)`, []],
];

describe('parseCommands', () => {
  describe.each([
    ['commands', COMMANDS],
    ['mentions', MENTIONS],
    ['markup that hides commands', IGNORED_MARKUP],
    ['things we answer with the help', NOT_UNDERSTOOD],
    ['hostile input', HOSTILE],
  ] as const)('%s', (_group, rows) => {
    it.each(rows)('%s', (_name, body, expected) => {
      expect(parseCommands(body, SLUG).commands).toEqual(expected);
    });
  });

  it('reads at most MAX_COMMANDS commands and says it stopped', () => {
    const body = Array.from({ length: MAX_COMMANDS + 5 }, () => `${M} rebase`).join('\n');
    const parsed = parseCommands(body, SLUG);
    expect(parsed.commands).toHaveLength(MAX_COMMANDS);
    expect(parsed.truncated).toBe(true);
    expect(parseCommands(`${M} rebase`, SLUG).truncated).toBe(false);
  });

  it("a huge comment is cut at GitHub's limit, quickly, and a command past it is not read", () => {
    const filler = `${'a'.repeat(1000)} @x \`\`\` <!-- > \n`.repeat(2000);
    const body = `${M} rebase\n${filler}${M} recreate`;
    expect(body.length).toBeGreaterThan(MAX_COMMENT_BODY * 10);
    const started = performance.now();
    const parsed = parseCommands(body, SLUG);
    expect(performance.now() - started).toBeLessThan(500);
    expect(parsed.commands).toEqual([{ kind: 'rebase' }]);
    expect(parsed.truncated).toBe(true);
  });

  it('pathological quoting and mentions cost linear time', () => {
    const body = `${M} ignore ${'"'.repeat(60_000)}\n${`${M} `.repeat(3000)}`;
    const started = performance.now();
    parseCommands(body, SLUG);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('takes the slug from its argument (an APP_SLUG override)', () => {
    expect(parseCommands('@my-steward rebase', 'my-steward').commands).toEqual([{ kind: 'rebase' }]);
    expect(parseCommands(`${M} rebase`, 'my-steward').commands).toEqual([]);
  });
});

describe('mayContainCommand (the webhook handler filter)', () => {
  it.each([
    [`${M} rebase`, true],
    [`thanks\n  @anyone rebase`, true],
    [`\u000b${M} rebase`, true],
    ['no mention here', false],
    [`mail me at x${M}.example.com`, false],
    [`\`\`\`\n${M} rebase\n\`\`\``, false],
    [`> ${M} rebase`, false],
  ])('%j → %s', (body, expected) => {
    expect(mayContainCommand(body)).toBe(expected);
  });

  it('passes every comment the parser finds a command in', () => {
    for (const [, body, expected] of [...COMMANDS, ...MENTIONS, ...IGNORED_MARKUP, ...NOT_UNDERSTOOD, ...HOSTILE]) {
      if (expected.length > 0) expect(mayContainCommand(body)).toBe(true);
    }
  });
});
