import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserApi } from '@/api/users';
import { resetClient } from '@/api/client';
import { i18n } from '@/locales';
import { errorResponse, jsonResponse } from '@/test/fetch';
import { mountUserPage, settle } from './userPage';

function account(id: number, username: string, roles: UserApi.Account['roles'], unitId: number | null): UserApi.Account {
  return { id, username, display_name: `用户${id}`, roles, unit_id: unitId, must_change_password: false, locked_until: null, locked_by: null, disabled: false };
}

const SELF = account(99, 'sysadmin', ['system_admin'], null);
const VIEWER = account(4, 'viewer', ['viewer'], null);

interface Sent {
  method: string;
  url: string;
  body: unknown;
}

/** Answers the page's reads; PATCH /users/{id} with `answer`. */
function routeFetch(answer: () => Response): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof globalThis.fetch>(async (input, init) => {
      const method = init?.method ?? 'GET';
      const path = new URL(String(input), 'http://localhost').pathname;
      sent.push({ method, url: path, body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined });
      if (method === 'GET' && path === '/api/v1/users') return jsonResponse(200, { items: [VIEWER, SELF], total: 2 });
      if (method === 'GET' && path === '/api/v1/units') return jsonResponse(200, { items: [{ id: 12, name: '区财政局' }], total: 1 });
      if (method === 'PATCH') return answer();
      return jsonResponse(200, { items: [], total: 0 });
    }),
  );
  return sent;
}



/** Opens 修改 on the row of `username`. */
async function openEdit(username: string): Promise<void> {
  const row = document.querySelector(`[data-testid="user-row"][data-username="${username}"]`)!.closest('tr')!;
  const index = Array.from(row.parentElement!.children).indexOf(row);
  // The 操作 column is fixed on the right: Element Plus renders it in its own table; take the same row there.
  const buttons = document.querySelectorAll<HTMLButtonElement>('[data-testid="user-edit"]');
  buttons[index]!.click();
  await settle();
}

function setName(value: string): void {
  const input = document.querySelector<HTMLInputElement>('[data-testid="user-edit-display-name"] input, input[data-testid="user-edit-display-name"]')!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

function submit(): void {
  document.querySelector<HTMLButtonElement>('[data-testid="user-edit-submit"]')!.click();
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('修改 on the account page', { timeout: 30_000 }, () => {
  it('sends the name, roles and unit of another account', async () => {
    const sent = routeFetch(() => jsonResponse(200, { ...VIEWER, display_name: '查看员' }));
    await mountUserPage();
    await openEdit('viewer');
    setName('查看员');
    await settle();
    submit();
    await settle();
    expect(sent.filter((entry) => entry.method === 'PATCH')).toEqual([
      { method: 'PATCH', url: '/api/v1/users/4', body: { display_name: '查看员', unit_id: null, roles: ['viewer'] } },
    ]);
  });

  it('never sends roles for one\'s own account, and says why the roles are locked', async () => {
    const sent = routeFetch(() => jsonResponse(200, SELF));
    await mountUserPage();
    await openEdit('sysadmin');
    expect(document.body.textContent).toContain('不能修改自己的角色');
    submit();
    await settle();
    const patches = sent.filter((entry) => entry.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.body).not.toHaveProperty('roles');
  });

  it('shows every field error of a 422 at once and stays open', async () => {
    routeFetch(() =>
      errorResponse(422, 'validation_failed', '输入有误', {
        fields: [
          { field: 'display_name', message: '请填写显示名称' },
          { field: 'unit_id', message: '所选单位不存在' },
        ],
      }),
    );
    await mountUserPage();
    await openEdit('viewer');
    submit();
    await settle();
    const dialog = document.querySelector('[data-testid="user-edit-dialog"]')!;
    // Reading the answer's body takes a few turns of the event loop more than settle() waits.
    await vi.waitFor(() => expect(dialog.textContent).toContain('请填写显示名称'), { timeout: 5000 });
    expect(dialog.textContent).toContain('所选单位不存在');
  });
});
