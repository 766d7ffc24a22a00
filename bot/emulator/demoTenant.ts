/** The demo tenant: sample SDS profiles and enterprise apps, with dates relative to the emulator's clock. */
import { buildDemoApps } from './demoApps';
import { buildDemoIndustryData } from './demoIndustryData';
import { buildDemoProfiles } from './demoProfiles';
import { buildDemoProvisioning } from './demoProvisioning';
import { createTenantState, type TenantState } from './state';

export { DEMO, DIRECTORY_ROLES, LOG_READER_ROLES } from './demoIds';
export { SDS_DEMO } from './demoIndustryData';

export function buildDemoTenant(now: Date, sdsRetired = false): TenantState {
  return createTenantState(buildDemoProfiles(now), buildDemoApps(now), sdsRetired, buildDemoProvisioning(now), buildDemoIndustryData(now));
}
