import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import type { AuthApi } from '@/api/auth';
import * as activitiesApi from '@/api/activities';
import * as alliancesApi from '@/api/alliances';
import * as applicationsApi from '@/api/applications';
import * as auditApi from '@/api/audit';
import * as campaignApi from '@/api/campaign';
import * as inboxApi from '@/api/inbox';
import * as plansApi from '@/api/plans';
import * as unitsApi from '@/api/units';
import * as usersApi from '@/api/users';
import { ApiError } from '@/api/client';
import { resetInboxSummary } from '@/layouts/components/inboxSummary';
import { i18n } from '@/locales';
import { useUserStore } from '@/stores/user';
import { codesFor } from '@/test/access';
import { resetHomeCampaign } from '@/views/campaign/shared/homeCampaign';
import HomePage from '../index.vue';

vi.mock('@/api/inbox', async (original) => ({
  ...(await original<typeof import('@/api/inbox')>()),
  listTodos: vi.fn(),
  listNotifications: vi.fn(),
  markNotificationRead: vi.fn(),
  getInboxSummary: vi.fn(),
}));
vi.mock('@/api/alliances', async (original) => ({
  ...(await original<typeof import('@/api/alliances')>()),
  listAlliances: vi.fn(),
  getAlliance: vi.fn(),
  getRotation: vi.fn(),
}));
vi.mock('@/api/activities', async (original) => ({ ...(await original<typeof import('@/api/activities')>()), listActivities: vi.fn() }));
vi.mock('@/api/audit', async (original) => ({
  ...(await original<typeof import('@/api/audit')>()),
  listAuditEvents: vi.fn(),
  verifyAuditChain: vi.fn(),
}));
vi.mock('@/api/users', async (original) => ({
  ...(await original<typeof import('@/api/users')>()),
  listUsers: vi.fn(),
  listAllUsers: vi.fn(),
}));
vi.mock('@/api/applications', async (original) => ({ ...(await original<typeof import('@/api/applications')>()), listApplications: vi.fn() }));
vi.mock('@/api/plans', async (original) => ({ ...(await original<typeof import('@/api/plans')>()), listPlans: vi.fn() }));
vi.mock('@/api/units', async (original) => ({
  ...(await original<typeof import('@/api/units')>()),
  listUnits: vi.fn(),
  listAllUnits: vi.fn(),
}));
vi.mock('@/api/campaign', async (original) => ({ ...(await original<typeof import('@/api/campaign')>()), getHomeCampaign: vi.fn() }));

const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as Mock<T>;

/** Every API function the home page may call, with the permission its route declares (docs/openapi.yaml x-permission). */
const API: Array<{ name: string; fn: Mock; permission: AuthApi.Permission }> = [
  { name: 'listTodos', fn: mocked(inboxApi.listTodos), permission: 'signed_in' },
  { name: 'listNotifications', fn: mocked(inboxApi.listNotifications), permission: 'signed_in' },
  { name: 'markNotificationRead', fn: mocked(inboxApi.markNotificationRead), permission: 'signed_in' },
  { name: 'getInboxSummary', fn: mocked(inboxApi.getInboxSummary), permission: 'signed_in' },
  { name: 'getHomeCampaign', fn: mocked(campaignApi.getHomeCampaign), permission: 'signed_in' },
  { name: 'listAlliances', fn: mocked(alliancesApi.listAlliances), permission: 'alliances_read' },
  { name: 'getAlliance', fn: mocked(alliancesApi.getAlliance), permission: 'alliances_read' },
  { name: 'getRotation', fn: mocked(alliancesApi.getRotation), permission: 'alliances_read' },
  { name: 'listActivities', fn: mocked(activitiesApi.listActivities), permission: 'activities_read' },
  { name: 'listAuditEvents', fn: mocked(auditApi.listAuditEvents), permission: 'audit_read' },
  { name: 'verifyAuditChain', fn: mocked(auditApi.verifyAuditChain), permission: 'audit_read' },
  { name: 'listUsers', fn: mocked(usersApi.listUsers), permission: 'users_manage' },
  { name: 'listAllUsers', fn: mocked(usersApi.listAllUsers), permission: 'users_manage' },
  { name: 'listApplications', fn: mocked(applicationsApi.listApplications), permission: 'applications_read' },
  { name: 'listPlans', fn: mocked(plansApi.listPlans), permission: 'plans_read' },
  { name: 'listUnits', fn: mocked(unitsApi.listUnits), permission: 'registry_read' },
  { name: 'listAllUnits', fn: mocked(unitsApi.listAllUnits), permission: 'registry_read' },
];

