import { ACTION_CARD_INPUTS, CANCEL_VERB, CONFIRM_VERB } from '../../cards/action';
import { APPROVE_VERB, REJECT_VERB } from '../../cards/approval';
import { CARD_DATA_VERSION, RUN_VERB } from '../../cards/render';
import type { ClickInputs } from '../operations/actionSpec';
import type { ActionClick } from '../operations/dispatch';

/** Longest command text a button may carry; typed text has its own cap in the parser. */
const MAX_COMMAND_LENGTH = 500;
const OPAQUE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** What a click asks for, once its data passed the checks. */
export type Click =
  | { kind: 'run'; command: string }
  | ActionClick;

export type DecodedClick = { ok: true; click: Click } | { ok: false; reason: string };

/** The fields each verb's own buttons carry; anything beyond them and the card's inputs means SyncOps did not make the data. */
const FIELDS: Record<string, readonly string[]> = {
  [RUN_VERB]: ['v', 'cmd'],
  [CONFIRM_VERB]: ['v', 'actionId'],
  [CANCEL_VERB]: ['v', 'actionId'],
  [APPROVE_VERB]: ['v', 'actionId'],
  [REJECT_VERB]: ['v', 'actionId'],
};

/** Verbs whose click names a stored action and nothing else. */
const ACTION_ID_ONLY: Record<string, 'cancelAction' | 'approveAction' | 'rejectAction'> = {
  [CANCEL_VERB]: 'cancelAction', [APPROVE_VERB]: 'approveAction', [REJECT_VERB]: 'rejectAction',
};

/**
 * Card data is untrusted input (anyone can post an invoke): it must have only the fields SyncOps puts on that
 * verb's buttons plus the card's own inputs, the current version, and well-formed values. Teams merges the
 * values of every `Input.*` on a card into the data of every Action.Execute on it (teams-bot.md), so Cancel
 * and command buttons on the restart card arrive with the scope picker and the tick too. Command text then
 * goes to the same parser as typed text; action ids are looked up server-side.
 */
export function decodeClick(verb: unknown, data: unknown): DecodedClick {
  const own = typeof verb === 'string' ? FIELDS[verb] : undefined;
  if (!own) return refuse(`unknown button "${String(verb).slice(0, 40)}"`);
  if (!data || typeof data !== 'object' || Array.isArray(data)) return refuse('the button carries no data');
  const fields = data as Record<string, unknown>;
  const unexpected = Object.keys(fields).filter((key) => !own.includes(key) && !(ACTION_CARD_INPUTS as readonly string[]).includes(key));
  if (unexpected.length) return refuse(`the button carries unexpected fields (${unexpected.slice(0, 3).join(', ').slice(0, 80)})`);
  if (fields.v !== CARD_DATA_VERSION) return refuse('the card comes from another version of SyncOps');
  const inputs = decodeInputs(fields);
  if (typeof inputs === 'string') return refuse(inputs);
  if (verb === RUN_VERB) return decodeRun(fields);
  if (typeof fields.actionId !== 'string' || !OPAQUE_ID.test(fields.actionId)) return refuse('the button does not name a valid action');
  const kind = ACTION_ID_ONLY[verb as string];
  if (kind) return { ok: true, click: { kind, actionId: fields.actionId } };
  return { ok: true, click: { kind: 'confirmAction', actionId: fields.actionId, inputs } };
}

/** The card's input values, checked on every verb (a malformed one is tampering whichever button carried it). */
function decodeInputs(fields: Record<string, unknown>): ClickInputs | string {
  const { scope, acknowledge } = fields;
  if (scope !== undefined && (typeof scope !== 'string' || scope.length > 200)) return 'the scope choice is not valid';
  if (acknowledge !== undefined && acknowledge !== 'true' && acknowledge !== 'false') return 'the confirmation tick is not valid';
  return { ...(typeof scope === 'string' ? { scope } : {}), ...(typeof acknowledge === 'string' ? { acknowledge } : {}) };
}

function decodeRun(fields: Record<string, unknown>): DecodedClick {
  if (typeof fields.cmd !== 'string' || fields.cmd.length === 0 || fields.cmd.length > MAX_COMMAND_LENGTH) return refuse('the button carries no valid command');
  return { ok: true, click: { kind: 'run', command: fields.cmd } };
}

function refuse(reason: string): DecodedClick {
  return { ok: false, reason };
}
