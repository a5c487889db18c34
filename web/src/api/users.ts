import type { AuthApi } from './auth';
import { MAX_PAGE_SIZE, requestClient, type PageQuery, type PageResult, type RequestOptions } from './client';

export namespace UserApi {
  /** Answer of GET /users/{id}/member. */
  export interface MemberLinkOptions {
    candidates: { id: number; name: string }[];
    linked: { id: number; name: string } | null;
  }

  export interface Account {
    id: number;
    username: string;
    display_name: string;
    roles: AuthApi.Role[];
    unit_id: number | null;
    must_change_password: boolean;
    locked_until: string | null;
    /** Who set `locked_until`: an administrator (until unlocked) or failed logins (until that time). */
    locked_by?: 'administrator' | 'failed_logins' | null;
    disabled: boolean;
    /** A confirmed TOTP second factor is set up. */
    totp_enabled?: boolean;
  }

  export interface ListQuery extends PageQuery {
    q?: string;
  }

  export type ListResult = PageResult<Account>;

  export interface CreateParams {
    username: string;
    display_name: string;
    roles: AuthApi.Role[];
    unit_id: number | null;
    /** Omit to let the server generate one (returned once as `generated_password`). */
    password?: string;
    must_change_password: boolean;
  }

  export interface UpdateParams {
    display_name?: string;
    roles?: AuthApi.Role[];
    unit_id?: number | null;
  }

  export interface CreateResult extends Account {
    generated_password?: string;
  }

  /** Answer of PUT /users/{id}/member: the link now in force. */
  export interface MemberLinkResult {
    user_id: number;
    member: { id: number; name: string } | null;
  }

  export interface PasswordResetResult {
    generated_password: string;
  }
}

export function listUsers(query: UserApi.ListQuery = {}): Promise<UserApi.ListResult> {
  return requestClient.get<UserApi.ListResult>('/users', { ...query });
}

/**
 * Reads every page (a district has tens to a few hundred accounts). The server filters by `q`
 * only, so a caller wanting locked or disabled accounts filters the result itself.
 */
export async function listAllUsers(query: Omit<UserApi.ListQuery, 'page' | 'page_size'> = {}): Promise<UserApi.Account[]> {
  const accounts: UserApi.Account[] = [];
  for (let page = 1; page <= 50; page += 1) {
    const result = await listUsers({ ...query, page, page_size: MAX_PAGE_SIZE });
    accounts.push(...result.items);
    if (result.items.length === 0 || accounts.length >= result.total) break;
  }
  return accounts;
}

/** Errors (e.g. 422 `role_separation`) are shown by the dialog (pass `silent`); it stays open. */
export function createUser(params: UserApi.CreateParams, options: Omit<RequestOptions, 'body' | 'query'> = {}): Promise<UserApi.CreateResult> {
  return requestClient.post<UserApi.CreateResult>('/users', params, options);
}

/**
 * Edits an account's display name, roles and unit (system administrator). A field left out stays;
 * `unit_id: null` removes the unit. 422 names every wrong field at once and 409 `own_roles` refuses
 * a change of one's own roles: the dialog shows them (pass `silent`).
 */
export function updateUser(
  id: number,
  params: UserApi.UpdateParams,
  options: Omit<RequestOptions, 'body' | 'query'> = {},
): Promise<UserApi.Account> {
  return requestClient.patch<UserApi.Account>(`/users/${id}`, params, options);
}

export function resetUserPassword(id: number): Promise<UserApi.PasswordResetResult> {
  return requestClient.post<UserApi.PasswordResetResult>(`/users/${id}/password-reset`);
}

/** Removes an account's second factor (a lost phone); the account sets it up again. Audited. */
export function resetUserTotp(id: number): Promise<UserApi.Account> {
  return requestClient.delete<UserApi.Account>(`/users/${id}/totp`);
}

/**
 * Links a member account (role `member`) to a party member of its own unit, or unlinks it with
 * `null`. 422 names `member_id`, 409 `member_linked`: the dialog shows them (pass `silent`).
 */
export function linkMember(
  id: number,
  memberId: number | null,
  options: Omit<RequestOptions, 'body' | 'query'> = {},
): Promise<UserApi.MemberLinkResult> {
  return requestClient.put<UserApi.MemberLinkResult>(`/users/${id}/member`, { member_id: memberId }, options);
}

/** The unit's active party members (names only) a member account may be linked to, and its link now. */
export function memberLinkOptions(id: number, q?: string): Promise<UserApi.MemberLinkOptions> {
  return requestClient.get<UserApi.MemberLinkOptions>(`/users/${id}/member`, { q });
}

export function lockUser(id: number): Promise<UserApi.Account> {
  return requestClient.post<UserApi.Account>(`/users/${id}/lock`);
}

export function unlockUser(id: number): Promise<UserApi.Account> {
  return requestClient.post<UserApi.Account>(`/users/${id}/unlock`);
}

export function disableUser(id: number): Promise<UserApi.Account> {
  return requestClient.post<UserApi.Account>(`/users/${id}/disable`);
}
