import type { ConnectorCall } from './fakeConnector';

export type Card = Record<string, unknown>;

/** The single Adaptive Card of the single reply; fails loudly on anything else. */
export function onlyCard(replies: ConnectorCall[]): Card {
  if (replies.length !== 1) throw new Error(`expected exactly one reply, got ${replies.length}`);
  const attachments = (replies[0]!.body.attachments ?? []) as { contentType: string; content: Card }[];
  if (attachments.length !== 1 || attachments[0]!.contentType !== 'application/vnd.microsoft.card.adaptive')
    throw new Error(`expected one Adaptive Card, got ${JSON.stringify(replies[0]!.body).slice(0, 300)}`);
  return attachments[0]!.content;
}

/** The card in an invoke response body. */
export function invokeCard(body: unknown): Card {
  const answer = body as { statusCode?: number; type?: string; value?: Card };
  if (answer?.type !== 'application/vnd.microsoft.card.adaptive' || !answer.value)
    throw new Error(`expected a card invoke response, got ${JSON.stringify(body).slice(0, 300)}`);
  return answer.value;
}

/** Every TextBlock text and fact of a card, in document order: what a person reads. */
export function textsOf(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    const fact = factOfRow(element);
    if (fact) return void out.push(fact);
    if (element.type === 'TextBlock' && typeof element.text === 'string') out.push(element.text);
    if (typeof element.title === 'string' && typeof element.value === 'string') out.push(`${element.title}: ${element.value}`);
    Object.entries(element).forEach(([key, child]) => key !== 'actions' && walk(child));
  };
  walk((card as Card).body);
  return out;
}

/**
 * The cards draw a fact as a two-column row (title 2 : value 3) instead of a FactSet, which a long id
 * widens past Teams' column; read as "title: value" like a FactSet fact.
 */
function factOfRow(element: Record<string, unknown>): string | undefined {
  if (element.type !== 'ColumnSet' || !Array.isArray(element.columns) || element.columns.length !== 2) return undefined;
  const [title, value] = element.columns as { width?: unknown; items?: { text?: unknown }[] }[];
  if (title?.width !== 2 || value?.width !== 3 || title.items?.length !== 1 || value.items?.length !== 1) return undefined;
  return `${String(title.items[0]!.text)}: ${String(value.items[0]!.text)}`;
}

/** The card's title: its first TextBlock. */
export function titleOf(card: Card): string {
  const title = textsOf(card)[0];
  if (title === undefined) throw new Error('card has no TextBlock');
  return title;
}

/**
 * The values a click carries for the card's inputs, as the Adaptive Cards renderer in Teams reports them
 * (teams-bot.md: every `Input.*` on the card is merged into every Action.Execute's data, keyed by id). A toggle
 * always reports valueOn or valueOff; another input only when it has a value. `typed` is what the person
 * changed before clicking ('' clears an input).
 */
export function inputValuesOf(card: Card, typed: Readonly<Record<string, string | undefined>> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string') {
      const value = element.type === 'Input.Toggle' ? String(element.value ?? element.valueOff ?? 'false') : String(element.value ?? '');
      if (value !== '') values[element.id] = value;
    }
    Object.values(element).forEach(walk);
  };
  walk(card);
  for (const [id, value] of Object.entries(typed)) {
    if (value === undefined) continue;
    if (value === '') delete values[id];
    else values[id] = value;
  }
  return values;
}

/**
 * Every Action.Execute in the card (actions and selectActions), anywhere, with the data a click on it sends as
 * Teams sends it: the button's data merged with the values of every input on the card (inputs win, as in the
 * renderer). Tests click only through this, so no test can send a click Teams would not.
 */
export function actionsOf(card: Card, typed: Readonly<Record<string, string | undefined>> = {}): { title?: string; verb: string; data: unknown }[] {
  const inputs = inputValuesOf(card, typed);
  const out: { title?: string; verb: string; data: unknown }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Execute') {
      const data = { ...(element.data as object | undefined), ...inputs };
      out.push({ ...(typeof element.title === 'string' ? { title: element.title } : {}), verb: String(element.verb), data });
    }
    Object.values(element).forEach(walk);
  };
  walk(card);
  return out;
}
