import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient, resetClient } from '../client';
import {
  createMember,
  deactivateMember,
  getMember,
  importMembers,
  listMembers,
  memberExportUrl,
  memberTemplateUrl,
  previewMemberImport,
  unmaskMemberPhone,
  updateMember,
  type MemberApi,
} from '../members';
import { createOfficeArea, getOfficeArea, updateOfficeArea } from '../officeAreas';
import { createStrengthTag, listStrengthTags, updateStrengthTag } from '../strengthTags';
import {
  activateUnit,
  createUnit,
  deactivateUnit,
  flattenUnitTree,
  getUnit,
  getUnitTree,
  listUnits,
  unmaskLiaisonPhone,
  updateUnit,
} from '../units';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';

const notify = vi.fn();

beforeEach(() => {
  notify.mockReset();
  configureClient({ notify });
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
});

function expectMutation(fetch: ReturnType<typeof mockFetch>, index: number, method: string, url: string, body?: unknown): void {
  const sent = call(fetch, index);
  expect(sent.method).toBe(method);
  expect(sent.url).toBe(url);
  expect(sent.headers['X-Requested-With']).toBe('XMLHttpRequest');
  if (body !== undefined) expect(sent.body).toEqual(body);
}

describe('office areas module', () => {
  it('reads one, creates and updates', async () => {
    const area = { id: 2, name: '人防大楼办公区', address: '', latitude: null, longitude: null, note: '' };
    const fetch = mockFetch(jsonResponse(200, area), jsonResponse(201, area), jsonResponse(200, area));
    await expect(getOfficeArea(2)).resolves.toEqual(area);
    await createOfficeArea({ name: '人防大楼办公区', latitude: 30.1, longitude: 104.2 });
    await updateOfficeArea(2, { name: '人防大楼', address: '人民路 1 号', note: '' });
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/office-areas/2', method: 'GET' });
    expectMutation(fetch, 1, 'POST', '/api/v1/office-areas', { name: '人防大楼办公区', latitude: 30.1, longitude: 104.2 });
    expectMutation(fetch, 2, 'PUT', '/api/v1/office-areas/2', { name: '人防大楼', address: '人民路 1 号', note: '' });
  });

  it('a duplicate name (409) can be handled by the form without a toast', async () => {
    mockFetch(errorResponse(409, 'conflict', '办公区名称已存在', { field: 'name' }));
    await expect(createOfficeArea({ name: 'x' }, { silent: true })).rejects.toMatchObject({
      status: 409,
      details: { field: 'name' },
    });
    expect(notify).not.toHaveBeenCalled();
  });
});

describe('strength tags module', () => {
  it('lists, creates and updates', async () => {
    const tag = { id: 5, name: '党建活动基地', active: true, sort_order: 1 };
    const fetch = mockFetch(jsonResponse(200, { items: [tag], total: 1 }), jsonResponse(201, tag), jsonResponse(200, tag));
    await expect(listStrengthTags()).resolves.toEqual({ items: [tag], total: 1 });
    await createStrengthTag({ name: '党建活动基地' });
    await updateStrengthTag(5, { name: '活动基地', active: false });
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/strength-tags', method: 'GET' });
    expectMutation(fetch, 1, 'POST', '/api/v1/strength-tags', { name: '党建活动基地' });
    expectMutation(fetch, 2, 'PUT', '/api/v1/strength-tags/5', { name: '活动基地', active: false });
  });

  it('a silent list does not toast', async () => {
    mockFetch(errorResponse(403, 'forbidden', '无权限'));
    await expect(listStrengthTags({ silent: true })).rejects.toMatchObject({ status: 403 });
    expect(notify).not.toHaveBeenCalled();
  });
});

