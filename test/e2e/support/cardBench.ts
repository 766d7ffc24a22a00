import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../../../scripts/playground';

/** The official renderer (the one the Agents Playground and Teams' web client build on), as a browser script. */
const RENDERER = path.join(REPO_ROOT, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js');
/**
 * Markdown for the renderer, which draws TextBlock text as typed unless the host processes it: Teams does
 * (bold, bulleted and numbered lists, links), so cards are judged with their Markdown rendered.
 */
const MARKDOWN = path.join(REPO_ROOT, 'node_modules', 'markdown-it', 'dist', 'browser', 'markdown-it.umd.min.js');
/** Renders a card in the page and lists what overflows (plain browser script: the project's TypeScript has no DOM types). */
const PROBE = path.join(REPO_ROOT, 'test', 'e2e', 'support', 'overflowProbe.js');

/**
 * Host settings close to Teams' light theme: Segoe UI at Teams' sizes and container styles with
 * tinted backgrounds. Teams' exact host config is not published; what matters here is the
 * layout, which the renderer computes the same way for any host config.
 */
const HOST_CONFIG = {
  fontFamily: "'Segoe UI', system-ui, sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  actions: { maxActions: 6, buttonSpacing: 8, showCard: { actionMode: 'inline' }, actionsOrientation: 'horizontal', actionAlignment: 'stretch' },
};

/**
 * The host's stylesheet for Markdown lists. The renderer makes a TextBlock's first HTML element 100% wide,
 * and the browser's own list indent (40 px of padding) comes on top of that, so a list that starts a TextBlock
 * would stick out by its indent in any host that does not size lists with their padding; Teams draws such
 * lists inside the card (the screenshots in Text formatting in cards).
 */
const HOST_CSS = '.ac-textBlock ul, .ac-textBlock ol { box-sizing: border-box; }';

/** A box whose content does not fit: text cut off or an element sticking out of the card. */
export interface Overflow {
  element: string;
  text: string;
  how: string;
}

/** One page that renders any card at a given width, the way a narrow Teams column shows it. */
export class CardBench {
  private constructor(private readonly page: Page) {}

  static async open(browser: Browser): Promise<CardBench> {
    const context = await browser.newContext({ viewport: { width: 600, height: 900 }, locale: 'en-US', timezoneId: 'America/Los_Angeles' });
    await context.route(() => true, (route) => route.abort()); // nothing leaves the machine
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html><head><style>${HOST_CSS}</style></head><body style="margin:0;background:#f5f5f5"><div id="host" style="background:#fff"></div></body></html>`);
    await page.addScriptTag({ path: RENDERER });
    await page.addScriptTag({ path: MARKDOWN });
    await page.addScriptTag({ path: PROBE });
    return new CardBench(page);
  }

  /** Renders the card `width` px wide; the result says where content overflows, and a screenshot is saved. */
  async render(card: unknown, width: number, screenshot: string): Promise<Overflow[]> {
    const overflows = await this.page.evaluate(
      ([card, width, hostConfig]) => (globalThis as unknown as { probeCard: (...args: unknown[]) => Overflow[] }).probeCard(card, width, hostConfig),
      [card, width, HOST_CONFIG] as const,
    );
    await this.page.locator('#host').screenshot({ path: screenshot });
    return dedupe(overflows);
  }

  /** The card last rendered, as a reader sees it: its text, each list item's text, and each bold run (`**…**`). */
  async shown(): Promise<{ text: string; listItems: string[]; bold: string[] }> {
    const host = this.page.locator('#host');
    return { text: await host.innerText(), listItems: await host.locator('li').allInnerTexts(), bold: await host.locator('strong').allInnerTexts() };
  }
}

/** A clipped text is reported by its box and every ancestor that clips it; keep the innermost one per text. */
function dedupe(overflows: Overflow[]): Overflow[] {
  const seen = new Set<string>();
  return overflows.reverse().filter((o) => {
    const key = `${o.text}|${o.how.split(' ')[0]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).reverse();
}
