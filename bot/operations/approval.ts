import type { Actor } from '../actor';
import type { Command } from '../commands/types';
import type { Config } from '../config';
import { mutationRefusal, tenantRefusal } from '../identity/access';
import { compareAndSet } from '../store/keyValue';
import { actionKey, type Person, type StoredAction } from './storedAction';
import type { ActionSpec } from './actionSpec';
import { auditOrUndo, clock, entry, loadForClick, startRun } from './proposeConfirm';
import { personOf } from './auditEntry';
import type { OperationContext } from './context';
import type { Outcome } from './outcome';

/** Why an Approve is refused; the codes are stable (audit entries and tests use them). */
export type ApprovalRefusalCode = 'wrongTenant' | 'notAllowed' | 'notApprover' | 'ownChange' | 'confirmedIt' | 'checkFailed';
export interface ApprovalRefusal {
  code: ApprovalRefusalCode;
  reason: string;
}

type ApprovalGuard = (actor: Actor, action: StoredAction, config: Config) => ApprovalRefusal | undefined;

/**
 * Who may approve, as one ordered chain of small checks (tenant, allow-list, approver list, a second
 * person): the first refusal wins. The proposer and whoever confirmed are one person's decision already.
 */
const APPROVAL_GUARDS: readonly ApprovalGuard[] = [
  (actor, action, config) => {
    const reason = tenantRefusal(actor, config.access) ?? (action.tenantId && actor.tenantId !== action.tenantId ? 'the change belongs to another tenant' : undefined);
    return reason ? { code: 'wrongTenant', reason } : undefined;
  },
  (actor, _action, config) => {
    const reason = mutationRefusal(actor, config.access);
    return reason ? { code: 'notAllowed', reason } : undefined;
  },
  (actor, _action, config) => {
    const { approvers } = config.approvals;
    return approvers.length && !approvers.includes(actor.aadObjectId?.toLowerCase() ?? '')
      ? { code: 'notApprover', reason: 'you are not on the list of people who may approve changes (APPROVERS)' } : undefined;
  },
  (actor, action) => (isSamePerson(actor, action.proposedBy) ? { code: 'ownChange', reason: 'you proposed this change, so a second admin must approve it' } : undefined),
  (actor, action) => (isSamePerson(actor, action.decidedBy) ? { code: 'confirmedIt', reason: 'you confirmed this change, so a second admin must approve it' } : undefined),
];

/** The first guard that refuses this approver, or undefined. A guard that throws refuses (guards fail closed). */
export function approvalRefusal(actor: Actor, action: StoredAction, config: Config): ApprovalRefusal | undefined {
  try {
    for (const guard of APPROVAL_GUARDS) {
      const refusal = guard(actor, action, config);
      if (refusal) return refusal;
    }
    return undefined;
  } catch {
    return { code: 'checkFailed', reason: 'the approval check failed' };
  }
}

/**
 * Approve: a second admin moves the action from waiting to running (or, scheduled, to waiting for its
 * time) in one compare-and-set, so a second Approve, a replay or another instance runs nothing again.
 * The call then runs as the approver: their delegated token when sign-in is on.
 */
export async function approveAction(actionId: string, specFor: (command: Command) => ActionSpec, ctx: OperationContext): Promise<Outcome> {
  const loaded = await loadWaiting(actionId, ctx, 'approve');
  if (loaded.kind !== 'action') return loaded;
  const refusal = approvalRefusal(ctx.actor, loaded.action, ctx.config);
  if (refusal) return refuse(ctx, loaded.action, 'approve', refusal.code, `You cannot approve this: ${refusal.reason}. Nothing ran.`);
  const now = ctx.now();
  let before = loaded.action;
  const { changed, value } = await compareAndSet<StoredAction>(ctx.store, actionKey(actionId), (current) => {
    if (current?.state !== 'awaitingApproval' || !current.approval || Date.parse(current.approval.until) <= now.getTime()) return undefined;
    before = current;
    return { ...current, state: current.schedule ? 'scheduled' : 'running', approval: { ...current.approval, approvedBy: personOf(ctx.actor), approvedAt: now.toISOString() } };
  });
  // Still waiting but not changed: its approval window closed between the load and this write.
  if (value?.state === 'awaitingApproval' && value.approval) return expire(value, value.approval.until, ctx, 'approve');
  if (!changed || !value) return refuse(ctx, value ?? loaded.action, 'approve', 'notWaiting', decisionNote(value ?? loaded.action));
  if (value.state === 'scheduled') {
    const outcome = `approved; asked by ${value.proposedBy.name}; scheduled for ${value.schedule?.runAt}`;
    // Without its entry the approval did not happen: the change waits for approval again.
    const undo = () => compareAndSet<StoredAction>(ctx.store, actionKey(actionId), (current) =>
      current?.state === 'scheduled' && current.approval?.approvedAt === now.toISOString() ? before : undefined);
    await auditOrUndo(() => ctx.audit.append(entry(ctx, value, 'approved', { outcome })), undo, actionId, ctx);
    return { kind: 'done', action: value };
  }
  return startRun(value, specFor(value.command), ctx, 'approved');
}

