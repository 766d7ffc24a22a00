/**
 * What an admin does next, as buttons: every card ends with the obvious next step, and a detail card
 * leads back to the list it belongs to, so nobody has to type their way out of a dead end. Buttons run
 * commands, so a change they lead to still asks for confirmation.
 */
import type { CommandButton } from '../../cards/render';
import type { Command } from '../commands/types';
import type { Job, Profile, ProfileStatus, ServicePrincipal } from '../graph/types';
import type { StoredAction } from '../operations/action';

/** After an action ended (or was cancelled or expired): undo, look at the result, or look at the errors. */
export function nextStepsAfter(action: StoredAction): CommandButton[] {
  const { command } = action;
  const hasVerificationTrouble = (action.result?.verification ?? []).some((m) => m.type === 'error' || m.type === 'warning');
  if ('profile' in command && command.kind !== 'watchProfile' && command.kind !== 'unwatchProfile') {
    const id = command.profile.value;
    const show = { title: 'Show profile', command: `profile ${id}` };
    if (action.state !== 'succeeded') return [show];
    switch (command.kind) {
      case 'pauseProfile': return [{ title: 'Resume', command: `resume profile ${id}` }, show];
      case 'resumeProfile': return [show, { title: 'Pause again', command: `pause profile ${id}` }];
      case 'startProfile': return hasVerificationTrouble ? [{ title: 'Show errors', command: `errors profile ${id}` }, show] : [show];
      default: return [show];
    }
  }
  const job = jobOf(command);
  if (!job) return [];
  const show = { title: 'Show job', command: `job ${job}` };
  if (action.state === 'succeeded' && command.kind === 'pauseJob') return [{ title: 'Start', command: `start job ${job}` }, show];
  return [show];
}

/** A profile's status card: fix, pause or resume, start, reset, and back to the list. */
export function profileNextSteps(profile: Profile, status: ProfileStatus): CommandButton[] {
  const back = { title: 'All profiles', command: 'profiles' };
  if (profile.state !== 'provisioned') return [back];
  const id = profile.id;
  return [
    ...(status.errorCount ? [{ title: 'Show errors', command: `errors profile ${id}` }] : []),
    status.status === 'paused' ? { title: 'Resume', command: `resume profile ${id}` } : { title: 'Pause', command: `pause profile ${id}` },
    ...(profile.providerType === 'csv' ? [{ title: 'Start', command: `start profile ${id}` }] : []),
    { title: 'Reset', command: `reset profile ${id}` },
    back,
  ];
}

/** A job's status card: start, pause or restart it, and back to its app's jobs. */
export function jobNextSteps(app: ServicePrincipal, job: Job): CommandButton[] {
  const target = `${job.id} for ${app.id}`;
  const code = job.status?.code;
  return [
    ...(code === 'Paused' || code === 'Quarantine' ? [{ title: 'Start', command: `start job ${target}` }] : []),
    ...(code === 'Active' ? [{ title: 'Pause', command: `pause job ${target}` }] : []),
    { title: 'Restart…', command: `restart job ${target}` },
    { title: 'All jobs', command: `jobs ${app.id}` },
  ];
}

/** A page of a profile's errors leads back to the profile. */
export function errorsNextSteps(profile: Profile): CommandButton[] {
  return [{ title: 'Show profile', command: `profile ${profile.id}` }];
}

function jobOf(command: Command): string | undefined {
  if (!('jobId' in command)) return undefined;
  return command.app ? `${command.jobId} for ${command.app.value}` : command.jobId;
}
