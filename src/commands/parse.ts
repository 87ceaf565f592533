/**
 * Comment → commands. A command is a line that starts (within three spaces) with `@<slug>`,
 * case-insensitive, followed by one of the commands help.ts lists (docs/architecture.md places
 * this layer); several such lines run in order. Lines inside code blocks, HTML comments and
 * quotes are never commands. A line that mentions the app but says nothing we know becomes
 * `unknown`, which is answered with the help.
 */
import { UPDATE_TYPES, type UpdateType } from '../config/defaults.js';
import { modulePathProblem } from '../gomod/module.js';
import { isKeyword, splitWords, type Word } from './arguments.js';
import { afterMention, startsWithMention } from './mention.js';
import type { Command, ParsedComment } from './types.js';
import { visibleLines } from './visible-lines.js';

/** More commands than this in one comment are not run: nobody needs them, a flood costs work. */
export const MAX_COMMANDS = 10;

export function parseCommands(body: string, slug: string): ParsedComment {
  const { lines, truncated: cut } = visibleLines(body);
  const commands: Command[] = [];
  let truncated = cut;
  for (const line of lines) {
    const rest = afterMention(line, slug);
    if (rest === undefined) continue;
    if (commands.length === MAX_COMMANDS) {
      truncated = true;
      break;
    }
    commands.push(parseCommand(rest));
  }
  return { commands, truncated };
}

/** The webhook handler's filter: could this comment address any app at all? */
export function mayContainCommand(body: string): boolean {
  return visibleLines(body).lines.some(startsWithMention);
}

export function parseCommand(text: string): Command {
  const { words, unterminated } = splitWords(text);
  const raw = text.trim();
  const unknown = (problem?: string): Command => ({ kind: 'unknown', text: raw, ...(problem ? { problem } : {}) });
  if (unterminated) return unknown('a quote is not closed');
  const [first, second, third, fourth] = words;
  const n = words.length;

  if (n === 1 && isKeyword(first, 'rebase')) return { kind: 'rebase' };
  if (n === 1 && isKeyword(first, 'recreate')) return { kind: 'recreate' };
  if (n === 1 && isKeyword(first, 'help')) return { kind: 'help' };
  if (n === 1 && isKeyword(first, 'run')) return { kind: 'run' };
  if (n === 2 && isKeyword(first, 'rerun') && isKeyword(second, 'impact')) return { kind: 'rerun-impact' };

  if (isKeyword(first, 'ignore') && isKeyword(second, 'this')) {
    if (n === 3 && isKeyword(third, 'dependency')) return { kind: 'ignore-this', scope: 'dependency' };
    if (n === 4 && isKeyword(fourth, 'version') && isKeyword(third, ...UPDATE_TYPES)) {
      return { kind: 'ignore-this', scope: third?.text.toLowerCase() as UpdateType };
    }
    return unknown();
  }
  if (isKeyword(first, 'ignore') && n <= 3) {
    const problem = moduleProblem(second);
    if (problem) return unknown(problem);
    if (n === 2) return { kind: 'ignore', module: second?.text ?? '' };
    if (!isKeyword(third, ...UPDATE_TYPES)) return unknown(`after the module, only major, minor or patch may follow`);
    return { kind: 'ignore', module: second?.text ?? '', updateType: third?.text.toLowerCase() as UpdateType };
  }
  if (isKeyword(first, 'unignore') && n === 2) {
    if (second?.text === '*') return { kind: 'unignore-all' };
    const problem = moduleProblem(second);
    return problem ? unknown(problem) : { kind: 'unignore', module: second?.text ?? '' };
  }
  if (isKeyword(first, 'show') && n === 4 && isKeyword(third, 'ignore') && isKeyword(fourth, 'conditions')) {
    const problem = moduleProblem(second);
    return problem ? unknown(problem) : { kind: 'show-ignores', module: second?.text ?? '' };
  }
  return unknown();
}

function moduleProblem(word: Word | undefined): string | undefined {
  if (!word) return 'a module path is missing';
  const problem = modulePathProblem(word.text);
  return problem ? `not a module path (${problem})` : undefined;
}
