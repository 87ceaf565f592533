/** A command as the user would write it, for reply headings. */
import { quoteForReply } from './quote.js';
import type { Command } from './types.js';

export function describeCommand(c: Command): string {
  switch (c.kind) {
    case 'rebase':
    case 'recreate':
    case 'help':
    case 'run':
      return `\`${c.kind}\``;
    case 'rerun-impact':
      return '`rerun impact`';
    case 'ignore-this':
      return c.scope === 'dependency' ? '`ignore this dependency`' : `\`ignore this ${c.scope} version\``;
    case 'ignore':
      return `\`ignore ${c.module}${c.updateType ? ` ${c.updateType}` : ''}\``;
    case 'unignore':
      return `\`unignore ${c.module}\``;
    case 'unignore-all':
      return '`unignore *`';
    case 'show-ignores':
      return `\`show ${c.module} ignore conditions\``;
    case 'unknown':
      return quoteForReply(c.text);
  }
}
