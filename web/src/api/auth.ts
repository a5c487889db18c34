import { requestClient } from './client';

export namespace AuthApi {
  export type Role = 'committee_admin' | 'unit_admin' | 'member' | 'viewer' | 'system_admin' | 'auditor';

  export interface User {
    id: number;
    username: string;
    display_name: string;
    roles: Role[];
    unit_id: number | null;
    must_change_password: boolean;
    /** A confirmed TOTP second factor is set up. */
    totp_enabled?: boolean;
  }

  export interface LoginParams {
    username: string;
    password: string;
    /** The six-digit TOTP code, sent when the server answered `second_factor_required`. */
    totp?: string;
    /** Or one of the account's one-time recovery codes. */
    recovery_code?: string;
  }

  /** When the password expires (`expires_at`, UTC; null when it never does). */
  export interface PasswordStatus {
    expires_at: string | null;
    /** Within the warning period before expiry: the web shows a warning. */
    expiring_soon: boolean;
    expired: boolean;
  }

  export interface SecondFactorStatus {
    enabled: boolean;
    /** The account's role requires a second factor. */
    required: boolean;
    /** Required and not yet set up: only enrolment is open. */
    enrolment_required: boolean;
  }

  /** Answer of POST /auth/totp/enrol. */
  export interface TotpEnrolment {
    secret: string;
    otpauth_uri: string;
    /** The QR code of `otpauth_uri`, as SVG markup (numbers only). */
    qr_svg: string;
  }

  /** Answer of POST /auth/totp/confirm: the ten one-time recovery codes, shown once. */
  export interface TotpConfirmation {
    recovery_codes: string[];
  }

  /**
   * A permission code (server: accounts::permission_name). The web shows menu items and buttons by
   * these; per-object rules (own unit, lead of an alliance) come with the data.
   */
  export type Permission =
    | 'public_access'
    | 'signed_in'
    | 'registry_read'
    | 'alliances_read'
    | 'audit_read'
    | 'users_manage'
    | 'registry_manage'
    | 'unit_update'
    | 'members_read'
    | 'members_manage'
    | 'members_unmask'
    | 'alliances_manage'
    | 'rotation_arrange'
    | 'applications_read'
    | 'applications_act'
    | 'applications_consult'
    | 'applications_decide'
    | 'formation_suggest'
    | 'campaign_read'
    | 'campaign_manage'
    | 'plans_read'
    | 'plans_write'
    | 'plans_review'
    | 'responsibility_read'
    | 'responsibility_write'
    | 'reports_read'
    | 'reports_submit'
    | 'activities_read'
    | 'activities_write'
    | 'ledger_archive'
    | 'ledger_verify';

  /** Answer of POST /auth/login and GET /auth/me. */
  export interface UserResult {
    user: User;
    /** The caller's permission codes. */
    permissions: Permission[];
    password?: PasswordStatus;
    second_factor?: SecondFactorStatus;
  }

  export interface ChangePasswordParams {
    current_password: string;
    new_password: string;
  }

  /** `details` of the 423 `account_locked` error. */
  export interface LockedDetails {
    // Absent when an administrator locked the account (it lasts until someone unlocks it).
    locked_until?: string;
    locked_by?: 'administrator' | 'failed_logins';
  }
}

export const ALL_ROLES: readonly AuthApi.Role[] = [
  'committee_admin',
  'unit_admin',
  'member',
  'viewer',
  'system_admin',
  'auditor',
];

/** The login call handles its own errors (wrong password, lockout): silent, no 401 redirect. */
export function login(params: AuthApi.LoginParams): Promise<AuthApi.UserResult> {
  return requestClient.post<AuthApi.UserResult>('/auth/login', params, { silent: true, skipAuthRedirect: true });
}

export function logout(): Promise<void> {
  return requestClient.post<void>('/auth/logout', undefined, { skipAuthRedirect: true });
}

/** Session probe: a 401 only means "not signed in", so it is silent and does not redirect. */
export function fetchCurrentUser(): Promise<AuthApi.UserResult> {
  return requestClient.get<AuthApi.UserResult>('/auth/me', undefined, { silent: true, skipAuthRedirect: true });
}

/** Errors (`weak_password`, `wrong_password`) are shown by the page next to the form. */
export function changePassword(params: AuthApi.ChangePasswordParams): Promise<void> {
  return requestClient.post<void>('/auth/password', params, { silent: true });
}

/** Starts (or restarts) TOTP enrolment: a new secret, its otpauth URI and QR code. */
export function enrolTotp(): Promise<AuthApi.TotpEnrolment> {
  return requestClient.post<AuthApi.TotpEnrolment>('/auth/totp/enrol');
}

/** Confirms the pending secret with a code; a wrong code is a 422 on `code` shown by the page. */
export function confirmTotp(code: string): Promise<AuthApi.TotpConfirmation> {
  return requestClient.post<AuthApi.TotpConfirmation>('/auth/totp/confirm', { code }, { silent: true });
}
