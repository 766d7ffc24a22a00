/** One Azurite for the whole jest run (globalSetup/globalTeardown); test files find it in AZURITE_CONNECTION_STRING. */
import { type RunningAzurite, startAzurite } from './azurite';

const running = globalThis as { azurite?: RunningAzurite };

export async function setup(): Promise<void> {
  running.azurite = await startAzurite();
  // Set before jest starts its workers, which inherit this process's environment.
  process.env.AZURITE_CONNECTION_STRING = running.azurite.connectionString;
  process.env.AZURITE_BLOB_URL = running.azurite.blobUrl;
}

export async function teardown(): Promise<void> {
  await running.azurite?.stop();
}
