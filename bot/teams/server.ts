import restify, { type Request, type Response, type Server } from 'restify';
import type { Activity } from 'botbuilder';
import type { Answer, SyncOpsCloudAdapter } from './adapter';
import type { SyncOpsActivityHandler } from './activityHandler';
import type { Logger } from '../log';
import { DeadlineError, DEFAULT_DEADLINES, withDeadline } from '../deadline';
import { KNOWN_ACTIVITY_TYPES, stillWorkingResponse } from './protocol';

/** Teams activities are a few KB; anything near this is not one. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerDeps {
  adapter: SyncOpsCloudAdapter;
  bot: SyncOpsActivityHandler;
  log: Logger;
  requestDeadlineMs?: number;
}

/** restify with two routes: the Bot Framework endpoint and a readiness probe. */
export function createServer({ adapter, bot, log, requestDeadlineMs = DEFAULT_DEADLINES.requestMs }: ServerDeps): Server {
  const server = restify.createServer({ name: 'syncops', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const problem = checkActivity(req.body);
    if (problem) {
      log.warn({ event: 'activity.rejected', reason: problem });
      res.send(400, { code: 'BadRequest', message: problem });
      return;
    }
    const activity = req.body as Activity;
    const served = adapter.serve(activity, String(req.headers.authorization ?? ''), (context) => bot.run(context));
    const answer = await withOverrunAnswer(served, activity, log, requestDeadlineMs);
    res.send(answer.status, answer.body);
  });

  // Body-parser and routing failures (bad JSON, too large, wrong method) are answered by restify without
  // a stack; this logs each once.
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    log.warn({ event: 'request.rejected', method: req.method, path: req.path(), status: err.statusCode, reason: err.name });
    callback();
  });
  return server;
}

/**
 * Every outside call has its own deadline; this is the last guard that Teams gets an answer in time
 * whatever a turn waits for (DEFAULT_DEADLINES). The turn carries on, and its reply still arrives.
 */
async function withOverrunAnswer(served: Promise<Answer>, activity: Activity, log: Logger, deadlineMs: number): Promise<Answer> {
  try {
    return await withDeadline(served, deadlineMs, 'request');
  } catch (error) {
    if (!(error instanceof DeadlineError)) throw error;
    log.warn({ event: 'request.overran', activityId: activity.id, activityType: activity.type, deadlineMs });
    return activity.type === 'invoke' ? { status: 200, body: stillWorkingResponse() } : { status: 200 };
  }
}

/** The minimum the adapter needs to answer at all; returns why not, or undefined. */
function checkActivity(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON activity';
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || !KNOWN_ACTIVITY_TYPES.has(activity.type)) return 'unknown or missing activity type';
  const conversation = activity.conversation as { id?: unknown } | undefined;
  if (!conversation || typeof conversation.id !== 'string' || !conversation.id) return 'the activity has no conversation id';
  if (typeof activity.serviceUrl !== 'string' || !/^https?:\/\//.test(activity.serviceUrl)) return 'the activity has no valid serviceUrl';
  return undefined;
}
