/** Helpers for the provisioning-log and provision-on-demand tests: the demo people, paths and Graph requests. */
import { DEMO } from '../../bot/emulator';
import { demoUserId } from '../../bot/emulator/demoProvisioning';
import { emulatorRequests, type LoggedRequest } from './emulatorControl';
import type { TestBot } from './testBot';

/** Demo users by their place in bot/emulator/demoProvisioning.ts. */
export const PEOPLE = {
  alex: { id: demoUserId(0), upn: 'alex.wilber@contoso.edu', name: 'Alex Wilber' },
  megan: { id: demoUserId(1), upn: 'megan.bowen@contoso.edu', name: 'Megan Bowen' },
  lee: { id: demoUserId(2), upn: 'lee.gu@contoso.edu', name: 'Lee Gu' },
  adele: { id: demoUserId(4), upn: 'adele.vance@contoso.edu', name: 'Adele Vance' },
  nestor: { id: demoUserId(7), upn: 'nestor.wilke@contoso.edu', name: 'Nestor Wilke' },
  lynne: { id: demoUserId(10), upn: 'lynne.robbins@contoso.edu', name: 'Lynne Robbins' },
  irvin: { id: demoUserId(14), upn: 'irvin.sayers@contoso.edu', name: 'Irvin Sayers' },
} as const;

export const SP = DEMO.servicePrincipals;
export const LOGS_PATH = '/beta/auditLogs/provisioning';

/** The GETs of the provisioning logs, in order. */
export async function logReads(bot: TestBot): Promise<LoggedRequest[]> {
  return (await emulatorRequests(bot)).filter((r) => r.method === 'GET' && r.path === LOGS_PATH);
}

/** Every request as `METHOD path`, for asserting the exact Graph calls of a command. */
export async function requestLines(bot: TestBot): Promise<string[]> {
  return (await emulatorRequests(bot)).map((r) => `${r.method} ${r.path.replace(/^\/beta/, '')}`);
}

/** The POSTs of provisionOnDemand on one job. */
export async function onDemandPosts(bot: TestBot, job: { servicePrincipalId: string; jobId: string }): Promise<LoggedRequest[]> {
  const path = `/beta/servicePrincipals/${job.servicePrincipalId}/synchronization/jobs/${job.jobId}/provisionOnDemand`;
  return (await emulatorRequests(bot)).filter((r) => r.method === 'POST' && r.path === path);
}
