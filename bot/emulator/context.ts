/** What every handler of one running emulator shares. */
import type { PermissionProfile } from './auth';
import type { FaultBook } from './faults';
import type { RequestLog } from './requestLog';
import type { TenantState } from './state';

export interface EmulatorContext {
  origin: string;
  permissions: PermissionProfile;
  now: () => Date;
  /** Replaced wholesale by POST /_emulator/reset. */
  tenant: TenantState;
  /** Builds the initial tenant (used at start and by reset). */
  buildTenant: (now: Date) => TenantState;
  log: RequestLog;
  faults: FaultBook;
  /** Aborted when the emulator closes, releasing delayed and hanging requests. */
  closing: AbortSignal;
}
