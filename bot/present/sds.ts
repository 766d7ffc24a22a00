/** The new SDS's views as cards: every word and colour comes from sdsWords.ts. */
import type { CommandButton, AdaptiveCard } from '../../cards/render';
import { renderSdsFlowsCard } from '../../cards/sdsFlows';
import { renderSdsRunCard } from '../../cards/sdsRun';
import { renderSdsRunsCard } from '../../cards/sdsRuns';
import { renderSdsValidationCard } from '../../cards/sdsValidation';
import { formatCommand } from '../commands/format';
import { byId } from '../commands/types';
import type { InboundCounts, InboundFlow } from '../graph/industryDataTypes';
import type { StartBudget } from '../domain/sdsRuns';
import type { SdsView } from '../operations/sdsViews';
import { plural } from './profileWords';
import {
  ACTIVITY_STATUS_LABEL, compared, describeRunNow, describeRunTimes, expiryWarning, localTime, READINESS_LABEL, RUN_STATUS_LABEL, runTone, TONE_COLOR,
} from './sdsWords';
import { styleOf } from './health';

const RUNS_BUTTON: CommandButton = { title: 'Recent runs', command: 'sds runs' };
const FLOWS_BUTTON: CommandButton = { title: 'Flows', command: 'sds flows' };
const START_BUTTON: CommandButton = { title: 'Start a run…', command: 'start sds run' };

export function presentSdsView(view: SdsView): AdaptiveCard {
  switch (view.kind) {
    case 'sdsRunList': return presentRunList(view);
    case 'sdsRun': return presentRun(view);
    case 'sdsFlows': return presentFlows(view);
    case 'sdsValidation': return presentValidation(view);
  }
}

function presentRunList(view: Extract<SdsView, { kind: 'sdsRunList' }>): AdaptiveCard {
  const now = new Date(view.at);
  return renderSdsRunsCard({
    title: `School Data Sync runs (${view.total})`,
    budget: describeBudget(view.budget),
    runs: view.runs.map(({ run, statistics }) => ({
      command: formatCommand({ kind: 'showSdsRun', run: run.id }),
      status: `${RUN_STATUS_LABEL[run.status]} · ${run.displayName}`,
      color: TONE_COLOR[runTone(run.status)],
      when: describeRunTimes(run, now),
      counts: statistics ? `${plural(statistics.totals.errors, 'error')} · ${plural(statistics.totals.warnings, 'warning')}` : 'statistics unavailable',
      blockingError: run.blockingError ? errorText(run.blockingError) : '',
    })),
    more: view.total > view.runs.length ? `Showing the newest ${view.runs.length} of ${view.total}.` : '',
    buttons: [{ title: 'Latest run', command: 'sds run latest' }, FLOWS_BUTTON, START_BUTTON],
  });
}

/** "Starts left: 4 of 5 in 12 hours" and when the next one frees up. */
export function describeBudget(budget: StartBudget): string {
  const left = Math.max(0, budget.limit - budget.used);
  const frees = budget.freesAt && left === 0 ? `; the next frees up ${localTime(budget.freesAt)}` : '';
  return `On-demand starts left: ${left} of ${budget.limit} in 12 hours${frees}.`;
}

function presentRun(view: Extract<SdsView, { kind: 'sdsRun' }>): AdaptiveCard {
  const { run, statistics } = view.current;
  const now = new Date(view.at);
  const ended = run.endDateTime ? ` · ended ${localTime(run.endDateTime)}` : '';
  return renderSdsRunCard({
    title: `SDS run: ${describeRunNow(run, now)}`,
    subtitle: `${run.displayName} · started ${localTime(run.startDateTime)}${ended}`,
    tone: runTone(run.status),
    blockingError: run.blockingError ? `Blocking error: ${errorText(run.blockingError)}` : '',
    activities: (run.activities ?? []).map((activity) => ({
      name: `${activity.displayName} (${activity.direction === 'outbound' ? 'outbound' : activity.direction === 'inbound' ? 'inbound' : 'flow'})`,
      status: ACTIVITY_STATUS_LABEL[activity.status], color: TONE_COLOR[runTone(activity.status)],
      error: activity.blockingError ? errorText(activity.blockingError) : '',
    })),
    statisticsTitle: view.previous?.statistics ? 'Statistics (previous run → this run)' : 'Statistics',
    statistics: statistics ? statisticFacts(statistics.totals, view.previous?.statistics?.totals) : [],
    note: statistics ? 'Per-record errors are not available through Microsoft Graph: download the log from the SDS portal.' : 'Graph gave no statistics for this run.',
    buttons: [RUNS_BUTTON, ...(view.previous ? [{ title: 'Previous run', command: formatCommand({ kind: 'showSdsRun', run: view.previous.run.id }) }] : [])],
  });
}

