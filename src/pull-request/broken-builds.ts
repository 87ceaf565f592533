/**
 * The summary's account of a major move that leaves a module unable to build: which module, which
 * new paths, and Go's first compiler errors in a code block (fenced longer than any backtick run
 * in them, so the errors cannot end the block).
 */
import type { BrokenBuild } from '../toolchain/apply/broken-build.js';
import { code } from './markdown.js';

function fenced(text: string): string {
  const longest = text.match(/`{3,}/g)?.reduce((n, t) => Math.max(n, t.length), 0) ?? 0;
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

export function renderBrokenBuilds(broken: readonly BrokenBuild[]): string {
  const lines = [
    '**Does not build yet** — this PR is a draft: the new major changed APIs the code uses. `go build ./...` after the move says:',
  ];
  for (const b of broken) {
    lines.push('', `- ${code(b.dir)} (moved to ${b.modules.map(code).join(', ')}):`, '', fenced(b.errors));
  }
  return lines.join('\n');
}
