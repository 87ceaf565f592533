/**
 * Turns the stderr of a failed `go` command into one typed error. Pure, so the rules are
 * tested against a table of real Go output. The order of the checks is the order of
 * precedence: a checksum mismatch is a security event whatever else went wrong, a definite
 * "no such version" from a proxy beats a network error (retrying cannot help), and a go.mod
 * position beats a .go position (a broken dependency go.mod is reported from the importing file).
 */
import type { SourcePosition } from '../errors.js';
import {
  GoChecksumMismatchError,
  GoCommandError,
  GoCompileError,
  GoModSyntaxInToolchainError,
  GoModuleNotFoundError,
  GoNetworkError,
  GoVersionTooNewError,
  type GoFailureContext,
} from './errors.js';

export interface GoFailureDetails {
  dir?: string;
  exitCode?: number | null;
}

const MAX_MESSAGE_LINES = 40;

/** Progress chatter Go prints on stderr even when all is well. */
const NOISE = /^go: (?:downloading|finding module for package|found|upgraded|downgraded|added|removed|extracting) /;

const CHECKSUM = /verifying (\S+?)@([^\s/]+)(\/go\.mod)?: checksum mismatch/;
const TOO_NEW = /(?:^|: )([^:]+?) requires go >= (\S+) \(running go ([^;)]+)(?:; GOTOOLCHAIN=([^)]+))?\)/;
/** GOTOOLCHAIN allowed a switch, but the wanted toolchain could not be fetched. */
const TOOLCHAIN_FETCH = /^go: download go(\d[^\s:]*)(?: for [^:]+)?: /;
const HTTP_STATUS = /reading (\S+): (\d{3}) /;
const NOT_FOUND_TEXT =
  /unknown revision|no matching versions for query|cannot find module providing package|no required module provides package|invalid version: unknown/;
const NOT_FOUND_STATUS = new Set([400, 403, 404, 410]);
const NETWORK_TEXT =
  /dial tcp|i\/o timeout|connection refused|connection reset|no such host|network is unreachable|TLS handshake timeout|\btls: |\bx509: |server gave HTTP response to HTTPS client|Client\.Timeout exceeded|context deadline exceeded|proxyconnect tcp|Could not resolve host|Failed to connect to|Connection timed out/;
