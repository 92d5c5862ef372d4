// axe-core over one widget (its shadow root included), or the whole page without a host id, with the WCAG 2.2 AA tags the widget
// tests require: returns the violations as "rule: targets" lines, [] when clean.
import { join } from 'node:path';

export async function axe(page, hostId) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) {
    await page.addScriptTag({ path: join(import.meta.dirname, 'node_modules', 'axe-core', 'axe.min.js') });
  }
  return page.evaluate(async (id) => {
    const result = await window.axe.run(id ? document.getElementById(id) : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, hostId);
}
