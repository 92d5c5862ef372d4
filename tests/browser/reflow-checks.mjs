// The reflow checks that run inside a page, shared by reflow.test.mjs (Chromium, every page,
// size and mode) and engines.test.mjs (WebKit and Firefox): functions passed whole to the
// page, so each is self-contained.

/** Every widget element. */
export const ELEMENTS = 'gr-org-tree, gr-scorecard, gr-duty-list, gr-service-board, gr-case-tracker, gr-dashboard, gr-grid-map, gr-roster-import';
/** The widgets' own test pages. */
export const OWN = ['/test/org-tree.html', '/test/scorecard.html', '/test/duty-list.html', '/test/service-board.html', '/test/case-tracker.html', '/test/dashboard.html', '/test/grid-map.html', '/test/roster-import.html'];
/** The demo site's pages. */
export const DEMO = ['/index.html', '/org.html', '/scorecards.html', '/lists.html', '/services.html', '/cases.html', '/map.html', '/import.html', '/embed.html'];
/** The same pages in English (.ci/site.mjs writes NAME.en.html beside NAME.html). */
export const DEMO_EN = DEMO.map((path) => path.replace(/\.html$/, '.en.html'));

/** WCAG 1.4.12 text spacing, as a stylesheet. */
export const SPACING = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important } p { margin-bottom: 2em !important }';

/** Adds (on) or removes the stylesheet `css` to the page and every shadow root of `sel`. Runs in the page. */
export function spacing({ sel, css, on }) {
  window.__spacing ??= (() => { const s = new CSSStyleSheet(); s.replaceSync(css); return s; })();
  const sheet = window.__spacing;
  const roots = [document, ...[...document.querySelectorAll(sel)].map((h) => h.shadowRoot)];
  for (const root of roots) {
    const rest = root.adoptedStyleSheets.filter((s) => s !== sheet);
    root.adoptedStyleSheets = on ? [...rest, sheet] : rest;
  }
}

/**
 * Everything that breaks reflow on the page as it is now, as lines naming the element; []
 * when it all fits. Runs in the page.
 */