const UNIT = { id: 12, name: '区审计局' };
const LEAD = { id: 11, name: '区委直属机关工委' };
const OTHER = { id: 13, name: '区财政局' };

const member = (unit: { id: number; name: string }, role: 'lead' | 'member') => ({
  unit,
  role,
  joined_on: '2026-01-01',
  left_on: null,
  first_responsible: '',
  direct_responsible: '',
  liaison: '',
});

const ALLIANCE = {
  id: 1,
  name: '第一联盟',
  batch: 1,
  office_area: { id: 1, name: '行政中心' },
  lead_unit: LEAD,
  rotation_mode: 'per_quarter' as const,
  founded_on: '2026-01-01',
  dissolved_on: null,
  note: '',
  members: [member(LEAD, 'lead'), member(UNIT, 'member'), member(OTHER, 'member')],
};

const OTHER_ALLIANCE = { ...ALLIANCE, id: 2, name: '第二联盟', members: [member({ id: 21, name: '区教育局' }, 'lead')] };

const ROTATION = {
  alliance_id: 1,
  year: new Date().getFullYear(),
  rotation_mode: 'per_quarter' as const,
  order: [11, 12, 13, 11],
  turns: [
    { sequence: 1, host_unit_id: 11, fixed: true, quarter: 1, starts_on: '2026-01-01', ends_on: '2026-03-31' },
    { sequence: 3, host_unit_id: 13, fixed: false, quarter: 3, starts_on: '2026-07-01', ends_on: '2026-09-30' },
    { sequence: 2, host_unit_id: 12, fixed: false, quarter: 2, starts_on: '2026-04-01', ends_on: '2026-06-30' },
  ],
  membership_changes: [],
};

function application(id: number, kind: 'join' | 'found', applicant: { id: number; name: string }) {
  return {
    id,
    kind,
    state: 'under_review',
    applicant_unit: applicant,
    applicant_user: { id: 5, name: '张三' },
    alliance: kind === 'join' ? { id: 1, name: '第一联盟' } : null,
    reason: '',
    name: kind === 'found' ? '滨江联盟' : null,
    proposed_office_area: null,
    proposed_lead_unit: null,
    co_applicants: [],
    created_alliance_id: null,
    created_at: '2026-05-01T02:00:00Z',
    updated_at: '2026-05-02T02:00:00Z',
    closed_at: null,
    steps: [],
    available_actions: ['decide'],
  };
}

function auditEvent(id: number, action: string, outcome: 'success' | 'failure', username = 'zhangsan') {
  return { id, occurred_at: '2026-05-02T02:00:00Z', user_id: 7, username, source_ip: '10.0.0.1', action, object_type: '', object_id: null, outcome, detail: '' };
}

function account(id: number, username: string, displayName: string, patch: Partial<usersApi.UserApi.Account> = {}): usersApi.UserApi.Account {
  return { id, username, display_name: displayName, roles: ['member'], unit_id: 12, must_change_password: false, locked_until: null, locked_by: null, disabled: false, ...patch };
}

