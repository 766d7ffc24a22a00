import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger } from 'pino';

/**
 * Paths pino blanks before a line is written. Tokens reach log calls only by mistake, so the net is
 * wide: any header bag, any field named like a credential, at the top level or one level down.
 */
const REDACTED_PATHS = [
  'authorization', 'headers.authorization', 'req.headers.authorization', '*.authorization',
  'token', '*.token', 'accessToken', '*.accessToken', 'password', '*.password', 'secret', '*.secret',
  'clientSecret', '*.clientSecret', 'appPassword', '*.appPassword',
];

/** One JSON line per event on stdout (or `destination` in tests). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'syncops' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
