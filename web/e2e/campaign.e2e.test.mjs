/**
 * Issue "The yearly campaign": the lead unit of 第二联盟 (区政务服务中心, demo account
 * zhengwu_admin) reworks the alliance's returned plan to cover four linkages and sees the
 * warning naming the other two, submits it; the committee returns it with an opinion; the lead
 * edits an item and resubmits; the committee approves; the version history shows the versions
 * and the comparison shows what changed. Then the plan page is read on a 375 px phone.
 * Run with `npm run e2e` (after `npm run build` and building the server). Routes and shapes:
 * docs/campaign.md.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD, apiOk, chooseOption, login, logout, screenshot, settled, texts, useBrowserSuite } from './harness.mjs';

const TEST_TIMEOUT = 240_000;

const LEAD = 'zhengwu_admin';
const COMMITTEE = 'admin';
const ALLIANCE = '第二联盟';

/** Four items covering four of the six linkages; 优势资源联享 and 作风纪律联抓 stay uncovered. */
const ITEMS = [
  { theme: '共学党的创新理论', linkage: '政治理论联学', kind: '理论学习', month: '5月', place: '政务服务中心三楼会议室' },
  { theme: '两区创建志愿服务', linkage: '实践活动联办', kind: '实践活动', month: '6月', place: '行政服务中心广场' },
  { theme: '党务实务小观摩', linkage: '党员队伍联建', kind: '党务观摩', month: '9月', place: '区科协党员活动室' },
  { theme: '优化营商环境联动', linkage: '中心工作联动', kind: '联盟会议', month: '10月', place: '区投资促进服务中心' },
];
const UNCOVERED = ['优势资源联享', '作风纪律联抓'];
const RETURN_OPINION = '请补充活动的具体时间安排，并完善实践活动的地点。';
const EDITED_THEME = '两区创建志愿服务（周末集中开展）';

