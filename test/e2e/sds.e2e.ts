/** The browser test of the new SDS cards: `sds runs`, and a validation followed in place to its result. */
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { Agent, fetch } from 'undici';
import { SDS_DEMO } from '../../bot/emulator';
import { REPO_ROOT, startPlayground, type RunningPlayground } from '../../scripts/playground';
import { ChatWindow, launchChromium } from './support/chatWindow';
import { graphCalls } from './support/graphCalls';

/** A screenshot of each step, beside those of conversation.e2e.ts (not committed). */
const ARTIFACTS = path.join(REPO_ROOT, 'test', 'artifacts', 'e2e-sds');

let playground: RunningPlayground;
let browser: Browser;
let chat: ChatWindow;

beforeAll(async () => {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  playground = await startPlayground({ botPort: 0, playgroundPort: 0, workDir: path.join(ARTIFACTS, 'run') });
  browser = await launchChromium();
  chat = await ChatWindow.open(browser, playground.url);
}, 120_000);

afterEach(async () => {
  const name = (expect.getState().currentTestName ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  await chat?.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
});

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
});

test('sds runs lists the demo district\'s runs with their errors and warnings', async () => {
  await chat.say('sds runs');
  const card = await chat.card('School Data Sync runs (4)');
  const text = await card.innerText();
  for (const status of ['Completed with warnings', 'Completed with errors', 'Failed']) expect(text).toContain(status);
  expect(text).toContain('12 errors · 9 warnings');
});

test('validate sds flow shows the result on the same card, errors and warnings by file', async () => {
  // A validation that ends after 1 s, so the card's 5-second follow shows its end within one read.
  await emulatorControl('PATCH', 'state', { industryData: { nextValidation: { [SDS_DEMO.connectors.csv]: {
    afterMs: 1_000, validatedFiles: ['users.csv'],
    errors: [{ code: 'RequiredFileNotFound', message: 'The required file orgs.csv was not found.', target: 'orgs.csv' }],
    warnings: [{ code: 'OptionalFileNotFound', message: 'The optional file classes.csv was not found.', target: 'classes.csv' }],
  } } } });
  await chat.say('validate sds flow Contoso CSV');
  await chat.card('Validating Contoso CSV 2025-26…');
  const result = await chat.card('Validation failed: 1 error, 1 warning');
  const text = await result.innerText();
  expect(text).toContain('RequiredFileNotFound');
  expect(text).toContain('classes.csv');
  const validations = (await graphCalls(playground.graphBaseUrl)).filter((call) => call.method === 'POST' && call.path.endsWith('/dataConnector/validate'));
  expect(validations).toHaveLength(1);
});

/** The emulator's control API inside the Playground's bot process (its certificate is out of reach; loopback only). */
async function emulatorControl(method: string, name: string, body: unknown): Promise<void> {
  const agent = new Agent({ connect: { rejectUnauthorized: false } });
  try {
    const response = await fetch(new URL(`/_emulator/${name}`, playground.graphBaseUrl), {
      method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), dispatcher: agent,
    });
    // Read to the end: the agent closes only once no answer is left unread.
    await response.text();
    if (!response.ok) throw new Error(`${method} /_emulator/${name} answered ${response.status}`);
  } finally {
    await agent.close();
  }
}
