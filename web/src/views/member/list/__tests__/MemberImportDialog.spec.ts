import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { resetClient } from '@/api/client';
import { i18n } from '@/locales';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';
import MemberImportDialog from '../MemberImportDialog.vue';

vi.mock('../memberSheet', async (importOriginal) => {
  const original = await importOriginal<typeof import('../memberSheet')>();
  return {
    ...original,
    // The real reader is covered in memberSheet.spec.ts; here the sheet's rows are given.
    readMemberSheet: vi.fn(async () =>
      original.mapMemberSheet([
        ['姓名', '性别', '单位', '职务', '手机号码', '入党日期', '党员状态'],
        ['张三', '男', '区审计局', '科员', '13800138000', '2020-07-01', '正式'],
        ['李四', '女', '区审计局', '科员', '139', '2021-03-05', '预备'],
      ]),
    ),
  };
});

async function mountDialog() {
  const wrapper = mount(MemberImportDialog, {
    props: { modelValue: true, fixedUnitId: null, fixedUnitName: null },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

async function chooseFile(): Promise<void> {
  const input = document.querySelector<HTMLInputElement>('[data-testid="member-import-upload"] input[type="file"]');
  expect(input).not.toBeNull();
  const file = new File(['x'], 'members.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input!.dispatchEvent(new Event('change'));
  await flushPromises();
  await flushPromises();
}

function confirmButton(): HTMLButtonElement {
  return document.querySelector<HTMLButtonElement>('[data-testid="member-import-confirm"]')!;
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('member import dialog', () => {
  it('shows per-field errors, highlights the row and keeps confirm disabled', async () => {
    const fetch = mockFetch(
      jsonResponse(200, {
        rows: [
          { index: 0, ok: true, errors: [] },
          { index: 1, ok: false, errors: [{ field: 'phone', message: '手机号码应为 11 位数字' }] },
        ],
        valid_count: 1,
        error_count: 1,
      }),
    );
    const wrapper = await mountDialog();
    await chooseFile();
    expect(call(fetch).url).toBe('/api/v1/members/import/preview');
    expect((call(fetch).body as { rows: unknown[] }).rows).toHaveLength(2);
    const errors = [...document.querySelectorAll('[data-testid="member-import-error-phone"]')].map((node) => node.textContent?.trim());
    expect(errors).toEqual(['手机号码应为 11 位数字']);
    expect(document.querySelectorAll('.row-error')).toHaveLength(1);
    expect(document.querySelector('[data-testid="member-import-summary"]')?.getAttribute('data-errors')).toBe('1');
    expect(confirmButton().disabled).toBe(true);
    wrapper.unmount();
  });

  it('imports when every row is correct and reports the count', async () => {
    const fetch = mockFetch(
      jsonResponse(200, {
        rows: [
          { index: 0, ok: true, errors: [] },
          { index: 1, ok: true, errors: [] },
        ],
        valid_count: 2,
        error_count: 0,
      }),
      jsonResponse(201, { created: 2 }),
    );
    const wrapper = await mountDialog();
    await chooseFile();
    expect(confirmButton().disabled).toBe(false);
    confirmButton().click();
    await flushPromises();
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/members/import', method: 'POST' });
    expect(wrapper.emitted('imported')).toEqual([[2]]);
    wrapper.unmount();
  });

  it('shows the rows of a rejected import (422) and disables confirm again', async () => {
    mockFetch(
      jsonResponse(200, { rows: [{ index: 0, ok: true, errors: [] }, { index: 1, ok: true, errors: [] }], valid_count: 2, error_count: 0 }),
      errorResponse(422, 'validation_failed', '有 1 条记录有误', {
        rows: [
          { index: 0, ok: true, errors: [] },
          { index: 1, ok: false, errors: [{ field: 'unit_name', message: '所选单位不存在' }] },
        ],
      }),
    );
    const wrapper = await mountDialog();
    await chooseFile();
    confirmButton().click();
    await flushPromises();
    expect(document.querySelector('[data-testid="member-import-error-unit_name"]')?.textContent?.trim()).toBe('所选单位不存在');
    expect(confirmButton().disabled).toBe(true);
    expect(wrapper.emitted('imported')).toBeUndefined();
    wrapper.unmount();
  });
});