export function reflowProblems(sel) {
  const problems = [];
  const slack = 1; // sub-pixel rounding
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + slack) {
    problems.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in ${doc.clientWidth} px`);
  }
  const name = (el) => {
    const host = el.getRootNode().host;
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24);
    return `${host ? `#${host.id} ` : ''}${el.localName}${el.id ? `#${el.id}` : ''}${cls} "${text}"`;
  };
  // Visually hidden text (a screen reader's caption, a status) and things not shown at all.
  // (Answers are kept: a page has thousands of elements, and they share their ancestors.)
  const hiddenMemo = new Map();
  const hidden = (el) => {
    if (!el || el.nodeType !== 1) return false;
    if (hiddenMemo.has(el)) return hiddenMemo.get(el);
    const s = getComputedStyle(el);
    const answer = s.display === 'none' || s.visibility === 'hidden' || el.hasAttribute('hidden')
      || s.clipPath !== 'none' || s.clip !== 'auto' || (el.localName === 'details' && !el.open)
      || hidden(el.parentElement ?? el.getRootNode().host);
    hiddenMemo.set(el, answer);
    return answer;
  };
  const controls = new Set(['input', 'select', 'textarea', 'option', 'progress', 'meter', 'svg', 'br']);
  const clips = (s) => ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
  const scrolls = (s) => ['auto', 'scroll'].includes(s.overflowX);
  // A scroll region a keyboard can reach and a screen reader can name.
  const labelledRegion = (el) => scrolls(getComputedStyle(el))
    && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'))
    && (el.getAttribute('role') === 'region' || (el.hasAttribute('tabindex') && el.tabIndex >= 0));
  const all = (root) => [...root.querySelectorAll('*')];
  const roots = [document, ...[...document.querySelectorAll(sel)].map((h) => h.shadowRoot).filter(Boolean)];

  for (const root of roots) {
    for (const el of all(root)) {
      if (controls.has(el.localName) || el.closest('svg')) continue;
      const s = getComputedStyle(el);
      const sideways = el.scrollWidth > el.clientWidth + slack;
      const down = el.scrollHeight > el.clientHeight + slack;
      if (!(sideways && (clips(s) || scrolls(s))) && !(down && clips(s))) continue;
      if (hidden(el)) continue;
      if (clips(s)) {
        // Clipped: only text that ends in an ellipsis, on one line, whose full text is in the
        // accessibility tree (not hidden from it, not replaced by a shorter label).
        // (Lines clamped with -webkit-line-clamp end in an ellipsis too.)
        if (down && ['hidden', 'clip'].includes(s.overflowY) && s.webkitLineClamp === 'none') {
          problems.push(`clipped at the bottom (${el.scrollHeight} px in ${el.clientHeight} px): ${name(el)}`);
        } else if (sideways && s.textOverflow !== 'ellipsis') {
          problems.push(`clipped at the side without an ellipsis (${el.scrollWidth} px in ${el.clientWidth} px): ${name(el)}`);
        } else if (sideways) {
          const full = el.textContent.trim();
          const labelled = el.closest('[aria-label]');
          if (el.closest('[aria-hidden="true"]')) problems.push(`truncated text hidden from screen readers: ${name(el)}`);
          else if (labelled && !labelled.getAttribute('aria-label').includes(full)) problems.push(`truncated text whose label lacks it: ${name(el)}`);
        }
      } else if (root !== document && !labelledRegion(el)) {
        problems.push(`scrolls sideways without being a labelled region (${el.scrollWidth} px in ${el.clientWidth} px): ${name(el)}`);
      }
    }
  }

  // Inside a widget nothing reaches outside it, unless it is in a labelled scroll region or
  // clipped by an ancestor (then that ancestor was checked above).
  for (const host of document.querySelectorAll(sel)) {
    const root = host.shadowRoot;
    if (!root) continue;
    const box = host.getBoundingClientRect();
    const outside = new Set(); // reported: their descendants are not reported again
    const containedMemo = new Map();
    const contained = (a) => {
      if (!a) return false;
      if (!containedMemo.has(a)) {
        const s = getComputedStyle(a);
        containedMemo.set(a, labelledRegion(a) || clips(s) || scrolls(s) || contained(a.parentElement));
      }
      return containedMemo.get(a);
    };
    for (const el of all(root)) {
      if (el.localName === 'br' || outside.has(el.parentElement) || hidden(el)) continue;
      if (contained(el.parentElement)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < box.left - slack || r.right > box.right + slack) {
        outside.add(el);
        problems.push(`reaches outside the widget (${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} px in ${Math.round(box.width)} px): ${name(el)}`);
      }
    }
  }

  // Elderly mode keeps its 60 px targets at any width: every button and field of a widget.
  for (const host of document.querySelectorAll(sel)) {
    const root = host.shadowRoot;
    if (!root?.querySelector('.gr-elderly')) continue;
    for (const el of root.querySelectorAll('button, select, input[type=search], input[type=text]')) {
      if (hidden(el)) continue;
      const h = el.getBoundingClientRect().height;
      if (h < 59.5) problems.push(`a target ${Math.round(h)} px tall in elderly mode: ${name(el)}`);
    }
  }

  // Text broken one character a line: three or more lines, hardly more than one character each.
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const text = t.data.trim();
      if ([...text].length < 3 || !t.parentElement || t.parentElement.closest('svg, script, style, pre')) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size >= 3 && [...text].length / tops.size < 1.5 && !hidden(t.parentElement)) {
        problems.push(`broken one character a line (${tops.size} lines): ${name(t.parentElement)}`);
      }
      if (tops.size < 2 || hidden(t.parentElement)) continue;
      // On more than one line: where are the breaks? The line of each character, by its box.
      const line = (i) => {
        range.setStart(t, i);
        range.setEnd(t, i + 1);
        const r = [...range.getClientRects()].find((x) => x.width > 0);
        return r ? Math.round(r.top) : null;
      };
      // A date (2026-09-01) broken over two lines: browsers break after its hyphens.
      for (const m of t.data.matchAll(/\d{4}-\d{2}-\d{2}/g)) {
        if (line(m.index) !== line(m.index + m[0].length - 1)) {
          problems.push(`a date broken over two lines, ${m[0]}: ${name(t.parentElement)}`);
        }
      }
      // A figure broken over two lines (`98.7` / `%`, `(2425/25` / `00)`): a number with its
      // sign, decimals, thousands, percent or fraction, and the brackets around it, is read as
      // one. Not the digits inside an identifier or a JSON path (`g12`, `[44]`), which are
      // the data's and may break where they must.
      if (!t.parentElement.closest('.gr-path, code')) {
        for (const m of t.data.matchAll(/(?<![\w.$[\-])[(（]?\d[\d.,:/%]*[)）]?/g)) {
          const text = m[0].replace(/[.,:/]+$/, '');
          if (text.replace(/[()（）]/g, '').length < 2) continue;
          // Each piece on one line; a fraction wider than the line may break after its slash.
          for (let from = 0; from < text.length;) {
            const slash = text.indexOf('/', from);
            const to = slash < 0 ? text.length : slash + 1;
            if (line(m.index + from) !== line(m.index + to - 1)) {
              problems.push(`a figure broken over two lines, ${text}: ${name(t.parentElement)}`);
              break;
            }
            from = to;
          }
        }
      }
      // A short word broken inside (`leve` / `l`, `managemen` / `t`), in any text: a line
      // would hold it whole, so the break was forced by a column too narrow or by text before
      // it that gave no opportunity to break. A word standing alone, not part of an
      // identifier from the data (`grid_worker`, `$.cases[2].steps`, a path, code), which may
      // be longer than a line and break where it must. (Until session 27 only a problem's
      // record and message were judged.)
      if (t.parentElement.closest('.gr-path, code')) continue;
      for (const m of t.data.matchAll(/(?<=^|\s)[A-Za-z]{2,12}(?=[\s.,:;!?)]|$)/g)) {
        const first = line(m.index);
        if (first !== null && first !== line(m.index + m[0].length - 1)) {
          problems.push(`a word broken inside, ${m[0]}: ${name(t.parentElement)}`);
        }
      }
    }
  }
  return problems;
}

