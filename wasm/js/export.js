// The export buttons' code, which grassroots.js loads on the first press of an export button
// (导出 Excel) rather than with every page: the table as a person sees it, the cancelable
// gr-export event with it, and — unless the host cancels the event to make the file itself —
// the .xlsx made by the workbook writer (the `xlsx` module) and downloaded.

/**
 * Exports `table` of `element` (a widget of `kind`): fires gr-export with the table as shown
 * and, unless a listener cancels it, downloads the workbook. `writer()` resolves to the loaded
 * `xlsx` module. Rejects when the writer cannot be loaded (the caller fires gr-error).
 */
export function exportTable(table, element, kind, writer) {
  const detail = tableOf(table, kind);
  if (!element.dispatchEvent(new CustomEvent('gr-export', { bubbles: true, composed: true, cancelable: true, detail }))) return Promise.resolve();
  return writer().then((wasm) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([wasm.xlsx(JSON.stringify(detail))], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    a.download = `${detail.file}.xlsx`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  });
}

/** A cell's text as a person sees it: no aria-hidden decoration, no visually hidden text. A
 * piece kept on one line (`.gr-nowrap`, a date; `.gr-figure`, a number) is part of the text around it. */
function shownText(node) {
  let text = '';
  for (const n of node.childNodes) {
    if (n.nodeType === Node.TEXT_NODE) text += n.data;
    else if (n.nodeType === Node.ELEMENT_NODE && n.getAttribute('aria-hidden') !== 'true' && !n.classList.contains('gr-vh')) text += n.matches('.gr-nowrap, .gr-figure') ? shownText(n) : ` ${shownText(n)} `;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** A cell as the workbook takes it: numbers, shares and days typed, a dash for nothing. */
function cellOf(cell) {
  const t = cell.dataset.x ?? shownText(cell);
  if (t === '' || t === '—') return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(t)) return Number(t);
  if (/^-?(0|[1-9]\d*)(\.\d+)?%$/.test(t)) return { percent: Number(t.slice(0, -1)) / 100 };
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return { date: t };
  return t;
}

/** The table as the gr-export event's detail: its title, file name, time and one sheet of the columns and rows shown. */
function tableOf(table, kind) {
  const head = table.tHead?.rows[table.tHead.rows.length - 1];
  const keep = [...(head?.cells ?? [])].map((c, i) => [i, c]).filter(([, c]) => !c.classList.contains('gr-noexport'));
  // The caption names the file and the sheet, less what it says about using the table (评分排名：点击列标题排序).
  const title = (table.caption?.textContent.trim() || kind).split(/：|: /)[0];
  const now = new Date();
  const pad = (n) => String(Math.abs(n)).padStart(2, '0');
  const offset = -now.getTimezoneOffset();
  return {
    widget: kind,
    title,
    file: title.replace(/[\\/:*?"<>|]/g, '_'),
    exportedAt: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())} ${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`,
    sheets: [{
      name: title,
      headers: keep.map(([, c]) => shownText(c)),
      rows: [...table.tBodies].flatMap((b) => [...b.rows]).filter((r) => !r.matches('.gr-noexport, .gr-details')).map((r) => keep.map(([i]) => (r.cells[i] ? cellOf(r.cells[i]) : null))),
    }],
  };
}
