/**
 * An HTTP proxy in front of Azurite that answers chosen requests as Azure Storage does when it fails:
 * 500 InternalError, 503 ServerBusy (Azure's throttling answer for storage), or no answer at all.
 * Error codes and bodies: https://learn.microsoft.com/rest/api/storageservices/common-rest-api-error-codes
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface StorageFault {
  /** HTTP method to fail, e.g. 'PUT'; any when unset. */
  method?: string;
  /** Matched against the request path and query, e.g. /\/kv\/actions\//. */
  path?: RegExp;
  status?: 500 | 503;
  /** Hold the request open without answering (a storage call that never returns). */
  hang?: boolean;
  /** Pass the request on so storage acts on it, then reset the connection instead of answering (a lost answer). */
  loseAnswer?: boolean;
  /** How many matching requests fail; then they pass through again. */
  count: number;
}

const BODIES: Record<number, { code: string; message: string }> = {
  500: { code: 'InternalError', message: 'The server encountered an internal error. Please retry the request.' },
  503: { code: 'ServerBusy', message: 'The server is currently unable to receive requests. Please retry your request.' },
};

export class StorageProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private faults: StorageFault[] = [];
  /** Every request seen, failed or passed through. */
  readonly requests: { method: string; path: string; failed: boolean }[] = [];

  constructor(private readonly target: URL) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The Azurite connection string with its blob endpoint moved to this proxy. */
  connectionStringFor(connectionString: string): string {
    const { port } = this.server!.address() as AddressInfo;
    return connectionString.replace(/BlobEndpoint=http:\/\/[^/]+/, `BlobEndpoint=http://127.0.0.1:${port}`);
  }

  fail(fault: StorageFault): void {
    this.faults.push({ ...fault });
  }

  clear(): void {
    this.faults = [];
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    const fault = this.faults.find((f) => f.count > 0 && (!f.method || f.method === req.method) && (!f.path || f.path.test(path)));
    this.requests.push({ method: req.method ?? '', path, failed: Boolean(fault) });
    if (fault?.loseAnswer) {
      fault.count -= 1;
      this.forward(req, res, path, (answer) => {
        answer.resume();
        res.destroy();
      });
      return;
    }
    if (fault) {
      fault.count -= 1;
      req.resume();
      if (fault.hang) return;
      const { code, message } = BODIES[fault.status ?? 503]!;
      res.writeHead(fault.status ?? 503, { 'content-type': 'application/xml', 'x-ms-error-code': code });
      res.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
      return;
    }
    this.forward(req, res, path, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
  }

  private forward(req: IncomingMessage, res: ServerResponse, path: string, onAnswer: (answer: IncomingMessage) => void): void {
    const upstream = request({ host: this.target.hostname, port: this.target.port, method: req.method, path, headers: req.headers }, onAnswer);
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}
