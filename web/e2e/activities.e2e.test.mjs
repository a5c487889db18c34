/**
 * Issue "Activities and the ledger": the lead unit of 第一联盟 (区委直属机关工委, demo account
 * gongwei_admin) hosts an activity started from an item of its approved plan, happening now; a
 * party member signs in on a 375 px phone through the QR code's page (name and the last four
 * digits of the phone); the host uploads a photo, records the others' attendance, marks the
 * activity held and submits the ledger; the lead archives it on the 台账 page, downloads the
 * activity's PDF, sees the chain intact and the linkage × month matrix's cell filled, and the
 * cell opens the activity list filtered by linkage and month.
 * Run with `npm run e2e` (after `npm run build` and building the server). Routes and shapes:
 * docs/activities.md.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { DEMO_PASSWORD, apiOk, chooseOption, login, screenshot, settled, useBrowserSuite } from './harness.mjs';

const TEST_TIMEOUT = 300_000;

const HOST = 'gongwei_admin';
const HOST_UNIT = '区委直属机关工委';
const ALLIANCE = '第一联盟';
/** The approved plan's item the activity starts from (theory_study, 主题党日). */
const PLAN_ITEM = /庆祝建党节/;
const MEMBER = { name: '签到测试党员', phone: '13712345678', last4: '5678' };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small valid PNG: 32 × 24, red and gold stripes (RGB, 8 bits). */
function pngBuffer(width = 32, height = 24) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const rows = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) {
      const gold = Math.floor(y / 6) % 2 === 1;
      row[1 + x * 3] = gold ? 0xf0 : 0xc0;
      row[2 + x * 3] = gold ? 0xc0 : 0x39;
      row[3 + x * 3] = gold ? 0x30 : 0x2b;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** `YYYY-MM-DD HH:mm` in the local time of this process (Chromium runs in the same zone). */
function localText(date) {
  const two = (value) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/**
 * Types a date and time into the Element Plus picker inside the test id (Enter takes it) and
 * closes the picker by clicking the dialog's title (Escape would close the dialog).
 */
async function typeDateTime(page, dialog, testId, text) {
  const input = dialog.getByTestId(testId).locator('input').first();
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  await dialog.locator('.el-dialog__title').click();
  await page.waitForFunction(
    ({ testId, text }) => document.querySelector(`[data-testid="${testId}"]`)?.dataset.value?.startsWith(text),
    { testId, text },
  );
}

/** Clicks an action whose request goes out after the confirm box. */
async function confirmedAction(page, testId, path) {
  await page.getByTestId(testId).click();
  const box = page.locator('.el-message-box').filter({ visible: true });
  await box.waitFor();
  const answer = page.waitForResponse((response) => response.url().includes(path) && response.request().method() === 'POST');
  await box.locator('.el-message-box__btns .el-button--primary').click();
  const response = await answer;
  assert.equal(response.status(), 200, `${path}: ${await response.text()}`);
  await box.waitFor({ state: 'hidden' });
}

async function waitForState(page, state) {
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="activity-detail-state"]')?.dataset.state === expected,
    state,
  );
}