function answerEverything(): void {
  mocked(inboxApi.listTodos).mockResolvedValue({
    items: [{ kind: 'application', object_id: 7, action: 'decide', title: '区审计局申请加入第一联盟', link: '/applications/7', since: '2026-05-02T02:00:00Z' }],
    total: 1,
  });
  mocked(inboxApi.getInboxSummary).mockResolvedValue({ unread_notifications: 2, pending_todos: 1 });
  mocked(inboxApi.listNotifications).mockResolvedValue({
    items: [
      { id: 3, kind: 'application', title: '第一联盟的入盟申请已批准', link: '/applications/6', object_type: 'application', object_id: '6', created_at: '2026-05-01T02:00:00Z', read_at: null },
    ],
    total: 1,
    unread: 1,
  });
  mocked(inboxApi.markNotificationRead).mockResolvedValue(undefined);
  mocked(campaignApi.getHomeCampaign).mockRejectedValue(new ApiError(404, 'not_found', 'none'));
  mocked(alliancesApi.listAlliances).mockResolvedValue({ items: [OTHER_ALLIANCE, ALLIANCE], total: 2 });
  mocked(alliancesApi.getRotation).mockResolvedValue(ROTATION);
  mocked(activitiesApi.listActivities).mockResolvedValue({
    items: [
      { id: 41, title: '七一主题党日', state: 'planned', starts_at: '2026-07-01T01:30:00Z', host_unit: UNIT },
      { id: 40, title: '已取消的活动', state: 'cancelled', starts_at: '2026-06-01T01:30:00Z', host_unit: LEAD },
    ] as unknown as activitiesApi.ActivityApi.Activity[],
    total: 2,
  });
  mocked(auditApi.verifyAuditChain).mockResolvedValue({ ok: true, checked: 128, first_broken_id: null });
  mocked(auditApi.listAuditEvents).mockResolvedValue({
    items: [
      auditEvent(90, 'auth.login', 'failure', 'lisi'),
      auditEvent(89, 'auth.login', 'success'),
      auditEvent(88, 'user.create', 'failure', 'sysadmin'),
    ],
    total: 3,
  });
  const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
  const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
  mocked(usersApi.listAllUsers).mockResolvedValue([
    account(1, 'wangwu', '王五', { locked_until: inAnHour, locked_by: 'failed_logins' }),
    account(2, 'zhaoliu', '赵六', { disabled: true }),
    account(3, 'sunqi', '孙七'),
    account(4, 'zhouba', '周八', { locked_until: anHourAgo, locked_by: 'failed_logins' }),
  ]);
  mocked(applicationsApi.listApplications).mockResolvedValue({
    items: [application(7, 'join', UNIT), application(8, 'found', OTHER)] as unknown as applicationsApi.ApplicationApi.Application[],
    total: 3,
  });
  mocked(plansApi.listPlans).mockResolvedValue({
    items: [
      { id: 5, alliance: { id: 1, name: '第一联盟' }, year: 2026, state: 'submitted', version_number: 2, item_count: 8, missing_linkages: [], submitted_at: '2026-03-01T02:00:00Z', updated_at: '2026-03-01T02:00:00Z' },
    ],
    total: 1,
  });
  mocked(unitsApi.listUnits).mockResolvedValue({ items: [], total: 17 });
}

let fetchMock: Mock;

async function mountAs(roles: AuthApi.Role[], unitId: number | null = null): Promise<VueWrapper> {
  const pinia = createPinia();
  setActivePinia(pinia);
  useUserStore().setUser(
    { id: 9, username: 'tester', display_name: '测试用户', roles, unit_id: unitId, must_change_password: false },
    codesFor(roles),
  );
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/dashboard', component: HomePage },
      { path: '/:rest(.*)*', component: defineComponent({ render: () => null }) },
    ],
  });
  await router.push('/dashboard');
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n, ElementPlus] } });
  await flushPromises();
  await flushPromises();
  return wrapper;
}

/** Every API function called holds a permission the role has: no card asks for what it may not read. */
function expectOnlyPermittedCalls(roles: AuthApi.Role[]): void {
  const codes = codesFor(roles);
  const refused = API.filter((api) => api.fn.mock.calls.length > 0 && !codes.includes(api.permission)).map((api) => api.name);
  expect(refused).toEqual([]);
  // And nothing went around the mocked modules.
  expect(fetchMock).not.toHaveBeenCalled();
}

const texts = (wrapper: VueWrapper, testId: string) => wrapper.findAll(`[data-testid="${testId}"]`).map((node) => node.text());
const card = (wrapper: VueWrapper, testId: string) => wrapper.find(`[data-testid="${testId}"]`);

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
  resetInboxSummary();
  resetHomeCampaign();
  answerEverything();
  fetchMock = vi.fn(async () => {
    throw new Error('unexpected fetch');
  });
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  for (const api of API) api.fn.mockReset();
});

