// The README's screenshots of the demo site (docs/screenshots/*.png), taken from the built
// site in Chromium: `make screenshots` after `make build`. Each shot waits until its widgets
// have rendered and fails if any widget reports an error, so a broken page is never pictured.
// The phone shots (NAME-phone.png, NAME-phone-elderly.png) are one screen of a 390 × 844 phone,
// scrolled to the widget, in normal and in elderly mode (the page's own button).
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { events, open, rendered, start } from './harness.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');
const site = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'site');

// name, page, widget ids to wait for, what to do before the shot, the element to picture.
const SHOTS = [
  ['dashboard', '/index.html', ['dashboard-county'], async (page) => {
    // Drill into the first street, as a visitor would.
    await page.locator('#dashboard-county .gr-dash-children tbody button').first().click();
  }, '#dashboard-county'],
  ['org-tree', '/org.html', ['tree-county'], async (page) => {
    // Find a community and select it: its details (包保 units, compounds, teams, grids).
    await page.locator('#tree-county input[type=search]').fill('和平路社区');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.locator('#tree-county .gr-details-title').waitFor();
  }, 'main'],
  ['grid-map', '/map.html', ['map-county'], async (page) => {
    // Into the first street, then its first community: the grids.
    await page.locator('#map-county .gr-map-table tbody button').first().click();
    await page.locator('#map-county .gr-map-table tbody button').first().click();
  }, '#map-county'],
  ['scorecard', '/scorecards.html', ['stars-county'], null, '#stars-county'],
  ['duty-list', '/lists.html', ['duty-list'], null, '#duty-list'],
  ['service-board', '/services.html', ['service-board'], null, '#service-board'],
  ['case-tracker', '/cases.html', ['case-tracker'], null, '#case-tracker'],
  ['elderly', '/cases.html', ['case-tracker'], async (page) => { await page.locator('#elderly-toggle').click(); }, 'main'],
  ['roster-import', '/import.html', ['import-county'], importSample, '#import-county'],
  ['recut', '/recut.html', ['recut-county'], async (page) => { await page.locator('#recut-county .gr-recut-table').waitFor(); }, '#recut-county .gr-recut'],
];

/** The import page with its own sample roster read, as a visitor who downloaded it would. */
async function importSample(page) {
  await page.locator('#import-county input[type=file]').setInputFiles(join(site, 'data', 'county-members.xlsx'));
  await page.locator('#import-county .gr-import-rows').waitFor();
}

// name, page, widget ids to wait for, what to do before the shot, the element scrolled to the top.
const PHONE = [
  ['dashboard', '/index.html', ['dashboard-county'], null, '#dashboard-county'],
  ['org-tree', '/org.html', ['tree-county'], async (page) => {
    await page.locator('#tree-county input[type=search]').fill('第3网格');
    await page.keyboard.press('Enter');
  }, '#tree-county'],
  ['case-tracker', '/cases.html', ['case-tracker'], null, '#case-tracker'],
  ['grid-map', '/map.html', ['map-county'], null, '#map-county'],
  ['roster-import', '/import.html', ['import-county'], importSample, '#import-county'],
];
for (const [name, path, ids, prepare, top] of PHONE) {
  for (const elderly of [false, true]) {
    SHOTS.push([`${name}-phone${elderly ? '-elderly' : ''}`, path, ids, async (page) => {
      if (elderly) await page.locator('#elderly-toggle').click();
      if (prepare) await prepare(page);
      await page.locator(top).evaluate((e) => e.scrollIntoView({ block: 'start' }));
    }, null, { width: 390, height: 844 }]);
  }
}

const env = await start();
await mkdir(out, { recursive: true });
let failed = 0;
for (const [name, path, ids, prepare, target, viewport = { width: 1280, height: 900 }] of SHOTS) {
  const page = await open(env, path, { viewport });
  try {
    await rendered(page, ids);
    if (prepare) await prepare(page);
    // No focus ring in the picture (a drill-down moves focus to the heading).
    await page.evaluate(() => document.activeElement?.blur?.());
    await page.waitForTimeout(300);
    const errors = await events(page, 'gr-error');
    if (errors.length || page.problems.length) throw new Error(JSON.stringify({ errors, problems: page.problems }));
    const file = join(out, `${name}.png`);
    // Without a target: the screen as it is (a phone's screen).
    if (target) await page.locator(target).first().screenshot({ path: file });
    else await page.screenshot({ path: file });
    console.log(`${file}`);
  } catch (e) {
    failed += 1;
    console.error(`${name}: ${e.message}`);
  }
  await page.close();
}
await env.close();
process.exit(failed ? 1 : 0);
