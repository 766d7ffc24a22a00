/**
 * What an admin does next, as buttons: every card ends with the obvious next step, and a detail card
 * leads back to the list it belongs to, so nobody has to type their way out of a dead end. Buttons run
 * commands (written by formatCommand, so each runs what it says), and a change still asks to confirm.
 */
import type { CommandButton } from '../../cards/render';
import { formatCommand } from '../commands/format';
import { DEFAULT_SINCE_HOURS } from '../commands/grammar';
import { byId, type Command, type Target } from '../commands/types';
import type { Job, Profile, ProfileStatus, ServicePrincipal } from '../graph/types';
import type { StoredAction } from '../operations/storedAction';

const button = (title: string, command: Command): CommandButton => ({ title, command: formatCommand(command) });

/** After an action ended (or was cancelled or expired): undo, look at the result, or look at the errors. */
export function nextStepsAfter(action: StoredAction): CommandButton[] {
  const { command } = action;
  const isDone = action.state === 'succeeded';
  switch (command.kind) {
    case 'pauseProfile':
    case 'resumeProfile':
    case 'resetProfile':
    case 'startProfile': {
      const profile = command.profile;
      const show = button('Show profile', { kind: 'showProfile', profile });
      if (!isDone) return [show];
      if (command.kind === 'pauseProfile') return [button('Resume', { kind: 'resumeProfile', profile }), show];
      const hasFileTrouble = (action.result?.verification ?? []).some((m) => m.type === 'error' || m.type === 'warning');
      if (command.kind === 'startProfile' && hasFileTrouble) return [button('Show errors', { kind: 'listProfileErrors', profile }), show];
      return [show];
    }
    case 'pauseJob':
    case 'startJob':
    case 'restartJob': {
      const show = button('Show job', jobCommand(command.jobId, command.app));
      return isDone && command.kind === 'pauseJob' ? [button('Start', { kind: 'startJob', jobId: command.jobId, ...appOf(command.app) }), show] : [show];
    }
    default:
      return [];
  }
}

/** A profile's status card: fix, pause or resume, start, reset, and back to the list. */
export function profileNextSteps(profile: Profile, status: ProfileStatus): CommandButton[] {
  const back = button('All profiles', { kind: 'listProfiles' });
  if (profile.state !== 'provisioned') return [back];
  const target = byId(profile.id);
  return [
    ...(status.errorCount ? [button('Show errors', { kind: 'listProfileErrors', profile: target })] : []),
    status.status === 'paused' ? button('Resume', { kind: 'resumeProfile', profile: target }) : button('Pause', { kind: 'pauseProfile', profile: target }),
    ...(profile.providerType === 'csv' ? [button('Start', { kind: 'startProfile', profile: target })] : []),
    button('Reset', { kind: 'resetProfile', profile: target }),
    back,
  ];
}

/** A job's status card: start, pause or restart it, its provisioning logs, and back to its app's jobs. */
export function jobNextSteps(app: ServicePrincipal, job: Job): CommandButton[] {
  const at = { jobId: job.id, app: byId(app.id) };
  const code = job.status?.code;
  return [
    ...(code === 'Paused' || code === 'Quarantine' ? [button('Start', { kind: 'startJob', ...at })] : []),
    ...(code === 'Active' ? [button('Pause', { kind: 'pauseJob', ...at })] : []),
    button('Restart…', { kind: 'restartJob', ...at, scope: { kind: 'default' } }),
    button('Provisioning logs', { kind: 'showJobLogs', ...at, sinceHours: DEFAULT_SINCE_HOURS }),
    button('All jobs', { kind: 'listJobs', app: byId(app.id) }),
  ];
}

/** A page of a profile's errors leads back to the profile. */
export function errorsNextSteps(profile: Profile): CommandButton[] {
  return [button('Show profile', { kind: 'showProfile', profile: byId(profile.id) })];
}

/** An app's jobs, from a list of apps. */
export function listJobsButton(title: string, app: ServicePrincipal): CommandButton {
  return button(title, { kind: 'listJobs', app: byId(app.id) });
}

/** More of the audit: the largest count the grammar takes. */
export function moreAuditButton(count: number): CommandButton {
  return button(`Show the last ${count}`, { kind: 'audit', count });
}

/** A search for apps by a word, when a job id names its app's template. */
export function findAppsButton(word: string): CommandButton {
  return button(`Find apps named "${word}"`, { kind: 'findApps', query: word });
}

/** The status card of a job, from what a list or result knows of it. */
export function showJobButton(title: string, jobId: string, app: ServicePrincipal): CommandButton {
  return button(title, jobCommand(jobId, byId(app.id)));
}

function jobCommand(jobId: string, app: Target | undefined): Command {
  return { kind: 'showJob', jobId, ...appOf(app) };
}

function appOf(app: Target | undefined): { app?: Target } {
  return app ? { app } : {};
}
