/** Requests and answers over a Node IPC channel, in both directions (bench parent ⇄ target process). */

export interface Port {
  send(message: unknown): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number | null) => void): unknown;
}

type Handler = (payload: unknown) => Promise<unknown>;

type Envelope =
  | { kind: 'request'; id: number; command: string; payload: unknown }
  | { kind: 'answer'; id: number; ok: true; value: unknown }
  | { kind: 'answer'; id: number; ok: false; error: string };

export class Channel {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly port: Port,
    private readonly handlers: Record<string, Handler> = {},
  ) {
    port.on('message', (message) => void this.receive(message as Envelope));
    // A process that died answers nothing more: fail what waits for it instead of hanging the bench.
    port.on('exit', (code) => this.failAll(new Error(`the bench process exited (code ${code}) before answering`)));
  }

  request<T>(command: string, payload: unknown = null): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.port.send({ kind: 'request', id, command, payload } satisfies Envelope);
    });
  }

  private async receive(message: Envelope): Promise<void> {
    if (message.kind === 'answer') {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.error));
      return;
    }
    const handler = this.handlers[message.command];
    try {
      if (!handler) throw new Error(`no handler for ${message.command}`);
      const value = await handler(message.payload);
      this.port.send({ kind: 'answer', id: message.id, ok: true, value: value ?? null } satisfies Envelope);
    } catch (error) {
      this.port.send({ kind: 'answer', id: message.id, ok: false, error: (error as Error).stack ?? String(error) } satisfies Envelope);
    }
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