describe('联建 annual plan review, end to end', () => {
  const { withPage } = useBrowserSuite();

  /** Waits for the plan page of `planId` and returns its state. */
  async function openPlan(page, planId) {
    await page.goto(`/plans/${planId}`);
    await page.getByTestId('plan-detail-state').waitFor();
    await settled(page);
    return page.getByTestId('plan-detail-state').getAttribute('data-state');
  }

  async function waitForState(page, state) {
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="plan-detail-state"]')?.dataset.state === expected,
      state,
    );
  }

  /** Clicks a review button whose request goes out after the confirm box (submit, revise). */
  async function confirmedAction(page, action) {
    await page.getByTestId(`plan-action-${action}`).click();
    // Only the box on screen (an earlier one may linger hidden in the page).
    const box = page.locator('.el-message-box').filter({ visible: true });
    await box.waitFor();
    const answer = page.waitForResponse(
      (response) => response.url().endsWith(`/${action}`) && response.request().method() === 'POST',
    );
    await box.locator('.el-message-box__btns .el-button--primary').click();
    const response = await answer;
    assert.equal(response.status(), 200, `${action}: ${await response.text()}`);
    await box.waitFor({ state: 'hidden' });
  }

  /** The committee's 通过 / 退回 with an opinion. */
  async function review(page, action, opinion) {
    await page.getByTestId(`plan-action-${action}`).click();
    const dialog = page.locator(`[data-testid="plan-review-dialog"][data-action="${action}"]`);
    await dialog.getByTestId('plan-review-opinion').waitFor();
    await dialog.getByTestId('plan-review-opinion').fill(opinion);
    const answer = page.waitForResponse(
      (response) => response.url().endsWith(`/${action}`) && response.request().method() === 'POST',
    );
    await dialog.getByTestId('plan-review-submit').click();
    const response = await answer;
    assert.equal(response.status(), 200, `${action}: ${await response.text()}`);
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Saves the editor and waits for the server's answer and the page to show the plan again. */
  async function save(page) {
    const answer = page.waitForResponse((response) => /\/api\/v1\/plans\/\d+$/.test(response.url()) && response.request().method() === 'PUT');
    await page.getByTestId('plan-save').click();
    const response = await answer;
    assert.equal(response.status(), 200, `save: ${await response.text()}`);
    await page.getByTestId('plan-editor').waitFor({ state: 'hidden' });
    await settled(page);
  }

  test('the lead writes, the committee returns, the lead revises, the committee approves; versions compare', { timeout: TEST_TIMEOUT }, async () => {
    let planId;

    // ---- The lead unit of 第二联盟 finds its returned plan under 活动计划.
    await withPage({ viewport: { width: 1366, height: 1000 } }, async (page) => {
      await login(page, LEAD, DEMO_PASSWORD, '/dashboard');
      // The home page shows the campaign: the current phase (or none) and the next deadline.
      await page.getByTestId('home-campaign').waitFor();
      await page.getByTestId('home-campaign-phase').waitFor();
      const home = await apiOk(page, 'GET', '/api/v1/home/campaign');
      assert.equal((await page.getByTestId('home-campaign-phase').getAttribute('data-phase')) || null, home.current_phase);
      if (home.current_phase) {
        // The current phase shows in the header on every page.
        await page.locator(`[data-testid="header-phase"][data-phase="${home.current_phase}"]`).waitFor();
      }
      if (home.next_deadline) {
        assert.equal(await page.getByTestId('home-campaign-days').getAttribute('data-days'), String(home.next_deadline.days_left));
      }
      await page.getByTestId('menu-plans').click();
      await page.waitForURL((url) => url.pathname === '/plans');
      await settled(page);
      const row = page.locator(`[data-testid="plan-row"][data-alliance="${ALLIANCE}"]`);
      await row.waitFor();
      planId = Number(await row.getAttribute('data-id'));
      assert.ok(planId > 0);
      await page.locator(`[data-testid="plan-open"][data-id="${planId}"]`).click();
      await page.waitForURL((url) => url.pathname === `/plans/${planId}`);
      await page.getByTestId('plan-detail-state').waitFor();
      await settled(page);
      assert.equal(await page.getByTestId('plan-detail-state').getAttribute('data-state'), 'returned');
      // The demo's return opinion is in the review history.
      const returned = await page.locator('[data-testid="plan-step"][data-action="return"]').count();
      assert.ok(returned >= 1, 'the demo plan was returned with an opinion');

      // ---- Replace the items with four covering four linkages.
      await page.getByTestId('plan-action-edit').click();
      const editor = page.getByTestId('plan-editor');
      await editor.waitFor();
      while ((await editor.getByTestId('plan-item-row').count()) > 0) {
        await editor.getByTestId('plan-item-remove').first().click();
      }
      for (const [index, item] of ITEMS.entries()) {
        await editor.getByTestId('plan-item-add').click();
        const row = editor.locator(`[data-testid="plan-item-row"][data-index="${index}"]`);
        await row.waitFor();
        await row.getByTestId('plan-item-theme').fill(item.theme);
        await chooseOption(page, row, 'plan-item-linkage', item.linkage);
        await chooseOption(page, row, 'plan-item-kind', item.kind);
        await chooseOption(page, row, 'plan-item-month', item.month);
        await row.getByTestId('plan-item-place').fill(item.place);
      }
      // The live grid already warns about the two linkages left out.
      const liveWarning = editor.getByTestId('plan-coverage-warning');
      await liveWarning.waitFor();
      assert.equal(await liveWarning.getAttribute('data-missing'), 'resource_sharing,conduct_discipline');
      await save(page);

      // The saved plan: four items, the server's warning names the other two linkages.
      assert.equal(await page.getByTestId('plan-item').count(), 4);
      const warning = page.getByTestId('plan-coverage-warning');
      await warning.waitFor();
      const warningText = await warning.innerText();
      for (const name of UNCOVERED) assert.match(warningText, new RegExp(name), `the warning names ${name}`);
      for (const item of ITEMS) assert.doesNotMatch(warningText, new RegExp(item.linkage));
      const covered = await page
        .getByTestId('plan-coverage-row')
        .evaluateAll((nodes) => nodes.filter((node) => Number(node.dataset.total) > 0).map((node) => node.dataset.linkage));
      assert.deepEqual(covered, ['theory_study', 'joint_practice', 'team_building', 'central_work']);
      await screenshot(page, 'plan-four-linkages');

      await confirmedAction(page, 'submit');
      await waitForState(page, 'submitted');
      // Under review the lead may no longer edit.
      assert.equal(await page.getByTestId('plan-action-edit').count(), 0);
      await logout(page);

      // ---- The committee returns it with an opinion.
      await login(page, COMMITTEE, DEMO_PASSWORD, '/dashboard');
      assert.equal(await openPlan(page, planId), 'submitted');
      await review(page, 'return', RETURN_OPINION);
      await waitForState(page, 'returned');
      await page.waitForFunction(
        (text) => [...document.querySelectorAll('[data-testid="plan-step-opinion"]')].some((node) => node.textContent.includes(text)),
        RETURN_OPINION,
      );
      await logout(page);

      // ---- The lead reads the opinion, edits one item and resubmits.
      await login(page, LEAD, DEMO_PASSWORD, '/dashboard');
      assert.equal(await openPlan(page, planId), 'returned');
      assert.match(await page.getByTestId('plan-steps').innerText(), new RegExp(RETURN_OPINION.slice(0, 10)));
      await page.getByTestId('plan-action-edit').click();
      const again = page.getByTestId('plan-editor');
      await again.waitFor();
      // The practice item (the server may have ordered the items by month).
      const index = await again
        .getByTestId('plan-item-theme')
        .evaluateAll((nodes, theme) => nodes.findIndex((node) => node.value === theme), ITEMS[1].theme);
      assert.ok(index >= 0, 'the practice item is in the editor');
      const target = again.getByTestId('plan-item-row').nth(index);
      await target.getByTestId('plan-item-theme').fill(EDITED_THEME);
      await chooseOption(page, target, 'plan-item-month', '7月');
      await target.getByTestId('plan-item-place').fill('行政服务中心东广场');
      await save(page);
      assert.equal(await page.getByTestId('plan-item').count(), 4);
      assert.ok((await page.getByTestId('plan-items').innerText()).includes(EDITED_THEME));
      await confirmedAction(page, 'submit');
      await waitForState(page, 'submitted');
      await logout(page);

      // ---- The committee approves.
      await login(page, COMMITTEE, DEMO_PASSWORD, '/dashboard');
      assert.equal(await openPlan(page, planId), 'submitted');
      await review(page, 'approve', '同意该活动计划。');
      await waitForState(page, 'approved');
      const actions = await page.getByTestId('plan-step').evaluateAll((nodes) => nodes.map((node) => node.dataset.action));
      assert.ok(actions.filter((action) => action === 'submit').length >= 2, `steps: ${actions.join(',')}`);
      assert.ok(actions.includes('return'));
      assert.equal(actions[actions.length - 1], 'approve');

      // ---- Version history: every version kept; the comparison shows the differences.
      const versions = await apiOk(page, 'GET', `/api/v1/plans/${planId}/versions`);
      assert.ok(versions.total >= 2, `versions: ${JSON.stringify(versions)}`);
      await page.locator('[data-testid="plan-version-row"]').nth(versions.total - 1).waitFor();
      const numbers = await page
        .getByTestId('plan-version-row')
        .evaluateAll((nodes) => nodes.map((node) => Number(node.dataset.number)));
      assert.equal(numbers.length, versions.total);
      const newest = Math.max(...numbers);
      const oldest = Math.min(...numbers);

      // The two newest versions: the item edited after the return is a changed item, its fields highlighted.
      await page.getByTestId('plan-compare-run').click();
      const comparison = page.getByTestId('plan-compare');
      await comparison.waitFor();
      const changed = comparison.getByTestId('plan-compare-changed-item');
      if ((await changed.count()) > 0) {
        const fields = (await changed.first().getAttribute('data-fields')).split(',');
        assert.ok(fields.includes('theme'), `changed fields ${fields}`);
        const highlighted = await changed.first().getByTestId('plan-compare-new').evaluateAll((nodes) => nodes.map((node) => node.dataset.field));
        assert.ok(highlighted.includes('theme') && highlighted.includes('month'), `highlighted ${highlighted}`);
        assert.match(await changed.first().innerText(), new RegExp(EDITED_THEME.slice(0, 8)));
      } else {
        // The server kept the returned version's items in one version: the edit shows against the oldest.
        assert.ok(numbers.length >= 2);
      }

      // The oldest against the newest: the demo's items removed, the four new ones added.
      await chooseOption(page, page, 'plan-compare-from', `第 ${oldest} 版`);
      await chooseOption(page, page, 'plan-compare-to', `第 ${newest} 版`);
      const compared = page.waitForResponse((response) => response.url().includes(`/compare?from=${oldest}&to=${newest}`));
      await page.getByTestId('plan-compare-run').click();
      assert.equal((await compared).status(), 200);
      await page.waitForFunction(
        ([from, to]) => {
          const node = document.querySelector('[data-testid="plan-compare"]');
          return node && node.dataset.from === String(from) && node.dataset.to === String(to);
        },
        [oldest, newest],
      );
      const added = await texts(page, 'plan-compare-added-item');
      const edits = await page.getByTestId('plan-compare-changed-item').count();
      assert.ok(added.length + edits > 0, 'the comparison shows what the lead changed');
      assert.equal(await page.getByTestId('plan-compare-empty').count(), 0);
      await screenshot(page, 'plan-approved-compare');
    });

    // ---- On a phone (375 px) the plan reads without the page sliding sideways.
    await withPage({ viewport: { width: 375, height: 812 } }, async (page) => {
      await login(page, LEAD, DEMO_PASSWORD, '/dashboard');
      assert.equal(await openPlan(page, planId), 'approved');
      await page.getByTestId('plan-coverage-grid').waitFor();
      await page.getByTestId('plan-item').first().waitFor();
      const overflow = await page.evaluate(() => {
        const main = document.querySelector('.layout-main');
        return {
          document: document.documentElement.scrollWidth - window.innerWidth,
          body: document.body.scrollWidth - window.innerWidth,
          main: main ? main.scrollWidth - main.clientWidth : 0,
        };
      });
      assert.ok(overflow.document <= 1, `page is ${overflow.document}px wider than the phone`);
      assert.ok(overflow.body <= 1, `body is ${overflow.body}px wider than the phone`);
      assert.ok(overflow.main <= 1, `the content area slides sideways by ${overflow.main}px`);
      // The wide grid scrolls inside itself.
      const grid = await page.evaluate(() => {
        const scroller = document.querySelector('[data-testid="plan-coverage"] .coverage-scroll');
        return { scroll: scroller.scrollWidth, client: scroller.clientWidth };
      });
      assert.ok(grid.scroll > grid.client, 'the coverage grid scrolls sideways inside its box');
      // Every review button is on screen, none cut off.
      const buttons = await page
        .getByTestId('plan-actions')
        .locator('button')
        .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect()).map((box) => ({ left: box.left, right: box.right })));
      for (const box of buttons) assert.ok(box.left >= 0 && box.right <= 375, `button at ${box.left}–${box.right}`);
      await screenshot(page, 'plan-phone');
    });
  });
});
