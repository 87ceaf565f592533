/** go.work → GoWork, accepting and rejecting what `go work edit -json` does. */
import type { GoWork } from '../types.js';
import {
  type Directive,
  eachDirective,
  expectArgs,
  fail,
  godebugArg,
  goVersionArg,
  posOf,
  replaceArg,
  stringArg,
  toolchainArg,
} from './directives.js';
import { GoModSyntaxError, throwCollected } from './errors.js';
import type { Token } from './lexer.js';
import { parseSyntax } from './syntax.js';

const BLOCK_VERBS = new Set(['godebug', 'use', 'replace']);
const DIRECTIVES = 'go, toolchain, godebug, use or replace';

export function parseGoWork(file: string, text: string): GoWork {
  const stmts = parseSyntax(file, text);
  const work: GoWork = { file, go: null, toolchain: null, godebug: [], use: [], replace: [] };
  const errors: GoModSyntaxError[] = [];
  const apply = (d: Directive): void => {
    try {
      addDirective(work, d);
    } catch (e) {
      if (!(e instanceof GoModSyntaxError)) throw e;
      errors.push(e);
    }
  };
  eachDirective(file, stmts, BLOCK_VERBS, apply, errors);
  throwCollected(errors);
  return work;
}

function addDirective(work: GoWork, d: Directive): void {
  switch (d.verb) {
    case 'go':
      if (work.go !== null) throw fail(d, d.line.tokens[0], 'repeated go directive', 'one go directive');
      work.go = goVersionArg(d, false);
      return;
    case 'toolchain':
      if (work.toolchain !== null)
        throw fail(d, d.line.tokens[0], 'repeated toolchain directive', 'one toolchain directive');
      work.toolchain = toolchainArg(d);
      return;
    case 'godebug':
      work.godebug.push(godebugArg(d));
      return;
    case 'use':
      expectArgs(d, 1, 'use ./module/dir');
      work.use.push({ diskPath: stringArg(d, d.args[0] as Token), pos: posOf(d) });
      return;
    case 'replace':
      work.replace.push(replaceArg(d));
      return;
    default:
      throw fail(d, d.line.tokens[0], `unknown directive ${JSON.stringify(d.verb)}`, DIRECTIVES);
  }
}
