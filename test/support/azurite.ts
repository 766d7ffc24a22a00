/**
 * Azurite (the Azure Storage emulator, a devDependency) started by the tests themselves: Blob service only,
 * in memory, on a free loopback port, under an account whose key is minted here at run time.
 * `--skipApiVersionCheck`: @azure/storage-blob 12.32 sends an API version newer than azurite 3.35 knows,
 * and azurite 3.37+ needs Node 22 (toolchain.md §6).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export interface RunningAzurite {
  /** e.g. http://127.0.0.1:41234/syncopstest */
  blobUrl: string;
  connectionString: string;
  stop(): Promise<void>;
}

const ACCOUNT = 'syncopstest';
const LISTENING = /listens on (http:\/\/\S+)/;

export async function startAzurite(): Promise<RunningAzurite> {
  const key = randomBytes(32).toString('base64');
  const main = require.resolve('azurite/dist/src/blob/main.js');
  const child = spawn(process.execPath, [
    main, '--inMemoryPersistence', '--blobHost', '127.0.0.1', '--blobPort', '0', '--skipApiVersionCheck', '--disableTelemetry',
  ], { env: { ...process.env, AZURITE_ACCOUNTS: `${ACCOUNT}:${key}` }, stdio: ['ignore', 'pipe', 'pipe'] });
  const origin = await listeningOrigin(child);
  const blobUrl = `${origin}/${ACCOUNT}`;
  return {
    blobUrl,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${key};BlobEndpoint=${blobUrl};`,
    stop: () => stopChild(child),
  };
}

function listeningOrigin(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within 20 s: ${output}`)), 20_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', read);
      resolve(match[1]!);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`Azurite exited (${code}) before listening: ${output}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
