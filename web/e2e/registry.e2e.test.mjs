/**
 * Issue "Units registry, party members…": the committee edits the registry, a unit admin is
 * kept to its own unit's members (in the page and by the server), and a members sheet with a
 * bad row is reported row by row before anything is imported.
 * Run with `npm run e2e` (after `npm run build` and building the server).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEMO_PASSWORD,
  api,
  apiOk,
  chooseOption,
  login,
  logout,
  screenshot,
  settled,
  texts,
  useBrowserSuite,
} from './harness.mjs';
import { buildXlsx } from './xlsx.mjs';

const TEST_TIMEOUT = 120_000;

describe('联建 registry and party members, end to end', () => {
  const { withPage } = useBrowserSuite();

  /** The table row (tr) of the units table whose name link reads `name`. */
  function unitRow(page, name) {
    return page
      .getByTestId('unit-table')
      .locator('.el-table__body tr')
      .filter({ has: page.getByTestId('unit-row').getByText(name, { exact: true }) });
  }

  test('admin creates and edits a unit; a unit admin cannot touch another unit’s members; a bad import row is reported', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      // ---- 单位: create 区档案馆 through the dialog.
      await login(page, 'admin', DEMO_PASSWORD, '/dashboard');
      await page.getByTestId('menu-units').click();
      await page.waitForURL((url) => url.pathname === '/units');
      await page.getByTestId('unit-row').first().waitFor();
      await settled(page);

      await page.getByTestId('unit-create').click();
      const form = page.getByTestId('unit-form-dialog');
      await form.getByTestId('unit-form-name').waitFor();
      await form.getByTestId('unit-form-name').fill('区档案馆');
      await chooseOption(page, form, 'unit-form-office-area', '机关行政中心办公区');
      const created = page.waitForResponse(
        (response) => response.url().endsWith('/api/v1/units') && response.request().method() === 'POST',
      );
      await form.getByTestId('unit-form-submit').click();
      assert.equal((await created).status(), 201);
      await form.waitFor({ state: 'hidden' });
      await page.locator('.el-message').filter({ hasText: /\S/ }).first().waitFor();

      // Found by a search.
      await page.getByTestId('unit-search-q').fill('档案');
      await page.getByTestId('unit-search-submit').click();
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid="unit-row"]')];
        return rows.length === 1 && rows[0].textContent.trim() === '区档案馆';
      });
      await settled(page);
      assert.deepEqual(await texts(page, 'unit-row'), ['区档案馆']);
      const row = unitRow(page, '区档案馆');
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), /机关行政中心办公区/);
      const unitId = Number(await page.getByTestId('unit-row').first().getAttribute('data-id'));
      assert.ok(unitId > 0);

      // Edit: add the short name, see it in the list (and in the stored record).
      await row.getByTestId('unit-row-edit').click();
      await form.waitFor();
      assert.equal(await form.getByTestId('unit-form-name').inputValue(), '区档案馆');
      await form.getByTestId('unit-form-short-name').fill('档案馆');
      const updated = page.waitForResponse(
        (response) => response.url().endsWith(`/api/v1/units/${unitId}`) && response.request().method() === 'PUT',
      );
      await form.getByTestId('unit-form-submit').click();
      assert.equal((await updated).status(), 200);
      await form.waitFor({ state: 'hidden' });
      await page.waitForFunction(
        (id) =>
          document.querySelector(`[data-testid="unit-row"][data-id="${id}"]`)?.closest('tr')?.children[1]?.textContent.trim() ===
          '档案馆',
        unitId,
      );
      await settled(page);
      const cells = await unitRow(page, '区档案馆')
        .locator('td')
        .evaluateAll((tds) => tds.map((td) => td.textContent.trim()));
      assert.equal(cells[1], '档案馆', `short name column, row: ${JSON.stringify(cells)}`);
      assert.equal((await apiOk(page, 'GET', `/api/v1/units/${unitId}`)).short_name, '档案馆');
      await screenshot(page, 'units-edited');

      // While signed in as the committee: a member of 区审计局, to try to edit later.
      const audit = (await apiOk(page, 'GET', `/api/v1/units?q=${encodeURIComponent('区审计局')}`)).items;
      assert.equal(audit.length, 1);
      const auditMembers = (await apiOk(page, 'GET', `/api/v1/members?unit_id=${audit[0].id}`)).items;
      assert.ok(auditMembers.length > 0, 'the demo data has 区审计局 members');
      const target = auditMembers[0];
      assert.equal(target.unit.name, '区审计局');
      await logout(page);

      // ---- 党员 as bianban_admin (区委编办): only its own unit's members.
      await login(page, 'bianban_admin', DEMO_PASSWORD, '/dashboard');
      await page.getByTestId('menu-members').click();
      await page.waitForURL((url) => url.pathname === '/members');
      await page.getByTestId('member-row').first().waitFor();
      await settled(page);
      const unitFilter = page.getByTestId('member-search-unit');
      assert.ok((await unitFilter.locator('.is-disabled').count()) > 0 || (await unitFilter.locator('input[disabled]').count()) > 0, 'unit filter fixed');
      await page.waitForFunction(() => /区委编办/.test(document.querySelector('[data-testid="member-search-unit"]')?.textContent ?? ''));
      const memberTable = page.getByTestId('member-table');
      const listed = await memberTable
        .locator('.el-table__body tr')
        .evaluateAll((rows) => rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
      assert.ok(listed.length >= 1);
      for (const cellsOfRow of listed) {
        assert.equal(cellsOfRow[2], '区委编办', `only 区委编办 members, got ${JSON.stringify(cellsOfRow)}`);
      }
      const ownIds = (await page.getByTestId('member-row').evaluateAll((nodes) => nodes.map((node) => Number(node.dataset.id))));
      assert.ok(!ownIds.includes(target.id), 'the 区审计局 member is not listed');
      // Every listed row may be edited (own unit), and nothing else is offered.
      assert.equal(await page.getByTestId('member-row-edit').count(), listed.length);
      await screenshot(page, 'members-unit-admin');

      // The server refuses an edit of the other unit's member.
      const refused = await api(page, 'PUT', `/api/v1/members/${target.id}`, {
        name: '越权修改',
        gender: target.gender,
        unit_id: target.unit.id,
        post: target.post,
        phone: '13900000001',
        joined_on: target.joined_on,
        status: target.status,
      });
      assert.equal(refused.status, 403, `PUT another unit's member: ${JSON.stringify(refused)}`);
      assert.equal(refused.body?.error?.code, 'forbidden', JSON.stringify(refused.body));
      // …and moving it into the own unit is no way around it.
      const ownUnitId = (await apiOk(page, 'GET', '/api/v1/members')).items[0]?.unit.id;
      assert.ok(ownUnitId && ownUnitId !== target.unit.id);
      const moved = await api(page, 'PUT', `/api/v1/members/${target.id}`, {
        name: target.name,
        gender: target.gender,
        unit_id: ownUnitId,
        post: target.post,
        phone: '13900000001',
        joined_on: target.joined_on,
        status: target.status,
      });
      assert.equal(moved.status, 403, `PUT moving another unit's member in: ${JSON.stringify(moved)}`);

      // ---- Import: two good rows and one with a bad phone number.
      const sheet = buildXlsx([
        ['姓名', '性别', '单位', '职务', '手机号码', '入党日期', '党员状态'],
        ['赵导入', '男', '区委编办', '科员', '13900001001', '2018-07-01', '正式'],
        ['钱导入', '女', '区委编办', '副科长', '13900001002', '2024/3/15', '预备'],
        ['孙导入', '男', '区委编办', '科员', '12345', '2019-05-04', '正式'],
      ]);
      await page.getByTestId('member-import').click();
      const dialog = page.getByTestId('member-import-dialog');
      await dialog.getByTestId('member-import-upload').waitFor();
      const preview = page.waitForResponse((response) => /\/api\/v1\/members\/import\/preview/.test(response.url()));
      await dialog
        .getByTestId('member-import-upload')
        .locator('input[type="file"]')
        .setInputFiles({
          name: '党员导入-一行有误.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: sheet,
        });
      assert.equal((await preview).status(), 200);
      const summary = dialog.getByTestId('member-import-summary');
      await summary.waitFor();
      assert.equal(await summary.getAttribute('data-errors'), '1');
      assert.equal(await dialog.getByTestId('member-import-problem').count(), 0);
      assert.deepEqual(await texts(dialog, 'member-import-cell-name'), ['赵导入', '钱导入', '孙导入']);
      const phoneErrors = dialog.getByTestId('member-import-error-phone');
      assert.equal(await phoneErrors.count(), 1, 'one phone error');
      assert.ok((await phoneErrors.innerText()).trim().length > 0);
      // The error sits in the bad row (the third), which is marked.
      const badRows = dialog.locator('.el-table__body tr.row-error');
      assert.equal(await badRows.count(), 1);
      assert.match(await badRows.innerText(), /孙导入[\s\S]*12345/);
      assert.equal(await badRows.getByTestId('member-import-error-phone').count(), 1);
      // The generic row-error column carries nothing for the good rows.
      const rowErrors = await texts(dialog, 'member-import-row-error');
      assert.equal(rowErrors.length, 3);
      assert.equal(rowErrors[0], '');
      assert.equal(rowErrors[1], '');
      assert.ok(await dialog.getByTestId('member-import-confirm').isDisabled(), 'confirm is disabled while a row is wrong');
      await screenshot(page, 'members-import-row-error');

      // Nothing was imported.
      await dialog.getByTestId('member-import-cancel').click();
      await dialog.waitFor({ state: 'hidden' });
      const after = (await apiOk(page, 'GET', '/api/v1/members?q=' + encodeURIComponent('导入'))).items;
      assert.deepEqual(after, []);
    });
  });
});
