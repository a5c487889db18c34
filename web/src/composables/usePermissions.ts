import { computed } from 'vue';
import { useUserStore } from '@/stores/user';

/**
 * What the signed-in user may do in the registry (units, office areas, strength tags, members).
 * The server enforces the same rules; these only decide which controls are shown.
 *
 * - committee_admin manages everything and may reveal phone numbers.
 * - unit_admin edits only its own unit and manages (and may reveal) its own unit's members.
 * - viewer and system_admin read; auditor sees none of it.
 */
export function usePermissions() {
  const userStore = useUserStore();
  const ownUnitId = computed(() => userStore.user?.unit_id ?? null);
  const isCommitteeAdmin = computed(() => userStore.hasRole('committee_admin'));
  const isUnitAdmin = computed(() => !isCommitteeAdmin.value && userStore.hasRole('unit_admin'));

  function ownsUnit(unitId: number | null | undefined): boolean {
    return isUnitAdmin.value && unitId !== null && unitId !== undefined && unitId === ownUnitId.value;
  }

  /** Create units and office areas, (de)activate units, manage strength tags. */
  const canManageRegistry = isCommitteeAdmin;

  function canEditUnit(unitId: number): boolean {
    return isCommitteeAdmin.value || ownsUnit(unitId);
  }

  function canUnmaskLiaison(unitId: number): boolean {
    return isCommitteeAdmin.value || ownsUnit(unitId);
  }

  /** Create members (committee: any unit; unit admin: its own unit) and import. */
  const canCreateMembers = computed(() => isCommitteeAdmin.value || (isUnitAdmin.value && ownUnitId.value !== null));

  function canManageMember(unitId: number): boolean {
    return isCommitteeAdmin.value || ownsUnit(unitId);
  }

  return {
    ownUnitId,
    isCommitteeAdmin,
    isUnitAdmin,
    canManageRegistry,
    canEditUnit,
    canUnmaskLiaison,
    canCreateMembers,
    canManageMember,
    canUnmaskMember: canManageMember,
  };
}
