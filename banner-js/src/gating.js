/**
 * Script gating. Gated elements stay inert (type="text/plain", data-src) until allowed(category, service)
 * says yes; then each is activated exactly once, scripts in document order (an external script finishes
 * loading before the next one runs). Elements added later (SPA, AJAX) are caught by a MutationObserver.
 */
import { GATED } from './constants.js';

export function createGate(allowed) {
  const seen = new WeakSet();
  let queue = Promise.resolve();

  function activate(el) {
    if (el.tagName !== 'SCRIPT') {
      el.src = el.dataset.src;
      el.removeAttribute('data-src');
      return;
    }
    const s = document.createElement('script');
    for (const a of el.attributes) {
      if (a.name !== 'type' && a.name !== 'data-src') s.setAttribute(a.name, a.value);
    }
    if (el.dataset.type) s.type = el.dataset.type;
    s.nonce = el.nonce;
    const src = el.dataset.src || el.getAttribute('src');
    let loaded;
    if (src) {
      s.src = src;
      s.async = false;
      loaded = new Promise(done => { s.onload = s.onerror = done; });
    } else {
      s.text = el.text;
    }
    el.replaceWith(s);
    return loaded;
  }

  function scan(elements) {
    for (const el of elements) {
      if (!seen.has(el) && allowed(el.dataset.category, el.dataset.service)) {
        seen.add(el);
        queue = queue.then(() => activate(el));
      }
    }
  }

  new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n => {
    if (n.nodeType === 1) scan(n.matches(GATED) ? [n] : n.querySelectorAll(GATED));
  }))).observe(document.documentElement, { childList: true, subtree: true });

  return () => scan(document.querySelectorAll(GATED));
}