const MODFILE_POS = /(?:^|[\s(:])((?:[^\s:()]*\/)?go\.(?:mod|work|sum)):(\d+)(?::(\d+))?: /;
const MODFILE_HEADER = /errors parsing go\.(?:mod|work)|malformed go\.sum/;
const GO_POS = /^(?:vet: )?(\S+?\.go):(\d+):(\d+): /;

export function classifyGoFailure(
  stderr: string,
  args: readonly string[],
  details: GoFailureDetails = {},
): GoCommandError {
  const ctx: GoFailureContext = { args, dir: details.dir, exitCode: details.exitCode, stderr };
  const lines = stderr.split('\n').map((l) => l.replace(/\r$/, ''));

  const checksum = firstMatch(lines, CHECKSUM);
  if (checksum) {
    const [, modulePath = '', version = '', goMod] = checksum.match;
    const msg = quote(lines, (l) => CHECKSUM.test(l) || l === 'SECURITY ERROR');
    return new GoChecksumMismatchError(ctx, msg, modulePath, version, goMod !== undefined);
  }

  const tooNew = firstMatch(lines, TOO_NEW);
  if (tooNew) {
    const [, subject = '', required = '', running, toolchain] = tooNew.match;
    const msg = quote(lines, (l) => TOO_NEW.test(l));
    return new GoVersionTooNewError(ctx, msg, subject, required, running, toolchain);
  }
  const fetchToolchain = firstMatch(lines, TOOLCHAIN_FETCH);
  if (fetchToolchain) {
    const msg = quote(lines, (l) => TOOLCHAIN_FETCH.test(l));
    return new GoVersionTooNewError(ctx, msg, 'toolchain switch', fetchToolchain.match[1] ?? '', undefined, undefined);
  }

  const isNotFound = (l: string): boolean => NOT_FOUND_TEXT.test(l) || NOT_FOUND_STATUS.has(httpStatus(l) ?? 0);
  const notFound = lines.find(isNotFound);
  if (notFound !== undefined) {
    const { modulePath, version } = moduleOf(notFound);
    return new GoModuleNotFoundError(ctx, quote(lines, isNotFound), modulePath, version, httpStatus(notFound));
  }

  const isNetwork = (l: string): boolean => {
    const status = httpStatus(l);
    return NETWORK_TEXT.test(l) || (status !== undefined && (status === 429 || status >= 500));
  };
  if (lines.some(isNetwork)) return new GoNetworkError(ctx, quote(lines, isNetwork));

  const modPos = firstMatch(lines, MODFILE_POS);
  if (modPos || lines.some((l) => MODFILE_HEADER.test(l))) {
    const msg = quote(lines, (l) => MODFILE_POS.test(l) || MODFILE_HEADER.test(l));
    return new GoModSyntaxInToolchainError(ctx, msg, modPos ? position(modPos.match) : undefined);
  }

  const positions = lines.flatMap((l) => {
    const m = GO_POS.exec(l);
    return m ? [position(m)] : [];
  });
  if (positions.length > 0) {
    return new GoCompileError(
      ctx,
      quote(lines, (l) => GO_POS.test(l) || l.startsWith('# ')),
      positions,
    );
  }

  const meaningful = lines.filter((l) => l.trim() !== '' && !NOISE.test(l));
  return new GoCommandError(ctx, cap(meaningful.slice(-20)));
}

function firstMatch(lines: readonly string[], re: RegExp): { match: RegExpExecArray } | undefined {
  for (const line of lines) {
    const match = re.exec(line);
    if (match) return { match };
  }
  return undefined;
}

function httpStatus(line: string): number | undefined {
  const m = HTTP_STATUS.exec(line);
  return m ? Number(m[2]) : undefined;
}

/** The matching lines and their tab-indented continuations (Go's `\tserver response: ...`). */
function quote(lines: readonly string[], pick: (line: string) => boolean): string {
  const out: string[] = [];
  let inBlock = false;
  for (const line of lines) {
    if (pick(line)) {
      out.push(line);
      inBlock = true;
    } else if (inBlock && /^[\t ]/.test(line)) {
      out.push(line);
    } else {
      inBlock = false;
    }
  }
  return cap(out);
}

function cap(lines: readonly string[]): string {
  if (lines.length <= MAX_MESSAGE_LINES) return lines.join('\n');
  const rest = lines.length - MAX_MESSAGE_LINES;
  return [...lines.slice(0, MAX_MESSAGE_LINES), `... (${rest} more lines)`].join('\n');
}

function position(m: RegExpExecArray): SourcePosition {
  const pos: SourcePosition = { file: m[1] ?? '', line: Number(m[2]) };
  if (m[3] !== undefined) pos.column = Number(m[3]);
  return pos;
}

/**
 * The module Go was talking about, from its `mod@version:` or `module mod:` prefix, else from
 * the proxy URL (which may carry a path prefix on private proxies, hence last resort).
 */
function moduleOf(line: string): { modulePath?: string; version?: string } {
  const rest = line.replace(/^go: /, '').replace(/^\S+?\.go:\d+:\d+: /, '');
  const at = /^([^\s@:]+)@([^\s:]+): /.exec(rest);
  if (at) return { modulePath: at[1], version: at[2] };
  const mod = /^module ([^\s:]+): /.exec(rest);
  if (mod) return { modulePath: mod[1] };
  const url = /\bhttps?:\/\/[^/\s]+\/(\S+?)\/@v\/(?:list|(\S+?)\.(?:info|mod|zip)):/.exec(line);
  if (url) {
    const result: { modulePath?: string; version?: string } = { modulePath: unescapePath(url[1] ?? '') };
    if (url[2] !== undefined) result.version = unescapePath(url[2]);
    return result;
  }
  return {};
}

/** Undo the proxy protocol's case encoding (`!x` stands for `X`). */
function unescapePath(s: string): string {
  return s.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
}
