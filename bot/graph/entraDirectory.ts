/**
 * Whether a directory name (a synchronization rule's source/target directory, a provisioning event's source or
 * target system) is Entra ID. Older tenants and schemas still say Azure Active Directory. Anchored, so an app
 * whose name merely mentions Entra is not taken for the directory itself.
 */
export function isEntraDirectory(name: string): boolean {
  return ENTRA.test(name.trim());
}

const ENTRA = /^(azure active directory|microsoft entra id)$/i;
