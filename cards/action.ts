import type { VerificationMessage } from '../bot/graph/types';
import template from './action.json';
import type { NoticeTone } from './notice';
import { ACTION_EXECUTE, CARD_DATA_VERSION, commandAction, expandCard, openUrlAction, rowActions, type AdaptiveCard, type CommandButton } from './render';

export const CONFIRM_VERB = 'confirm';
export const CANCEL_VERB = 'cancel';
/** The ids of the inputs on action cards (action.json): the restart scope picker and its second tick. */
export const ACTION_CARD_INPUTS = ['scope', 'acknowledge'] as const;

export interface ActionCardData {
  title: string;
  subtitle?: string;
  tone: NoticeTone;
  note?: string;
  warnings?: readonly string[];
  effects?: readonly string[];
  graphCall?: string;
  facts?: readonly { title: string; value: string }[];
  verification?: readonly VerificationMessage[];
  /** The restart reset scope picker: each flag with its explanation, preselected, and the second tick. */
  scopePicker?: { choices: readonly { title: string; value: string }[]; selected: readonly string[]; acknowledgeLabel: string };
  /** Set while the action waits for a decision: the Confirm and Cancel buttons carry only this id. */
  pendingActionId?: string;
  /** Confirm is drawn red only for changes that delete or rebuild data; positive otherwise. */
  isDestructive?: boolean;
  buttons?: readonly CommandButton[];
  /** Admin pages for what the bot does not show (the SDS portal for a verification's files). */
  links?: readonly { title: string; url: string }[];
}

/** Verification messages that fit the card budget; the rest are counted. */
const MAX_MESSAGES = 25;
const STYLE: Record<NoticeTone, string> = { info: 'emphasis', good: 'good', warning: 'warning', attention: 'attention' };
const ORDER: Record<VerificationMessage['type'], number> = { error: 0, warning: 1, information: 2, unknown: 3 };
const LABEL: Record<VerificationMessage['type'], [string, string]> = {
  error: ['Error', 'Attention'], warning: ['Warning', 'Default'], information: ['Info', 'Default'], unknown: ['Note', 'Default'],
};

/** One card for a mutation in every state: the question with Confirm/Cancel, "Running…", and the result. */
export function renderActionCard(data: ActionCardData): AdaptiveCard {
  const shown = [...(data.verification ?? [])].sort((a, b) => ORDER[a.type] - ORDER[b.type]).slice(0, MAX_MESSAGES);
  const hidden = (data.verification?.length ?? 0) - shown.length;
  return expandCard(template, {
    title: data.title, subtitle: data.subtitle ?? '', style: STYLE[data.tone], note: data.note ?? '',
    warnings: data.warnings ?? [], effects: data.effects ?? [], graphCall: data.graphCall ?? '', facts: data.facts ?? [],
    files: groupByFile(shown),
    picker: data.scopePicker
      ? [{ choices: data.scopePicker.choices, selected: data.scopePicker.selected.join(','), acknowledgeLabel: data.scopePicker.acknowledgeLabel }]
      : [],
    more: hidden > 0 ? `${hidden} more message${hidden === 1 ? '' : 's'} not shown.` : '',
    actions: rowActions([...(data.pendingActionId ? decisionActions(data.pendingActionId, data.isDestructive ?? false) : []), ...(data.buttons ?? []).map(commandAction), ...(data.links ?? []).map(openUrlAction)]),
  });
}

function decisionActions(actionId: string, isDestructive: boolean): Record<string, unknown>[] {
  const data = { v: CARD_DATA_VERSION, actionId };
  return [
    { type: ACTION_EXECUTE, title: 'Confirm', verb: CONFIRM_VERB, data, style: isDestructive ? 'destructive' : 'positive' },
    { type: ACTION_EXECUTE, title: 'Cancel', verb: CANCEL_VERB, data },
  ];
}

/** Errors first, grouped by file in the order files first appear. */
function groupByFile(messages: readonly VerificationMessage[]) {
  const files = new Map<string, { name: string; messages: { label: string; color: string; description: string }[] }>();
  for (const message of messages) {
    const name = message.fileName || 'Files';
    if (!files.has(name)) files.set(name, { name, messages: [] });
    const [label, color] = LABEL[message.type];
    files.get(name)!.messages.push({ label, color, description: message.description });
  }
  return [...files.values()];
}
