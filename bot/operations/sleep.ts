/** Waits `ms` on a timer that never keeps the process alive (unref): a pending wait must not hold up exit. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
