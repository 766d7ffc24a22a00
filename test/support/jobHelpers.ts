/** Helpers for the provisioning-job conversation tests: job paths, emulator job state, and the restart card's inputs. */
import { Agent, fetch as undiciFetch } from 'undici';
import { cardDateTime } from '../../bot/present/times';
import { DEMO } from '../../bot/emulator';
import { actionsOf, type Card } from './cards';
import { emulatorRequests, type LoggedRequest } from './emulatorControl';
import type { Proposal } from './sdsHelpers';
import type { TestBot } from './testBot';

export type DemoJob = { servicePrincipalId: string; jobId: string };

/** The demo tenant's jobs (bot/emulator/demoIds.ts). */
export const J = DEMO.jobs;

/** `/beta/servicePrincipals/{id}/synchronization/jobs/{jobId}`, as the emulator logs it. */
export function jobPath(job: DemoJob): string {
  return `/beta/servicePrincipals/${job.servicePrincipalId}/synchronization/jobs/${job.jobId}`;
}

/** The POSTs of one job action (`pause`, `start`, `restart`) on one job. */
export async function jobPosts(bot: TestBot, job: DemoJob, action: 'pause' | 'start' | 'restart'): Promise<LoggedRequest[]> {
  return (await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path === `${jobPath(job)}/${action}`);
}

/** The bodies of the restart POSTs of one job. */
export async function restartBodies(bot: TestBot, job: DemoJob): Promise<unknown[]> {
  return (await jobPosts(bot, job, 'restart')).map((r) => r.body);
}

interface EmulatedExecution {
  state: string;
  timeBegan: string;
  timeEnded: string;
}

export interface EmulatedJob {
  status: {
    code: string;
    quarantine: Record<string, unknown> | null;
    steadyStateLastAchievedTime: string;
    lastExecution: EmulatedExecution | null;
    lastSuccessfulExecution: EmulatedExecution | null;
  };
  schedule: { state: string; interval: string };
  lastRestart: { resetScope: string; flags: number; at: string } | null;
}

async function stateOf(bot: TestBot): Promise<{ jobs: Record<string, EmulatedJob> }> {
  const response = await undiciFetch(`${bot.emulatorControl}/state`, { dispatcher: new Agent({ connect: { ca: bot.emulatorCa } }) });
  if (!response.ok) throw new Error(`emulator GET state answered ${response.status}`);
  return (await response.json()) as { jobs: Record<string, EmulatedJob> };
}

/** One job as GET /_emulator/state shows it, with its `lastRestart`. */
export async function emulatedJob(bot: TestBot, job: DemoJob): Promise<EmulatedJob> {
  return (await stateOf(bot)).jobs[`${job.servicePrincipalId}/${job.jobId}`]!;
}

/** The `jobs` part of a PATCH /_emulator/state body for one job. */
export function jobPatch(job: DemoJob, patch: { status?: Record<string, unknown>; schedule?: Record<string, unknown> }): unknown {
  return { jobs: { [`${job.servicePrincipalId}/${job.jobId}`]: patch } };
}

type Element = Record<string, unknown>;

function findElement(card: Card, test: (element: Element) => boolean): Element | undefined {
  let found: Element | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (test(node as Element)) found = node as Element;
    else Object.values(node).forEach(walk);
  };
  walk(card.body);
  return found;
}

/** The restart card's reset-scope picker (Input.ChoiceSet id "scope"), or undefined. */
export function scopePicker(card: Card): { isMultiSelect: boolean; value: string; choices: { title: string; value: string }[] } | undefined {
  return findElement(card, (e) => e.type === 'Input.ChoiceSet' && e.id === 'scope') as ReturnType<typeof scopePicker>;
}

/** The restart card's second tick (Input.Toggle id "acknowledge"), or undefined. */
export function acknowledgeToggle(card: Card): { value: string; valueOn: string; title: string } | undefined {
  return findElement(card, (e) => e.type === 'Input.Toggle' && e.id === 'acknowledge') as ReturnType<typeof acknowledgeToggle>;
}

/**
 * The Confirm button as Teams sends it: the button's data with the card's input values merged in (the
 * picker's current value and the toggle's), changed by `inputs` as if the admin had ticked something else.
 */
export function confirmWithInputs(proposal: Pick<Proposal, 'card' | 'confirm'>, inputs: { scope?: string; acknowledge?: string } = {}): { verb: string; data: unknown } {
  const confirm = actionsOf(proposal.card, inputs).find((a) => a.verb === proposal.confirm.verb);
  if (!confirm) throw new Error('the card has no Confirm button');
  return confirm;
}

/** Every Action.OpenUrl of a card. */
export function openUrlsOf(card: Card): { title: string; url: string }[] {
  return ((card.actions ?? []) as Element[]).filter((a) => a.type === 'Action.OpenUrl').map((a) => ({ title: String(a.title), url: String(a.url) }));
}

/** A Graph time as cards carry it, for Teams to show in the reader's zone. */
export function shown(iso: string): string {
  return cardDateTime(iso);
}
