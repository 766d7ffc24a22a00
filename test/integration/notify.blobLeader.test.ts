/**
 * Two bots on one Azure Blob container (Azurite) and one Graph: the poller's blob lease decides who posts,
 * and a leader deposed in the middle of a cycle (hung past its lease while another instance took it) sends
 * nothing more; the new leader posts the notice once.
 */
import { startEmulator, type RunningEmulator } from '../../bot/emulator';
import { DEMO } from '../../bot/emulator';
import { blobEnv, freshContainerName, rawContainer } from '../support/azureStorage';
import { freshConversation, patchState } from '../support/sdsHelpers';
import type { TestBot } from '../support/testBot';
import { ManualClock, notifyBotOn, pollOnce, RecordingStore, titlesOf, watchFrom } from './notify.support';

const P = DEMO.profiles;
const container = freshContainerName();
const clock = new ManualClock();
let emulator: RunningEmulator;
let recording: RecordingStore;
let first: TestBot;
let second: TestBot;

beforeAll(async () => {
  emulator = await startEmulator();
  first = notifyBotOn(emulator, clock, blobEnv(container), { notify: { wrapStore: (inner) => (recording = new RecordingStore(inner)) } });
  second = notifyBotOn(emulator, clock, blobEnv(container));
  await first.start();
  await second.start();
});
afterAll(async () => {
  await first.stop();
  await second.stop();
  await emulator.close();
});

const pollerLease = () => rawContainer(container).getBlobClient('leases/poller').getBlobLeaseClient();

it('lets only the lease holder poll, and a leader deposed mid-cycle posts nothing while the new leader posts once', async () => {
  const where = freshConversation('personal');
  await watchFrom(first, where, 'watch profile Contoso High School CSV');
  expect((await pollOnce(first, clock)).result.kind).toBe('polled');
  expect((await pollOnce(second, clock)).result).toEqual({ kind: 'skipped', reason: 'notLeader' });

  await patchState(first, { profiles: { [P.contosoHighCsv]: { status: { status: 'paused' } } } });
  // Another instance takes the lease while the first is still in its cycle, before it saves its decision.
  const usurper = pollerLease();
  recording.beforeWrite = {
    isPicked: (key) => key.startsWith('notify/conversationSubscriptions/'),
    run: async () => {
      await pollerLease().breakLease(0);
      await usurper.acquireLease(15);
    },
  };
  const deposed = await pollOnce(first, clock);
  expect(deposed.result).toMatchObject({ kind: 'polled', sent: 0 });
  expect(deposed.posts).toEqual([]);

  await usurper.releaseLease();
  const before = first.connector.calls.length;
  expect((await pollOnce(second, clock)).result).toMatchObject({ kind: 'polled', sent: 1 });
  expect(titlesOf(first.connector.calls.slice(before))).toEqual(['Contoso High School CSV: Synced → Paused']);
  expect((await pollOnce(first, clock)).result).toEqual({ kind: 'skipped', reason: 'notLeader' });
  expect((await pollOnce(second, clock)).posts).toEqual([]);
});
