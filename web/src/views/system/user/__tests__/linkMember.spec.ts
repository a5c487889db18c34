import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { UserApi } from '@/api/users';
import { resetClient } from '@/api/client';
import { i18n } from '@/locales';
import { errorResponse, jsonResponse } from '@/test/fetch';
import { mountUserPage, settle } from './userPage';

function account(id: number, roles: UserApi.Account['roles'], unitId: number | null): UserApi.Account {
  return {
    id,
    username: `user${id}`,
    display_name: `用户${id}`,
    roles,
    unit_id: unitId,
    must_change_password: false,
    locked_until: null,
    locked_by: null,
    disabled: false,
  };
}

const ACCOUNTS: UserApi.Account[] = [
  account(1, ['member'], 12), // the only one that can be linked
  account(2, ['member'], null), // no unit
  account(3, ['unit_admin'], 12), // not a member account
  account(4, ['viewer'], null),
];

const MEMBERS = [
  { id: 7, name: '张三', gender: 'male', unit: { id: 12, name: '区财政局' }, post: '科员', phone: '138****0000', joined_on: '2010-07-01', status: 'formal', active: true, created_at: '', updated_at: '' },
  { id: 8, name: '李四', gender: 'female', unit: { id: 12, name: '区财政局' }, post: '', phone: '139****0000', joined_on: '2012-07-01', status: 'formal', active: true, created_at: '', updated_at: '' },
];

interface Sent {
  method: string;
  url: string;
  body: unknown;
}

/** Answers the page's reads; PUT /users/{id}/member with `linkAnswer` (once per call, after `delay` ms). */
function routeFetch(linkAnswer: () => Response, delay = 0): { fetch: Mock<typeof globalThis.fetch>; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    sent.push({ method, url, body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined });
    const path = new URL(url, 'http://localhost').pathname;
    if (method === 'GET' && path === '/api/v1/users') return jsonResponse(200, { items: ACCOUNTS, total: ACCOUNTS.length });
    if (method === 'GET' && path === '/api/v1/units') return jsonResponse(200, { items: [{ id: 12, name: '区财政局' }], total: 1 });
    if (method === 'GET' && /^\/api\/v1\/users\/\d+\/member$/.test(path)) {
      return jsonResponse(200, { candidates: MEMBERS.map(({ id, name }) => ({ id, name })), linked: null });
    }
    if (method === 'PUT' && /^\/api\/v1\/users\/\d+\/member$/.test(path)) {
      if (delay > 0) await new Promise((done) => setTimeout(done, delay));
      return linkAnswer();
    }
    return jsonResponse(200, { items: [], total: 0 });
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, sent };
}



/** The ids of the rows that offer 关联党员. */
function linkableRows(): number[] {
  const ids = new Set<number>();
  for (const button of document.querySelectorAll('[data-testid="user-link-member"]')) {
    const row = button.closest('tr');
    const index = row ? Array.from(row.parentElement!.children).indexOf(row) : -1;
    if (index >= 0) ids.add(ACCOUNTS[index]!.id);
  }
  return [...ids];
}

async function openFor(): Promise<void> {
  document.querySelector<HTMLButtonElement>('[data-testid="user-link-member"]')!.click();
  await settle();
}

function chooseMember(id: number): void {
  document.querySelector<HTMLElement>(`[data-testid="user-link-member-${id}"]`)!.click();
}

function chooseUnlink(): void {
  const radio = document.querySelector<HTMLElement>('[data-testid="user-link-mode-unlink"]')!;
  (radio.querySelector<HTMLInputElement>('input') ?? radio).click();
}

function clickSubmit(): void {
  document.querySelector<HTMLButtonElement>('[data-testid="user-link-member-submit"]')!.click();
}

const puts = (sent: Sent[]): Sent[] => sent.filter((entry) => entry.method === 'PUT');

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('关联党员 on the account page', { timeout: 30_000 }, () => {
  it('is offered only for member accounts that have a unit', async () => {
    routeFetch(() => jsonResponse(200, { user_id: 1, member: null }));
    await mountUserPage();
    expect(document.querySelectorAll('[data-testid="user-row"]').length).toBeGreaterThanOrEqual(ACCOUNTS.length);
    expect(linkableRows()).toEqual([1]);
    expect(document.querySelector('[data-testid="user-link-member"]')?.textContent).toContain('关联党员');
  });

  it('lists the account unit party members by name and puts the chosen one', async () => {
    const { sent } = routeFetch(() => jsonResponse(200, { user_id: 1, member: { id: 7, name: '张三' } }));
    await mountUserPage();
    await openFor();
    // The system administrator may not read the register: the names come from the account's route.
    expect(sent.some((entry) => entry.url.includes('/api/v1/members'))).toBe(false);
    const search = sent.find((entry) => entry.method === 'GET' && /\/users\/1\/member/.test(entry.url));
    expect(search).toBeDefined();
    chooseMember(7);
    await settle();
    clickSubmit();
    await settle();
    expect(puts(sent)).toEqual([{ method: 'PUT', url: '/api/v1/users/1/member', body: { member_id: 7 } }]);
    expect(document.body.textContent).toContain('已关联党员');
  });

  it('解除关联 sends null', async () => {
    const { sent } = routeFetch(() => jsonResponse(200, { user_id: 1, member: null }));
    await mountUserPage();
    await openFor();
    chooseUnlink();
    await settle();
    clickSubmit();
    await settle();
    expect(puts(sent)).toEqual([{ method: 'PUT', url: '/api/v1/users/1/member', body: { member_id: null } }]);
    expect(document.body.textContent).toContain('已解除关联');
  });

  it('sends once when submitted twice quickly', async () => {
    const { sent } = routeFetch(() => jsonResponse(200, { user_id: 1, member: { id: 7, name: '张三' } }), 30);
    await mountUserPage();
    await openFor();
    chooseMember(7);
    await settle();
    clickSubmit();
    clickSubmit();
    await settle();
    await new Promise((done) => setTimeout(done, 60));
    await settle();
    expect(puts(sent)).toHaveLength(1);
  });

  it('shows the 422 on member_id beside the field and stays open', async () => {
    routeFetch(() =>
      errorResponse(422, 'validation_failed', '输入有误', { fields: [{ field: 'member_id', message: '该党员不在本单位名册上' }] }),
    );
    const wrapper = await mountUserPage();
    await openFor();
    chooseMember(8);
    await settle();
    clickSubmit();
    await settle();
    const dialog = wrapper.findComponent({ name: 'LinkMemberDialog' });
    const errors = dialog.findAllComponents({ name: 'ElFormItem' }).map((item) => item.props('error'));
    expect(errors).toContain('该党员不在本单位名册上');
    expect(dialog.props('modelValue')).toBe(true);
  });
});
