import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO } from '../../bot/emulator';
import { buildDemoProfiles } from '../../bot/emulator/demoProfiles';
import { REPO_ROOT, startPlayground, type RunningPlayground } from '../../scripts/playground';
import { ChatWindow, launchChromium } from './support/chatWindow';
import { graphCalls } from './support/graphCalls';

/** A screenshot after every step, and the run's logs, for a person to look at (not committed). */
const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts', 'e2e');
/** The Playground's signed-in user. */
const USER = 'Alex Wilber';
const PROFILE = 'Contoso High School CSV';
const JOB = DEMO.jobs.fabrikamScim;
/** The renderer shows {{TIME(…)}} in the browser's zone and locale, e.g. "10:02 AM". */
const AT_TIME = String.raw`at \d{1,2}:\d\d(?: [AP]M)?`;

let playground: RunningPlayground;
let browser: Browser;
let chat: ChatWindow;
/** A second window on the same chat that misses the bot's card updates, as a lagging client would. */
let lagging: ChatWindow;
/** The window the current step looks at; afterEach saves its screenshot. */
let inView: ChatWindow | undefined;
let step = 0;
let isStopping = false;

beforeAll(async () => {
  // The card gallery (cards.e2e.ts) keeps its screenshots in cards/, whichever file runs first.
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const name of readdirSync(ARTIFACTS)) if (name !== 'cards') rmSync(path.join(ARTIFACTS, name), { recursive: true, force: true });
  let tail = () => '';
  try {
    playground = await startPlayground({ botPort: 0, playgroundPort: 0, workDir: path.join(ARTIFACTS, 'run') });
    tail = playground.tail;
    void playground.ended.then((how) => {
      if (!isStopping) process.stderr.write(`\n${how} during the test.\n${tail()}\n`);
    });
    browser = await launchChromium();
    // Both open before the first message: a window shows only what arrives while it is open.
    [chat, lagging] = await Promise.all([
      ChatWindow.open(browser, playground.url),
      ChatWindow.open(browser, playground.url, { isMissingUpdates: true }),
    ]);
  } catch (error) {
    // Printed once and whole: jest would repeat it under every step and cut it at the first line that looks like a stack.
    process.stderr.write(`\n${(error as Error).message}\n${tail()}\n\n`);
    throw new Error('Could not open the bot in the Agents Playground: the reason and the log tails are printed above');
  }
  inView = chat;
}, 120_000);

afterEach(async () => {
  step += 1;
  const name = (expect.getState().currentTestName ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  await inView?.page.screenshot({ path: path.join(ARTIFACTS, `${String(step).padStart(2, '0')}-${name}.png`) });
});

afterAll(async () => {
  isStopping = true;
  await browser?.close();
  await playground?.stop();
});

test('help shows what SyncOps can do', async () => {
  await chat.say('help');
  await chat.card('What SyncOps can do');
});

test('profiles lists every demo profile by name', async () => {
  await chat.say('profiles');
  const card = await chat.card(/^School Data Sync profiles/);
  const text = await card.innerText();
  for (const { profile } of buildDemoProfiles(new Date())) expect(text).toContain(profile.displayName);
});

test('pause profile asks for confirmation first', async () => {
  await chat.say(`pause profile ${PROFILE}`);
  const proposal = await chat.card(`Pause ${PROFILE}?`);
  expect(await proposal.getByRole('button').allInnerTexts()).toEqual(['Confirm', 'Cancel']);
  await lagging.card(`Pause ${PROFILE}?`);
});

test('Confirm pauses the profile and says who did it', async () => {
  const proposal = await chat.card(`Pause ${PROFILE}?`);
  await proposal.getByRole('button', { name: 'Confirm' }).click();
  await chat.card(new RegExp(`^Paused by ${USER} ${AT_TIME}$`));
});

test('a second Confirm on the same card is refused, and Graph is called once', async () => {
  inView = lagging;
  const stale = await lagging.card(`Pause ${PROFILE}?`);
  await stale.getByRole('button', { name: 'Confirm' }).click();
  const answer = await lagging.card(new RegExp(`^Paused by ${USER} ${AT_TIME}$`));
  expect(await answer.innerText()).toMatch(new RegExp(`Already confirmed by ${USER} ${AT_TIME}\\.`));
  const pauses = (await graphCalls(playground.graphBaseUrl)).filter(
    (call) => call.method === 'POST' && call.path.endsWith(`/synchronizationProfiles/${DEMO.profiles.contosoHighCsv}/pause`),
  );
  expect(pauses).toHaveLength(1);
});

test('restart job opens the reset scope picker', async () => {
  inView = chat;
  await chat.say(`restart job ${JOB.jobId} for ${JOB.servicePrincipalId}`);
  const card = await chat.card(/^Restart scim\./);
  await card.getByText('Reset scope', { exact: true }).waitFor();
  const ticked = await Promise.all((await card.getByRole('checkbox', { checked: true }).all()).map((box) => box.getAttribute('aria-label')));
  expect(ticked.map((label) => label?.split(':')[0])).toEqual(['Watermark', 'Escrows', 'QuarantineState']);
});
