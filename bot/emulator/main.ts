/** `npm run emulator`: the Graph emulator alone, configured like the bot (bot/config.ts reads the env). */
import { writeFile } from 'node:fs/promises';
import { loadConfig, readEnvironment } from '../config';
import { startEmulator, type RunningEmulator } from './index';

/** Starts the emulator from environment settings and prints one JSON line naming its base URL. */
export async function runEmulatorMain(env: Record<string, string | undefined>, print: (line: string) => void): Promise<RunningEmulator> {
  const { port, permissions, caFile, sdsClassic } = loadConfig(env).emulator;
  const emulator = await startEmulator({ port, permissions, sdsRetired: sdsClassic === 'retired' });
  if (caFile) await writeFile(caFile, emulator.caCert, 'utf8');
  print(JSON.stringify({
    level: 'info', event: 'emulator.started', baseUrl: emulator.baseUrl, controlUrl: `${emulator.origin}/_emulator`, permissions, sdsClassic, caFile: caFile ?? null,
  }));
  return emulator;
}

if (require.main === module) {
  runEmulatorMain(readEnvironment(), (line) => process.stdout.write(`${line}\n`))
    .then((emulator) => {
      const stop = () => void emulator.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${JSON.stringify({ level: 'error', event: 'emulator.failed', message: (error as Error).message })}\n`);
      process.exitCode = 1;
    });
}
