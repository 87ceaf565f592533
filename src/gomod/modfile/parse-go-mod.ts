/**
 * go.mod → GoMod. Strict mode accepts and rejects exactly what `go mod edit -json` does; lax
 * mode is Go's reading of a dependency's go.mod (unknown and main-module-only directives do not
 * fail the parse).
 */
import type { GoMod } from '../types.js';
import { deprecationMessage, directiveComment, isIndirect } from './directive-comments.js';
import {
  checkMajor,
  type Directive,
  eachDirective,
  expectArgs,
  fail,
  godebugArg,
  goVersionArg,
  pathMajorOf,
  posOf,
  replaceArg,
  stringArg,
  toolchainArg,
  versionArg,
} from './directives.js';
import { GoModSyntaxError, throwCollected } from './errors.js';
import type { Token } from './lexer.js';
import { retractInterval } from './retract.js';
import { parseSyntax } from './syntax.js';

export interface ParseGoModOptions {
  /**
   * Read a dependency's go.mod as Go does (ParseLax): fails only on broken syntax or a bad
   * module, go, require, retract or ignore line. Unknown directives are skipped; toolchain,
   * exclude and replace are kept when well-formed (Go itself ignores them in a dependency).
   */
  lax?: boolean;
}

const BLOCK_VERBS = new Set(['module', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore']);
const DIRECTIVES = 'module, go, toolchain, godebug, require, exclude, replace, retract, tool or ignore';
/** What Go's ParseLax reads; errors in these fail even a dependency's go.mod. */
const LAX_READ = new Set(['module', 'go', 'require', 'retract', 'ignore']);
/** Read from a dependency's go.mod on a best-effort basis (Go skips them there). */
const LAX_BEST_EFFORT = new Set(['toolchain', 'exclude', 'replace']);

interface State {
  mod: GoMod;
  lax: boolean;
  /** Line of the first module directive, 0 before it; set even when that line is malformed, as Go does. */
  moduleLine: number;
}

export function parseGoMod(file: string, text: string, opts: ParseGoModOptions = {}): GoMod {
  const lax = opts.lax === true;
  const stmts = parseSyntax(file, text);
  const st: State = {
    lax,
    moduleLine: 0,
    mod: {
      file,
      module: null,
      go: null,
      toolchain: null,
      godebug: [],
      require: [],
      exclude: [],
      replace: [],
      retract: [],
      tool: [],
      ignore: [],
    },
  };
  const errors: GoModSyntaxError[] = [];
  const apply = (d: Directive): void => {
    const bestEffort = lax && !LAX_READ.has(d.verb);
    if (bestEffort && !LAX_BEST_EFFORT.has(d.verb)) return;
    try {
      addDirective(st, d);
    } catch (e) {
      if (!(e instanceof GoModSyntaxError)) throw e;
      if (!bestEffort) errors.push(e);
    }
  };
  eachDirective(file, stmts, BLOCK_VERBS, apply, errors, lax);
  throwCollected(errors);
  return st.mod;
}

function addDirective(st: State, d: Directive): void {
  const { mod } = st;
  switch (d.verb) {
    case 'module': {
      if (st.moduleLine)
        throw fail(
          d,
          d.line.tokens[0],
          `repeated module directive (first at line ${st.moduleLine})`,
          'one module directive',
        );
      st.moduleLine = posOf(d).line;
      expectArgs(d, 1, 'module example.com/path');
      const deprecated = deprecationMessage(d.block, d.line);
      mod.module = { path: stringArg(d, d.args[0] as Token), pos: posOf(d), ...(deprecated ? { deprecated } : {}) };
      return;
    }
    case 'go':
      if (mod.go !== null) throw fail(d, d.line.tokens[0], 'repeated go directive', 'one go directive');
      mod.go = goVersionArg(d, st.lax);
      return;
    case 'toolchain':
      if (mod.toolchain !== null)
        throw fail(d, d.line.tokens[0], 'repeated toolchain directive', 'one toolchain directive');
      mod.toolchain = toolchainArg(d);
      return;
    case 'godebug':
      mod.godebug.push(godebugArg(d));
      return;
    case 'require':
    case 'exclude': {
      expectArgs(d, 2, `${d.verb} module/path v1.2.3`);
      const [pt, vt] = d.args as [Token, Token];
      const path = stringArg(d, pt);
      const version = versionArg(d, vt);
      checkMajor(d, vt, path, version, pathMajorOf(d, pt, path));
      if (d.verb === 'require') mod.require.push({ path, version, indirect: isIndirect(d.line), pos: posOf(d) });
      else mod.exclude.push({ path, version, pos: posOf(d) });
      return;
    }
    case 'replace':
      mod.replace.push(replaceArg(d));
      return;
    case 'retract': {
      const rationale = directiveComment(d.block, d.line);
      let interval;
      try {
        interval = retractInterval(d);
      } catch (e) {
        // A dependency may use retraction syntax newer than ours: skip it, as Go does.
        if (st.lax && e instanceof GoModSyntaxError) return;
        throw e;
      }
      const extra = interval.rest[0];
      if (extra && !st.lax)
        throw fail(
          d,
          extra,
          `unexpected ${JSON.stringify(extra.text)} after the retracted version`,
          'nothing after the version or range',
        );
      mod.retract.push({ low: interval.low, high: interval.high, rationale, pos: posOf(d) });
      return;
    }
    case 'tool':
    case 'ignore': {
      expectArgs(d, 1, d.verb === 'tool' ? 'tool example.com/cmd/x' : 'ignore ./dir');
      const path = stringArg(d, d.args[0] as Token);
      mod[d.verb].push({ path, pos: posOf(d) });
      return;
    }
    default:
      throw fail(d, d.line.tokens[0], `unknown directive ${JSON.stringify(d.verb)}`, DIRECTIVES);
  }
}
