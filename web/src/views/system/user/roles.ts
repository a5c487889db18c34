import type { AuthApi } from '@/api/auth';

/**
 * 三员分立: no account both administers accounts and reads the audit log.
 * The server is the authority (422 `role_separation`); this only warns early in the form.
 */
export function hasRoleSeparationConflict(roles: readonly AuthApi.Role[]): boolean {
  return roles.includes('system_admin') && roles.includes('auditor');
}
