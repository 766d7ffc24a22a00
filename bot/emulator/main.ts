/** `npm run emulator`: the Graph emulator alone. The only reader of process.env in the emulator. */
import { writeFile } from 'node:fs/promises';
import { startEmulator, type PermissionProfile, type RunningEmulator } from './index';

const DEFAULT_PORT = 4000;

function readPort(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`GRAPH_EMULATOR_PORT must be a port number, got '${text}'.`);
  return port;
}

function readPermissions(text: string | undefined): PermissionProfile {
  if (text === undefined || text === '' || text === 'current') return 'current';
  if (text === 'seeds') return 'seeds';
  throw new Error(`GRAPH_EMULATOR_PERMISSIONS must be 'current' or 'seeds', got '${text}'.`);
}

/** Starts the emulator from environment settings and prints one JSON line naming its base URL. */
export async function runEmulatorMain(env: Record<string, string | undefined>, print: (line: string) => void): Promise<RunningEmulator> {
  const port = readPort(env.GRAPH_EMULATOR_PORT);
  const permissions = readPermissions(env.GRAPH_EMULATOR_PERMISSIONS);
  const caFile = env.GRAPH_EMULATOR_CA_FILE || null;
  const emulator = await startEmulator({ port, permissions });
  if (caFile) await writeFile(caFile, emulator.caCert, 'utf8');
  print(JSON.stringify({
    level: 'info', event: 'emulator.started', baseUrl: emulator.baseUrl, controlUrl: `${emulator.origin}/_emulator`, permissions, caFile,
  }));
  return emulator;
}

if (require.main === module) {
  runEmulatorMain(process.env, (line) => process.stdout.write(`${line}\n`))
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
