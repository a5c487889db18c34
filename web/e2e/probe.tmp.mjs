import { startServer, launchBrowser, newPage } from './harness.mjs';
const server = await startServer();
const browser = await launchBrowser();
try {
  const s = await newPage(browser, server.baseURL);
  s.page.on('console', m => console.log('console', m.type(), m.text()));
  s.page.on('requestfailed', r => console.log('failed', r.url(), r.failure()?.errorText));
  s.page.on('response', r => console.log('resp', r.status(), r.url()));
  await s.page.goto('/login');
  await s.page.waitForTimeout(3000);
  console.log(s.page.url(), (await s.page.content()).slice(0, 1500));
  console.log(s.problems);
} finally { await browser.close(); await server.stop(); }
