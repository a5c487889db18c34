import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  changePassword as changePasswordRequest,
  fetchCurrentUser,
  login as loginRequest,
  logout as logoutRequest,
  type AuthApi,
} from '@/api/auth';
import { isApiError } from '@/api/client';
import { listAllUnits } from '@/api/units';

export const useUserStore = defineStore('user', () => {
  const user = ref<AuthApi.User | null>(null);
  /** True once the session has been probed (GET /auth/me) or set by a login. */
  const loaded = ref(false);
  const unitName = ref<string | null>(null);
  /** The caller's permission codes, as the server sent them with the account. */
  const permissions = ref<AuthApi.Permission[]>([]);
  /** Where the password stands (expiry warning), as login and /auth/me tell it. */
  const passwordStatus = ref<AuthApi.PasswordStatus | null>(null);
  /** The account's second factor (TOTP), as login and /auth/me tell it. */
  const secondFactor = ref<AuthApi.SecondFactorStatus | null>(null);

  const isLoggedIn = computed(() => user.value !== null);
  const roles = computed<AuthApi.Role[]>(() => user.value?.roles ?? []);
  const mustChangePassword = computed(() => user.value?.must_change_password === true);
  /** The role requires a second factor not yet set up: only enrolment is open. */
  const mustEnrolSecondFactor = computed(() => secondFactor.value?.enrolment_required === true);
  /** The password expires within the warning period. */
  const passwordExpiringSoon = computed(() => passwordStatus.value?.expiring_soon === true);

  /** True when the user holds at least one of the given roles. */
  function hasRole(...wanted: AuthApi.Role[]): boolean {
    return wanted.some((role) => roles.value.includes(role));
  }

  /** True when the caller holds at least one of the given permission codes. */
  function hasPermission(...wanted: AuthApi.Permission[]): boolean {
    return wanted.some((code) => permissions.value.includes(code));
  }

  function setUser(
    next: AuthApi.User | null,
    codes: AuthApi.Permission[] = [],
    status: Pick<AuthApi.UserResult, 'password' | 'second_factor'> = {},
  ): void {
    if (next?.unit_id !== user.value?.unit_id) unitName.value = null;
    user.value = next;
    permissions.value = next ? [...codes] : [];
    passwordStatus.value = next ? (status.password ?? null) : null;
    secondFactor.value = next ? (status.second_factor ?? null) : null;
    loaded.value = true;
  }

  /** The second factor was confirmed: enrolment is no longer due. */
  function markSecondFactorEnabled(): void {
    if (secondFactor.value) secondFactor.value = { ...secondFactor.value, enabled: true, enrolment_required: false };
    if (user.value) user.value = { ...user.value, totp_enabled: true };
  }

  function clear(): void {
    user.value = null;
    permissions.value = [];
    passwordStatus.value = null;
    secondFactor.value = null;
    unitName.value = null;
    loaded.value = true;
  }

  async function login(params: AuthApi.LoginParams): Promise<AuthApi.User> {
    const result = await loginRequest(params);
    setUser(result.user, result.permissions ?? [], result);
    return result.user;
  }

  /** Probes the session. A 401 means "not signed in"; any other failure is rethrown. */
  async function fetchMe(): Promise<AuthApi.User | null> {
    try {
      const result = await fetchCurrentUser();
      setUser(result.user, result.permissions ?? [], result);
      return result.user;
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        clear();
        return null;
      }
      throw error;
    }
  }

  async function logout(): Promise<void> {
    try {
      await logoutRequest();
    } finally {
      clear();
    }
  }

  /** Changes the password. The server ends every session of the account, this one included, so the
   *  store forgets the user: the next step is to sign in with the new password. */
  async function changePassword(params: AuthApi.ChangePasswordParams): Promise<void> {
    await changePasswordRequest(params);
    clear();
  }

  /** Marks the session as needing a password change (server answered 403 password_change_required). */
  function requirePasswordChange(): void {
    if (user.value) user.value = { ...user.value, must_change_password: true };
  }

  /**
   * Looks up the name of the user's unit for the header. The contract has no GET /units/{id},
   * so the (small) unit list is read once; roles that cannot read units simply get no name.
   */
  async function loadUnitName(): Promise<string | null> {
    const unitId = user.value?.unit_id;
    if (unitId === null || unitId === undefined) return null;
    if (unitName.value !== null) return unitName.value;
    if (!hasPermission('registry_read')) return null;
    try {
      const units = await listAllUnits();
      unitName.value = units.find((unit) => unit.id === unitId)?.name ?? null;
    } catch {
      unitName.value = null;
    }
    return unitName.value;
  }

  return {
    user,
    loaded,
    unitName,
    isLoggedIn,
    roles,
    mustChangePassword,
    mustEnrolSecondFactor,
    passwordExpiringSoon,
    passwordStatus,
    secondFactor,
    markSecondFactorEnabled,
    hasRole,
    permissions,
    hasPermission,
    setUser,
    clear,
    login,
    fetchMe,
    logout,
    changePassword,
    requirePasswordChange,
    loadUnitName,
  };
});
