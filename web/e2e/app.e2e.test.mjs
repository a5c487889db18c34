/**
 * Browser flows against a real server (demo data) and the production build in web/dist.
 * Run with `npm run e2e` (after `npm run build` and building the server).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  chooseOption,
  DEMO_PASSWORD,
  login,
  logout,
  screenshot,
  submitLogin,
  useBrowserSuite,
} from './harness.mjs';

const TEST_TIMEOUT = 90_000;

/**
 * The side menu of committee_admin and of viewer (see web/src/router/routes.ts: both may open
 * every programme page; neither sees 账号管理 or 审计日志).
 */
const PROGRAMME_MENU = [
  'menu-dashboard',
  'menu-office-areas',
  'menu-units',
  'menu-members',
  'menu-alliances',
  'menu-applications',
  'menu-campaign',
  'menu-checklist',
  'menu-plans',
  'menu-activities',
  'menu-ledger',
  'menu-responsibility',
  'menu-todos',
];
const PROGRAMME_MENU_LABELS = ['首页', '办公区', '单位', '党员', '联盟', '申请', '年度工作', '参考清单', '活动计划', '活动', '台账', '责任书', '待办'];
/** The committee also forms alliances (联盟组建建议, permission formation_suggest); the viewer does not. */
const COMMITTEE_MENU = [...PROGRAMME_MENU.slice(0, 5), 'menu-formation', ...PROGRAMME_MENU.slice(5)];

/** Innertexts of all elements with the test id, trimmed. */
async function texts(page, testId) {
  return (await page.getByTestId(testId).allInnerTexts()).map((text) => text.trim());
}

/** Waits until no Element Plus loading mask is shown. */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask'), null, { timeout: 15_000 });
}

/** The test ids of the side menu entries, in menu order. */
async function menuTestIds(page) {
  return page
    .locator('[data-testid="side-menu"] [data-testid^="menu-"]:not([data-testid="menu-logo"])')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')));
}