describe('联建 activity, sign-in and ledger, end to end', () => {
  const suite = useBrowserSuite();
  const { withPage } = suite;

  test('the host creates from a plan item, a member signs in on a phone, the ledger is submitted, archived and exported', { timeout: TEST_TIMEOUT }, async () => {
    let activityId;
    let activity;
    let signinPath;

    await withPage({ viewport: { width: 1366, height: 1000 } }, async (page) => {
      await login(page, HOST, DEMO_PASSWORD, '/dashboard');

      // ---- A party member of the host's own unit, with a known phone (the roster takes the
      // participating units' active members when the activity is created).
      const me = await apiOk(page, 'GET', '/api/v1/auth/me');
      const unitId = me.user.unit_id;
      assert.ok(unitId, 'the host account belongs to a unit');
      await apiOk(page, 'POST', '/api/v1/members', {
        name: MEMBER.name,
        gender: 'female',
        unit_id: unitId,
        post: '科员',
        phone: MEMBER.phone,
        joined_on: '2015-07-01',
        status: 'formal',
      });

      // ---- 活动 → 新建活动, from the approved plan's item, happening now.
      await page.getByTestId('menu-activities').click();
      await page.waitForURL((url) => url.pathname === '/activities');
      await settled(page);
      // The dialog loads the alliance's plan (its items are offered).
      const planLoaded = page.waitForResponse((response) => /\/api\/v1\/plans\/\d+$/.test(response.url()) && response.request().method() === 'GET');
      await page.getByTestId('activity-create').click();
      const dialog = page.getByTestId('activity-dialog');
      await dialog.getByTestId('activity-form-title').waitFor();
      if (!(await dialog.getByTestId('activity-form-alliance').innerText()).includes(ALLIANCE)) {
        await chooseOption(page, dialog, 'activity-form-alliance', ALLIANCE);
      }
      assert.equal((await planLoaded).status(), 200);
      await chooseOption(page, dialog, 'activity-form-plan-item', PLAN_ITEM);
      // The item's theme became the title.
      assert.match(await dialog.getByTestId('activity-form-title').inputValue(), PLAN_ITEM);
      const now = new Date();
      await typeDateTime(page, dialog, 'activity-form-starts-at', localText(new Date(now.getTime() - 10 * 60_000)));
      await typeDateTime(page, dialog, 'activity-form-ends-at', localText(new Date(now.getTime() + 50 * 60_000)));
      await chooseOption(page, dialog, 'activity-form-host', HOST_UNIT);
      await dialog.getByTestId('activity-form-host-reason').fill('牵头单位承办建党节主题党日');
      await dialog.getByTestId('activity-form-content').fill('集中学习党章，重温入党誓词，交流学习体会。');
      await dialog.getByTestId('activity-form-outcomes').fill('参加党员撰写心得体会，形成联盟共建共识三条。');
      await dialog.getByTestId('activity-form-minutes').fill('会议由牵头单位主持，各成员单位党组织书记发言。');
      const created = page.waitForResponse((response) => /\/api\/v1\/activities$/.test(response.url()) && response.request().method() === 'POST');
      await dialog.getByTestId('activity-form-submit').click();
      const createdResponse = await created;
      assert.equal(createdResponse.status(), 201, `create: ${await createdResponse.text()}`);
      activity = await createdResponse.json();
      activityId = activity.id;
      assert.ok(activity.plan_item_id, 'the activity keeps its plan item');
      assert.equal(activity.alliance.name, ALLIANCE);
      assert.equal(activity.host_unit.name, HOST_UNIT);
      await page.waitForURL((url) => url.pathname === `/activities/${activityId}`);
      await page.getByTestId('activity-detail-state').waitFor();
      await settled(page);

      // ---- The projector view shows the server's code and the sign-in address.
      await page.getByTestId('activity-show-code').click();
      await page.waitForURL((url) => url.pathname === `/activities/${activityId}/signin-code`);
      const code = page.getByTestId('signin-code-svg');
      await code.waitFor();
      signinPath = await code.getAttribute('data-url');
      assert.match(signinPath, /^\/signin\/.+/);
      assert.equal(await page.getByTestId('signin-code-open').getAttribute('data-open'), 'true');
      assert.match(await page.getByTestId('signin-code-title').innerText(), PLAN_ITEM);
      await screenshot(page, 'activity-signin-code');
    });

    // ---- A member signs in on a phone, without an account.
    await withPage({ viewport: { width: 375, height: 740 } }, async (page) => {
      await page.goto(signinPath);
      await page.getByTestId('signin-form').waitFor();
      assert.match(await page.getByTestId('signin-activity').innerText(), PLAN_ITEM);
      // A wrong pair of name and digits: one message, the form stays.
      await page.getByTestId('signin-name').fill(MEMBER.name);
      await page.getByTestId('signin-phone').fill('0000');
      await page.getByTestId('signin-submit').click();
      await page.locator('[data-testid="signin-message"][data-kind="mismatch"]').waitFor();
      // The right ones.
      await page.getByTestId('signin-phone').fill(MEMBER.last4);
      await page.getByTestId('signin-submit').click();
      const success = page.getByTestId('signin-success');
      await success.waitFor();
      assert.equal(await success.getAttribute('data-already'), 'false');
      assert.match(await success.innerText(), new RegExp(MEMBER.name));
      // Big touch targets and no sideways scrolling at 375 px.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the sign-in page scrolls sideways by ${overflow} px`);
      await screenshot(page, 'activity-signin-phone');
    });

    await withPage({ viewport: { width: 1366, height: 1000 } }, async (page) => {
      await login(page, HOST, DEMO_PASSWORD, '/dashboard');
      await page.goto(`/activities/${activityId}`);
      await page.getByTestId('activity-detail-state').waitFor();
      await settled(page);

      // ---- Attendance: the member is present by the QR code; the host records the others.
      await page.locator('.el-tabs__item', { hasText: '签到' }).click();
      await page.locator(`[data-testid="attendance-member"][data-member="${MEMBER.name}"][data-status="present"]`).waitFor();
      const attendance = await apiOk(page, 'GET', `/api/v1/activities/${activityId}/attendance`);
      const mine = attendance.items.find((row) => row.member.name === MEMBER.name);
      assert.equal(mine?.status, 'present');
      assert.equal(mine?.method, 'qr');
      const others = attendance.items.filter((row) => row.status === null);
      // One through the page's buttons, the rest through the API (the roster may be long).
      if (others.length > 0) {
        const first = others.shift();
        const recorded = page.waitForResponse((response) => response.url().endsWith(`/activities/${activityId}/attendance`) && response.request().method() === 'POST');
        await page.locator(`[data-testid="attendance-mark"][data-member="${first.member.name}"][data-status="leave"]`).first().click();
        assert.equal((await recorded).status(), 200);
      }
      for (const row of others) {
        await apiOk(page, 'POST', `/api/v1/activities/${activityId}/attendance`, { member_id: row.member_id, status: 'absent' });
      }

      // ---- A photo, uploaded as the raw body with a progress bar.
      await page.locator('.el-tabs__item', { hasText: '附件' }).click();
      await page.getByTestId('attachments-panel').waitFor();
      const uploaded = page.waitForResponse((response) => /\/attachments\?filename=/.test(response.url()) && response.request().method() === 'POST');
      await page.getByTestId('attachment-input').setInputFiles({ name: '主题党日合影.png', mimeType: 'image/png', buffer: pngBuffer() });
      const uploadResponse = await uploaded;
      assert.equal(uploadResponse.status(), 201, `upload: ${await uploadResponse.text()}`);
      const attachment = await uploadResponse.json();
      assert.equal(attachment.kind, 'photo');
      assert.equal(attachment.original_name, '主题党日合影.png');
      await page.locator('[data-testid="attachment-item"][data-kind="photo"]').waitFor();
      await page.getByTestId('attachment-thumbnail').first().waitFor();

      // ---- Held, then the ledger submitted (complete by now).
      await page.reload();
      await page.getByTestId('activity-detail-state').waitFor();
      await settled(page);
      if ((await page.getByTestId('activity-detail-state').getAttribute('data-state')) === 'planned') {
        await confirmedAction(page, 'activity-action-hold', `/activities/${activityId}/hold`);
        await waitForState(page, 'held');
      }
      await page.locator('[data-testid="activity-ledger-status"][data-complete="true"]').waitFor();
      await confirmedAction(page, 'activity-action-submit_ledger', `/activities/${activityId}/submit-ledger`);
      await waitForState(page, 'ledger_submitted');
      await screenshot(page, 'activity-detail-submitted');

      // ---- 台账: the lead archives it.
      await page.getByTestId('menu-ledger').click();
      await page.waitForURL((url) => url.pathname === '/ledger');
      await page.getByTestId('ledger-counts').waitFor();
      await settled(page);
      assert.match(await page.getByTestId('ledger-alliance').innerText(), new RegExp(ALLIANCE));
      await page.locator(`[data-testid="ledger-row"][data-id="${activityId}"][data-state="ledger_submitted"]`).waitFor();
      await page.locator(`[data-testid="ledger-archive"][data-id="${activityId}"]`).click();
      const box = page.locator('.el-message-box').filter({ visible: true });
      await box.waitFor();
      const archived = page.waitForResponse((response) => response.url().endsWith(`/activities/${activityId}/archive`) && response.request().method() === 'POST');
      await box.locator('.el-message-box__btns .el-button--primary').click();
      const archivedResponse = await archived;
      assert.equal(archivedResponse.status(), 200, `archive: ${await archivedResponse.text()}`);
      await page.locator(`[data-testid="ledger-row"][data-id="${activityId}"][data-state="archived"]`).waitFor();
      // The chain holds the entry and verifies.
      await page.locator('[data-testid="ledger-chain"][data-intact="true"]').waitFor();
      assert.ok(Number(await page.getByTestId('ledger-count-archived').getAttribute('data-value')) >= 1);

      // ---- The activity's PDF downloads, with the progress bar while it is made.
      const pdfResponse = page.waitForResponse((response) => response.url().endsWith(`/activities/${activityId}/ledger.pdf`));
      const download = page.waitForEvent('download');
      await page.locator(`[data-testid="ledger-export-pdf"][data-id="${activityId}"]`).click();
      const response = await pdfResponse;
      assert.equal(response.status(), 200);
      assert.match(response.headers()['content-type'] ?? '', /application\/pdf/);
      const file = await download;
      assert.match(file.suggestedFilename(), /\.pdf$/);
      const stream = await file.createReadStream();
      const chunks = [];
      for await (const part of stream) chunks.push(part);
      const bytes = Buffer.concat(chunks);
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      await page.getByTestId('download-progress').waitFor({ state: 'hidden' });

      // ---- The matrix: the activity's linkage and month are filled; the cell opens the list.
      const cell = page.locator(`[data-testid="coverage-cell"][data-linkage="${activity.linkage}"][data-month="${activity.month}"]`);
      await cell.waitFor();
      assert.ok(Number(await cell.getAttribute('data-held')) >= 1, 'the cell counts the held activity');
      await screenshot(page, 'ledger-page');
      await cell.click();
      await page.waitForURL((url) => url.pathname === '/activities' && url.searchParams.get('linkage') === activity.linkage && url.searchParams.get('month') === String(activity.month));
      await page.locator(`[data-testid="activity-row"][data-id="${activityId}"][data-state="archived"]`).waitFor();
    });
  });
});
