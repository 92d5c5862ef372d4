// How long each demo page takes on a phone until its widgets have rendered (figures, not
// assertions; `make bench`). The phone: Chromium at 390 × 844, CPU throttled 4×, 9 Mbit/s down
// and up with 60 ms latency, cache off; each page three times in a fresh context, the median
// shown, with the bytes that crossed the network (all of them, and the bundle's alone).
//   node tests/browser/load-bench.mjs [--runs N] [--fast]   (--fast: no throttling)
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const site = join(here, '..', '..', 'target', 'site');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const fast = args.includes('--fast');
const TAGS = 'gr-org-tree, gr-scorecard, gr-duty-list, gr-service-board, gr-case-tracker, gr-dashboard, gr-grid-map';

const env = await start();
const rows = [];
try {
  for (const file of readdirSync(site).filter((f) => f.endsWith('.html')).sort()) {
    const times = [];
    let bytes = 0;
    let bundle = 0;
    for (let i = 0; i < runs; i++) {
      const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      if (!fast) {
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 60, downloadThroughput: 9e6 / 8, uploadThroughput: 9e6 / 8 });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      }
      const urls = new Map();
      let total = 0;
      let ours = 0;
      cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
      cdp.on('Network.loadingFinished', (e) => {
        total += e.encodedDataLength;
        if (new URL(urls.get(e.requestId) ?? 'http://x/').pathname.startsWith('/grassroots/')) ours += e.encodedDataLength;
      });
      const t0 = Date.now();
      await page.goto(`${env.base}/${file}`);
      await page.waitForFunction((tags) => {
        const all = [...document.querySelectorAll(tags)];
        return all.length > 0 && all.every((e) => e.shadowRoot?.querySelector('.gr-widget') && !e.shadowRoot.querySelector('.gr-loading'));
      }, TAGS, { timeout: 120000, polling: 50 });
      times.push(Date.now() - t0);
      bytes = total;
      bundle = ours;
      await context.close();
    }
    times.sort((a, b) => a - b);
    rows.push({ file, ms: times[Math.floor(times.length / 2)], bytes, bundle });
  }
} finally {
  await env.close();
}
console.log(`load on ${fast ? 'an unthrottled desktop' : 'a phone (4× CPU, 9 Mbit/s, 60 ms, 390 px, cache off)'}: median of ${runs}`);
console.log(`  ${'page'.padEnd(18)} ${'rendered'.padStart(9)} ${'transferred'.padStart(12)} ${'of it bundle'.padStart(13)}`);
for (const r of rows) {
  console.log(`  ${r.file.padEnd(18)} ${`${(r.ms / 1000).toFixed(2)} s`.padStart(9)} ${`${(r.bytes / 1000).toFixed(1)} KB`.padStart(12)} ${`${(r.bundle / 1000).toFixed(1)} KB`.padStart(13)}`);
}
