/** Comment commands on the bot's pull requests: parsing, the help text, running them. */
export { CommandUnavailableError, type ActionResult, type CommandActions, type CommandTarget } from './actions.js';
export { renderCommandsSection, renderHelp } from './help.js';
export { MAX_COMMANDS, mayContainCommand, parseCommand, parseCommands } from './parse.js';
export { renderReply, type CommandOutcome } from './reply.js';
export { runCommands, type CommandDeps, type CommandRequest, type CommandRunResult } from './run-commands.js';
export type { Command, CommandKind, IgnoreThisScope, ParsedComment } from './types.js';
