import { CANCEL_VERB, CONFIRM_VERB } from '../cards/action';
import { APPROVE_VERB, REJECT_VERB } from '../cards/approval';
import { CARD_DATA_VERSION, RUN_VERB } from '../cards/render';
import type { ActionClick } from './operations/dispatch';

/** Longest command text a button may carry; typed text has its own cap in the parser. */
const MAX_COMMAND_LENGTH = 500;
const OPAQUE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** What a click asks for, once its data passed the checks. */
export type Click =
  | { kind: 'run'; command: string; cursor?: string }
  | ActionClick;

export type DecodedClick = { ok: true; click: Click } | { ok: false; reason: string };

/** The fields each verb's data may have; anything else means the data was not made by SyncOps. */
const FIELDS: Record<string, readonly string[]> = {
  [RUN_VERB]: ['v', 'cmd', 'cursor'],
  // Teams merges the card's inputs into the data: the restart scope picker and its second tick.
  [CONFIRM_VERB]: ['v', 'actionId', 'scope', 'acknowledge'],
  [CANCEL_VERB]: ['v', 'actionId'],
  [APPROVE_VERB]: ['v', 'actionId'],
  [REJECT_VERB]: ['v', 'actionId'],
};

/** Verbs whose click names a stored action and nothing else. */
const ACTION_ID_ONLY: Record<string, 'cancelAction' | 'approveAction' | 'rejectAction'> = {
  [CANCEL_VERB]: 'cancelAction', [APPROVE_VERB]: 'approveAction', [REJECT_VERB]: 'rejectAction',
};

/**
 * Card data is untrusted input (anyone can post an invoke): it must have exactly the fields SyncOps puts
 * on that verb's buttons, the current version, and well-formed values. Command text then goes to the same
 * parser as typed text; action ids are looked up server-side.
 */
export function decodeClick(verb: unknown, data: unknown): DecodedClick {
  const allowed = typeof verb === 'string' ? FIELDS[verb] : undefined;
  if (!allowed) return refuse(`unknown button "${String(verb).slice(0, 40)}"`);
  if (!data || typeof data !== 'object' || Array.isArray(data)) return refuse('the button carries no data');
  const fields = data as Record<string, unknown>;
  const unexpected = Object.keys(fields).filter((key) => !allowed.includes(key));
  if (unexpected.length) return refuse(`the button carries unexpected fields (${unexpected.slice(0, 3).join(', ').slice(0, 80)})`);
  if (fields.v !== CARD_DATA_VERSION) return refuse('the card comes from another version of SyncOps');
  if (verb !== RUN_VERB) {
    if (typeof fields.actionId !== 'string' || !OPAQUE_ID.test(fields.actionId)) return refuse('the button does not name a valid action');
    const kind = ACTION_ID_ONLY[verb as string];
    if (kind) return { ok: true, click: { kind, actionId: fields.actionId } };
    const scope = fields.scope;
    const acknowledge = fields.acknowledge;
    if (scope !== undefined && (typeof scope !== 'string' || scope.length > 200)) return refuse('the scope choice is not valid');
    if (acknowledge !== undefined && acknowledge !== 'true' && acknowledge !== 'false') return refuse('the confirmation tick is not valid');
    const inputs = { ...(typeof scope === 'string' ? { scope } : {}), ...(typeof acknowledge === 'string' ? { acknowledge } : {}) };
    return { ok: true, click: { kind: 'confirmAction', actionId: fields.actionId, inputs } };
  }
  if (typeof fields.cmd !== 'string' || fields.cmd.length === 0 || fields.cmd.length > MAX_COMMAND_LENGTH) return refuse('the button carries no valid command');
  if (fields.cursor !== undefined && (typeof fields.cursor !== 'string' || !OPAQUE_ID.test(fields.cursor))) return refuse('the button carries an invalid page');
  return { ok: true, click: { kind: 'run', command: fields.cmd, ...(typeof fields.cursor === 'string' ? { cursor: fields.cursor } : {}) } };
}

function refuse(reason: string): DecodedClick {
  return { ok: false, reason };
}
