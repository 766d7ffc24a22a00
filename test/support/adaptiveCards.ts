/**
 * The official Adaptive Cards object model, loaded from its UMD build (its ESM `lib/` does not load in
 * Node; see the toolchain notes). Parsing reports every unknown element, property or bad value.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void; version?: { toString(): string } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string; event: number } };
  ValidationEvent: Record<number, string>;
};

/** Parse warnings and errors the official renderer's model reports for a card; [] when clean. */
export function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext();
  new AC.AdaptiveCard().parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`${AC.ValidationEvent[event.event] ?? event.event}: ${event.message}`);
  }
  return problems;
}
