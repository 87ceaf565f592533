/**
 * The pull request body: summary, Direct upgrades, Carried by MVS, Impact, Release notes,
 * Commands, then the hidden metadata. Each part sits in a named section so later stages (the
 * impact matrix, release notes) rewrite theirs in place. GitHub refuses bodies over 65,536
 * characters; the carried list is the first thing shortened because it is the longest and the
 * least read.
 */
import type { CarriedChange, Skipped } from '../planner/plan-schema.js';
import type { FailedModule } from '../toolchain/apply/types.js';
import { cooldownLines } from './cooldown-summary.js';
import type { BrokenBuild } from '../toolchain/apply/broken-build.js';
import { renderBrokenBuilds } from './broken-builds.js';
import { cell, code, plural } from './markdown.js';
import { renderMeta, type PullMeta } from './meta.js';
import { wrapSection } from './sections.js';

export const MAX_BODY = 65_536;

export interface BodyInput {
  meta: PullMeta;
  carried: readonly CarriedChange[];
  failed: readonly FailedModule[];
  skipped: readonly Skipped[];
  /** Highlights lifted into the summary (breaking changes, security fixes): a markdown list. */
  highlights?: string;
  /** The advisories a security PR fixes and leaves open (security-summary.ts): first in the summary. */
  security?: string;
  impact: string;
  releaseNotes: string;
  commands: string;
  /** Modules a major move left unable to build, with Go's errors. */
  breaking?: readonly BrokenBuild[];
}

export function renderBody(input: BodyInput): string {
  const parts = (carried: string) =>
    [
      wrapSection('summary', summary(input)),
      wrapSection('direct', direct(input.meta)),
      wrapSection('carried', carried),
      wrapSection('impact', input.impact),
      wrapSection('release-notes', input.releaseNotes),
      wrapSection('commands', input.commands),
      renderMeta(input.meta),
    ].join('\n\n') + '\n';
  let body = parts(carriedSection(input.carried, false));
  if (body.length > MAX_BODY) body = parts(carriedSection(input.carried, true));
  return body;
}

function summary(input: BodyInput): string {
  const { meta } = input;
  const modules = new Set(meta.updates.flatMap((u) => u.dirs.map((d) => d.dir)));
  const lines = [
    ...(input.security ? [input.security, ''] : []),
    `Upgrades ${plural(meta.updates.length, 'direct dependency', 'direct dependencies')} in ${plural(modules.size, 'module')} on \`${meta.base}\` (${meta.baseSha.slice(0, 7)}); Minimal Version Selection carried ${plural(input.carried.length, 'other change')}. No \`go\` directive or \`toolchain\` line was raised.`,
  ];
  if (input.breaking?.length) lines.push('', renderBrokenBuilds(input.breaking));
  if (input.highlights) lines.push('', '**Read first:**', input.highlights.replace(/\s*$/, ''));
  if (input.failed.length) {
    lines.push('', `**Not changed** (Go refused; the files of these modules are untouched):`);
    for (const f of input.failed) lines.push(`- ${code(f.dir)}: ${cell(f.error.split('\n')[0] ?? f.kind)}`);
  }
  const held = input.skipped.filter((s) => s.reason === 'needs-newer-go');
  if (held.length) {
    lines.push('', `**Held back** (the newer version needs a newer \`go\` line than the module declares):`);
    for (const s of held) lines.push(`- ${code(s.module)} in ${code(s.dir)}${s.detail ? `: ${cell(s.detail)}` : ''}`);
  }
  const cooling = cooldownLines(input.skipped);
  if (cooling.length) lines.push('', ...cooling);
  return lines.join('\n');
}

function direct(meta: PullMeta): string {
  const rows = meta.updates.map((u) => {
    const froms = [...new Set(u.dirs.map((d) => d.from))];
    const from =
      froms.length === 1 ? code(froms[0]!) : u.dirs.map((d) => `${code(d.from)} (${cell(d.dir)})`).join(', ');
    const kind = u.mayBreak ? `${u.kind} (v0: may break)` : u.kind;
    const marks = `${u.indirect ? ' (indirect)' : ''}${u.replaces ? ` (replace pin of ${code(u.replaces.path)})` : ''}${u.security ? ` — fixes ${u.security.map(code).join(', ')}` : ''}`;
    // A move to a new major path names the path it moves to.
    const to = u.newPath ? `${code(u.newPath)} ${code(u.to)}` : code(u.to);
    return `| ${code(u.module)}${marks} | ${from} → ${to} | ${kind} | ${u.dirs.map((d) => code(d.dir)).join(' ')} |`;
  });
  return [
    '### Direct upgrades',
    '',
    '| Module | From → To | Kind | Modules |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function carriedSection(carried: readonly CarriedChange[], short: boolean): string {
  if (!carried.length) return '### Carried by MVS\n\nNothing else moved in any build list.';
  const byDir = new Map<string, CarriedChange[]>();
  for (const c of carried) byDir.set(c.dir, [...(byDir.get(c.dir) ?? []), c]);
  const out = [
    '### Carried by MVS',
    '',
    `<details><summary>${plural(carried.length, 'change')} in the build lists of ${plural(byDir.size, 'module')}</summary>`,
    '',
  ];
  for (const [dir, list] of byDir) {
    if (short) {
      out.push(`- ${code(dir)}: ${plural(list.length, 'change')}`);
      continue;
    }
    out.push(`**${cell(dir)}**`, '', '| Module | From → To |', '| --- | --- |');
    for (const c of list)
      out.push(`| ${code(c.module)} | ${c.from ? code(c.from) : '(added)'} → ${c.to ? code(c.to) : '(removed)'} |`);
    out.push('');
  }
  if (short)
    out.push(
      '',
      "(Per-module lists left out to keep this body within GitHub's size limit; `gomod-steward plan` shows them.)",
    );
  out.push('</details>');
  return out.join('\n');
}
