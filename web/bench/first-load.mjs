#!/usr/bin/env node
/**
 * Browser benchmark of what a user feels: Debian's Chromium through playwright-core against a
 * private server (demo data, the production build in web/dist), as web/e2e/harness.mjs starts it.
 *
 * Prints, as medians over --runs (default 5):
 *   - first contentful paint of /login, cold (new browser context: empty cache) and warm
 *     (same context, second visit: assets from the cache);
 *   - login-to-workbench: from pressing 登录 to the workbench's first card drawn;
 *   - menu-to-data for each list page: from clicking the menu entry to the table's rows drawn.
 *
 *   npm run build && LIANJIAN_BIN=../build/sanitize/server/lianjian node bench/first-load.mjs [--runs 5]
 *
 * A benchmark, not a test: it prints figures and never fails on them.
 */
import { DEMO_PASSWORD, checkPrerequisites, launchBrowser, startServer } from '../e2e/harness.mjs';

const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 5;

/** The list pages: menu test id, what to wait for once the data is drawn. */
const LIST_PAGES = [
  { name: '办公区', menu: 'menu-office-areas', rows: '[data-testid="office-area-table"] .el-table__body tr' },
  { name: '单位', menu: 'menu-units', rows: '[data-testid="unit-table"] .el-table__body tr' },
  { name: '党员', menu: 'menu-members', rows: '[data-testid="member-table"] .el-table__body tr' },
  { name: '联盟', menu: 'menu-alliances', rows: '[data-testid="alliance-card"]' },
  { name: '申请', menu: 'menu-applications', rows: '[data-testid="application-table"] .el-table__body tr, [data-testid="application-table"] .el-table__empty-text' },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (value) => (value === undefined ? '   -' : `${Math.round(value)} ms`.padStart(7));

async function firstContentfulPaint(page) {
  return page.evaluate(
    () =>
      new Promise((done) => {
        const read = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
        const now = read();
        if (now !== undefined) return done(now);
        new PerformanceObserver((list, observer) => {
          observer.disconnect();
          done(list.getEntries()[0].startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
}

async function main() {
  checkPrerequisites();
  const server = await startServer();
  const browser = await launchBrowser();
  const results = { cold: [], warm: [], login: [], menus: Object.fromEntries(LIST_PAGES.map((p) => [p.name, []])) };
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      // Cold: nothing cached in this context.
      await page.goto('/login', { waitUntil: 'load' });
      results.cold.push(await firstContentfulPaint(page));
      // Warm: the same context again, assets from its cache.
      await page.goto('about:blank');
      await page.goto('/login', { waitUntil: 'load' });
      results.warm.push(await firstContentfulPaint(page));

      await page.getByTestId('login-username').fill('admin');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      const pressed = Date.now();
      await page.getByTestId('login-submit').click();
      await page.getByTestId('workbench').waitFor();
      await page.locator('[data-testid="workbench"] .el-card').first().waitFor();
      results.login.push(Date.now() - pressed);

      for (const list of LIST_PAGES) {
        // From the workbench each time, so every page is a fresh navigation.
        await page.getByTestId('menu-dashboard').click();
        await page.getByTestId('workbench').waitFor();
        const clicked = Date.now();
        await page.getByTestId(list.menu).click();
        await page.locator(list.rows).first().waitFor();
        await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'));
        results.menus[list.name].push(Date.now() - clicked);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`联建 web benchmark — median of ${RUNS} runs, Chromium ${browser.version()}, ${server.baseURL}`);
  console.log(`  first contentful paint, cold   ${ms(median(results.cold))}`);
  console.log(`  first contentful paint, warm   ${ms(median(results.warm))}`);
  console.log(`  login to workbench             ${ms(median(results.login))}`);
  for (const list of LIST_PAGES) {
    console.log(`  menu to data: ${list.name.padEnd(16)} ${ms(median(results.menus[list.name]))}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
