import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO } from '../../bot/emulator';
import type { AuditEntry } from '../../bot/store';
import { GRACE } from '../support/activities';
import { titleOf } from '../support/cards';
import { emulatorRequests } from '../support/emulatorControl';
import { as, cardText, clickCard, freshConversation, postsOf, propose, TestClock } from '../support/sdsHelpers';
import { useTestBot } from '../support/testBot';

const clock = new TestClock();
// The answer waits up to 10 s for the result before "Running…" (production: 1.2 s): these tests are about one
// Graph call and a whole audit under contention, and on a loaded two-core CI machine 50 confirms at once can
// take longer than the production deadline without anything being wrong.
const bot = useTestBot({}, { now: clock.now, runningAfterMs: 10_000 }, () => clock.reset());

/** What is on disk in the audit trail for one conversation, in append order. */
function auditOnDisk(conversationId: string): AuditEntry[] {
  const dir = join(bot.dataDir, 'audit');
  return readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort()
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEntry))
    .filter((entry) => entry.conversationId === conversationId);
}

describe('clicks under contention', () => {
  it('answers 200 simultaneous Confirm clicks on one card with one Graph call, the winner seeing the result', async () => {
    const where = freshConversation('channel');
    const { confirm } = await propose(bot, 'pause profile Contoso High School CSV', where);
    const cards = await Promise.all(Array.from({ length: 200 }, (_, i) => clickCard(bot, confirm, i % 2 ? as(where, GRACE) : where, 'msg-200')));
    const posts = await postsOf(bot, DEMO.profiles.contosoHighCsv, 'pause');
    expect(posts).toHaveLength(1);
    const winner = posts[0]!.user === GRACE.aadObjectId ? 'Grace Hopper' : 'Ada Lovelace';
    // The winner's own answer is the result, not "Running…": nothing but the Graph call may delay it.
    expect(cards.filter((c) => titleOf(c) === `Paused by ${winner} at {{TIME(2026-03-14T10:02:00Z)}}` && !cardText(c).includes('Already'))).toHaveLength(1);
    expect(cards.filter((c) => cardText(c).includes(`Already confirmed by ${winner} at {{TIME(2026-03-14T10:02:00Z)}}.`))).toHaveLength(199);
    const events = auditOnDisk(where.conversationId!).map((e) => e.event);
    expect(events.filter((e) => e === 'confirmed')).toHaveLength(1);
    expect(events.filter((e) => e === 'refused')).toHaveLength(199);
    expect(events.filter((e) => e === 'succeeded')).toHaveLength(1);
    expect(events.indexOf('confirmed')).toBeLessThan(events.indexOf('succeeded'));
  });

  it('runs 50 conversations’ Confirms at once, each audited from proposal to its end', async () => {
    const P = DEMO.profiles;
    const profiles = [P.contosoHighCsv, P.fabrikamMiddleCsv, P.northwindPowerSchool, P.woodgroveOneRoster, P.tailspinCsv, P.adatumOneRoster];
    const conversations = Array.from({ length: 50 }, (_, i) => ({ where: freshConversation('personal'), profileId: profiles[i % profiles.length]! }));
    const proposals = await Promise.all(conversations.map(({ where, profileId }) => propose(bot, `pause profile ${profileId}`, where)));
    const cards = await Promise.all(proposals.map(({ confirm }, i) => clickCard(bot, confirm, conversations[i]!.where)));
    // Several conversations pause the same profile: the first wins, Graph refuses the others (already paused).
    const titles = cards.map(titleOf);
    expect(titles.filter((t) => t === 'Paused by Ada Lovelace at {{TIME(2026-03-14T10:02:00Z)}}')).toHaveLength(profiles.length);
    expect(titles.filter((t) => t === 'Pause failed')).toHaveLength(50 - profiles.length);
    const pausePosts = (await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path.endsWith('/pause'));
    expect(pausePosts).toHaveLength(50);
    for (const { where } of conversations) {
      expect(auditOnDisk(where.conversationId!).map((e) => e.event)).toEqual(['proposed', 'confirmed', expect.stringMatching(/^(succeeded|failed)$/)]);
    }
  });
});
