/**
 * The bot with every store on Azure Blob Storage (Azurite, behind a proxy that can fail like Azure): a
 * confirmation runs once and is audited in the container; storage faults are retried within a bound,
 * then answered with a clear card, and never let a Graph mutation run without its audit entry.
 */
import { DEMO } from '../../bot/emulator';
import { loadConfig } from '../../bot/config';
import { startApp } from '../../bot/app';
import { StorageStartError } from '../../bot/store/blob';
import { titleOf } from '../support/cards';
import { azuriteConnectionString, blobEnv, freshBlobContainer, freshContainerName, rawContainer } from '../support/azureStorage';
import { BlobStore } from '../../bot/store/blobStore';
import { PreconditionFailedError } from '../../bot/store/keyValue';
import { auditOf, cardText, clickCard, freshConversation, postsOf, propose } from '../support/sdsHelpers';
import { StorageProxy } from '../support/storageProxy';
import { useTestBot } from '../support/testBot';
import { captureLogs } from '../support/logCapture';

const P = DEMO.profiles;
const PAUSE = 'pause profile Contoso High School CSV';
const STORAGE_DOWN = /^SyncOps storage \(Azure Blob Storage\) is not answering right now \((503 ServerBusy|500 InternalError|timed out)\)/;
const container = freshContainerName();
const proxy = new StorageProxy(new URL(/BlobEndpoint=([^;]+)/.exec(azuriteConnectionString())![1]!));
// Short tries so a hung call shows within the test; the bound is the same mechanism as in production.
const timings = { maxTries: 3, tryTimeoutMs: 400, retryDelayMs: 20, maxRetryDelayMs: 50, deadlineMs: 1_500 };

beforeAll(() => proxy.start());
afterAll(() => proxy.close());
const bot = useTestBot({ get AZURE_STORAGE_CONNECTION_STRING() { return proxy.connectionStringFor(azuriteConnectionString()); }, AZURE_STORAGE_CONTAINER: container } as Record<string, string>,
  { blobTimings: timings }, () => proxy.clear());
const pauses = () => postsOf(bot, P.contosoHighCsv, 'pause');
const blobNames = async (prefix: string) => {
  const names: string[] = [];
  for await (const blob of rawContainer(container).listBlobsFlat({ prefix })) names.push(blob.name);
  return names;
};

it('keeps the pending action, its claim and its audit entries in the container, and runs a double click once', async () => {
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, PAUSE, where);
  const actions = await blobNames('kv/actions/');
  expect(actions.length).toBeGreaterThan(0);
  expect(titleOf(await clickCard(bot, confirm, where, 'msg-blob'))).toMatch(/^Paused by Ada Lovelace/);
  expect(cardText(await clickCard(bot, confirm, where, 'msg-blob'))).toContain('Already confirmed by Ada Lovelace');
  expect(await pauses()).toHaveLength(1);
  const audit = await auditOf(bot, where);
  expect(audit.entries.join('\n')).toMatch(/Ada Lovelace/);
  expect((await blobNames('audit/')).length).toBeGreaterThanOrEqual(2);
});

