/** Graph throttling or failing during a poll: the cycle backs off and resumes, and a failed read is never a change. */
import { DEMO } from '../../bot/emulator';
import { onlyCard, titleOf } from '../support/cards';
import { emulatorRequests, injectFault } from '../support/emulatorControl';
import { freshConversation, patchState } from '../support/sdsHelpers';
import { forgetWatches, ManualClock, pollOnce, titlesOf, useNotifyBot } from './notify.support';

const P = DEMO.profiles;
const clock = new ManualClock();
const bot = useNotifyBot(clock, async () => {
  // A cycle that succeeds ends any back-off a previous test left (no watches: nothing is read).
  await forgetWatches(bot);
  for (let i = 0; i < 40 && (await pollOnce(bot, clock)).result.kind !== 'polled';) i++;
});

async function watchContoso() {
  const where = freshConversation('personal');
  expect(titleOf(onlyCard(await bot.say('watch profile Contoso High School CSV', where)))).toBe('Watching Contoso High School CSV here');
  await patchState(bot, { profiles: { [P.contosoHighCsv]: { status: { status: 'paused' } } } });
  return where;
}

const statusPath = (id: string) => `/synchronizationProfiles/${id}/profileStatus$`;

it('a throttled $batch: the cycle fails, no Graph call until Retry-After has passed, then the change is posted once', async () => {
  await watchContoso();
  await injectFault(bot, { method: 'POST', path: '/\\$batch$', status: 429, retryAfter: 150, count: 1 });
  const kinds: string[] = [];
  const titles: string[][] = [];
  const calls: number[] = [];
  for (let i = 0; i < 4; i++) {
    const before = (await emulatorRequests(bot)).length;
    const { result, posts } = await pollOnce(bot, clock);
    kinds.push(result.kind);
    titles.push(titlesOf(posts));
    calls.push((await emulatorRequests(bot)).length - before);
  }
  expect(kinds).toEqual(['failed', 'skipped', 'skipped', 'polled']);
  expect(calls.slice(1, 3)).toEqual([0, 0]);
  expect(titles).toEqual([[], [], [], ['Contoso High School CSV: Synced → Paused']]);
});

it('an outage (503): after the first failure the wait doubles, and the first good cycle posts the change once', async () => {
  await watchContoso();
  await injectFault(bot, { method: 'POST', path: '/\\$batch$', status: 503, count: 3 });
  const kinds: string[] = [];
  const posts: string[] = [];
  for (let i = 0; i < 8; i++) {
    const cycle = await pollOnce(bot, clock);
    kinds.push(cycle.result.kind);
    posts.push(...titlesOf(cycle.posts));
  }
  expect(kinds).toEqual(['failed', 'failed', 'skipped', 'failed', 'skipped', 'skipped', 'skipped', 'polled']);
  expect(posts).toEqual(['Contoso High School CSV: Synced → Paused']);
});

it('an item Graph throttles inside the batch is not a change; the others are posted; it is posted once read', async () => {
  const where = await watchContoso();
  expect(titleOf(onlyCard(await bot.say('watch profile Fabrikam Middle School CSV', where)))).toBe('Watching Fabrikam Middle School CSV here');
  await patchState(bot, { profiles: { [P.fabrikamMiddleCsv]: { status: { status: 'error' } } } });
  await injectFault(bot, { method: 'GET', path: statusPath(P.contosoHighCsv), status: 429, retryAfter: 30, count: 1 });

  const first = await pollOnce(bot, clock);
  expect(first.result).toMatchObject({ kind: 'polled', failedReads: 1, isThrottled: true });
  expect(titlesOf(first.posts)).toEqual(['Fabrikam Middle School CSV: Synced → Error']);
  expect(titlesOf((await pollOnce(bot, clock)).posts)).toEqual(['Contoso High School CSV: Synced → Paused']);
});

it('a 500 for one item is no change, and never a deletion', async () => {
  await watchContoso();
  await injectFault(bot, { method: 'GET', path: statusPath(P.contosoHighCsv), status: 500, count: 2 });
  expect((await pollOnce(bot, clock)).posts).toEqual([]);
  expect((await pollOnce(bot, clock)).posts).toEqual([]);
  expect(titlesOf((await pollOnce(bot, clock)).posts)).toEqual(['Contoso High School CSV: Synced → Paused']);
});

it('SDS retired is said once and never read as the profile being deleted; the watch rests a day, then reads again', async () => {
  await watchContoso();
  await patchState(bot, { sdsRetired: true });
  expect(titlesOf((await pollOnce(bot, clock)).posts)).toEqual(['Contoso High School CSV: School Data Sync (Classic) was retired on 31 December 2024']);
  for (let i = 0; i < 3; i++) expect((await pollOnce(bot, clock)).posts).toEqual([]);
  await patchState(bot, { sdsRetired: false });
  clock.advance(24 * 3_600_000);
  expect(titlesOf((await pollOnce(bot, clock)).posts)).toEqual(['Contoso High School CSV: Synced → Paused']);
});
