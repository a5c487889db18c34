import type { AuthApi } from '@/api/auth';
import type { Access } from '@/router/menu';

/**
 * The permission codes the server sends for each role (server/src/accounts/permission.cpp,
 * checked there by PermissionCodes tests), for tests that sign in without a server.
 */
export const CODES_BY_ROLE: Record<AuthApi.Role, AuthApi.Permission[]> = {
  committee_admin: [
    'public_access', 'signed_in', 'registry_read', 'alliances_read', 'registry_manage', 'unit_update', 'members_read',
    'members_manage', 'members_unmask', 'alliances_manage', 'rotation_arrange', 'applications_read', 'applications_decide',
    'formation_suggest', 'campaign_read', 'campaign_manage', 'plans_read', 'plans_review', 'responsibility_read',
    'reports_read', 'activities_read', 'ledger_archive', 'ledger_verify',
  ],
  unit_admin: [
    'public_access', 'signed_in', 'registry_read', 'alliances_read', 'unit_update', 'members_read', 'members_manage',
    'members_unmask', 'rotation_arrange', 'applications_read', 'applications_act', 'applications_consult',
    'campaign_read', 'plans_read', 'plans_write', 'responsibility_read', 'responsibility_write', 'reports_read',
    'reports_submit', 'activities_read', 'activities_write', 'ledger_archive',
  ],
  member: [
    'public_access', 'signed_in', 'registry_read', 'alliances_read', 'campaign_read', 'plans_read', 'activities_read',
  ],
  viewer: [
    'public_access', 'signed_in', 'registry_read', 'alliances_read', 'members_read', 'applications_read', 'campaign_read',
    'plans_read', 'responsibility_read', 'reports_read', 'activities_read',
  ],
  system_admin: ['public_access', 'signed_in', 'registry_read', 'users_manage'],
  auditor: ['public_access', 'signed_in', 'audit_read', 'ledger_verify'],
};

export function codesFor(roles: readonly AuthApi.Role[]): AuthApi.Permission[] {
  return [...new Set(roles.flatMap((role) => CODES_BY_ROLE[role]))];
}

export function accessFor(roles: readonly AuthApi.Role[]): Access {
  return { roles, permissions: codesFor(roles) };
}
