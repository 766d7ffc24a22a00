/**
 * Closed-loop load with autocannon: each connection sends its next activity as soon as the last one is
 * answered. A scenario runs in slices, so the bench can interleave scenarios and share out the noise of
 * a busy machine instead of handing it to whichever scenario ran at the wrong moment.
 */
import autocannon from 'autocannon';
import type { FakeConnector } from '../support/fakeConnector';
import { message } from '../support/activities';
import type { IsolatedTarget } from './isolation';
import { collectGarbage } from './stats';
import { latencyOf, round, type Latency } from './stats';

export interface LoadSettings {
  connections: number;
  warmupMs: number;
  /** Measured time per scenario, in `rounds` slices. */
  durationMs: number;
  rounds: number;
  /** How many times the measured part runs, each reported on its own (1 when absent). */
  runs?: number;
}

/** What one slice of load measured. */
export interface Slice {
  latencies: number[];
  /** Answers other than the expected one, and connection errors or timeouts: a healthy run has none. */
  failures: number;
  seconds: number;
  /** CPU time of the bot's process during the slice: unlike latency, hardly moved by other busy processes. */
  cpuMs?: number;
}

export interface Scenario {
  target: IsolatedTarget;
  runSlice(durationMs: number): Promise<Slice>;
}

export interface LoadResult extends Latency {
  rps: number;
  failures: number;
  seconds: number;
  /** The bot process's CPU time per answered request (per pair for Confirm clicks: the proposal and the click). */
  cpuMsPerRequest: number;
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

/** Posts the same message activity under load; `check` first proves one answer is the expected reply. */
export async function messageScenario(target: IsolatedTarget, connector: FakeConnector, text: string, connections: number,
  check: (replyBody: Record<string, unknown>) => boolean): Promise<Scenario> {
  const activity = message(connector.url, text, { conversationId: 'a:1bench-load' });
  await expectReply(target.url, connector, activity, check);
  const request: autocannon.Request = { method: 'POST', path: '/api/messages', headers: JSON_HEADERS, body: JSON.stringify(activity) };
  return {
    target,
    async runSlice(durationMs) {
      const latencies: number[] = [];
      let failures = 0;
      // The answer was checked above; under load the connector only counts replies (FakeConnector.isRecording).
      connector.isRecording = false;
      const repliesBefore = connector.unrecorded;
      try {
        const result = await runAutocannon({ url: target.url, connections, duration: durationMs / 1000, requests: [request] }, (status, ms) => {
          if (status === 200) latencies.push(ms);
          else failures++;
        });
        // Every answered message sent its reply before the bot answered Teams' request.
        const unreplied = Math.max(0, latencies.length - (connector.unrecorded - repliesBefore));
        return { latencies, failures: failures + result.errors + unreplied, seconds: result.duration };
      } finally {
        connector.isRecording = true;
      }
    },
  };
}

/** The slices of one scenario, pooled. */
export function summarize(slices: readonly Slice[]): LoadResult {
  const latencies = slices.flatMap((slice) => slice.latencies);
  const seconds = round(slices.reduce((sum, slice) => sum + slice.seconds, 0));
  const failures = slices.reduce((sum, slice) => sum + slice.failures, 0);
  const cpuMs = slices.reduce((sum, slice) => sum + (slice.cpuMs ?? NaN), 0);
  return { ...latencyOf(latencies), rps: round(latencies.length / seconds, 0), failures, seconds, cpuMsPerRequest: round(cpuMs / latencies.length) };
}

/** Garbage from the last slice is collected on both sides before the next one starts. */
export async function settle(target: IsolatedTarget): Promise<void> {
  await target.collectGarbage();
  collectGarbage();
}

/** autocannon checks for the end of a run once per sample; a sample of 1 s would round every slice up to whole seconds. */
const SAMPLE_MS = 100;

/** autocannon with a hook on every answer (status, latency in ms as measured by autocannon's client). */
export function runAutocannon(options: autocannon.Options, onAnswer?: (status: number, ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ sampleInt: SAMPLE_MS, ...options }, (error: unknown, result) => (error ? reject(error) : resolve(result)));
    if (onAnswer) instance.on('response', (_client, status, _bytes, ms) => onAnswer(status, ms));
  });
}

async function expectReply(url: string, connector: FakeConnector, activity: { id: string }, check: (body: Record<string, unknown>) => boolean): Promise<void> {
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(activity) });
  await response.arrayBuffer();
  const reply = connector.calls.find((call) => call.activityId === activity.id);
  connector.clear();
  if (response.status !== 200 || !reply || !check(reply.body))
    throw new Error(`the bot did not answer as expected before the load (HTTP ${response.status}): ${JSON.stringify(reply?.body ?? null).slice(0, 300)}`);
}