describe('home page: committee admin', () => {
  it('sees the pending decisions, the registry figures and its to-dos, with one click to each', async () => {
    const wrapper = await mountAs(['committee_admin'], 11);
    expect(applicationsApi.listApplications).toHaveBeenCalledWith(expect.objectContaining({ state: 'under_review' }));
    expect(plansApi.listPlans).toHaveBeenCalledWith(expect.objectContaining({ state: 'submitted' }));

    const applications = card(wrapper, 'home-pending-applications');
    expect(applications.attributes('data-state')).toBe('ready');
    expect(applications.text()).toContain('待审批的申请（3）');
    expect(texts(wrapper, 'home-pending-application')[0]).toContain('入盟');
    expect(texts(wrapper, 'home-pending-application')[0]).toContain('区审计局 · 第一联盟');
    expect(texts(wrapper, 'home-pending-application')[1]).toContain('拟组建“滨江联盟”');
    expect(applications.find('[data-testid="home-pending-application"] a').attributes('href')).toBe('/applications/7');

    const plans = card(wrapper, 'home-pending-plans');
    expect(plans.text()).toContain('待审核的活动计划（1）');
    expect(texts(wrapper, 'home-pending-plan')).toEqual([expect.stringContaining('第一联盟 2026 年度活动计划')]);
    expect(plans.find('a.home-item-main').attributes('href')).toBe('/plans/5');

    // Active units only; the alliances at work.
    expect(unitsApi.listUnits).toHaveBeenCalledWith(expect.objectContaining({ active: true }));
    expect(card(wrapper, 'home-registry-units-value').text()).toBe('17');
    expect(card(wrapper, 'home-registry-alliances-value').text()).toBe('2');

    // To-dos: the action in Chinese, the link to the application.
    const todo = card(wrapper, 'home-todo');
    expect(todo.text()).toContain('区审计局申请加入第一联盟');
    expect(todo.find('[data-testid="home-todo-handle"]').attributes('href')).toBe('/applications/7');
    expect(card(wrapper, 'home-todos-pending').attributes('data-count')).toBe('1');
    expect(texts(wrapper, 'home-notification')[0]).toContain('第一联盟的入盟申请已批准');

    // Shortcuts come from its menu, not the home page itself.
    const shortcuts = wrapper.findAll('[data-testid="home-shortcut"]').map((node) => node.attributes('data-name'));
    expect(shortcuts).toContain('formation');
    expect(shortcuts).not.toContain('dashboard');
    expect(shortcuts).not.toContain('users');

    // Not its concerns.
    for (const id of ['home-my-alliance', 'home-activities', 'home-audit-chain', 'home-refusals', 'home-accounts']) {
      expect(card(wrapper, id).exists()).toBe(false);
    }
    expect(usersApi.listAllUsers).not.toHaveBeenCalled();
    expect(auditApi.listAuditEvents).not.toHaveBeenCalled();
    expect(auditApi.verifyAuditChain).not.toHaveBeenCalled();
    expect(alliancesApi.getRotation).not.toHaveBeenCalled();
    expect(activitiesApi.listActivities).not.toHaveBeenCalled();
    expectOnlyPermittedCalls(['committee_admin']);
  });

  it('a card that fails shows its own error and retries, the others stay', async () => {
    mocked(plansApi.listPlans).mockRejectedValueOnce(new ApiError(500, 'internal', 'boom'));
    const wrapper = await mountAs(['committee_admin'], 11);
    expect(card(wrapper, 'home-pending-plans').attributes('data-state')).toBe('error');
    expect(card(wrapper, 'home-pending-applications').attributes('data-state')).toBe('ready');
    await card(wrapper, 'home-pending-plans-retry').trigger('click');
    await flushPromises();
    expect(card(wrapper, 'home-pending-plans').attributes('data-state')).toBe('ready');
    expect(plansApi.listPlans).toHaveBeenCalledTimes(2);
  });

  it('nothing pending: each decision card says so', async () => {
    mocked(applicationsApi.listApplications).mockResolvedValue({ items: [], total: 0 });
    mocked(plansApi.listPlans).mockResolvedValue({ items: [], total: 0 });
    const wrapper = await mountAs(['committee_admin'], 11);
    expect(card(wrapper, 'home-pending-applications-empty').text()).toBe('暂无待审批的申请。');
    expect(card(wrapper, 'home-pending-plans-empty').text()).toBe('暂无待审核的活动计划。');
  });
});

