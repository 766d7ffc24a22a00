import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  /** Decoded conversation id from the path. */
  conversationId: string;
  /** The activity id in the path: replied-to id for POST, updated id for PUT; undefined for a plain send. */
  activityId?: string;
  kind: 'send' | 'reply' | 'update' | 'createConversation';
  authorization?: string;
  body: Record<string, unknown>;
}

/** A scripted refusal: the next `count` calls that match are answered with this status and nothing is delivered. */
export interface ConnectorFailure {
  status: number;
  /** The Bot Framework error code in the body, e.g. `BotNotInConversationRoster`, `TooManyRequests`. */
  code?: string;
  headers?: Record<string, string>;
  count?: number;
  match?: (call: ConnectorCall) => boolean;
  /** Never answers: the call hangs (recorded in `hung`) until the connector closes. `status` is ignored. */
  hang?: boolean;
}

/**
 * A Bot Connector on loopback that records what the bot sends and answers as the real service does:
 * POST activities → 200 {id}, PUT → 200 {id}, POST /v3/conversations → 200 {id, activityId}.
 * `failNext` scripts refusals (429, 403 …); refused calls go to `rejected`, never to `calls`.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  readonly rejected: (ConnectorCall & { status: number })[] = [];
  readonly hung: ConnectorCall[] = [];
  private server?: Server;
  private nextId = 1;
  private failures: (ConnectorFailure & { remaining: number })[] = [];
  /**
   * Off, calls are answered 200 and only counted in `unrecorded`: their bodies are not parsed or kept. The
   * bench turns it off while it loads a bot whose answer it has already checked, so the load generator's
   * process does not spend on parsing replies (a 5 KB card each) the CPU the bot under test competes for.
   */
  isRecording = true;
  unrecorded = 0;

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      if (!this.isRecording) {
        req.resume();
        req.on('end', () => {
          this.unrecorded++;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(`{"id":"msg-${this.nextId++}"}`);
        });
        return;
      }
      void readJson(req).then((body) => {
        const call = this.parse(req, body);
        const failure = call && this.takeFailure(call);
        if (call && failure?.hang) {
          this.hung.push(call);
          return;
        }
        if (call && failure) {
          this.rejected.push({ ...call, status: failure.status });
          res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
          res.end(JSON.stringify({ error: { code: failure.code ?? `HTTP${failure.status}`, message: 'Scripted by the test.' } }));
          return;
        }
        if (call) this.calls.push(call);
        res.writeHead(call ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(call ? this.answer(call) : { error: { code: 'NotFound', message: req.url } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Replies and sends that carry Adaptive Cards, in order. */
  messages(): ConnectorCall[] {
    return this.calls.filter((c) => c.kind !== 'update' && c.body.type === 'message');
  }

  /** Waits until a recorded call matches (background updates arrive after the HTTP answer). */
  async waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs = 5000): Promise<ConnectorCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching connector call within ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.method} ${c.kind}`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  clear(): void {
    this.calls.length = 0;
    this.rejected.length = 0;
    this.hung.length = 0;
  }

  /** Leaves the next matching calls unanswered, as a hung Bot Connector does. */
  hangNext(count = 1, match?: (call: ConnectorCall) => boolean): void {
    this.failNext({ status: 0, hang: true, count, ...(match ? { match } : {}) });
  }

  /** Refuses the next matching calls (all calls when `match` is absent) with `status`; `count` defaults to 1. */
  failNext(failure: ConnectorFailure): void {
    this.failures.push({ ...failure, remaining: failure.count ?? 1 });
  }

  close(): Promise<void> {
    this.server?.closeAllConnections(); // hung calls too
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private takeFailure(call: ConnectorCall): ConnectorFailure | undefined {
    const failure = this.failures.find((f) => f.remaining > 0 && (!f.match || f.match(call)));
    if (failure) failure.remaining -= 1;
    return failure;
  }

  private parse(req: IncomingMessage, body: Record<string, unknown>): ConnectorCall | undefined {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const match = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/.exec(path);
    if (!match) return undefined;
    const [, conversation, activity] = match;
    const kind = !conversation ? 'createConversation' : req.method === 'PUT' ? 'update' : activity ? 'reply' : 'send';
    const call: ConnectorCall = {
      method: req.method ?? '',
      conversationId: conversation ? decodeURIComponent(conversation) : '',
      ...(activity ? { activityId: decodeURIComponent(activity) } : {}),
      kind,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      body,
    };
    return call;
  }

  private answer(call: ConnectorCall): Record<string, string> {
    if (call.kind === 'update') return { id: call.activityId ?? '' };
    const id = `msg-${this.nextId++}`;
    if (call.kind !== 'createConversation') return { id };
    const channel = (call.body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? 'conversation';
    return { id: `${channel};messageid=${id}`, activityId: id };
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
