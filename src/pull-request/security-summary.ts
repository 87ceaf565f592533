/**
 * The security PR's summary, first in its body: each advisory the PR fixes (id, aliases, link,
 * the module and where), the ones it cannot fix (no fixed version exists, or policy holds the
 * fix back — then the rule is named), never silently dropped.
 */
import type { PlanUpdate, Skipped, Vulnerability } from '../planner/plan-schema.js';
import { cell, code } from './markdown.js';

interface Advisory {
  id: string;
  aliases: string[];
  summary: string;
  url?: string;
  module: string;
  version: string;
  fixed: string | null;
  dirs: string[];
  kind: Vulnerability['kind'];
  reach?: Vulnerability['reach'];
}

function byAdvisory(vulns: readonly Vulnerability[]): Advisory[] {
  const out = new Map<string, Advisory>();
  for (const v of vulns) {
    const key = `${v.id}\0${v.module}\0${v.version}`;
    const a = out.get(key);
    if (a) {
      a.dirs.push(v.dir);
      // The strongest reach over the dirs.
      if (v.reach && (!a.reach || REACH_ORDER.indexOf(v.reach) > REACH_ORDER.indexOf(a.reach))) a.reach = v.reach;
    } else out.set(key, { ...v, aliases: [...v.aliases], dirs: [v.dir] });
  }
  return [...out.values()];
}

const REACH_ORDER = ['required', 'imported', 'called'] as const;
const REACH_TEXT = {
  called: 'the code calls the vulnerable symbol',
  imported: 'the code imports the vulnerable package, no call found',
  required: 'the module is required, no vulnerable package imported',
} as const;

function reachNote(a: Advisory): string {
  return a.reach ? ` (govulncheck: ${REACH_TEXT[a.reach]})` : '';
}

function title(a: Advisory): string {
  // Only http(s) links become links: the URL comes from the database.
  const id = a.url && /^https?:\/\//.test(a.url) ? `[${a.id}](${a.url})` : code(a.id);
  const aliases = a.aliases.length ? ` (${a.aliases.map(cell).join(', ')})` : '';
  return `${id}${aliases}${a.summary ? `: ${cell(a.summary)}` : ''}`;
}

const where = (a: Advisory) => a.dirs.map(code).join(' ');

export function renderSecuritySummary(
  vulns: readonly Vulnerability[],
  updates: readonly PlanUpdate[],
  skipped: readonly Skipped[],
): string {
  if (!vulns.length) return '';
  const lines: string[] = [];
  const inPull = new Map(updates.map((u) => [u.module, u]));
  const fixed = byAdvisory(vulns.filter((v) => v.fixedBy !== 'none'));
  if (fixed.length) {
    lines.push('**Security fixes** (known vulnerabilities, Go vulnerability database):');
    for (const a of fixed) {
      const u = inPull.get(a.module);
      const to = u ? ` → ${code(u.to)}` : ' (carried past the fix by the updates below)';
      const kind = a.kind === 'indirect' ? ', indirect' : '';
      lines.push(`- ${title(a)} — ${code(a.module)} ${code(a.version)}${to}${kind} in ${where(a)}${reachNote(a)}`);
    }
  }
  const open = byAdvisory(vulns.filter((v) => v.fixedBy === 'none'));
  if (open.length) {
    lines.push('', '**Not fixed by this PR:**');
    for (const a of open) {
      const held = skipped.find((s) => s.module === a.module && s.detail?.includes(a.id));
      const why =
        a.fixed === null ? 'no fixed version exists' : held?.detail ? cell(held.detail) : `fixed in ${code(a.fixed)}`;
      lines.push(`- ${title(a)} — ${code(a.module)} ${code(a.version)} in ${where(a)}: ${why}${reachNote(a)}`);
    }
  }
  return lines.join('\n').replace(/^\n+/, '');
}