function statisticFacts(now: InboundCounts, before: InboundCounts | undefined): { title: string; value: string }[] {
  const row = (title: string, key: 'errors' | 'warnings' | 'people' | 'groups' | 'memberships' | 'organizations') => ({ title, value: compared(now[key], before?.[key]) });
  const roles = (list: InboundCounts['matchedPeopleByRole']) => (list.length ? list.map((r) => `${r.role} ${r.count}`).join(', ') : 'none');
  return [
    row('Errors', 'errors'), row('Warnings', 'warnings'), row('People', 'people'), row('Groups', 'groups'),
    row('Memberships', 'memberships'), row('Organizations', 'organizations'),
    { title: 'Matched people', value: roles(now.matchedPeopleByRole) },
    { title: 'Unmatched people', value: roles(now.unmatchedPeopleByRole) },
  ];
}

function presentFlows(view: Extract<SdsView, { kind: 'sdsFlows' }>): AdaptiveCard {
  const now = new Date(view.at);
  const fileFlows = view.inbound.filter((flow) => flow.source === 'file').slice(0, 3);
  return renderSdsFlowsCard({
    inbound: view.inbound.map((flow) => ({
      name: flow.displayName, readiness: READINESS_LABEL[flow.readinessStatus], color: readinessColor(flow),
      details: [SOURCE_LABEL[flow.source], flow.year ? `year ${flow.year}` : ''].filter(Boolean).join(' · '),
      window: `Runs from ${localTime(flow.effectiveDateTime)} until ${localTime(flow.expirationDateTime)}`,
      warning: expiryWarning(flow, now) ?? '',
      ...(fileFlows.includes(flow) ? { validate: { title: `Validate ${flow.displayName}`, command: validateCommand(flow) } } : {}),
    })),
    flowSets: view.flowSets.map((set) => ({
      name: set.displayName,
      flows: set.flows.length ? set.flows.map((flow) => `${flow.displayName}: ${PROVISIONS_LABEL[flow.provisions]}, ${READINESS_LABEL[flow.readinessStatus]}`) : ['No provisioning flows'],
    })),
    buttons: [RUNS_BUTTON],
  });
}

const SOURCE_LABEL: Record<InboundFlow['source'], string> = { file: 'CSV files', api: 'API (OneRoster)', unknown: 'Other source' };
const PROVISIONS_LABEL = { users: 'users', classGroups: 'class groups', securityGroups: 'security groups', administrativeUnits: 'administrative units', unknown: 'other objects' } as const;

function readinessColor(flow: InboundFlow): string {
  if (flow.readinessStatus === 'ready') return styleOf('healthy').color;
  return styleOf(flow.readinessStatus === 'failed' || flow.readinessStatus === 'expired' ? 'error' : 'warning').color;
}

function presentValidation(view: Extract<SdsView, { kind: 'sdsValidation' }>): AdaptiveCard {
  const v = view.validation;
  const counts = v ? `${plural(v.errors.length, 'error')}, ${plural(v.warnings.length, 'warning')}` : '';
  const title = view.phase === 'ended' && v
    ? v.status === 'succeeded' ? `Files valid: ${view.flow.displayName}${v.warnings.length ? ` (${plural(v.warnings.length, 'warning')})` : ''}` : `Validation failed: ${counts}`
    : view.phase === 'gaveUp' ? `Still validating ${view.flow.displayName}` : view.phase === 'failed' ? `Validation status unknown: ${view.flow.displayName}` : `Validating ${view.flow.displayName}…`;
  const tone = view.phase !== 'ended' || !v ? (view.phase === 'started' || view.phase === 'running' ? 'info' : 'warning') : v.status === 'succeeded' ? (v.warnings.length ? 'warning' : 'good') : 'attention';
  return renderSdsValidationCard({
    title, tone,
    subtitle: `Asked by ${view.by} at ${localTime(view.startedAt)}. ${view.phase === 'started' || view.phase === 'running' ? 'This card updates by itself when the validation ends.' : `Uploaded files of ${view.flow.displayName}.`}`,
    problem: view.problem ?? '',
    facts: [
      { title: 'Flow', value: view.flow.displayName },
      ...(v?.validatedFiles.length ? [{ title: 'Files validated', value: v.validatedFiles.join(', ') }] : []),
      ...(v?.statusDetail ? [{ title: 'Graph says', value: v.statusDetail }] : []),
    ],
    errors: v?.errors ?? [], warnings: v?.warnings ?? [],
    buttons: view.phase === 'started' || view.phase === 'running' ? [] : [{ title: 'Validate again', command: validateCommand(view.flow) }, FLOWS_BUTTON],
  });
}

function validateCommand(flow: InboundFlow): string {
  return formatCommand({ kind: 'validateSdsFlow', flow: byId(flow.id) });
}

function errorText(error: { code: string; message: string; target?: string }): string {
  return `${error.message || error.code}${error.target ? ` (${error.target})` : ''}${error.code && error.message ? ` [${error.code}]` : ''}`;
}

