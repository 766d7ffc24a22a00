/** Provisioning jobs in words: status, schedule, quarantine reasons with what to do (reference §6.5–6.11). */
import type { Job } from '../graph/types';

type Status = NonNullable<Job['status']>;
type Quarantine = NonNullable<Status['quarantine']>;

/** Each QuarantineReason: what happened, and what the admin can do about it. */
export const QUARANTINE_REASONS: Record<string, { meaning: string; action: string }> = {
  EncounteredBaseEscrowThreshold: {
    meaning: 'Too many objects failed to provision (the base escrow threshold was reached).',
    action: 'Fix the failing objects listed in the provisioning logs, then start the job; restart with scope Escrows to drop the failed list.',
  },
  EncounteredTotalEscrowThreshold: {
    meaning: 'The total number of objects that failed to provision crossed the threshold.',
    action: 'Look for a common cause in the provisioning logs (attribute mappings, target errors), fix it, then start the job.',
  },
  EncounteredEscrowProportionThreshold: {
    meaning: 'Too large a share of the objects failed to provision.',
    action: 'Check the attribute mappings and the target app for a shared cause, fix it, then start the job.',
  },
  EncounteredQuarantineException: {
    meaning: 'The job hit an error it cannot get past, such as credentials the target app rejects.',
    action: 'Read the error below (often the admin credentials or the tenant URL of the target app), fix it, then start the job.',
  },
  Unknown: {
    meaning: 'The provisioning service did not say why.',
    action: 'Open the provisioning logs of the app in the Microsoft Entra admin center.',
  },
  QuarantinedOnDemand: {
    meaning: 'An administrator put the job into quarantine on purpose.',
    action: 'Start the job when it is ready to run again.',
  },
  TooManyDeletes: {
    meaning: 'Accidental-deletion prevention stopped the job: the run would delete more objects than the threshold allows.',
    action: 'If the deletions are intended, restart with scope ForceDeletes; if not, fix the scoping or source data, then restart.',
  },
  IngestionInterrupted: {
    meaning: 'Reading data from the source system was interrupted.',
    action: 'Check that the source (for example the HR system) is reachable, then start the job.',
  },
};

export function explainQuarantine(quarantine: Quarantine): { meaning: string; action: string } {
  return QUARANTINE_REASONS[String(quarantine.reason)] ?? { meaning: `Reason: ${String(quarantine.reason)}.`, action: 'Check the provisioning logs.' };
}

/** "Active", "Quarantine (TooManyDeletes)", "Paused". */
export function describeJob(job: Job): string {
  const code = job.status?.code ?? 'Unknown';
  return code === 'Quarantine' && job.status?.quarantine ? `Quarantine (${String(job.status.quarantine.reason)})` : String(code);
}


/** ISO-8601 durations as people say them: PT40M → "every 40 minutes". The docs' "never" value is huge. */
export function describeInterval(interval: string | undefined): string {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(interval ?? '');
  if (!match) return interval ? `interval ${interval}` : 'no schedule';
  const [days, hours, minutes, seconds] = match.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number];
  if (days > 3650) return 'never (no recurring schedule)';
  const parts = [[days, 'day'], [hours, 'hour'], [minutes, 'minute'], [Math.round(seconds), 'second']]
    .filter(([value]) => (value as number) > 0)
    .map(([value, unit]) => `${value} ${unit}${value === 1 ? '' : 's'}`);
  return parts.length ? `every ${parts.join(' ')}` : 'continuously';
}

/** Graph writes "never" as the year 1 (reference §6.7). */
export function isNever(iso: string | null | undefined): boolean {
  return !iso || iso.startsWith('0001-01-01');
}
