/**
 * The Impact section of the PR body: which services the upgrade reaches and how the matrix
 * went. Rewritten in place (sections.ts) every time the matrix moves.
 */
import type { PullMeta } from '../pull-request/meta.js';
import { plural } from '../pull-request/markdown.js';
import { byAttention, cell, RESULT_TABLE_HEAD, resultRow } from './format.js';

/** Beyond this many services the table goes into a collapsed block. */
const OPEN_ROWS = 15;
/** The whole PR body must stay under 65,536 characters; the section keeps to a share of it. */
const MAX_SECTION = 20_000;

export function renderImpactSection(meta: PullMeta): string {
  const lines = ['### Impact', ''];
  if (meta.services.length === 0) {
    lines.push(
      meta.affected.length
        ? `The upgrade reaches ${plural(meta.affected.length, 'module')} (${meta.affected.map((d) => `\`${cell(d)}\``).join(', ')}), none of them a service: nothing to run.`
        : 'The upgrade changes no module’s packages: nothing to run.',
    );
    return clip(lines.join('\n'));
  }
  const impact = meta.impact;
  lines.push(
    `${plural(meta.services.length, 'service')} affected, of ${plural(meta.affected.length, 'affected module')}.`,
    '',
  );
  lines.push(`**Matrix:** ${status(meta)}`, '');
  const results = impact?.results?.length
    ? byAttention(impact.results)
    : meta.services.map((service) => ({ service, conclusion: 'pending' as const }));
  const table = [...RESULT_TABLE_HEAD, ...results.map(resultRow)];
  if (results.length > OPEN_ROWS) lines.push('<details><summary>Services</summary>', '', ...table, '', '</details>');
  else lines.push(...table);
  return clip(lines.join('\n'));
}

function status(meta: PullMeta): string {
  const impact = meta.impact;
  if (!impact) return '⏳ not started';
  const sha = impact.headSha.slice(0, 7);
  if (impact.status !== 'completed') return `⏳ running on ${sha}`;
  switch (impact.conclusion) {
    case 'success':
      return `✅ passed on ${sha}`;
    case 'failure':
      return `❌ failed on ${sha}`;
    case 'cancelled':
      return `⏹️ cancelled on ${sha}; comment \`@gomod-steward rerun impact\` to run it again`;
    case 'timed_out':
      return `⏱️ timed out on ${sha}; comment \`@gomod-steward rerun impact\` to run it again`;
    case 'neutral':
      return '⚪ not run (see the `gomod-steward / impact` check)';
    case 'action_required':
      return '⚠️ the impact workflow needs a fix (see the `gomod-steward / impact` check)';
    default:
      return `completed on ${sha}`;
  }
}

function clip(text: string): string {
  if (text.length <= MAX_SECTION) return text;
  const cut = text.lastIndexOf('\n', MAX_SECTION - 80);
  return `${text.slice(0, cut)}\n\n(list shortened; the \`gomod-steward / impact\` check has all of it)`;
}
