import { execFileSync } from 'node:child_process';
import { start } from './harness.mjs';
const env = await start();
const pages = ['org.html', 'scorecards.html', 'lists.html', 'cases.html', 'services.html', 'index.html', 'map.html'];
const res = { A: {}, B: {} };
const runs = Number(process.env.RUNS ?? 5);
async function time(file) {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 60, downloadThroughput: 9e6 / 8, uploadThroughput: 9e6 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const t0 = Date.now();
  await page.goto(`${env.base}/${file}`);
  await page.waitForFunction(() => [...document.querySelectorAll('gr-org-tree, gr-scorecard, gr-duty-list, gr-service-board, gr-case-tracker, gr-dashboard, gr-grid-map')].every((e) => e.shadowRoot?.querySelector('.gr-widget') && !e.shadowRoot.querySelector('.gr-loading')), null, { timeout: 60000, polling: 50 });
  const ms = Date.now() - t0;
  await context.close();
  return ms;
}
for (let i = 0; i < runs; i++) {
  for (const v of ['A', 'B']) {
    execFileSync('node', ['.ci/site.mjs', v === 'A' ? 'www' : '/tmp/wwwB', 'target/site'], { cwd: '/work/main' });
    for (const p of pages) (res[v][p] ??= []).push(await time(p));
  }
}
execFileSync('node', ['.ci/site.mjs', 'www', 'target/site'], { cwd: '/work/main' });
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
for (const p of pages) console.log(p.padEnd(16), 'hints', (med(res.A[p]) / 1000).toFixed(2), 'none', (med(res.B[p]) / 1000).toFixed(2), JSON.stringify(res.A[p]), JSON.stringify(res.B[p]));
await env.close();
