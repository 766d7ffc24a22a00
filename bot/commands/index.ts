/** Chat commands: the grammar table, the parser and the typed `Command` they produce. */
export { GRAMMAR, usageOf, type Clause, type GrammarRow, type Parsed, type Subject } from './grammar';
export { formatCommand } from './format';
export { MAX_TEXT_LENGTH, parseCommand } from './parser';
export { editDistance, suggestCommands } from './suggest';
export { tokenize, type Token, type Tokenized } from './tokenize';
export { splitWhen, WHEN_USAGE, type When } from './when';
export {
  RESTART_FLAGS,
  WATCH_FILTERS,
  byId,
  type Command,
  type CommandOf,
  type CommandKind,
  type ParseError,
  type ParseResult,
  type RestartFlag,
  type RestartScope,
  type Target,
  type WatchFilter,
} from './types';