describe('home page: unit admin', () => {
  it('sees its alliance, the next hosting turn and its own turn, and the upcoming activities', async () => {
    const wrapper = await mountAs(['unit_admin'], 12);
    expect(alliancesApi.getRotation).toHaveBeenCalledWith(1, new Date().getFullYear());
    const name = card(wrapper, 'home-my-alliance-name');
    expect(name.text()).toBe('第一联盟');
    expect(name.attributes('href')).toBe('/alliances/1');
    const alliance = card(wrapper, 'home-my-alliance');
    expect(alliance.text()).toContain('牵头单位：区委直属机关工委');
    expect(alliance.text()).toContain('成员单位 3 家');
    expect(alliance.text()).toContain('轮值方式：一季时间一轮值');
    // The first turn not yet fixed is the next one: Q2, hosted by the unit itself, named not numbered.
    const next = card(wrapper, 'home-next-turn');
    expect(next.attributes('data-host')).toBe('12');
    expect(next.text()).toContain('区审计局');
    expect(next.text()).toContain('本单位');
    expect(next.text()).toContain('第2季度（2026-04-01 至 2026-06-30）');
    expect(card(wrapper, 'home-my-turn').text()).toBe('本单位承办：第2季度（2026-04-01 至 2026-06-30）');

    // Upcoming activities of the next days, cancelled ones left out, state in Chinese.
    const query = mocked(activitiesApi.listActivities).mock.calls[0][0] ?? {};
    expect(query.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(query.to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const activities = texts(wrapper, 'home-activity');
    expect(activities).toHaveLength(1);
    expect(activities[0]).toContain('七一主题党日');
    expect(activities[0]).toContain('承办：区审计局');
    expect(card(wrapper, 'home-activity').find('a').attributes('href')).toBe('/activities/41');

    for (const id of ['home-pending-applications', 'home-pending-plans', 'home-registry', 'home-audit-chain', 'home-refusals', 'home-accounts']) {
      expect(card(wrapper, id).exists()).toBe(false);
    }
    expect(applicationsApi.listApplications).not.toHaveBeenCalled();
    expect(plansApi.listPlans).not.toHaveBeenCalled();
    expect(usersApi.listAllUsers).not.toHaveBeenCalled();
    expect(auditApi.verifyAuditChain).not.toHaveBeenCalled();
    expectOnlyPermittedCalls(['unit_admin']);
  });

  it('a unit in no alliance is offered to apply; the activities route failing shows an empty list', async () => {
    mocked(alliancesApi.listAlliances).mockResolvedValue({ items: [OTHER_ALLIANCE], total: 1 });
    mocked(activitiesApi.listActivities).mockRejectedValue(new ApiError(404, 'not_found', 'no route'));
    const wrapper = await mountAs(['unit_admin'], 12);
    expect(card(wrapper, 'home-my-alliance-empty').text()).toContain('本单位尚未加入党建联盟。');
    expect(card(wrapper, 'home-my-alliance-apply').attributes('href')).toBe('/applications/new');
    expect(alliancesApi.getRotation).not.toHaveBeenCalled();
    expect(card(wrapper, 'home-activities').attributes('data-state')).toBe('empty');
    expect(card(wrapper, 'home-activities-empty').text()).toBe('近期暂无活动安排。');
  });

  it('a rotation that cannot be read leaves the alliance shown', async () => {
    mocked(alliancesApi.getRotation).mockRejectedValue(new ApiError(500, 'internal', 'boom'));
    const wrapper = await mountAs(['unit_admin'], 12);
    expect(card(wrapper, 'home-my-alliance-name').text()).toBe('第一联盟');
    expect(card(wrapper, 'home-my-alliance-rotation-error').exists()).toBe(true);
  });
});

describe('home page: auditor', () => {
  it('sees the audit chain status and the recent refusals, and nothing of the programme or the inbox', async () => {
    const wrapper = await mountAs(['auditor']);
    const status = card(wrapper, 'home-audit-chain-status');
    expect(status.attributes('data-ok')).toBe('true');
    expect(status.text()).toContain('校验通过：已检查 128 条记录，日志链完整。');

    // Only the failures, with their action in Chinese and never the raw code.
    const query = mocked(auditApi.listAuditEvents).mock.calls[0][0] ?? {};
    expect(query.from).toBeTruthy();
    const refusals = wrapper.findAll('[data-testid="home-refusal"]');
    expect(refusals.map((node) => node.attributes('data-id'))).toEqual(['90', '88']);
    expect(refusals[0].text()).toContain('登录');
    expect(refusals[0].text()).toContain('失败');
    expect(refusals[0].text()).toContain('操作人：lisi');
    expect(card(wrapper, 'home-refusals').text()).not.toContain('auth.login');
    expect(card(wrapper, 'home-refusals-count').attributes('data-count')).toBe('2');

    for (const id of ['home-todos', 'home-notifications', 'home-my-alliance', 'home-pending-applications', 'home-registry', 'home-accounts', 'home-campaign']) {
      expect(card(wrapper, id).exists()).toBe(false);
    }
    expect(inboxApi.listTodos).not.toHaveBeenCalled();
    expect(inboxApi.listNotifications).not.toHaveBeenCalled();
    expect(alliancesApi.listAlliances).not.toHaveBeenCalled();
    expect(unitsApi.listUnits).not.toHaveBeenCalled();
    expect(usersApi.listAllUsers).not.toHaveBeenCalled();
    expect(wrapper.findAll('[data-testid="home-shortcut"]').map((node) => node.attributes('data-name'))).toEqual(['audit']);
    expectOnlyPermittedCalls(['auditor']);
  });

  it('a broken chain is shown as such', async () => {
    mocked(auditApi.verifyAuditChain).mockResolvedValue({ ok: false, checked: 40, first_broken_id: 17 });
    mocked(auditApi.listAuditEvents).mockResolvedValue({ items: [auditEvent(1, 'auth.login', 'success')], total: 1 });
    const wrapper = await mountAs(['auditor']);
    expect(card(wrapper, 'home-audit-chain-status').attributes('data-ok')).toBe('false');
    expect(card(wrapper, 'home-audit-chain-status').text()).toContain('自第 17 号记录起日志链断裂');
    expect(card(wrapper, 'home-refusals-empty').text()).toBe('近 7 天没有被拒绝或失败的操作。');
  });
});

describe('home page: system admin', () => {
  it('sees the locked and disabled accounts by name, and no programme or audit card', async () => {
    const wrapper = await mountAs(['system_admin']);
    const accounts = wrapper.findAll('[data-testid="home-account"]');
    // 周八's lock has run out: it can sign in again.
    expect(accounts.map((node) => [node.attributes('data-id'), node.attributes('data-status')])).toEqual([
      ['1', 'locked'],
      ['2', 'disabled'],
    ]);
    expect(accounts[0].text()).toContain('王五（wangwu）');
    expect(accounts[0].text()).toContain('已锁定');
    expect(accounts[1].text()).toContain('已停用');
    expect(accounts[0].find('a').attributes('href')).toBe('/system/users?q=wangwu');
    expect(card(wrapper, 'home-accounts-summary').text()).toBe('锁定 1 个，停用 1 个');

    // It has an inbox.
    expect(card(wrapper, 'home-todos').exists()).toBe(true);
    for (const id of ['home-audit-chain', 'home-refusals', 'home-my-alliance', 'home-pending-applications', 'home-pending-plans', 'home-registry', 'home-campaign']) {
      expect(card(wrapper, id).exists()).toBe(false);
    }
    expect(auditApi.listAuditEvents).not.toHaveBeenCalled();
    expect(auditApi.verifyAuditChain).not.toHaveBeenCalled();
    expect(alliancesApi.listAlliances).not.toHaveBeenCalled();
    expect(applicationsApi.listApplications).not.toHaveBeenCalled();
    expect(plansApi.listPlans).not.toHaveBeenCalled();
    expect(campaignApi.getHomeCampaign).not.toHaveBeenCalled();
    expectOnlyPermittedCalls(['system_admin']);
  });
});

describe('home page: every role', () => {
  it.each([['member'], ['viewer'], ['committee_admin'], ['unit_admin'], ['system_admin'], ['auditor']] as const)(
    '%s: no card calls an API the role may not use',
    async (role) => {
      await mountAs([role], role === 'unit_admin' || role === 'member' ? 12 : null);
      expectOnlyPermittedCalls([role]);
    },
  );

  it('a notification opens its page and is marked read', async () => {
    const wrapper = await mountAs(['member'], 12);
    await card(wrapper, 'home-notification').find('a').trigger('click');
    await flushPromises();
    expect(inboxApi.markNotificationRead).toHaveBeenCalledWith(3);
  });

  it('the English locale has the same cards in English', async () => {
    i18n.global.locale.value = 'en-US';
    const wrapper = await mountAs(['auditor']);
    expect(card(wrapper, 'home-refusals').text()).toContain('Recent refusals and failures');
    i18n.global.locale.value = 'zh-CN';
  });
});
