/** A provisioning step in one line, the same on the result of provision on demand and on `why`. */
import type { ProvisioningResult, ProvisioningStep } from '../graph/provisioningTypes';

const MARK: Record<ProvisioningResult, string> = { success: '✔', failure: '✖', skipped: '↷', warning: '⚠', unknown: '•' };
const TYPE: Record<string, string> = {
  import: 'Import', scoping: 'Scoping', matching: 'Matching', processing: 'Processing', referenceresolution: 'Reference resolution', export: 'Export',
};

/** A step's details can hold every attribute of the object (the docs' AD example has over a hundred): a few are shown. */
const DETAILS_SHOWN = 4;
const VALUE_LENGTH = 60;

/** "✔ Import (success): Retrieved User 'alex@…' from Azure Active Directory [objectId: 52cf…, accountEnabled: True]" */
export function describeStep(step: ProvisioningStep): string {
  const type = TYPE[step.type.toLowerCase()] ?? (step.type || step.name || 'Step');
  return `${MARK[step.status]} ${type} (${step.status}): ${step.description || step.name}${detailsText(step.details)}`;
}

function detailsText(details: Record<string, string>): string {
  const entries = Object.entries(details).filter(([, value]) => value !== '');
  if (entries.length === 0) return '';
  const shown = entries.slice(0, DETAILS_SHOWN).map(([key, value]) => `${key}: ${value.length > VALUE_LENGTH ? `${value.slice(0, VALUE_LENGTH - 1)}…` : value}`);
  const more = entries.length > DETAILS_SHOWN ? `, +${entries.length - DETAILS_SHOWN} more` : '';
  return ` [${shown.join(', ')}${more}]`;
}