it('retries a 503 from storage within its bound, and the click still runs once', async () => {
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, PAUSE, where);
  proxy.fail({ method: 'PUT', path: /\/kv\/actions\//, status: 503, count: 1 });
  expect(titleOf(await clickCard(bot, confirm, where))).toMatch(/^Paused by Ada Lovelace/);
  expect(proxy.requests.filter((r) => r.failed)).toHaveLength(1);
  expect(await pauses()).toHaveLength(1);
});

it.each([
  ['keeps answering 503', { status: 503 as const }],
  ['keeps answering 500', { status: 500 as const }],
  ['stops answering', { hang: true }],
])('answers with a clear card and calls Graph nowhere when storage %s at the claim', async (_what, fault) => {
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, PAUSE, where);
  proxy.fail({ method: 'PUT', path: /\/kv\/actions\//, count: 1000, ...fault });
  const started = Date.now();
  expect(titleOf(await clickCard(bot, confirm, where))).toMatch(STORAGE_DOWN);
  expect(Date.now() - started).toBeLessThan(timings.deadlineMs + 1_000);
  expect(await pauses()).toHaveLength(0);
});

it('does not call Graph when the audit entry before the call cannot be written', async () => {
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, PAUSE, where);
  proxy.fail({ method: 'PUT', path: /\/audit\//, status: 503, count: 1000 });
  expect(titleOf(await clickCard(bot, confirm, where))).toMatch(STORAGE_DOWN);
  expect(await pauses()).toHaveLength(0);
});

it('runs a click once when storage stored the claim but its answer was lost, and the SDK resent it', async () => {
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, PAUSE, where);
  proxy.fail({ method: 'PUT', path: /\/kv\/actions\//, loseAnswer: true, count: 1 });
  expect(titleOf(await clickCard(bot, confirm, where))).toMatch(/^Paused by Ada Lovelace/);
  expect(proxy.requests.filter((r) => r.failed)).toHaveLength(1);
  expect(await pauses()).toHaveLength(1);
});

it('counts an audit entry whose answer was lost as written once, and the change runs', async () => {
  const where = freshConversation('personal');
  const { confirm } = await propose(bot, PAUSE, where);
  const before = (await blobNames('audit/')).length;
  proxy.fail({ method: 'PUT', path: /\/audit\//, loseAnswer: true, count: 1 });
  expect(titleOf(await clickCard(bot, confirm, where))).toMatch(/^Paused by Ada Lovelace/);
  expect(proxy.requests.filter((r) => r.failed)).toHaveLength(1);
  expect(await pauses()).toHaveLength(1);
  // The lost-answer entry (before the Graph call) and the one after it: two, not three.
  expect((await blobNames('audit/')).length - before).toBe(2);
});

it('still refuses a stale write whose 412 answer was lost and resent: only its own earlier try counts as success', async () => {
  const blobs = await freshBlobContainer(timings, proxy.connectionStringFor(azuriteConnectionString()));
  const store = new BlobStore(blobs);
  const first = await store.write('actions/a1', { state: 'pending' }, { ifNoneMatch: '*' });
  await store.write('actions/a1', { state: 'running', by: 'other instance' }, { ifMatch: first });
  proxy.fail({ method: 'PUT', path: /\/kv\/actions\/a1/, loseAnswer: true, count: 1 });
  await expect(store.write('actions/a1', { state: 'running', by: 'me' }, { ifMatch: first })).rejects.toBeInstanceOf(PreconditionFailedError);
  expect(proxy.requests.filter((r) => r.failed)).toHaveLength(1);
  expect((await store.read('actions/a1'))?.value).toEqual({ state: 'running', by: 'other instance' });
});

describe('start-up', () => {
  it('fails in one line naming the setting when the storage account cannot be reached', async () => {
    const logs = captureLogs();
    const config = loadConfig({ PORT: '0', ...blobEnv(), AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString().replace(/BlobEndpoint=http:\/\/[^/]+/, 'BlobEndpoint=http://127.0.0.1:9') });
    const starting = startApp(config, { log: logs.log, blobTimings: timings });
    await expect(starting).rejects.toBeInstanceOf(StorageStartError);
    await expect(starting).rejects.toThrow(/^AZURE_STORAGE_CONNECTION_STRING: Azure Blob Storage container 't-[0-9a-f]+' is not usable at start-up \(unreachable\)$/);
  });

  it('creates the container when it is missing', async () => {
    const name = freshContainerName();
    const app = await startApp(loadConfig({ PORT: '0', ...blobEnv(name) }), { log: captureLogs().log });
    try {
      expect(await rawContainer(name).exists()).toBe(true);
    } finally {
      await app.close();
    }
  });
});
