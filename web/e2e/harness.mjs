/**
 * End-to-end harness: starts a private 联建 server on a free loopback port with a fresh data
 * directory and the demo data, launches Debian's Chromium through playwright-core, and tears
 * both down again. Used by the *.e2e.test.mjs files (run with `npm run e2e`).
 *
 * Environment:
 *   LIANJIAN_BIN          server binary (default <repo>/build/dev/server/lianjian)
 *   LIANJIAN_CHROMIUM     browser executable (default /usr/bin/chromium)
 *   LIANJIAN_SCREENSHOTS  screenshot folder (default <repo>/build/screenshots)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const WEB_DIR = resolve(here, '..');
export const REPO_DIR = resolve(WEB_DIR, '..');
export const DIST_DIR = join(WEB_DIR, 'dist');
export const SERVER_BIN = process.env.LIANJIAN_BIN || join(REPO_DIR, 'build/dev/server/lianjian');
export const CHROMIUM = process.env.LIANJIAN_CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOT_DIR = process.env.LIANJIAN_SCREENSHOTS || join(REPO_DIR, 'build/screenshots');

export const DEMO_PASSWORD = 'Demo-Pass-2026';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** A port nobody listens on right now: bind port 0 on loopback, read it, close. */
export function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === '__tests__') continue;
      newest = Math.max(newest, newestMtime(path));
    } else {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** Fails early with a clear message when the binary or the web build is missing. */
export function checkPrerequisites() {
  const problems = [];
  if (!existsSync(SERVER_BIN)) {
    problems.push(
      `server binary not found at ${SERVER_BIN} (set LIANJIAN_BIN, or build it: ` +
        'cmake -S . -B build/dev -DLIANJIAN_TESTS=OFF && make -C build/dev -j2 lianjian)',
    );
  }
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    problems.push(`web build not found at ${DIST_DIR} (run: npm run build)`);
  }
  if (!existsSync(CHROMIUM)) {
    problems.push(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set LIANJIAN_CHROMIUM)`);
  }
  if (problems.length) throw new Error(`e2e prerequisites missing:\n  - ${problems.join('\n  - ')}`);
  const srcNewest = newestMtime(join(WEB_DIR, 'src'));
  const distTime = statSync(join(DIST_DIR, 'index.html')).mtimeMs;
  if (srcNewest > distTime) {
    process.stderr.write('# warning: web/src is newer than web/dist; run `npm run build` to test the current code\n');
  }
}

/**
 * Starts `lianjian serve --demo` on a free loopback port with a fresh data directory.
 * Returns { baseURL, stop(), log() }.
 */
export async function startServer({ timeoutMs = 60_000 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianjian-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  let output = '';
  // The data directory and database come from the command line only.
  const env = { ...process.env, LIANJIAN_DEMO_PASSWORD: DEMO_PASSWORD };
  delete env.LIANJIAN_DB;
  delete env.LIANJIAN_DATA_DIR;
  const child = spawn(
    SERVER_BIN,
    ['--data-dir', dataDir, 'serve', '--demo', '--static', DIST_DIR, '--listen', `127.0.0.1:${port}`],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let exited = null;
  const exitPromise = new Promise((done) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      done(exited);
    });
  });
  // If the test process dies first, do not leave the server behind (by our own PID only).
  const killOnExit = () => {
    if (exited === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));

  async function stop() {
    process.removeListener('exit', killOnExit);
    if (exited === null && child.pid) {
      child.kill('SIGTERM');
      const timer = sleep(10_000).then(() => 'timeout');
      if ((await Promise.race([exitPromise, timer])) === 'timeout') {
        child.kill('SIGKILL');
        await exitPromise;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`server exited early (${JSON.stringify(exited)}):\n${output}`);
    }
    try {
      const response = await fetch(`${baseURL}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not become healthy within ${timeoutMs} ms:\n${output}`);
    }
    await sleep(200);
  }
  // The app itself must be served too (SPA fallback): fail once, clearly, instead of five
  // times with a browser timeout.
  const index = await fetch(`${baseURL}/login`, { headers: { Accept: 'text/html' } });
  const type = index.headers.get('content-type') ?? '';
  if (index.status !== 200 || !type.startsWith('text/html')) {
    const body = (await index.text()).slice(0, 200);
    await stop();
    throw new Error(
      `the server does not serve the web app: GET /login answered ${index.status} ${type} ${body} ` +
        `(started with --static ${DIST_DIR})`,
    );
  }
  return { baseURL, stop, log: () => output, pid: child.pid };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A fresh browser context (own cookies) and page. Collects uncaught page errors and CSP
 * violations: `assertClean()` fails the test if any appeared.
 */
export async function newPage(browser, baseURL, { viewport = { width: 1366, height: 820 } } = {}) {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'zh-CN',
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  return {
    context,
    page,
    problems,
    assertClean() {
      if (problems.length) throw new Error(`browser reported problems:\n${problems.join('\n')}`);
    },
    close: () => context.close(),
  };
}

/**
 * The shared setup of an e2e suite; call it at the top of a `describe` callback. Registers a
 * `before` hook (prerequisites, private server, browser) and an `after` hook (close both), and
 * returns `withPage(options, body)`, which runs `body(page, session)` in a fresh context,
 * closes it afterwards and fails on page errors or CSP reports. `server` and `browser` are
 * available once the `before` hook ran.
 */
export function useBrowserSuite() {
  const suite = {
    server: undefined,
    browser: undefined,
    async withPage(options, body) {
      const session = await newPage(suite.browser, suite.server.baseURL, options);
      try {
        await body(session.page, session);
        session.assertClean();
      } finally {
        await session.close();
      }
    },
  };

  before(async () => {
    checkPrerequisites();
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });

  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });

  return suite;
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Let loading masks and transitions finish before the picture.
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask'), null, { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Fills the login form and submits it (does not wait for the outcome). */
export async function submitLogin(page, username, password) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Opens /login, signs in and waits until the URL is `landing`. */
export async function login(page, username, password, landing) {
  await page.goto('/login');
  await submitLogin(page, username, password);
  if (landing) await page.waitForURL((url) => url.pathname === landing);
}

/** Logs out through the header's user menu and waits for the login page. */
export async function logout(page) {
  await page.getByTestId('user-dropdown').click();
  await page.getByTestId('user-menu-logout').click();
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByTestId('login-submit').waitFor();
}

/** Waits until no Element Plus loading mask is shown. */
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask'), null, { timeout: 15_000 });
}

/** Inner texts of all elements with the test id, trimmed. */
export async function texts(scope, testId) {
  return (await scope.getByTestId(testId).allInnerTexts()).map((text) => text.trim());
}

/**
 * Calls the API from inside the page (same origin, the page's session cookie), the way the app
 * does: JSON body, and the CSRF header on every non-GET request. Returns { status, body }.
 */
export async function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const headers = { Accept: 'application/json' };
      if (method !== 'GET') headers['X-Requested-With'] = 'XMLHttpRequest';
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
      const text = await response.text();
      let parsed = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // Not JSON: keep the text.
      }
      return { status: response.status, body: parsed };
    },
    { method, path, body },
  );
}

/** Like api(), but fails unless the status is `expected` (default: any 2xx); returns the body. */
export async function apiOk(page, method, path, body, expected) {
  const { status, body: answer } = await api(page, method, path, body);
  const ok = expected === undefined ? status >= 200 && status < 300 : status === expected;
  if (!ok) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(answer)}`);
  return answer;
}

/**
 * Opens the Element Plus select with the test id (inside `scope`) and clicks the visible
 * option whose text is exactly `label` (or matches it, for a RegExp).
 */
export async function chooseOption(page, scope, testId, label) {
  await scope.getByTestId(testId).click();
  const option = page
    .locator('.el-select-dropdown__item')
    .filter({ visible: true })
    .filter({ hasText: label instanceof RegExp ? label : new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
  await option.first().click();
  await option.first().waitFor({ state: 'hidden' });
}
