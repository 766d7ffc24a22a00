import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../bot/log';

/** A real pino logger whose JSON lines are kept for assertions. */
export function captureLogs(): { log: Logger; lines: string[]; entries: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger('debug', sink), lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
