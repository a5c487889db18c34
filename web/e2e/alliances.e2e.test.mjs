/**
 * Issue "Alliances … applications": a unit in no alliance applies to join 第三联盟; the lead
 * unit (区委编办) is consulted through its to-do list, the committee approves, and the unit is
 * then a member of the alliance and in its hosting rotation.
 * Run with `npm run e2e` (after `npm run build` and building the server).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEMO_PASSWORD,
  apiOk,
  login,
  logout,
  screenshot,
  settled,
  texts,
  useBrowserSuite,
} from './harness.mjs';

const TEST_TIMEOUT = 150_000;

const NEW_UNIT = '区地方志办';
const NEW_UNIT_ADMIN = 'difangzhi_admin';
const ALLIANCE = '第三联盟';

describe('联建 alliance applications, end to end', () => {
  const { withPage } = useBrowserSuite();

  /** The number on the header's bell (0 when the badge is hidden). */
  async function badgeNumber(page) {
    const content = page.getByTestId('inbox-badge-count').locator('.el-badge__content');
    if (!(await content.isVisible())) return 0;
    return Number((await content.innerText()).trim().replace('+', ''));
  }

  /** Opens 待办 from the menu and follows the to-do of application `id`. */
  async function openTodo(page, id) {
    await page.getByTestId('menu-todos').click();
    await page.waitForURL((url) => url.pathname === '/todos');
    const item = page.locator(`[data-testid="todo-item"][data-id="${id}"]`);
    await item.waitFor();
    await settled(page);
    await page.locator(`[data-testid="todo-handle"][data-id="${id}"]`).click();
    await page.waitForURL((url) => url.pathname === `/applications/${id}`);
    await page.getByTestId('application-detail-state').waitFor();
    await settled(page);
  }

  /** Runs an action of the application detail page with agree/approve and an opinion. */
  async function act(page, action, opinion) {
    await page.getByTestId(`application-action-${action}`).click();
    const dialog = page.locator(`[data-testid="application-action-dialog"][data-action="${action}"]`);
    await dialog.getByTestId('application-action-opinion').waitFor();
    await dialog.getByTestId('application-action-yes').click();
    await dialog.getByTestId('application-action-opinion').fill(opinion);
    const answer = page.waitForResponse(
      (response) => /\/api\/v1\/applications\/\d+\//.test(response.url()) && response.request().method() === 'POST',
    );
    await dialog.getByTestId('application-action-submit').click();
    const response = await answer;
    assert.equal(response.status(), 200, `${action}: ${await response.text()}`);
    await dialog.waitFor({ state: 'hidden' });
  }

  async function stateOf(page) {
    return page.getByTestId('application-detail-state').getAttribute('data-state');
  }

  test('a new unit applies to join 第三联盟; the lead unit agrees, the committee approves; the unit joins the rotation', { timeout: TEST_TIMEOUT }, async () => {
    let unitId;
    let allianceId;

    // ---- The committee registers the unit (人防大楼办公区, in no alliance).
    await withPage({}, async (page) => {
      await login(page, 'admin', DEMO_PASSWORD, '/dashboard');
      const areas = (await apiOk(page, 'GET', '/api/v1/office-areas')).items;
      const area = areas.find((item) => item.name === '人防大楼办公区');
      assert.ok(area, `人防大楼办公区 among ${areas.map((item) => item.name).join(',')}`);
      const unit = await apiOk(
        page,
        'POST',
        '/api/v1/units',
        { name: NEW_UNIT, short_name: '地方志办', kind: 'unit', office_area_id: area.id, party_member_count: 9 },
        201,
      );
      unitId = unit.id;
      const alliances = (await apiOk(page, 'GET', '/api/v1/alliances')).items;
      const third = alliances.find((item) => item.name === ALLIANCE);
      assert.ok(third);
      allianceId = third.id;
      assert.equal(third.lead_unit.name, '区委编办');
      const detail = await apiOk(page, 'GET', `/api/v1/alliances/${allianceId}`);
      assert.ok(!detail.members.some((member) => member.unit.id === unitId));
      await logout(page);

      // ---- The system admin gives it a unit admin account (known password, no forced change).
      await login(page, 'sysadmin', DEMO_PASSWORD, '/dashboard');
      const account = await apiOk(page, 'POST', '/api/v1/users', {
        username: NEW_UNIT_ADMIN,
        display_name: `${NEW_UNIT}管理员`,
        roles: ['unit_admin'],
        unit_id: unitId,
        password: DEMO_PASSWORD,
        must_change_password: false,
      });
      assert.equal(account.username, NEW_UNIT_ADMIN);
      assert.equal(account.generated_password, undefined);
    });

    // ---- The unit admin applies through 申请 → 新建.
    let applicationId;
    const reason = '我单位与区委编办同在人防大楼办公区，希望加入第三联盟共同开展党建活动。';
    await withPage({}, async (page) => {
      await login(page, NEW_UNIT_ADMIN, DEMO_PASSWORD, '/dashboard');
      await page.getByTestId('menu-applications').click();
      await page.waitForURL((url) => url.pathname === '/applications');
      await settled(page);
      await page.getByTestId('application-create').click();
      await page.waitForURL((url) => url.pathname === '/applications/new');
      await page.getByTestId('application-create-page').waitFor();
      await settled(page);
      await page.waitForFunction(
        (name) => document.querySelector('[data-testid="application-own-unit"]')?.textContent.trim() === name,
        NEW_UNIT,
      );
      assert.equal(await page.getByTestId('application-blocked').count(), 0, 'the unit may apply');
      // 入盟 is the default kind.
      assert.ok(await page.getByTestId('application-kind-join').locator('input').isChecked());
      await page.getByTestId('application-alliance').click();
      const option = page.getByTestId(`application-alliance-option-${allianceId}`);
      assert.match(await option.innerText(), new RegExp(`${ALLIANCE} · 人防大楼办公区 · 区委编办`));
      await option.click();
      await option.waitFor({ state: 'hidden' });
      await page.getByTestId('application-reason').fill(reason);
      await page.getByTestId('application-submit').click();
      await page.waitForURL((url) => /^\/applications\/\d+$/.test(url.pathname));
      applicationId = Number(new URL(page.url()).pathname.split('/').pop());
      await page.getByTestId('application-detail-state').waitFor();
      await settled(page);
      assert.equal(await stateOf(page), 'consulting');
      assert.match(await page.getByTestId('application-detail-title').innerText(), new RegExp(NEW_UNIT));
      assert.equal((await page.getByTestId('application-detail-alliance').innerText()).trim(), ALLIANCE);
      // The applicant may only withdraw.
      assert.deepEqual(
        await page.getByTestId('application-actions').locator('button').evaluateAll((nodes) => nodes.map((n) => n.dataset.testid)),
        ['application-action-withdraw'],
      );
    });

    // ---- The lead unit (区委编办) sees the to-do and agrees.
    await withPage({}, async (page) => {
      await login(page, 'bianban_admin', DEMO_PASSWORD, '/dashboard');
      await page.waitForFunction(() => {
        const badge = document.querySelector('[data-testid="inbox-badge-count"] .el-badge__content');
        return badge && getComputedStyle(badge).display !== 'none' && Number(badge.textContent.trim()) >= 1;
      });
      assert.ok((await badgeNumber(page)) >= 1);
      const summary = await apiOk(page, 'GET', '/api/v1/inbox/summary');
      assert.ok(summary.pending_todos >= 1, JSON.stringify(summary));
      await openTodo(page, applicationId);
      assert.equal(await stateOf(page), 'consulting');
      await act(page, 'consult', '同意该单位加入第三联盟。');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="application-detail-state"]')?.dataset.state === 'under_review',
      );
      // Done here: nothing left to do on it, and the to-do is gone.
      await page.getByTestId('application-no-actions').waitFor();
      await page.getByTestId('menu-todos').click();
      await page.waitForURL((url) => url.pathname === '/todos');
      await settled(page);
      assert.equal(await page.locator(`[data-testid="todo-item"][data-id="${applicationId}"]`).count(), 0);
    });

    // ---- The committee approves from 待办. (A tall window: the app scrolls inside its layout,
    // so a "full page" screenshot only holds the viewport; the rotation panel is long.)
    await withPage({ viewport: { width: 1366, height: 1200 } }, async (page) => {
      await login(page, 'admin', DEMO_PASSWORD, '/dashboard');
      await openTodo(page, applicationId);
      assert.equal(await stateOf(page), 'under_review');
      await act(page, 'decide', '经审核，批准加入。');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="application-detail-state"]')?.dataset.state === 'approved',
      );
      await page.getByTestId('application-no-actions').waitFor();
      await settled(page);
      const steps = page.getByTestId('application-step');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="application-step"]').length >= 3);
      const actions = await steps.evaluateAll((nodes) => nodes.map((node) => node.dataset.action));
      assert.deepEqual(actions, ['submit', 'consult', 'decide']);
      const timeline = await page.getByTestId('application-steps').innerText();
      assert.match(timeline, /同意该单位加入第三联盟。/);
      assert.match(timeline, /经审核，批准加入。/);
      await screenshot(page, 'application-approved-timeline');

      // ---- 联盟 detail: the unit is a member, and in the hosting rotation.
      await page.getByTestId('application-detail-alliance').click();
      await page.waitForURL((url) => url.pathname === `/alliances/${allianceId}`);
      await page.getByTestId('alliance-detail-name').waitFor();
      await settled(page);
      assert.equal((await page.getByTestId('alliance-detail-name').innerText()).trim(), ALLIANCE);
      await page.locator(`[data-testid="alliance-detail-member"][data-id="${unitId}"]`).waitFor();
      const members = await texts(page, 'alliance-detail-member');
      assert.ok(members.includes(NEW_UNIT), `members: ${members.join(',')}`);
      assert.ok(members.includes('区委编办'));
      await screenshot(page, 'alliance-detail-joined');

      await page.getByTestId('alliance-detail-tabs').locator('.el-tabs__item').filter({ hasText: '轮值安排' }).click();
      const panel = page.getByTestId('rotation-panel');
      await panel.waitFor();
      await panel.getByTestId('rotation-order-item').first().waitFor();
      await settled(page);
      const order = await panel
        .getByTestId('rotation-order-item')
        .evaluateAll((nodes) => nodes.map((node) => Number(node.dataset.id)));
      assert.ok(order.includes(unitId), `hosting order ${order.join(',')} includes the new unit ${unitId}`);
      assert.equal(order.length, members.length, 'every member has a place in the hosting order');
      const hosts = await panel
        .getByTestId('rotation-turn-host')
        .evaluateAll((nodes) => nodes.map((node) => Number(node.dataset.id)));
      assert.ok(hosts.includes(unitId), `upcoming hosts ${hosts.join(',')} include the new unit ${unitId}`);
      // The year's membership changes show the joining.
      assert.match(await panel.getByTestId('rotation-changes').innerText(), new RegExp(NEW_UNIT));
      await screenshot(page, 'alliance-rotation-joined');
    });
  });
});
