/** A pending notice as the card data it is posted with: title, lines, newest errors and next actions. */
import type { NotificationCardData } from '../../cards/notification';
import type { NoticeTone } from '../../cards/notice';
import { formatTime, type CommandButton } from '../../cards/render';
import { snapshotHealth, styleOf } from './health';
import { formatCommand } from '../commands/format';
import type { Change, Notice, Pending, Snapshot, WatchTarget } from '../notify/model';
import { describeSnapshot, errorItemOf, headlineOf, linesOf, unwatchCommand } from './changeWords';
import { CLASSIC_RETIRED_TEXT, CLASSIC_RETIRED_TITLE, NEW_SDS_COMMANDS } from './sdsClassic';

const RESENT = 'Sent again: SyncOps restarted or lost Teams\' answer while posting this, so it may appear twice.';
/** An app with many jobs can change a lot in one cycle; the card keeps to the 28 KB budget (reference (e)). */
const SHOWN_CHANGES = 8;

export function composeNotification(target: WatchTarget, pending: Pending, isResend: boolean): NotificationCardData {
  const card = composeNotice(target, pending.notice, new Date(pending.observedAt));
  return {
    ...card,
    subtitle: `${KIND_LABEL[target.kind]} · seen ${formatTime(pending.observedAt)}`,
    facts: target.kind === 'sds' ? [] : [{ title: target.kind === 'profile' ? 'Profile id' : 'App id', value: target.id }],
    ...(isResend ? { footnote: RESENT } : {}),
  };
}

const KIND_LABEL: Record<WatchTarget['kind'], string> = {
  profile: 'School Data Sync (Classic) profile', app: 'Provisioning jobs of an enterprise app', sds: 'School Data Sync runs and flows',
};

type Composed = Omit<NotificationCardData, 'subtitle'>;
/** `seenAt`: when the change was seen, for hints such as "next attempt in 11 h". */
type Composer<K extends Notice['kind']> = (target: WatchTarget, notice: Extract<Notice, { kind: K }>, seenAt: Date) => Composed;

/** One composer per kind of notice: what its card says and offers. */
const COMPOSERS: { [K in Notice['kind']]: Composer<K> } = {
  changes: (target, notice, seenAt) => ({
    title: notice.changes.length === 1 ? `${target.name}: ${headlineOf(notice.changes[0]!)}` : `${target.name}: ${notice.changes.length} changes`,
    tone: toneOf(notice.changes, notice.current),
    lines: linesOfChanges(notice.changes, seenAt),
    errors: (notice.newestErrors ?? []).map(errorItemOf),
    buttons: nextActions(target, notice.changes, notice.current),
  }),
  flapping: (target, notice, seenAt) => ({
    title: `${target.name} keeps changing`, tone: 'warning',
    lines: [
      `It changed in ${notice.changedCycles} checks within ${notice.windowMinutes} minutes. The latest:`,
      ...linesOfChanges(notice.changes, seenAt),
      `Now: ${describeSnapshot(notice.current)}.`,
      'SyncOps now posts one summary when it settles, and at most one an hour until then.',
    ],
    buttons: overviewActions(target, notice.current),
  }),
  stillFlapping: (target, notice) => ({
    title: `${target.name} is still changing`, tone: 'warning',
    lines: [`It changed in ${notice.changedCycles} more checks (changing since ${formatTime(notice.since)}).`, `Now: ${describeSnapshot(notice.current)}.`],
    buttons: overviewActions(target, notice.current),
  }),
  settled: (target, notice, seenAt) => ({
    title: `${target.name} settled: ${describeSnapshot(notice.current)}`, tone: toneOf(notice.net, notice.current),
    lines: [
      `No change in the last checks; it had changed in ${notice.changedCycles} more checks since ${formatTime(notice.since)}.`,
      ...(notice.net.length ? ['Overall, since the last card:', ...linesOfChanges(notice.net, seenAt)] : ['Overall, it is back where the last card left it.']),
    ],
    buttons: overviewActions(target, notice.current),
  }),
  classicRetired: (target) => ({
    title: `${target.name}: ${CLASSIC_RETIRED_TITLE}`, tone: 'warning',
    lines: [
      CLASSIC_RETIRED_TEXT, ...NEW_SDS_COMMANDS.map((c) => c.usage),
      'SyncOps stopped checking this profile every cycle; it looks again once a day, and says nothing more unless it is back.',
    ],
    buttons: [{ title: 'Watch the new SDS', command: 'watch sds' }, { title: 'Recent runs', command: 'sds runs' }, stopButton(target)],
  }),
  deleted: (target) => ({
    title: `${target.name} no longer exists`, tone: 'attention',
    lines: [...linesOf({ kind: 'deleted' }), 'SyncOps stopped watching it here.'],
    buttons: [{ title: 'What is watched here', command: 'watching' }],
  }),
};

