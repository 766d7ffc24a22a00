import { loadConfig } from '../../bot/config';
import type { GraphGateway } from '../../bot/graph/gateway';
import { Responder } from '../../bot/responder';
import { MemoryAuditLog, MemoryStore } from '../../bot/store';
import { textsOf, titleOf } from '../support/cards';
import { captureLogs } from '../support/logCapture';

const actor = { teamsId: '29:ada', name: 'Ada' };

function responderWith(gateway: Partial<GraphGateway>) {
  const logs = captureLogs();
  const responder = new Responder({
    gateway: gateway as GraphGateway, config: loadConfig({}), now: () => new Date(), store: new MemoryStore(),
    audit: new MemoryAuditLog(), newActionId: () => 'a'.repeat(22), runningAfterMs: 2000,
  });
  return { logs, respond: async (text: string) => (await responder.respond(text, { actor, conversationId: 'c1', log: logs.log })).card };
}

describe('Responder', () => {
  it('turns an unexpected exception into "Something went wrong (ref …)" and logs the stack under that ref', async () => {
    const { logs, respond } = responderWith({ listProfiles: () => Promise.reject(new TypeError('cannot read x of undefined')) });
    const card = await respond('profiles');
    const ref = /^Something went wrong \(ref ([0-9a-f]{8})\)$/.exec(titleOf(card))?.[1];
    expect(ref).toBeDefined();
    expect(textsOf(card).join(' ')).not.toContain('cannot read');
    const entry = logs.entries().find((e) => e.event === 'command.failed');
    expect(entry).toMatchObject({ ref, command: 'listProfiles', level: 'error' });
    expect(JSON.stringify(entry)).toContain('cannot read x of undefined');
  });

  it('answers a good command without touching the error path', async () => {
    const { logs, respond } = responderWith({ listProfiles: async () => [], getProfileStatuses: async () => new Map() });
    expect(titleOf(await respond('profiles'))).toBe('School Data Sync profiles (0)');
    expect(logs.entries().some((e) => e.event === 'command.failed')).toBe(false);
  });
});
