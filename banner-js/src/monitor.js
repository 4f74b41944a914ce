/**
 * Cookie monitor (separate bundle, ≤ 2 KB gzipped), loaded by monitor-hook.js once the banner is visible. On a
 * sample of page views it reports, in one sendBeacon when the page is hidden:
 *  - names of cookies readable here that the published config does not declare (and declared non-essential ones
 *    seen before the decision), each with beforeDecision;
 *  - hosts of third-party resources loaded before the decision (resource timing);
 *  - the page path (no query, no fragment) and the config version.
 * Never a cookie value (only the part before '=' is read), never the visitor id.
 */
import { CHANGE_EVENT } from './constants.js';

/** Replaced by the server with the site's sampling rate: 1 in RATE page views reports, 0 = off. */
const RATE = +'__CL_MONITOR_RATE__';
const MAX_ITEMS = 50;
const NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128}$/;

function run(me) {
  const ctx = me && me.clMonitor;
  if (!ctx || !(RATE > 0) || Math.random() * RATE >= 1 || navigator.globalPrivacyControl === true) return;
  const config = ctx.config;
  const declared = [config.cookie.name];
  const essential = [config.cookie.name];
  config.services.forEach(s => {
    const required = config.categories.some(c => c.id === s.category && c.required);
    (s.cookies || []).forEach(k => { declared.push(k.name); if (required) essential.push(k.name); });
  });
  const matches = (patterns, name) => patterns.some(p =>
    p.slice(-1) === '*' ? name.indexOf(p.slice(0, -1)) === 0 : name === p);
  const cmpHost = new URL(me.src, location.href).host;
  /** cookie name -> seen before the decision; names only, values are never kept */
  const seen = {};
  let decidedAt = ctx.decided ? 0 : -1;
  let sent = false;

  function look() {
    let parts = [];
    try { parts = document.cookie.split('; '); } catch (e) { /* cookies blocked */ }
    parts.forEach(p => {
      const name = p.split('=')[0];
      if (NAME.test(name)) seen[name] = !!seen[name] || decidedAt < 0;
    });
  }

  function send() {
    if (sent) return;
    sent = true;
    look();
    const cookies = Object.keys(seen)
      .filter(n => !matches(essential, n) && (seen[n] || !matches(declared, n)))
      .slice(0, MAX_ITEMS).map(n => ({ name: n, beforeDecision: seen[n] }));
    const hosts = {};
    (performance.getEntriesByType ? performance.getEntriesByType('resource') : []).forEach(e => {
      if (decidedAt >= 0 && e.startTime >= decidedAt) return;
      try {
        const u = new URL(e.name);
        if (/^https?:$/.test(u.protocol) && u.host !== location.host && u.host !== cmpHost) hosts[u.host] = 1;
      } catch (x) { /* not a URL */ }
    });
    const hostList = Object.keys(hosts).slice(0, MAX_ITEMS).map(h => ({ host: h, beforeDecision: true }));
    if (!cookies.length && !hostList.length) return;
    try {
      navigator.sendBeacon(ctx.endpoint + '/cookie-reports', JSON.stringify({
        configVersion: config.version, path: location.pathname.slice(0, 512), cookies, hosts: hostList
      }));
    } catch (e) { /* beacon refused: nothing to do */ }
  }

  look();
  if (decidedAt < 0) {
    // before the decision: look now and then, and just before any click or key could decide
    const timer = setInterval(look, 1000);
    addEventListener('pointerdown', look, true);
    addEventListener('keydown', look, true);
    document.addEventListener(CHANGE_EVENT, () => {
      if (decidedAt < 0) decidedAt = performance.now();
      clearInterval(timer);
    });
  }
  addEventListener('pagehide', send);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') send(); });
}

run(document.currentScript);
