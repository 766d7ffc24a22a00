import { Template } from 'adaptivecards-templating';
import { cardDateTime } from '../bot/present/times';

/** An Adaptive Card (1.5) as JSON, ready to attach or to return in an invoke response. */
export type AdaptiveCard = Record<string, unknown>;

/** Universal Actions: a click arrives as an `adaptiveCard/action` invoke the bot answers with a card. */
export const ACTION_EXECUTE = 'Action.Execute';

/** The one Action.Execute verb that runs a chat command from a button; the data carries the command text. */
export const RUN_VERB = 'run';
/** Version of the data every card button carries; a click with another version is refused. */
export const CARD_DATA_VERSION = 1;

/** A button that runs a (read-only or proposing) chat command, exactly as if it had been typed. */
export interface CommandButton {
  title: string;
  command: string;
}

/**
 * Parsed templates, one per cards/*.json: building a Template parses every ${…} expression, which is
 * about 95% of the cost of a card (3.9 ms → 0.2 ms for the profile list); expanding does not change it.
 */
const compiled = new WeakMap<object, Template>();

/**
 * The cards last expanded from each template, by their data as JSON. Most answers repeat a card (help
 * always, a profile list until a state changes), and stringifying the data costs a fraction of
 * expanding it (the help card: 0.19 ms expanded, 0.04 ms from here). Cached cards are frozen, so no
 * caller can change what the next one gets. Eight per template: a card can reach 28 KB, and cards that
 * never repeat (an action's, with its id) must not hold much memory.
 */
const expanded = new WeakMap<object, Map<string, AdaptiveCard>>();
const CARDS_KEPT_PER_TEMPLATE = 8;

/** Expands a template from cards/*.json. Data values are inserted as data, never evaluated as template. */
export function expandCard(template: object, data: object): AdaptiveCard {
  let parsed = compiled.get(template);
  let recent = expanded.get(template);
  if (!parsed || !recent) {
    parsed = new Template(template);
    recent = new Map();
    compiled.set(template, parsed);
    expanded.set(template, recent);
  }
  const key = JSON.stringify(data);
  const known = recent.get(key);
  if (known) return known;
  const card = deepFreeze(parsed.expand({ $root: data }) as AdaptiveCard);
  if (recent.size >= CARDS_KEPT_PER_TEMPLATE) recent.delete(recent.keys().next().value!);
  recent.set(key, card);
  return card;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The Action.Execute for a command button, in the shape every template's `actions` expects. */
export function commandAction(button: CommandButton): Record<string, unknown> {
  return {
    type: ACTION_EXECUTE,
    title: button.title,
    verb: RUN_VERB,
    data: { v: CARD_DATA_VERSION, cmd: button.command },
  };
}

/** A button that opens an admin page in the browser. */
export function openUrlAction(link: { title: string; url: string }): Record<string, unknown> {
  return { type: 'Action.OpenUrl', title: link.title, url: link.url };
}

/**
 * Buttons in a card's action row: three short labels are what fits side by side at 320 px (a phone),
 * so any further ones go to the "…" overflow menu (`mode: "secondary"`, Adaptive Cards 1.5; Teams:
 * https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/cards-format#overflow-menu-on-adaptive-cards).
 */
export const PRIMARY_BUTTONS = 3;

export function rowActions(actions: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return actions.map((action, i) => (i < PRIMARY_BUTTONS ? action : { ...action, mode: 'secondary' }));
}

/** A time on a card, rendered by Teams in each reader's own zone (the rule lives in bot/present/times). */
export function formatTime(iso: string | undefined): string {
  return cardDateTime(iso);
}

/**
 * Usage lines name their arguments in angle brackets (`job <jobId> [for <app>]`); card renderers take
 * `<jobId>` for an HTML tag and drop it (seen in the Agents Playground). Look-alike brackets keep them.
 */
export function showPlaceholders(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}
