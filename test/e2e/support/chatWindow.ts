import { existsSync } from 'node:fs';
import { chromium, errors, type Browser, type Locator, type Page, type WebSocketRoute } from 'playwright-core';

/** Debian's package, which .ci/run installs; CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
/** For a machine without a display or GPU; Playwright adds --no-sandbox itself. */
const CHROMIUM_FLAGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];
/** Loading the Playground's 9 MB web app takes about 10 s on a slow machine. */
const LOAD_TIMEOUT_MS = 45_000;
/** The bot answers within a second or two, and the Playground shows the card right after. */
const REPLY_TIMEOUT_MS = 15_000;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** The Playground renders each Adaptive Card with the official renderer, whose root element has this class. */
const CARD = '.ac-adaptiveCard';
/** The compose box is a Lexical editor, not an input, so it has no placeholder to find it by. */
const COMPOSE_BOX = '[data-lexical-editor="true"]';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

export interface WindowOptions {
  /** Drops the card updates the bot sends for everyone, like a window that has not received them yet. */
  isMissingUpdates?: boolean;
}

/** One browser window on the Playground's personal chat with the bot, used as a person would. */
export class ChatWindow {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string, options: WindowOptions = {}): Promise<ChatWindow> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // The only requests leaving the machine are for Segoe UI fonts on the Office CDN; refusing them at
    // once keeps the test offline and independent of DNS (the page falls back to other fonts either way).
    await context.route((target) => !LOOPBACK.has(target.hostname), (route) => route.abort());
    const page = await context.newPage();
    if (options.isMissingUpdates) await page.routeWebSocket(/\/_ws_conversation\//, dropMessageUpdates);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: LOAD_TIMEOUT_MS });
    await page.locator(COMPOSE_BOX).waitFor({ timeout: LOAD_TIMEOUT_MS });
    return new ChatWindow(page);
  }

  /** Types into the compose box and presses Enter. */
  async say(text: string): Promise<void> {
    await this.page.locator(COMPOSE_BOX).click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** The newest card with this title, once it shows; otherwise fails saying what the newest card shows. */
  async card(title: string | RegExp): Promise<Locator> {
    const heading = this.page.getByRole('heading', { name: title, exact: true });
    const card = this.page.locator(CARD).filter({ has: heading }).last();
    try {
      await card.waitFor({ timeout: REPLY_TIMEOUT_MS });
    } catch (error) {
      if (!(error instanceof errors.TimeoutError)) throw error;
      throw new Error(`No card titled ${JSON.stringify(String(title))} within ${REPLY_TIMEOUT_MS / 1000} s. The newest card shows:\n${await this.newestCardText()}`);
    }
    return card;
  }

  private async newestCardText(): Promise<string> {
    const newest = this.page.locator(CARD).last();
    return (await newest.count()) === 0 ? '(no card at all)' : newest.innerText();
  }
}

/** Passes the Playground's chat stream through, except `updateMessage` pushes. */
function dropMessageUpdates(socket: WebSocketRoute): void {
  const server = socket.connectToServer();
  server.onMessage((message) => {
    if (typeof message === 'string' && isMessageUpdate(message)) return;
    socket.send(message);
  });
}

function isMessageUpdate(frame: string): boolean {
  try {
    return (JSON.parse(frame) as { action?: unknown }).action === 'updateMessage';
  } catch {
    return false; // not JSON, so not one of the Playground's chat actions: pass it on
  }
}
