/**
 * The one rule for how healthy something looks, used by every card and notification. Something is
 * healthy only when nothing is wrong; a warning (paused, errors or escrows waiting) and an error
 * (failed, quarantined) look different; and no text that must be read is drawn in the "Warning"
 * colour, which Teams' light theme renders as pale yellow on white. Warnings are told by a marker
 * and a container background instead.
 */
import type { Job, Profile, ProfileStatus } from '../graph/types';
import type { NoticeTone } from '../../cards/notice';

export type Health = 'healthy' | 'warning' | 'error' | 'neutral';

/** How a health reads on a card: the container style of a card's header, a text colour, and a marker. */
export interface HealthStyle {
  tone: NoticeTone;
  color: 'Good' | 'Attention' | 'Default';
  marker: string;
}

const STYLES: Record<Health, HealthStyle> = {
  healthy: { tone: 'good', color: 'Good', marker: '✓' },
  warning: { tone: 'warning', color: 'Default', marker: '⚠' },
  error: { tone: 'attention', color: 'Attention', marker: '✖' },
  neutral: { tone: 'info', color: 'Default', marker: '•' },
};

export function styleOf(health: Health): HealthStyle {
  return STYLES[health];
}

const RANK: Record<Health, number> = { healthy: 0, neutral: 1, warning: 2, error: 3 };

/** The worst of several (an app is as healthy as its least healthy job); neutral when there is none. */
export function worstOf(healths: readonly Health[]): Health {
  return healths.reduce<Health | undefined>((worst, h) => (!worst || RANK[h] > RANK[worst] ? h : worst), undefined) ?? 'neutral';
}

/** A profile: provisioning failures and sync errors are errors; paused or error rows waiting are warnings. */
export function profileHealth(profile: Profile, status?: ProfileStatus): Health {
  if (profile.state === 'provisioningFailed' || profile.state === 'deletionFailed') return 'error';
  if (profile.state !== 'provisioned' || !status) return 'neutral';
  if (['error', 'validationError', 'quarantined'].includes(status.status)) return 'error';
  if (status.status === 'paused' || (status.errorCount ?? 0) > 0) return 'warning';
  return status.status === 'success' ? 'healthy' : 'neutral';
}

/** A provisioning job: quarantine or a failed last run is an error; paused or escrowed objects a warning. */
export function jobHealth(job: Job): Health {
  const status = job.status ?? {};
  const last = status.lastExecution ?? undefined;
  if (status.code === 'Quarantine' || status.quarantine) return 'error';
  if (/fail/i.test(String(last?.state ?? '')) || last?.error || (status.countSuccessiveCompleteFailures ?? 0) > 0) return 'error';
  if (status.code === 'Paused' || (last?.countEscrowed ?? 0) > 0) return 'warning';
  return status.code === 'Active' && last && /succeeded/i.test(String(last.state ?? '')) ? 'healthy' : 'neutral';
}

/** An app: its worst job; jobs that could not be read are a warning (nothing is known to be fine). */
export function appHealth(jobs: readonly Job[] | undefined): Health {
  if (jobs === undefined) return 'warning';
  return worstOf(jobs.map(jobHealth));
}

/** What a notification's snapshot says now (the notifier's own shapes of a profile and a job). */
export function snapshotHealth(current: { kind: 'profile'; status: string; errorCount: number } | { kind: 'app'; jobs: Record<string, { code: string; quarantine?: unknown; lastRun?: { state: string; error?: string }; escrowed: number }> }): Health {
  if (current.kind === 'profile') {
    if (['error', 'validationError', 'quarantined'].includes(current.status)) return 'error';
    if (current.status === 'paused' || current.errorCount > 0) return 'warning';
    return current.status === 'success' ? 'healthy' : 'neutral';
  }
  return worstOf(Object.values(current.jobs).map((job) => {
    if (job.code === 'Quarantine' || job.quarantine || /fail/i.test(job.lastRun?.state ?? '') || job.lastRun?.error) return 'error';
    if (job.code === 'Paused' || job.escrowed > 0) return 'warning';
    return job.code === 'Active' ? 'healthy' : 'neutral';
  }));
}
