// Makes this page what Safari before 16.4 (iOS 15, which old iPhones keep) offers a script:
// no constructed stylesheets. Safari 15 has CSSStyleSheet, but it cannot be constructed and
// has no replace()/replaceSync(); documents and shadow roots have no adoptedStyleSheets.
// grassroots.js checks `'adoptedStyleSheets' in Document.prototype && 'replaceSync' in
// CSSStyleSheet.prototype`, and without them puts a <link rel="stylesheet"> to the bundle's
// CSS file into each shadow root. A classic script, so it runs before any module.
(() => {
  delete Document.prototype.adoptedStyleSheets;
  delete ShadowRoot.prototype.adoptedStyleSheets;
  delete CSSStyleSheet.prototype.replaceSync;
  delete CSSStyleSheet.prototype.replace;
  const Native = CSSStyleSheet;
  function CSSStyleSheet() { throw new TypeError('Illegal constructor'); }
  CSSStyleSheet.prototype = Native.prototype;
  Object.defineProperty(window, 'CSSStyleSheet', { value: CSSStyleSheet, writable: true, configurable: true });
  // What the page now offers, for the test to check that the removal took in this engine.
  let constructible = true;
  try { new window.CSSStyleSheet(); } catch { constructible = false; }
  window.__oldSafari = {
    documentAdopts: 'adoptedStyleSheets' in Document.prototype || 'adoptedStyleSheets' in document,
    shadowAdopts: 'adoptedStyleSheets' in ShadowRoot.prototype,
    replaceSync: 'replaceSync' in CSSStyleSheet.prototype,
    replace: 'replace' in CSSStyleSheet.prototype,
    constructible,
  };
})();
