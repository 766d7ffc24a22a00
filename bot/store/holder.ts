import { hostname } from 'node:os';

/** A process as lock and lease files name it. DATA_DIR is file storage for one host (DESIGN), so a pid on it means one process. */
export interface Holder {
  host: string;
  pid: number;
}

export const thisProcess: Holder = { host: hostname(), pid: process.pid };

/**
 * True only when the holder has provably stopped: it ran on this host and its pid is no longer alive,
 * or the pid is ours and `isOursLive` says the claim is not one this process made (an earlier process
 * with the same pid, as a container restarted as pid 1 is). On another host nothing is provable, so the
 * caller falls back to waiting for expiry.
 */
export function isHolderGone(holder: Holder, isOursLive: () => boolean): boolean {
  if (holder.host !== thisProcess.host) return false;
  if (holder.pid === thisProcess.pid) return !isOursLive();
  try {
    process.kill(holder.pid, 0); // signal 0 only asks whether the process exists
    return false;
  } catch (error) {
    // EPERM: it exists but belongs to another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
