/**
 * The `go` and `toolchain` lines of a go.mod, read with our parser, and what changed in them.
 * With `go-directive: keep` any change to either line is a change the user did not ask for.
 */
import { parseGoMod } from '../../gomod/modfile/index.js';
import { compareModuleVersions } from '../../gomod/version.js';

export interface GoLines {
  go: string | null;
  toolchain: string | null;
}

/** null when the text is not a go.mod we can read (Go will say why when it runs there). */
export function goLinesOf(file: string, text: string | null): GoLines | null {
  if (text === null) return null;
  try {
    const m = parseGoMod(file, text);
    return { go: m.go, toolchain: m.toolchain };
  } catch {
    return null;
  }
}

/** "go 1.22 => 1.23", "toolchain (none) => go1.26.8"; null when both lines are unchanged. */
export function describeLineChange(before: GoLines, after: GoLines): string | null {
  const parts: string[] = [];
  if (before.go !== after.go) parts.push(`go ${before.go ?? '(none)'} => ${after.go ?? '(none)'}`);
  if (before.toolchain !== after.toolchain) {
    parts.push(`toolchain ${before.toolchain ?? '(none)'} => ${after.toolchain ?? '(none)'}`);
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

/** Go's own report of a go/toolchain line it changed (`go: upgraded go 1.22 => 1.26.0`). */
export function goLineMessages(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => /^go: (?:upgraded|downgraded|added|removed) (?:go|toolchain)\b/.test(l));
}

export interface RaisedRequirement {
  path: string;
  from: string | null;
  to: string;
}

/** Requirements whose version went up (or that appeared) from one go.mod text to another. */
export function raisedRequirements(file: string, before: string | null, after: string | null): RaisedRequirement[] {
  const read = (text: string | null): Map<string, string> => {
    if (text === null) return new Map();
    try {
      return new Map(parseGoMod(file, text).require.map((r) => [r.path, r.version]));
    } catch {
      return new Map();
    }
  };
  const b = read(before);
  const out: RaisedRequirement[] = [];
  for (const [path, to] of read(after)) {
    const from = b.get(path) ?? null;
    if (from === null || compareModuleVersions(path, to, from) > 0) out.push({ path, from, to });
  }
  return out;
}
