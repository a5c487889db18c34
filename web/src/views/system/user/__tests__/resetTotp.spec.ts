import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserApi } from '@/api/users';
import { resetClient } from '@/api/client';
import { i18n } from '@/locales';
import { jsonResponse } from '@/test/fetch';
import { mountUserPage, settle } from './userPage';

function account(id: number, totp: boolean): UserApi.Account {
  return {
    id,
    username: `user${id}`,
    display_name: `用户${id}`,
    roles: ['committee_admin'],
    unit_id: null,
    must_change_password: false,
    locked_until: null,
    locked_by: null,
    disabled: false,
    totp_enabled: totp,
  };
}

const ACCOUNTS = [account(1, true), account(2, false)];
const sent: Array<{ method: string; path: string }> = [];

function routeFetch(): void {
  vi.stubGlobal(
    'fetch',
    vi.fn<typeof globalThis.fetch>(async (input, init) => {
      const method = init?.method ?? 'GET';
      const path = new URL(String(input), 'http://localhost').pathname;
      sent.push({ method, path });
      if (method === 'GET' && path === '/api/v1/users') return jsonResponse(200, { items: ACCOUNTS, total: ACCOUNTS.length });
      if (method === 'DELETE' && path === '/api/v1/users/1/totp') return jsonResponse(200, { ...ACCOUNTS[0], totp_enabled: false });
      return jsonResponse(200, { items: [], total: 0 });
    }),
  );
}



beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
  sent.length = 0;
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('重置双因素 on the account page', { timeout: 30_000 }, () => {
  it('is offered only for accounts with a second factor, and resets it after confirmation', async () => {
    routeFetch();
    await mountUserPage();
    const buttons = document.querySelectorAll<HTMLButtonElement>('[data-testid="user-reset-totp"]');
    expect(buttons).toHaveLength(1);
    buttons[0]!.click();
    await settle();
    document.querySelector<HTMLButtonElement>('.el-message-box__btns .el-button--primary')!.click();
    await settle();
    expect(sent.filter((entry) => entry.method === 'DELETE').map((entry) => entry.path)).toEqual(['/api/v1/users/1/totp']);
    expect(document.querySelectorAll('[data-testid="user-reset-totp"]')).toHaveLength(0);
  });
});