function composeNotice(target: WatchTarget, notice: Notice, seenAt: Date): Composed {
  return (COMPOSERS[notice.kind] as Composer<Notice['kind']>)(target, notice as never, seenAt);
}

function linesOfChanges(changes: readonly Change[], seenAt: Date): string[] {
  const more = changes.length - SHOWN_CHANGES;
  return [...changes.slice(0, SHOWN_CHANGES).flatMap((change) => linesOf(change, seenAt)), ...(more > 0 ? [`…and ${more} more change${more === 1 ? '' : 's'}.`] : [])];
}

/** A change for the worse is an error whatever the state now; otherwise the card looks as healthy as the state now. */
function toneOf(changes: readonly Change[], current: Snapshot): NoticeTone {
  if (current.kind === 'sds') return changes.some((c) => c.kind === 'sdsFlowReadiness' || (c.kind === 'sdsRunEnded' && c.status !== 'completedWithWarnings')) ? 'attention' : 'warning';
  if (changes.some((c) => c.kind === 'quarantineEntered' || c.kind === 'runFailed' || c.kind === 'errors' || c.kind === 'jobRemoved')) return styleOf('error').tone;
  const now = snapshotHealth(current);
  return styleOf(now === 'neutral' ? 'warning' : now).tone;
}

/** The buttons a person would press next: they run commands, so changes still go through Confirm. */
function nextActions(target: WatchTarget, changes: readonly Change[], current: Snapshot): CommandButton[] {
  const stop = stopButton(target);
  if (current.kind === 'profile') {
    const isTrouble = changes.some((c) => c.kind === 'errors' || c.kind === 'quarantineEntered' || (c.kind === 'status' && ['error', 'validationError'].includes(c.to)));
    return [
      ...(isTrouble ? [{ title: 'Show errors', command: `errors profile ${target.id}` }] : []),
      ...(current.status === 'paused' ? [{ title: 'Resume', command: `resume profile ${target.id}` }] : []),
      { title: 'Show profile', command: `profile ${target.id}` },
      stop,
    ];
  }
  if (current.kind === 'sds') return sdsActions(changes, stop);
  const jobs = [...new Set(changes.flatMap((c) => ('job' in c && c.job ? [c.job] : [])))];
  const job = jobs[0];
  if (!job || jobs.length > 1 || !current.jobs[job]) return overviewActions(target, current);
  const code = current.jobs[job]!.code;
  const at = `${job} for ${target.id}`;
  const hasTrouble = changes.some((c) => c.kind === 'quarantineEntered' || c.kind === 'runFailed' || c.kind === 'errors');
  return [
    ...(code === 'Quarantine' || code === 'Paused' ? [{ title: 'Start', command: `start job ${at}` }] : []),
    ...(hasTrouble ? [{ title: 'Restart…', command: `restart job ${at}` }] : []),
    // Which users failed, and why: the identity admin's next look after escrows, a failed run or quarantine.
    ...(hasTrouble ? [{ title: 'Provisioning logs', command: `logs job ${at}` }] : []),
    { title: 'Show job', command: `job ${at}` },
    stop,
  ];
}

function overviewActions(target: WatchTarget, current: Snapshot): CommandButton[] {
  if (current.kind === 'app') return [{ title: 'Show jobs', command: `jobs ${target.id}` }, stopButton(target)];
  if (current.kind === 'sds') return [{ title: 'Recent runs', command: 'sds runs' }, { title: 'Flows', command: 'sds flows' }, stopButton(target)];
  return [
    ...(current.errorCount ? [{ title: 'Show errors', command: `errors profile ${target.id}` }] : []),
    { title: 'Show profile', command: `profile ${target.id}` },
    stopButton(target),
  ];
}

function sdsActions(changes: readonly Change[], stop: CommandButton): CommandButton[] {
  const run = changes.find((c) => c.kind === 'sdsRunEnded');
  const isFlow = changes.some((c) => c.kind === 'sdsFlowReadiness' || c.kind === 'sdsFlowExpiring');
  return [
    ...(run ? [{ title: 'Show the run', command: formatCommand({ kind: 'showSdsRun', run: run.runId }) }] : []),
    ...(isFlow ? [{ title: 'Flows', command: 'sds flows' }] : []),
    { title: 'Recent runs', command: 'sds runs' },
    stop,
  ];
}

function stopButton(target: WatchTarget): CommandButton {
  return { title: 'Stop watching', command: unwatchCommand(target) };
}
