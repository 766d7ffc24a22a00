import type { Caller } from '../actor';
import { byId, type Target } from '../commands/types';
import type { MutationReceipt, Profile, ProfileStatus } from '../graph/types';
import { describeProfileAction } from '../graph/gateway';
import { describeState, describeStatus, plural, PROVIDER_LABEL } from '../present/profileWords';
import type { ActionPlan } from './storedAction';
import type { ActionSpec, Execution, Proposal } from './actionSpec';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';
import { findProfile } from './profileLookup';

type ProfileActionKind = 'pauseProfile' | 'resumeProfile' | 'resetProfile' | 'startProfile';
type StateChangeKind = Exclude<ProfileActionKind, 'startProfile'>;

const VERBS: Record<ProfileActionKind, { verb: string; pastTense: string; path: 'pause' | 'resume' | 'reset' | 'start'; effects: string[] }> = {
  pauseProfile: {
    verb: 'Pause', pastTense: 'Paused', path: 'pause',
    effects: ['Synchronization of this profile stops until someone resumes it.', 'Nothing that was already synchronized changes.'],
  },
  resumeProfile: {
    verb: 'Resume', pastTense: 'Resumed', path: 'resume',
    effects: ['Synchronization continues from where it was paused.'],
  },
  resetProfile: {
    verb: 'Reset', pastTense: 'Reset', path: 'reset',
    // The documented consequences of reset (reference §3.7).
    effects: [
      'Synchronization restarts from the beginning.',
      'All synchronization errors recorded for this profile are deleted.',
      'No data is deleted from Microsoft Entra ID.',
    ],
  },
  startProfile: {
    verb: 'Start', pastTense: 'Started', path: 'start',
    effects: [
      'Graph first verifies the uploaded CSV files.',
      'If any file has errors, nothing starts and the errors are listed here.',
      'If there are only warnings, synchronization starts and the warnings are listed here.',
    ],
  },
};

/** The Graph call of each state change, named so that "find references" finds it. */
const STATE_CHANGES: Record<StateChangeKind, (ctx: OperationContext, id: string, caller: Caller) => Promise<MutationReceipt>> = {
  pauseProfile: (ctx, id, caller) => ctx.gateway.pauseProfile(id, caller),
  resumeProfile: (ctx, id, caller) => ctx.gateway.resumeProfile(id, caller),
  resetProfile: (ctx, id, caller) => ctx.gateway.resetProfile(id, caller),
};

/** pause / resume / reset / start profile: one spec, four Graph actions. */
export const profileActionSpec: ActionSpec<ProfileActionKind> = {
  async prepare(command, ctx) {
    const { kind, profile: target } = command;
    const found = await findProfile(target, ctx, (id) => ({ ...command, profile: byId(id) }));
    if (found.kind !== 'profile') return found;
    const refused = refusalFor(kind, found.profile);
    if (refused) return refused;
    // The card says what the profile is doing now, as job proposals do, so nobody confirms blind.
    const status = await ctx.gateway.getProfileStatus(found.profile.id);
    return refusalForStatus(kind, found.profile, status) ?? proposal(kind, found.profile, status);
  },

  async execute(command, ctx, caller) {
    const { kind, profile } = command;
    const id = profile.value;
    let execution: Execution;
    if (kind === 'startProfile') {
      const started = await ctx.gateway.startProfile(id, caller);
      const warnings = started.messages.filter((m) => m.type !== 'error').length;
      execution = {
        state: started.isStarted ? 'succeeded' : 'failed',
        headline: !started.isStarted ? 'Not started' : warnings ? `Started with ${plural(warnings, 'warning')}` : 'Started',
        details: started.isStarted ? [] : ['File verification found errors, so synchronization did not start. Fix the files, upload them again and start again.'],
        graphRequestId: started.requestId,
        verification: started.messages,
      };
    } else {
      const receipt = await STATE_CHANGES[kind](ctx, id, caller);
      execution = { state: 'succeeded', headline: VERBS[kind].pastTense, details: [], graphRequestId: receipt.requestId };
    }
    return execution;
  },

  approvalOperations(command) {
    return command.kind === 'resetProfile' ? ['reset-profile'] : [];
  },

  /** The status alone: these actions change the sync status, never the provisioning state (1 GET, not 2). */
  async readBack(command, ctx) {
    return describeStatus(await ctx.gateway.getProfileStatus(command.profile.value));
  },
};

/** What the API would refuse, said before a card that cannot succeed (reference §3.5–3.8). */
function refusalFor(kind: ProfileActionKind, profile: Profile): Outcome | undefined {
  const refuse = refuser(kind, profile);
  if (profile.state !== 'provisioned')
    return refuse(`The profile is ${describeState(profile).toLowerCase()}; only provisioned profiles synchronize.`);
  if (kind === 'startProfile' && profile.providerType !== 'csv')
    return refuse(`Start applies only to profiles synchronized from CSV files; this one uses ${PROVIDER_LABEL[profile.providerType]}.`);
  return undefined;
}

function refuser(kind: ProfileActionKind, profile: Profile): (reason: string) => Outcome {
  return (reason) => ({ kind: 'refused', title: `Cannot ${VERBS[kind].verb.toLowerCase()} ${profile.displayName}`, reason });
}

/** Pause and resume only make sense from the right status. */
function refusalForStatus(kind: ProfileActionKind, profile: Profile, status: ProfileStatus): Outcome | undefined {
  const refuse = refuser(kind, profile);
  if (kind === 'pauseProfile' && status.status === 'paused') return refuse('It is already paused.');
  if (kind === 'resumeProfile' && status.status !== 'paused')
    return refuse(`Only a paused profile can be resumed; this one is ${describeState(profile, status).toLowerCase()}.`);
  return undefined;
}

function proposal(kind: ProfileActionKind, profile: Profile, status: ProfileStatus): Proposal {
  const { verb, pastTense, path, effects } = VERBS[kind];
  const target: Target = { by: 'id', value: profile.id };
  const plan: ActionPlan = {
    question: `${verb} ${profile.displayName}?`, verb, pastTense,
    graphCall: describeProfileAction(profile.id, path),
    effects, warnings: [],
    facts: [
      { title: 'Profile', value: profile.displayName }, { title: 'Provider', value: PROVIDER_LABEL[profile.providerType] },
      { title: 'Status when asked', value: describeStatus(status) },
    ],
  };
  return { kind: 'proposal', command: { kind, profile: target }, targetLabel: profile.displayName, plan };
}
