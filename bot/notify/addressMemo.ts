/**
 * How long a conversation's address is taken as stored without reading the store again. A conversation's
 * address changes only when Teams moves it (a new regional serviceUrl), and a changed address is always
 * written at once; the expiry bounds the one case the memo cannot see, a record lost underneath it (a
 * wiped DATA_DIR): the next message after a minute writes it again, the "send it again in a moment" the
 * watch command promises when it finds no address.
 */
export const ADDRESS_MEMO_MS = 60_000;

/** Enough for every active conversation of a large tenant; past it the oldest entries go first. */
const MAX_ENTRIES = 10_000;

/**
 * The address this process last saw in the store for each conversation, so that a busy conversation's
 * messages cost no store read each: the read was a tenth of a `help` answer's CPU under load.
 */
export class AddressMemo {
  private readonly seen = new Map<string, { address: string; at: number }>();

  constructor(private readonly now: () => number, private readonly ttlMs = ADDRESS_MEMO_MS) {}

  /** True when `address` (a string that changes whenever the address does) is what this process saw stored for the conversation, less than ttlMs ago. */
  isStored(conversationId: string, address: string): boolean {
    const entry = this.seen.get(conversationId);
    return entry !== undefined && entry.address === address && this.now() - entry.at < this.ttlMs;
  }

  /** After a read or write showed `address` in the store. */
  remember(conversationId: string, address: string): void {
    this.seen.delete(conversationId); // re-inserted last, so the Map's order is oldest first
    this.seen.set(conversationId, { address, at: this.now() });
    if (this.seen.size > MAX_ENTRIES) this.seen.delete(this.seen.keys().next().value!);
  }
}
