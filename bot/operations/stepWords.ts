/** A provisioning step in one line, the same on the result of provision on demand and on `why`. */
import type { ProvisioningResult, ProvisioningStep } from '../graph/provisioningTypes';

const MARK: Record<ProvisioningResult, string> = { success: '✔', failure: '✖', skipped: '↷', warning: '⚠', unknown: '•' };
const TYPE: Record<string, string> = {
  import: 'Import', scoping: 'Scoping', matching: 'Matching', processing: 'Processing', referenceresolution: 'Reference resolution', export: 'Export',
};

/** "✔ Import (success): Retrieved User 'alex@…' from Azure Active Directory" */
export function describeStep(step: ProvisioningStep): string {
  const type = TYPE[step.type.toLowerCase()] ?? (step.type || step.name || 'Step');
  return `${MARK[step.status]} ${type} (${step.status}): ${step.description || step.name}`;
}