describe('联建 web app, end to end', () => {
  const { withPage } = useBrowserSuite();

  test('committee admin: menu, alliances, unit search, logout', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      // Not signed in: "/" leads to the login page.
      await page.goto('/');
      await page.waitForURL((url) => url.pathname === '/login');
      await page.getByTestId('login-submit').waitFor();
      await screenshot(page, 'login');

      await submitLogin(page, 'admin', DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname === '/dashboard');
      await page.getByTestId('dashboard-welcome').waitFor();
      assert.match(await page.getByTestId('dashboard-welcome').innerText(), /区委直属机关工委管理员/);

      // Menu: the programme pages, not the account or audit pages (三员分立).
      assert.deepEqual(await menuTestIds(page), COMMITTEE_MENU);
      const menu = page.getByTestId('side-menu');
      for (const label of PROGRAMME_MENU_LABELS) {
        assert.equal(await menu.getByText(label, { exact: true }).count(), 1, `menu entry ${label}`);
      }
      for (const label of ['账号管理', '审计日志']) {
        assert.equal(await menu.getByText(label, { exact: true }).count(), 0, `no menu entry ${label}`);
      }
      // The dashboard counters load (no skeleton left) before the picture.
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid$="-value"] .el-skeleton').length === 0,
      );
      await screenshot(page, 'dashboard');

      // 联盟: the three demo alliances; 第三联盟 is led by 区委编办.
      await page.getByTestId('menu-alliances').click();
      await page.waitForURL((url) => url.pathname === '/alliances');
      await page.getByTestId('alliance-card').first().waitFor();
      await settled(page);
      assert.deepEqual(await texts(page, 'alliance-name'), ['第一联盟', '第二联盟', '第三联盟']);
      const third = page.getByTestId('alliance-card').filter({
        has: page.getByTestId('alliance-name').getByText('第三联盟', { exact: true }),
      });
      assert.equal(await third.count(), 1);
      assert.equal((await third.getByTestId('alliance-lead-unit').innerText()).trim(), '区委编办');
      await screenshot(page, 'alliances');

      // 单位: the whole list, then a search for “审计”.
      await page.getByTestId('menu-units').click();
      await page.waitForURL((url) => url.pathname === '/units');
      await page.getByTestId('unit-row').first().waitFor();
      await settled(page);
      const allUnits = await texts(page, 'unit-row');
      assert.ok(allUnits.length >= 10, `expected the demo units, got ${allUnits.length}`);
      assert.ok(allUnits.includes('区审计局'));
      await screenshot(page, 'units');

      await page.getByTestId('unit-search-q').fill('审计');
      await page.getByTestId('unit-search-submit').click();
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid="unit-row"]')];
        return rows.length === 1 && rows[0].textContent.trim() === '区审计局';
      });
      assert.deepEqual(await texts(page, 'unit-row'), ['区审计局']);

      // A page of another role is refused, not shown.
      await page.goto('/system/users');
      await page.waitForURL((url) => url.pathname === '/403');

      await page.goto('/dashboard');
      await page.getByTestId('dashboard-welcome').waitFor();
      await logout(page);
      // Signed out for real: a protected page leads back to the login page.
      await page.goto('/units');
      await page.waitForURL((url) => url.pathname === '/login');
    });
  });

  test('system admin creates an account; the new user must change the generated password', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await login(page, 'sysadmin', DEMO_PASSWORD, '/dashboard');
      await page.getByTestId('menu-users').click();
      await page.waitForURL((url) => url.pathname === '/system/users');
      await page.getByTestId('user-row').first().waitFor();
      await settled(page);
      assert.ok((await page.locator('[data-testid="user-row"][data-username="viewer"]').count()) === 1);
      await screenshot(page, 'users');

      // Create e2e_viewer (role viewer, no password: the server generates one).
      await page.getByTestId('user-create-button').click();
      const dialog = page.getByTestId('user-create-dialog');
      await dialog.getByTestId('user-form-username').fill('e2e_viewer');
      await dialog.getByTestId('user-form-display-name').fill('端到端测试查看员');
      await dialog.getByTestId('user-form-roles').click();
      await page.getByTestId('user-form-role-viewer').click();
      // Close the (multiple) select's dropdown by clicking the dialog title.
      await page.locator('.el-dialog__title').filter({ hasText: /\S/ }).last().click();
      await page.getByTestId('user-form-role-viewer').waitFor({ state: 'hidden' });
      assert.equal(await dialog.getByTestId('user-form-password').inputValue(), '');
      await dialog.getByTestId('user-create-submit').click();

      const generatedDialog = page.getByTestId('generated-password-dialog');
      await generatedDialog.getByTestId('generated-password-value').waitFor();
      const generated = (await generatedDialog.getByTestId('generated-password-value').innerText()).trim();
      assert.ok(generated.length >= 8, `generated password looks too short: ${JSON.stringify(generated)}`);
      await screenshot(page, 'users-generated-password');
      await generatedDialog.getByTestId('generated-password-close').click();
      await generatedDialog.waitFor({ state: 'hidden' });
      await page.locator('[data-testid="user-row"][data-username="e2e_viewer"]').waitFor();
      await logout(page);

      // First login with the generated password: forced to /password, nothing else opens.
      await submitLogin(page, 'e2e_viewer', generated);
      await page.waitForURL((url) => url.pathname === '/password');
      await page.getByTestId('password-forced').waitFor();
      await page.goto('/units');
      await page.waitForURL((url) => url.pathname === '/password');
      await page.getByTestId('password-forced').waitFor();
      await screenshot(page, 'password-forced');

      const newPassword = 'New-Pass-2026x';
      await page.getByTestId('password-current').fill(generated);
      await page.getByTestId('password-new').fill(newPassword);
      await page.getByTestId('password-confirm').fill(newPassword);
      assert.equal(
        await page.locator('[data-testid="password-policy"] li[data-ok="false"]').count(),
        0,
        'every policy item is met',
      );
      await page.getByTestId('password-submit').click();

      // The server ends every session of the account, this one included: the app sends the
      // user to the login page and says why.
      await page.waitForURL((url) => url.pathname === '/login', { timeout: 15_000 });
      await page.getByTestId('login-submit').waitFor();
      await page.locator('.el-message').filter({ hasText: '密码已修改，请使用新密码重新登录' }).waitFor();
      await screenshot(page, 'password-changed');
      // The old session is really gone.
      const me = await page.request.get('/api/v1/auth/me');
      assert.equal(me.status(), 401, 'no session after the password change');
      await submitLogin(page, 'e2e_viewer', newPassword);
      await page.waitForURL((url) => url.pathname === '/dashboard');

      // Usable now: the dashboard greets the new user and 单位 lists units.
      await page.getByTestId('dashboard-welcome').waitFor();
      assert.match(await page.getByTestId('dashboard-welcome').innerText(), /端到端测试查看员/);
      await page.getByTestId('menu-units').click();
      await page.waitForURL((url) => url.pathname === '/units');
      await page.getByTestId('unit-row').first().waitFor();
      assert.deepEqual(await menuTestIds(page), PROGRAMME_MENU);

      // The generated password is gone; the new one works.
      const oldLogin = await page.request.post('/api/v1/auth/login', {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
        data: { username: 'e2e_viewer', password: generated },
      });
      assert.equal(oldLogin.status(), 401);
      await logout(page);
      await login(page, 'e2e_viewer', newPassword, '/dashboard');
    });
  });

  test('Enter in the password field signs in with one request', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await page.goto('/login');
      const posts = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/api/v1/auth/login')) posts.push(request);
      });
      // A wrong password first: one attempt must count once.
      await page.getByTestId('login-username').fill('viewer');
      await page.getByTestId('login-password').fill('Wrong-Pass-Enter');
      await page.getByTestId('login-password').press('Enter');
      await page.getByTestId('login-error').waitFor();
      await page.waitForTimeout(500);
      assert.equal(posts.length, 1, 'one POST /auth/login for one Enter');
      assert.doesNotMatch(await page.locator('.el-form-item__error').allInnerTexts().then((all) => all.join(' ')), /请输入密码/);
      // Then the right one, by Enter again: one more request, and the workbench.
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-password').press('Enter');
      await page.waitForURL((url) => url.pathname === '/dashboard');
      await page.waitForTimeout(300);
      assert.equal(posts.length, 2, 'one more POST /auth/login for the second Enter');
    });
  });

  test('five wrong passwords lock the account and the login page says until when', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await page.goto('/login');
      const error = page.getByTestId('login-error');
      const loginAnswer = () => page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'));
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        const answer = loginAnswer();
        await submitLogin(page, 'viewer', `Wrong-Pass-${attempt}x`);
        assert.equal((await answer).status(), 401, `attempt ${attempt}`);
        await error.waitFor();
        const text = (await error.innerText()).trim();
        assert.ok(text.length > 0);
        assert.doesNotMatch(text, /锁定/, `attempt ${attempt} must not lock yet: ${text}`);
        // The form clears the password after a failure.
        assert.equal(await page.getByTestId('login-password').inputValue(), '');
      }
      const before = Date.now();
      const fifth = loginAnswer();
      await submitLogin(page, 'viewer', 'Wrong-Pass-5x');
      assert.equal((await fifth).status(), 423, 'the fifth wrong password locks');
      await page.waitForFunction(() =>
        /锁定/.test(document.querySelector('[data-testid="login-error"]')?.textContent ?? ''),
      );
      const message = (await error.innerText()).trim();
      const match = message.match(/账号已锁定，将于 (\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) 解锁/);
      assert.ok(match, `lockout message with an unlock time, got: ${message}`);
      // Shown in the browser's (= this machine's) local time, about 15 minutes from now.
      const [, y, mo, d, h, mi, s] = match.map(Number);
      const unlock = new Date(y, mo - 1, d, h, mi, s).getTime();
      const minutes = (unlock - before) / 60_000;
      assert.ok(minutes > 13 && minutes < 17, `unlock in about 15 minutes, got ${minutes.toFixed(1)}`);
      assert.equal(new URL(page.url()).pathname, '/login');
      await screenshot(page, 'login-locked');

      // Even the right password is refused while locked, with the same message.
      const locked = loginAnswer();
      await submitLogin(page, 'viewer', DEMO_PASSWORD);
      assert.equal((await locked).status(), 423);
      await page.waitForFunction(() =>
        /锁定/.test(document.querySelector('[data-testid="login-error"]')?.textContent ?? ''),
      );
      assert.equal(new URL(page.url()).pathname, '/login');
    });
  });

  test('auditor lands on the workbench, opens the audit log, sees login events and a verified chain', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await login(page, 'auditor', DEMO_PASSWORD, '/dashboard');
      assert.deepEqual(await menuTestIds(page), ['menu-dashboard', 'menu-audit']);
      await page.getByTestId('menu-audit').click();
      await page.waitForURL(/\/audit\/events/);
      await page.getByTestId('audit-row').first().waitFor();
      await page.locator('[data-testid="audit-verification"][data-state="ok"]').waitFor();
      await settled(page);
      // The auditor's own login is in the table (action column) and the chain verifies.
      const table = page.getByTestId('audit-table');
      assert.ok((await table.locator('.el-table__body tr').count()) > 0);
      const loginRows = table.locator('.el-table__body tr').filter({ hasText: '登录' }).filter({ hasText: 'auditor' });
      assert.ok((await loginRows.count()) >= 1, 'the auditor login event is listed as 登录');
      // No raw code on screen: actions, object types and outcomes are in Chinese.
      const tableText = await table.innerText();
      assert.doesNotMatch(tableText, /auth\.login|session #|user #/, 'no raw audit codes in the table');
      assert.match(await page.getByTestId('audit-verification').innerText(), /校验通过/);
      await screenshot(page, 'audit');

      // Filtering by action narrows the table to that action.
      // The 操作 filter is a select with Chinese labels: 登录 finds the logins.
      await chooseOption(page, page, 'audit-filter-action', '登录');
      await page.waitForURL((url) => url.searchParams.get('action') === 'auth.login');
      await settled(page);
      const actions = await texts(page, 'audit-row-action');
      assert.ok(actions.length > 0);
      assert.ok(actions.every((action) => action === '登录'), `only 登录 rows: ${actions.join(',')}`);

      // The auditor may not open programme pages.
      await page.goto('/units');
      await page.waitForURL((url) => url.pathname === '/403');
    });
  });

  test('phone layout (375×812): the menu drawer leads to 单位', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({ viewport: { width: 375, height: 812 } }, async (page) => {
      await login(page, 'admin', DEMO_PASSWORD, '/dashboard');
      // No fixed sidebar on a phone; the menu is in a drawer that starts closed.
      assert.equal(await page.locator('.layout-aside').count(), 0);
      assert.equal(await page.getByTestId('side-menu').count(), 0);
      await page.getByTestId('sidebar-toggle').click();
      const drawer = page.getByTestId('menu-drawer');
      await drawer.getByTestId('menu-units').waitFor();
      await screenshot(page, 'phone-menu-drawer');
      await drawer.getByTestId('menu-units').click();
      await page.waitForURL((url) => url.pathname === '/units');
      await drawer.waitFor({ state: 'hidden' });
      await page.getByTestId('unit-row').first().waitFor();
      await settled(page);
      // Nothing sticks out sideways on the phone page.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone screen`);
      await screenshot(page, 'units-phone');
    });
  });
});
