/**
 * Links from a card to the admin page where the same thing is managed, for what the bot does not do.
 *
 * - The app's provisioning page in the Microsoft Entra admin center (where "Provisioning logs" and
 *   "Restart provisioning" sit): the portal's deep-link form
 *   `#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/ProvisioningManagement/appId/{appId}/objectId/{servicePrincipalId}`.
 *   Microsoft documents the path (Entra ID > Enterprise apps > the app > Provisioning,
 *   https://learn.microsoft.com/en-us/entra/identity/app-provisioning/configure-automatic-user-provisioning-portal)
 *   but not the URL; this form is the one public tooling links to, and it needs both ids.
 * - The School Data Sync portal: "sign in to sds.microsoft.com"
 *   (https://learn.microsoft.com/en-us/schooldatasync/overview-of-school-data-sync). It has no
 *   documented deep link to one profile.
 */
import type { ServicePrincipal } from '../graph/types';

export interface AdminLink {
  title: string;
  url: string;
}

const ENTRA_ADMIN_CENTER = 'https://entra.microsoft.com';
const SDS_PORTAL = 'https://sds.microsoft.com';

/** The app's provisioning page; none when Graph did not give the app id the link needs. */
export function provisioningPageLink(app: ServicePrincipal): AdminLink[] {
  if (!app.appId) return [];
  const path = `#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/ProvisioningManagement/appId/${encodeURIComponent(app.appId)}/objectId/${encodeURIComponent(app.id)}`;
  return [{ title: 'Provisioning in Entra', url: `${ENTRA_ADMIN_CENTER}/${path}` }];
}

export function sdsPortalLink(): AdminLink[] {
  return [{ title: 'SDS portal', url: SDS_PORTAL }];
}