describe('units module', () => {
  it('builds the search query with every filter, the sort and the page', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [], total: 0 }), jsonResponse(200, { items: [], total: 0 }));
    await listUnits({
      q: '审计',
      office_area_id: 1,
      tag_id: 4,
      parent_id: 9,
      active: false,
      sort: '-party_member_count',
      page: 3,
      page_size: 20,
    });
    await listUnits({ active: true, sort: 'name' });
    expect(call(fetch, 0).url).toBe(
      '/api/v1/units?q=%E5%AE%A1%E8%AE%A1&office_area_id=1&tag_id=4&parent_id=9&active=false&sort=-party_member_count&page=3&page_size=20',
    );
    expect(call(fetch, 1).url).toBe('/api/v1/units?active=true&sort=name');
  });

  it('reads one unit and the tree', async () => {
    const tree = {
      items: [
        {
          id: 1,
          name: '区委直属机关工委',
          short_name: '机关工委',
          kind: 'committee',
          active: true,
          children: [{ id: 2, name: '区审计局', short_name: '审计局', kind: 'unit', active: true, children: [] }],
        },
      ],
    };
    const fetch = mockFetch(jsonResponse(200, { id: 3 }), jsonResponse(200, tree));
    await getUnit(3);
    const result = await getUnitTree();
    expect(call(fetch, 0).url).toBe('/api/v1/units/3');
    expect(call(fetch, 1).url).toBe('/api/v1/units/tree');
    expect(flattenUnitTree(result.items).map((node) => [node.id, node.depth])).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });

  it('creates, updates, deactivates, activates and unmasks with the CSRF header', async () => {
    const unit = { id: 3, name: '区总工会' };
    const fetch = mockFetch(
      jsonResponse(201, unit),
      jsonResponse(200, unit),
      jsonResponse(200, { ...unit, active: false }),
      jsonResponse(200, { ...unit, active: true }),
      jsonResponse(200, { phone: '13800138000' }),
    );
    const params = {
      name: '区总工会',
      parent_id: 1,
      kind: 'unit' as const,
      party_organization_type: 'branch' as const,
      office_area_id: 1,
      party_member_count: 12,
      strength_tag_ids: [4, 5],
      liaison_phone: '13800138000',
    };
    await createUnit(params);
    await updateUnit(3, { name: '区总工会', strength_tag_ids: [] });
    await expect(deactivateUnit(3)).resolves.toMatchObject({ active: false });
    await expect(activateUnit(3)).resolves.toMatchObject({ active: true });
    await expect(unmaskLiaisonPhone(3)).resolves.toEqual({ phone: '13800138000' });
    expectMutation(fetch, 0, 'POST', '/api/v1/units', params);
    expectMutation(fetch, 1, 'PUT', '/api/v1/units/3', { name: '区总工会', strength_tag_ids: [] });
    expectMutation(fetch, 2, 'POST', '/api/v1/units/3/deactivate');
    expectMutation(fetch, 3, 'POST', '/api/v1/units/3/activate');
    expectMutation(fetch, 4, 'POST', '/api/v1/units/3/liaison-phone/unmask');
  });
});

describe('members module', () => {
  const row: MemberApi.ImportRow = {
    name: '张三',
    gender: 'male',
    unit_name: '区审计局',
    post: '科员',
    phone: '13800138000',
    joined_on: '2020-07-01',
    status: 'formal',
  };

  it('builds the list query', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [], total: 0 }));
    await listMembers({ q: '张', unit_id: 2, status: 'probationary', phone: '13800138000', active: true, page: 1, page_size: 20 });
    expect(call(fetch).url).toBe(
      '/api/v1/members?q=%E5%BC%A0&unit_id=2&status=probationary&phone=13800138000&active=true&page=1&page_size=20',
    );
  });

  it('reads, creates, updates, deactivates and unmasks', async () => {
    const member = { id: 8, name: '张三' };
    const fetch = mockFetch(
      jsonResponse(200, member),
      jsonResponse(201, member),
      jsonResponse(200, member),
      jsonResponse(200, member),
      jsonResponse(200, { phone: '13800138000' }),
    );
    const params: MemberApi.SaveParams = {
      name: '张三',
      gender: 'male',
      unit_id: 2,
      post: '科员',
      phone: '13800138000',
      joined_on: '2020-07-01',
      status: 'formal',
    };
    await getMember(8);
    await createMember(params);
    await updateMember(8, { ...params, post: '副科长' });
    await deactivateMember(8);
    await expect(unmaskMemberPhone(8)).resolves.toEqual({ phone: '13800138000' });
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/members/8', method: 'GET' });
    expectMutation(fetch, 1, 'POST', '/api/v1/members', params);
    expectMutation(fetch, 2, 'PUT', '/api/v1/members/8', { ...params, post: '副科长' });
    expectMutation(fetch, 3, 'POST', '/api/v1/members/8/deactivate');
    expectMutation(fetch, 4, 'POST', '/api/v1/members/8/unmask');
  });

  it('previews and imports the rows', async () => {
    const preview = { rows: [{ index: 0, ok: true, errors: [] }], valid_count: 1, error_count: 0 };
    const fetch = mockFetch(jsonResponse(200, preview), jsonResponse(201, { created: 1 }));
    await expect(previewMemberImport([row])).resolves.toEqual(preview);
    await expect(importMembers([row])).resolves.toEqual({ created: 1 });
    expectMutation(fetch, 0, 'POST', '/api/v1/members/import/preview', { rows: [row] });
    expectMutation(fetch, 1, 'POST', '/api/v1/members/import', { rows: [row] });
  });

  it('keeps the per-row errors of a rejected import', async () => {
    const rows = [{ index: 0, ok: false, errors: [{ field: 'phone', message: '手机号码格式不正确' }] }];
    mockFetch(errorResponse(422, 'validation_failed', '导入数据有误', { rows }));
    await expect(importMembers([row], { silent: true })).rejects.toMatchObject({ status: 422, details: { rows } });
    expect(notify).not.toHaveBeenCalled();
  });

  it('builds the template and export download addresses', () => {
    expect(memberTemplateUrl()).toBe('/api/v1/members/import-template.xlsx');
    // Columns keep the server's order whatever order they were ticked in; empty filters are dropped.
    expect(memberExportUrl(['status', 'name', 'phone'], { q: '张', unit_id: 2, status: undefined, active: true })).toBe(
      '/api/v1/members/export.xlsx?columns=name%2Cphone%2Cstatus&q=%E5%BC%A0&unit_id=2&active=true',
    );
    expect(memberExportUrl(['name'], { phone: '13800138000' })).toBe('/api/v1/members/export.xlsx?columns=name');
  });
});
