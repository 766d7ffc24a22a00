import { ActivityTypes, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { typingIndicator } from '../../bot/teams/typing';
import { captureLogs } from '../support/logCapture';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TestAdapter whose turn takes `turnMs`; `failTyping` makes the channel refuse typing activities. */
function adapterFor(turnMs: number, failTyping = false) {
  const logs = captureLogs();
  const sent: Partial<Activity>[] = [];
  const adapter = new TestAdapter(async (context: TurnContext) => {
    await wait(turnMs);
    await context.sendActivity('answer');
  });
  const send = adapter.sendActivities.bind(adapter);
  adapter.sendActivities = async (context, activities) => {
    sent.push(...activities);
    if (failTyping && activities.some((a) => a.type === ActivityTypes.Typing)) throw new Error('429 from the connector');
    return send(context, activities);
  };
  const turnErrors: unknown[] = [];
  adapter.onTurnError = async (_context, error) => void turnErrors.push(error);
  adapter.use(typingIndicator(logs.log, 20, 1000));
  return { adapter, sent, logs, turnErrors };
}

describe('typing indicator', () => {
  it('is sent while a slow answer is coming, before the answer', async () => {
    const { adapter, sent } = adapterFor(120);
    await adapter.send('profiles');
    expect(sent.map((a) => a.type)).toEqual([ActivityTypes.Typing, ActivityTypes.Message]);
  });

  it('is not sent for a quick answer', async () => {
    const { adapter, sent } = adapterFor(0);
    await adapter.send('help');
    expect(sent.map((a) => a.type)).toEqual([ActivityTypes.Message]);
  });

  it('a refused indicator is logged, and the turn still answers without an error reply', async () => {
    const { adapter, sent, logs, turnErrors } = adapterFor(120, true);
    await adapter.send('profiles');
    expect(sent.map((a) => a.type)).toEqual([ActivityTypes.Typing, ActivityTypes.Message]);
    expect(turnErrors).toEqual([]);
    expect(logs.entries().filter((e) => e.event === 'typing.failed')).toHaveLength(1);
  });
});
