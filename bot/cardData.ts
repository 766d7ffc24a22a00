import { CARD_DATA_VERSION } from '../cards/render';

/** Longest command text a button may carry; typed text has its own cap in the parser. */
const MAX_COMMAND_LENGTH = 500;

export type DecodedRunData = { ok: true; command: string } | { ok: false; reason: string };

/**
 * Card data is untrusted input (anyone can post an invoke): it must be exactly `{ v, cmd }`, with the
 * current version and a short string, before the command text goes to the same parser as typed text.
 */
export function decodeRunData(data: unknown): DecodedRunData {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, reason: 'the button carries no data' };
  const fields = data as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => key !== 'v' && key !== 'cmd');
  if (unknown.length) return { ok: false, reason: `the button carries unexpected fields (${unknown.slice(0, 3).join(', ')})` };
  if (fields.v !== CARD_DATA_VERSION) return { ok: false, reason: 'the card comes from another version of SyncOps' };
  if (typeof fields.cmd !== 'string' || fields.cmd.length === 0 || fields.cmd.length > MAX_COMMAND_LENGTH)
    return { ok: false, reason: 'the button carries no valid command' };
  return { ok: true, command: fields.cmd };
}
