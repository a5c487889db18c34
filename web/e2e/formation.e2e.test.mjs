/**
 * Issue 13 "Suggest alliances by the seed's rule": the committee opens 联盟组建建议, picks the
 * demo's 14 units (grouped afresh), sees the seed's three alliances proposed with their leads,
 * drags one unit to another group and sees the score fall.
 * Run with `npm run e2e` (after `npm run build` and building the server).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD, apiOk, login, screenshot, settled, useBrowserSuite } from './harness.mjs';

const TEST_TIMEOUT = 150_000;

describe('联建 alliance formation, end to end', () => {
  const { withPage } = useBrowserSuite();

  test('the committee sees the seed’s three alliances proposed and a moved unit lowers the score', { timeout: TEST_TIMEOUT }, async () => {
    await withPage({}, async (page) => {
      await login(page, 'admin', DEMO_PASSWORD, '/dashboard');
      // The seed's alliances, as the demo holds them.
      const alliances = (await apiOk(page, 'GET', '/api/v1/alliances')).items;
      const expected = alliances
        .map((alliance) => alliance.members.map((member) => member.unit.id).sort((a, b) => a - b).join(','))
        .sort();
      assert.equal(expected.length, 3);

      await page.getByTestId('menu-formation').click();
      await page.waitForURL((url) => url.pathname === '/formation');
      await page.getByTestId('formation-page').waitFor();
      await settled(page);
      await page.getByTestId('formation-pick-demo').click();
      assert.match(await page.getByTestId('formation-selected-count').innerText(), /14/);

      // The exact solver under the sanitizers on a busy machine may take longer than the default wait.
      const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/formation/suggestions'), { timeout: 120_000 });
      await page.getByTestId('formation-run').click();
      assert.equal((await answer).status(), 200);
      await page.getByTestId('formation-result').waitFor();
      await settled(page);

      const groups = page.getByTestId('formation-group');
      assert.equal(await groups.count(), 3);
      const proposed = (await groups.evaluateAll((cards) => cards.map((card) => card.dataset.units))).sort();
      assert.deepEqual(proposed, expected);
      assert.equal(await page.getByTestId('formation-proven').count(), 1);
      const leads = await page.getByTestId('formation-group-lead').evaluateAll((items) => items.map((item) => Number(item.dataset.id)));
      assert.deepEqual(leads.sort(), alliances.map((alliance) => alliance.lead_unit.id).sort());
      await screenshot(page, 'formation-suggested');

      // Drag one unit of the first group onto the second group.
      const before = Number(await page.getByTestId('formation-objective').getAttribute('data-value'));
      const unit = groups.nth(0).getByTestId('formation-unit').last();
      const movedId = await unit.getAttribute('data-id');
      const rescored = page.waitForResponse((response) => response.url().endsWith('/api/v1/formation/score'), { timeout: 60_000 });
      await unit.dragTo(groups.nth(1));
      assert.equal((await rescored).status(), 200);
      await settled(page);
      await page.getByTestId('formation-edited').waitFor();
      const after = Number(await page.getByTestId('formation-objective').getAttribute('data-value'));
      assert.ok(after < before, `score ${after} should be below ${before}`);
      const holders = await page
        .getByTestId('formation-group')
        .evaluateAll((cards, id) => cards.filter((card) => card.dataset.units.split(',').includes(id)).length, movedId);
      assert.equal(holders, 1);
      await screenshot(page, 'formation-moved');
    });
  });
});
