/** The human-readable form of a plan (the CLI without --json). */
import type { Plan } from '../planner/plan-schema.js';
import { oneLine, table } from './render-table.js';

const show = (v: string | null) => v ?? '(none)';

/** " (v1.3.0 in cooldown until 2026-06-17)" when a newer version of this update waits out its cooldown. */
function cooldownNote(plan: Plan, u: Plan['updates'][number]): string {
  const dirs = new Set(u.dirs.map((d) => d.dir));
  const hold = plan.skipped.find((s) => s.reason === 'cooldown' && s.module === u.module && dirs.has(s.dir));
  return hold?.version && hold.eligible ? ` (${hold.version} in cooldown until ${hold.eligible.slice(0, 10)})` : '';
}

export function renderPlan(plan: Plan): string {
  const out: string[] = [];
  const dirsOfUpdates = new Set(plan.updates.flatMap((u) => u.dirs.map((d) => d.dir)));
  out.push(
    `${plan.root}: ${plan.modules.length} modules, ${plan.updates.length} direct upgrades in ${dirsOfUpdates.size} modules, ` +
      `${plan.carried.length} carried changes, ${plan.affected.length} affected modules`,
  );
  const vulns = plan.vulnerabilities ?? [];
  if (vulns.length > 0) {
    out.push('', 'Known vulnerabilities');
    out.push(
      table([
        ['ADVISORY', 'MODULE', 'MODULE DIR', 'VERSION', 'FIXED', 'FIXED BY'],
        ...vulns.map((v) => [
          [v.id, ...v.aliases].join(' '),
          `${v.module} (${v.kind})`,
          v.dir,
          v.version,
          show(v.fixed),
          v.fixedBy,
        ]),
      ]),
    );
  }
  if (plan.updates.length > 0) {
    // Security updates first: they are the ones not to leave waiting.
    const updates = [...plan.updates.filter((u) => u.security), ...plan.updates.filter((u) => !u.security)];
    out.push('', 'Direct upgrades');
    out.push(
      table([
        ['MODULE', 'FROM', 'TO', 'KIND', 'MODULES'],
        ...updates.map((u) => [
          `${u.module}${u.indirect ? ' (indirect)' : ''}${u.replaces ? ` (replace pin of ${u.replaces.path})` : ''}${
            u.security ? ` [security: ${u.security.join(', ')}]` : ''
          }`,
          [...new Set(u.dirs.map((d) => d.from))].join(', '),
          `${u.newPath ? `${u.newPath} ${u.to}` : u.to}${cooldownNote(plan, u)}`,
          u.mayBreak ? `${u.kind} (v0: may break)` : u.kind,
          u.dirs.map((d) => d.dir).join(', '),
        ]),
      ]),
    );
  } else {
    out.push('', 'Nothing is due.');
  }
  if (plan.carried.length > 0) {
    out.push('', 'Carried by MVS');
    out.push(
      table([
        ['MODULE DIR', 'MODULE', 'FROM', 'TO'],
        ...plan.carried.map((c) => [c.dir, c.module, show(c.from), show(c.to)]),
      ]),
    );
  }
  if (plan.affected.length > 0) out.push('', `Affected: ${plan.affected.join(', ')}`);
  if (plan.skipped.length > 0) {
    out.push('', 'Skipped');
    out.push(table(plan.skipped.map((s) => [s.dir, s.module, `${s.reason}${s.detail ? `: ${s.detail}` : ''}`])));
  }
  if (plan.warnings.length > 0) {
    out.push('', 'Warnings');
    // A warning about one dependency names it, unless its message already starts with it.
    const about = (w: Plan['warnings'][number]) =>
      [w.dir, w.module && !w.message.startsWith(w.module) ? w.module : undefined].filter(Boolean).join(': ');
    out.push(...plan.warnings.map((w) => `  ${about(w) ? `${about(w)}: ` : ''}${oneLine(w.message)}`));
  }
  return out.join('\n') + '\n';
}
