/** Time for the poller and its sender, injected so tests run cycles and rate limits without waiting. */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export function systemClock(now: () => Date = () => new Date()): Clock {
  return { now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
}
