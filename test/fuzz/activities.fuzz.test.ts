import fc from 'fast-check';
import { GRAMMAR } from '../../bot/commands/grammar';
import { cardAction, message } from '../support/activities';
import { TestBot } from '../support/testBot';

/**
 * Random messages and card clicks against the real server: each gets an answer or a 4xx, never a 5xx
 * or a crash, and the server keeps serving. `npm run fuzz` raises the count (FUZZ_RUNS).
 */
// 300 random activities keep `npm test` within its two minutes on two cores; `npm run fuzz` runs 100,000.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
jest.setTimeout(Math.max(120_000, RUNS * 100));
const ACCEPTED = new Set([200, 400, 413, 501]);

const bot = new TestBot();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  await bot.start();
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await bot.stop();
});

const words = [...new Set(GRAMMAR.flatMap((row) => [row.verb, row.noun ?? 'profile']))];
const nasty = fc.constantFrom('"', '“', '<at>x</at>', '&nbsp;', "'; DROP TABLE x;--", '${7*7}', '{{x}}', '../../etc/passwd', '\u0000', '\u202e', '🙂', 'scope', 'for', 'only', 'full');
const commandText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.oneof(fc.constantFrom(...words), nasty, fc.string({ maxLength: 12 })), { maxLength: 12 }).map((parts) => parts.join(' ')),
  fc.string({ minLength: 2000, maxLength: 6000 }),
);
const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.string({ maxLength: 30 }), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));

/** A valid activity with a few fields replaced or removed. */
function mutated<T extends Record<string, unknown>>(activity: T, fields: readonly string[]) {
  return fc.array(fc.tuple(fc.constantFrom(...fields), junk), { maxLength: 3 }).map((changes) => {
    const copy: Record<string, unknown> = structuredClone(activity);
    for (const [field, value] of changes) {
      if (value === undefined) delete copy[field];
      else copy[field] = value;
    }
    return copy;
  });
}

async function expectAnsweredAndServing(body: unknown): Promise<void> {
  const answer = await bot.post(body);
  if (!ACCEPTED.has(answer.status)) throw new Error(`status ${answer.status} for ${JSON.stringify(body).slice(0, 300)}`);
}

it(`answers ${RUNS} random messages with 200 or a 4xx, never a 5xx`, async () => {
  const fields = ['text', 'from', 'conversation', 'channelData', 'entities', 'recipient', 'textFormat', 'timestamp', 'value', 'id'];
  await fc.assert(
    fc.asyncProperty(commandText, fc.constantFrom('personal', 'channel', 'groupChat'), fc.boolean(), async (text, scope, shouldMutate) => {
      const activity = message(bot.connector.url, text, { scope });
      if (!shouldMutate) return expectAnsweredAndServing(activity);
      await expectAnsweredAndServing(fc.sample(mutated(activity, fields), 1)[0]);
    }),
    { numRuns: RUNS },
  );
  expect(unhandled).toEqual([]);
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
});

it(`answers ${RUNS} random card clicks with 200 or a 4xx, never a 5xx`, async () => {
  const verb = fc.oneof(fc.constantFrom('run', 'confirm', 'cancel'), fc.string({ maxLength: 20 }));
  const data = fc.oneof(
    junk,
    fc.record({ v: fc.oneof(fc.constant(1), junk), cmd: fc.oneof(commandText, junk) }, { requiredKeys: [] }),
    fc.record({ v: fc.constant(1), actionId: fc.oneof(fc.string({ minLength: 22, maxLength: 22 }), junk), scope: fc.oneof(fc.string({ maxLength: 300 }), junk), acknowledge: junk }, { requiredKeys: [] }),
  );
  await fc.assert(
    fc.asyncProperty(verb, data, fc.boolean(), async (v, d, breakValue) => {
      const click = cardAction(bot.connector.url, v, d, 'msg-fuzz');
      await expectAnsweredAndServing(breakValue ? { ...click, value: fc.sample(junk, 1)[0] } : click);
    }),
    { numRuns: RUNS },
  );
  expect(unhandled).toEqual([]);
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
});
