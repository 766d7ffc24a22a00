import type { AdaptiveCard } from '../../cards/render';
import { renderScheduledCard, type ScheduledItem } from '../../cards/scheduled';
import type { StoredAction } from '../operations/storedAction';
import { LATE_LIMIT_MINUTES } from '../operations/scheduler';
import { lateness, readersTime } from './time';

/** A change confirmed to run later, as everyone in the conversation sees it, with Cancel. */
export function presentScheduledAction(action: StoredAction, note?: string): AdaptiveCard {
  return renderScheduledCard({
    title: `Scheduled: ${action.plan.verb.toLowerCase()} ${action.targetLabel}`,
    subtitle: 'SyncOps runs it at its time and posts the result here; Cancel stops it before then.',
    ...(note ? { note } : {}),
    empty: '',
    items: [scheduledItem(action)],
  });
}

/** Entries per card: each takes up to 1.4 KB with long names, and a card must stay under 28 KB. */
const MAX_LISTED = 15;

/** `scheduled`: this conversation's changes that wait for their time, soonest first. */
export function presentScheduledList(actions: readonly StoredAction[]): AdaptiveCard {
  const hidden = actions.length - MAX_LISTED;
  const footnotes = [
    hidden > 0 ? `${hidden} later change${hidden === 1 ? '' : 's'} not shown; cancel or wait for the soonest to see them.` : '',
    actions.length ? `A change ${LATE_LIMIT_MINUTES} minutes late or more (SyncOps was down) does not run and is reported as missed.` : '',
  ];
  return renderScheduledCard({
    title: actions.length ? `Scheduled here: ${actions.length} change${actions.length === 1 ? '' : 's'}` : 'Nothing is scheduled here',
    empty: 'End a change with at ‹HH:MM› (your time zone) or in ‹n›m | in ‹n›h to schedule it, e.g. pause profile Contoso High at 02:00.',
    items: actions.slice(0, MAX_LISTED).map(scheduledItem),
    footnote: footnotes.filter(Boolean).join(' '),
  });
}

/** The line a scheduled run's result card carries: when it ran, and how late. */
export function ranAsScheduled(action: StoredAction): string | undefined {
  const schedule = action.schedule;
  if (!schedule || schedule.lateMinutes === undefined) return undefined;
  const late = schedule.lateMinutes > 0 ? `, ${lateness(schedule.lateMinutes)} (SyncOps was not running at its time)` : '';
  return `Ran as scheduled for ${readersTime(schedule.runAt)}${late}.`;
}

/** The proposal card's line about when a scheduled change will run. */
export function scheduleNotice(action: StoredAction): string | undefined {
  const schedule = action.schedule;
  return schedule ? `Scheduled: after Confirm it runs ${readersTime(schedule.runAt)} ("${schedule.typed}", ${schedule.timeZone}), not now.` : undefined;
}

function scheduledItem(action: StoredAction): ScheduledItem {
  const { plan, schedule, approval } = action;
  const waiting = action.state === 'awaitingApproval' && approval ? `Waiting for a second admin's approval until ${readersTime(approval.until)}` : undefined;
  const decided = approval?.approvedBy
    ? `Confirmed by ${action.decidedBy?.name ?? 'someone'}, approved by ${approval.approvedBy.name}`
    : action.decidedBy ? `Confirmed by ${action.decidedBy.name}` : undefined;
  return {
    heading: `${plan.verb} ${action.targetLabel}`,
    runs: schedule ? `Runs ${readersTime(schedule.runAt)} ("${schedule.typed}", ${schedule.timeZone})` : '',
    graphCall: plan.graphCall,
    lines: [plan.choice, `Asked by ${action.proposedBy.name}`, decided, waiting].filter((line): line is string => Boolean(line)),
    ...(action.state === 'scheduled' || action.state === 'awaitingApproval' ? { cancellableActionId: action.id } : {}),
  };
}
