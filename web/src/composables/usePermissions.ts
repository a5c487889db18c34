import { computed } from 'vue';
import type { AuthApi } from '@/api/auth';
import { useUserStore } from '@/stores/user';

/**
 * What the signed-in caller may do, from the permission codes the server sent with the account
 * (`permissions` of /auth/login and /auth/me). The server enforces the same rules; these only
 * decide which controls are shown. Per-object rules come with the data: a code held for the
 * caller's own unit only (unit_update, members_manage, members_unmask without registry_manage)
 * applies to rows of that unit.
 */
export function usePermissions() {
  const userStore = useUserStore();
  const has = (...codes: AuthApi.Permission[]): boolean => userStore.hasPermission(...codes);
  const ownUnitId = computed(() => userStore.user?.unit_id ?? null);
  /** Holds the committee's registry-wide rights (every unit, not only its own). */
  const isCommitteeAdmin = computed(() => has('registry_manage'));
  /** Acts for its own unit only. */
  const isUnitAdmin = computed(() => !isCommitteeAdmin.value && has('applications_act'));

  function forUnit(code: AuthApi.Permission, unitId: number | null | undefined): boolean {
    if (!has(code)) return false;
    if (isCommitteeAdmin.value) return true;
    return unitId !== null && unitId !== undefined && unitId === ownUnitId.value;
  }

  /** Create units and office areas, (de)activate units, manage strength tags. */
  const canManageRegistry = isCommitteeAdmin;

  /** Create members (committee: any unit; unit admin: its own unit) and import. */
  const canCreateMembers = computed(() => has('members_manage') && (isCommitteeAdmin.value || ownUnitId.value !== null));

  return {
    has,
    ownUnitId,
    isCommitteeAdmin,
    isUnitAdmin,
    canManageRegistry,
    canEditUnit: (unitId: number) => forUnit('unit_update', unitId),
    canUnmaskLiaison: (unitId: number) => forUnit('unit_update', unitId),
    canCreateMembers,
    canManageMember: (unitId: number) => forUnit('members_manage', unitId),
    canUnmaskMember: (unitId: number) => forUnit('members_unmask', unitId),
    canManageAlliances: computed(() => has('alliances_manage')),
    canDecideApplications: computed(() => has('applications_decide')),
  };
}
