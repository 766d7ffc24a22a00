import { startApp } from './app';
import { loadConfig, readEnvironment } from './config';
import { ConfigError } from './errors';
import { createLogger } from './log';

/** Wiring only: config, logger, app, signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(readEnvironment());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    createLogger('error').fatal({ event: 'config.invalid', problems: error.problems });
    process.exitCode = 1;
    return;
  }
  const log = createLogger(config.logLevel);
  const app = await startApp(config, { log, isPolling: true });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ event: 'stopping', signal });
      app.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
}

main().catch((error: unknown) => {
  // Start-up failures (port in use, DATA_DIR not writable) end as one JSON line, not a raw stack.
  createLogger('error').fatal({ event: 'start.failed', err: error });
  process.exitCode = 1;
});