/** Reject: an approver, or the person who asked, ends it for everyone; nothing runs. */
export async function rejectAction(actionId: string, ctx: OperationContext): Promise<Outcome> {
  const loaded = await loadWaiting(actionId, ctx, 'reject');
  if (loaded.kind !== 'action') return loaded;
  const isWithdrawal = isSamePerson(ctx.actor, loaded.action.proposedBy) || isSamePerson(ctx.actor, loaded.action.decidedBy);
  const refusal = isWithdrawal ? undefined : approvalRefusal(ctx.actor, loaded.action, ctx.config);
  if (refusal) return refuse(ctx, loaded.action, 'reject', refusal.code, `You cannot reject this: ${refusal.reason}.`);
  const at = ctx.now().toISOString();
  const { changed, value } = await compareAndSet<StoredAction>(ctx.store, actionKey(actionId), (current) =>
    current?.state === 'awaitingApproval' && current.approval
      ? { ...current, state: 'rejected', finishedAt: at, approval: { ...current.approval, rejectedBy: personOf(ctx.actor), rejectedAt: at } }
      : undefined,
  );
  if (!changed || !value) return refuse(ctx, value ?? loaded.action, 'reject', 'notWaiting', decisionNote(value ?? loaded.action));
  await ctx.audit.append(entry(ctx, value, 'rejected', { outcome: `rejected; asked by ${value.proposedBy.name}; nothing ran` }));
  return { kind: 'done', action: value };
}

/** The action of an Approve/Reject click, or the refusal; an approval window that closed ends it as expired. */
async function loadWaiting(actionId: string, ctx: OperationContext, verb: 'approve' | 'reject'): Promise<{ kind: 'action'; action: StoredAction } | Outcome> {
  const loaded = await loadForClick(actionId, ctx, verb);
  if (loaded.kind !== 'action') return loaded;
  const { action } = loaded;
  if (action.state === 'awaitingApproval' && action.approval && Date.parse(action.approval.until) <= ctx.now().getTime()) return expire(action, action.approval.until, ctx, verb);
  if (action.state !== 'awaitingApproval') return refuse(ctx, action, verb, 'notWaiting', decisionNote(action));
  return loaded;
}

/** The approval window closed: the action ends as expired, and the click is told so. */
async function expire(action: StoredAction, until: string, ctx: OperationContext, verb: 'approve' | 'reject'): Promise<Outcome> {
  const { value } = await compareAndSet<StoredAction>(ctx.store, actionKey(action.id), (current) =>
    current?.state === 'awaitingApproval' ? { ...current, state: 'expired', finishedAt: ctx.now().toISOString() } : undefined,
  );
  return refuse(ctx, value ?? action, verb, 'expired', `Nobody approved it by ${clock(until)}, so it expired and nothing ran. Propose it again.`);
}

/** Audited, and answered with the card as it stands plus why the click changed nothing. */
async function refuse(ctx: OperationContext, action: StoredAction, verb: string, code: string, note: string): Promise<Outcome> {
  await ctx.audit.append(entry(ctx, action, 'refused', { outcome: `${verb}: ${code}: ${note}` }));
  return { kind: 'done', action, note, isRefusal: true };
}

/** Why an Approve or Reject comes too late, in the state the action has now. */
export function decisionNote(action: StoredAction): string {
  const approval = action.approval;
  if (action.state === 'rejected') return `Rejected by ${approval?.rejectedBy?.name ?? 'someone'} at ${clock(approval?.rejectedAt)}; nothing ran.`;
  if (approval?.approvedBy) return `Already approved by ${approval.approvedBy.name} at ${clock(approval.approvedAt)}.`;
  if (action.state === 'cancelled') return `Cancelled by ${action.decidedBy?.name ?? 'someone'} at ${clock(action.decidedAt)}; nothing ran.`;
  if (action.state === 'expired') return 'It expired; nothing ran. Propose it again.';
  if (action.state === 'pending') return 'Nobody has confirmed it yet: there is nothing to approve.';
  return `It needs no approval now (${action.state}).`;
}

function isSamePerson(actor: Actor, person: Person | undefined): boolean {
  return Boolean(actor.aadObjectId && person?.aadObjectId && actor.aadObjectId.toLowerCase() === person.aadObjectId.toLowerCase());
}
