import { start } from './harness.mjs';
const env = await start();
for (const file of process.argv.slice(2)) {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 60, downloadThroughput: 9e6 / 8, uploadThroughput: 9e6 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const reqs = [];
  cdp.on('Network.requestWillBeSent', (e) => reqs.push(new URL(e.request.url).pathname));
  page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  const t0 = Date.now();
  await page.goto(`${env.base}/${file}`);
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('gr-org-tree, gr-scorecard, gr-duty-list, gr-service-board, gr-case-tracker, gr-dashboard, gr-grid-map')].every((e) => e.shadowRoot?.querySelector('.gr-widget') && !e.shadowRoot.querySelector('.gr-loading')), null, { timeout: 30000, polling: 50 });
    console.log(file, Date.now() - t0, 'ms');
  } catch (e) { console.log(file, 'timeout', await page.evaluate(() => [...document.querySelectorAll('[id]')].filter(e=>e.shadowRoot).map(e => e.id + ':' + (e.shadowRoot.innerHTML.slice(0,200))).join('\n'))); }
  console.log(reqs.join(' '));
  await context.close();
}
await env.close();
