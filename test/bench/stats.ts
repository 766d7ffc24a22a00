/** Percentiles of raw samples; autocannon's own histogram has 1 ms buckets, too coarse for 2 ms answers. */
export interface Latency {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

/** Nearest-rank percentiles (ms), rounded to 0.01 ms. */
export function latencyOf(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!) : NaN);
  return { p50: at(50), p99: at(99), max: sorted.length ? round(sorted[sorted.length - 1]!) : NaN, samples: sorted.length };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A full garbage collection, when the process runs with --expose-gc (every bench process does). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
