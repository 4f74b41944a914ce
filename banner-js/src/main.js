/**
 * Entry: <script src="https://CMP_HOST/banner.js" data-site="SITE_KEY" async></script>
 * Wires config, state, gating, integrations, recording and UI, and exposes window.ConsentLedger.
 */
import { API, BUNDLE_HASH, CHANGE_EVENT, SETTINGS_LINKS, SETTINGS_HASH, INLINE, RECEIPT_KEY } from './constants.js';
import { readCookie, writeCookie, deleteCookies, load, save } from './storage.js';
import { uuid, fingerprint } from './ids.js';
import { decode, encode, needsAsk, normalize, valid } from './state.js';
import { createGate } from './gating.js';
import { consentModeDefault, consentModeUpdate, clarityConsent } from './integrations.js';
import { createRecorder } from './recorder.js';
import { loadConfig, cacheConfig } from './loader.js';
import { createUi } from './ui.js';
import { second } from './layer2.js';
import { CSS2 } from './styles2.js';
import { startMonitor } from './monitor-hook.js';

function start(script) {
  const siteKey = script && script.getAttribute('data-site');
  if (!siteKey) return null;
  const origin = script.getAttribute('data-endpoint') || new URL(script.src, location.href).origin;
  const endpoint = origin + API + siteKey;
  const gpc = navigator.globalPrivacyControl === true;
  const listeners = [];
  let config = null;
  let state = null;
  let ui = null;

  consentModeDefault();

  const category = id => config && config.categories.filter(c => c.id === id)[0];

  /**
   * May an element of this category (and service) run? Nothing runs before a decision but essentials; a service
   * runs when the visitor decided on it and did not switch it off (refused or objected to), docs/BANNER.md. A service
   * the visitor never decided on does not run, even if this page's (cached, older) config does not list it yet: a
   * consent covers the services declared when it was given.
   */
  function allowed(categoryId, serviceId) {
    const cat = category(categoryId);
    if (!cat) return false;
    if (cat.required) return true;
    if (!state || config.cached || state.decisions[categoryId] !== true) return false;
    const f = serviceId && fingerprint(serviceId);
    return !f || (state.services.indexOf(f) >= 0 && state.off.indexOf(f) < 0);
  }

  const gate = createGate(allowed);
  const recorder = createRecorder(endpoint, siteKey, receipt => save(RECEIPT_KEY + siteKey, receipt));
  const gpcDenied = () => (gpc ? config.categories.filter(c => c.gpcOptOut && !c.required) : []);

  function apply() {
    if (state) {
      consentModeUpdate(config, allowed);
      clarityConsent(config, allowed);
    }
    gate();
  }

  function getConsent() {
    return state && {
      visitorId: state.visitorId, configVersion: state.version, decisions: Object.assign({}, state.decisions),
      time: new Date(state.time).toISOString(), gpc
    };
  }

  /** wanted: {category: boolean}; offIds: ids of the services switched off (refused or objected to). */
  function decide(wanted, method, offIds) {
    if (!config) return;
    const n = normalize(config, wanted, offIds);
    const decisions = n.decisions;
    // Taking back a category granted before is a withdrawal (Art. 7(3)), whichever button did it.
    if (state && config.categories.some(c => !c.required && state.decisions[c.id] && !decisions[c.id])) method = 'withdraw';
    const running = config.services.filter(s => allowed(s.category, s.id));
    config.cached = false;
    state = {
      visitorId: state ? state.visitorId : uuid(), version: config.version, time: Date.now(), decisions,
      services: Object.keys(n.services).map(fingerprint), off: n.off
    };
    writeCookie(config.cookie.name, encode(state), config.cookie.maxAgeDays, config.cookie.domain);
    cacheConfig(siteKey, config);
    // Category and service decisions come from one model, so the record never contradicts itself.
    recorder.record('/consents', {
      visitorId: state.visitorId, configVersion: config.version, decisions, services: n.services, method,
      language: config.language, gpc, pageUrl: location.origin + location.pathname, bannerHash: BUNDLE_HASH
    });
    const denied = config.services.filter(s => !allowed(s.category, s.id));
    const cookies = [].concat.apply([], denied.map(s => (s.cookies || []).filter(k => !k.thirdParty)));
    deleteCookies(cookies.map(k => k.name), cookies.map(k => k.path).filter(Boolean));
    apply();
    // a service that ran on this page keeps running until reload: say so
    if (ui) ui.close(running.some(s => !allowed(s.category, s.id)));
    const detail = getConsent();
    listeners.slice().forEach(fn => { try { fn(detail); } catch (e) { /* a listener's error is its own */ } });
    document.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail, bubbles: true }));
  }

  let settings = null;
  /**
   * The settings chunk (settings-layer code with the site's full config for the language) on first use: it completes
   * the config in place (the per-site script carries only what the first layer and the gating read). SETTINGS_CHUNK
   * is set by the build: true for the per-site script, false for /banner.js (settings layer built in).
   * SETTINGS_CODE_HASH (the chunk's SHA-256, set by the build) makes this script's own hash cover the chunk's code, and
   * a new build a new URL.
   */
  const loadSettings = SETTINGS_CHUNK ? () => settings || (settings = new Promise((done, fail) => {
    const s = document.createElement('script');
    s.src = origin + '/sites/' + encodeURIComponent(siteKey) + '/settings.js?lang=' + config.language + '&v=' + config.version
      + '&c=' + SETTINGS_CODE_HASH;
    s.clSettings = chunk => {
      Object.assign(config.texts, chunk.config.texts);
      chunk.config.texts = config.texts;
      Object.assign(config, chunk.config, { cached: config.cached });
      done(chunk);
    };
    s.onerror = () => { settings = null; fail(); };
    document.head.appendChild(s);
  })) : null;

  const all = value => {
    const d = {};
    config.categories.forEach(c => { d[c.id] = value && gpcDenied().indexOf(c) < 0; });
    return d;
  };
  const acceptAll = () => config && decide(all(true), 'accept-all', []);
  const rejectAll = () => config && decide(all(false), 'reject-all', []);
  const offIds = () => config.services.filter(s => state && state.off.indexOf(fingerprint(s.id)) >= 0).map(s => s.id);

  function init(c) {
    config = c;
    state = valid(decode(readCookie(c.cookie.name)), c, Date.now());
    ui = createUi({ config: c, loadSettings, layer2: SETTINGS_CHUNK ? null : { second, css: CSS2 }, gpcDenied: gpcDenied().map(x => x.title), state: () => state, decide, acceptAll, rejectAll,
      receipt: () => load(RECEIPT_KEY + siteKey) });
    const optional = c.categories.filter(x => !x.required);
    if (!needsAsk(state, c)) ui.showFloating();
    else if (gpc && optional.length && optional.every(x => x.gpcOptOut)) decide(all(false), 'gpc', []);
    else ui.render(false);
    apply();
    if (location.hash === SETTINGS_HASH) ui.render(true);
    startMonitor(endpoint, c, !needsAsk(state, c), gpc);
    // off the critical path: the outbox and the config cache are read and written after the banner is up
    setTimeout(() => {
      if (state && !c.cached) cacheConfig(siteKey, c);
      recorder.flush();
    }, 0);
  }

  const ready = (typeof INLINE === 'object' ? Promise.resolve(INLINE) : loadConfig(endpoint, siteKey)).then(init,
    () => { /* no config at all: nothing but essentials runs, and nothing is shown */ });

  function showSettings() {
    ready.then(() => ui && ui.render(true));
  }

  document.addEventListener('click', e => {
    const link = e.target.closest && e.target.closest(SETTINGS_LINKS);
    if (link) {
      e.preventDefault();
      showSettings();
    }
  });

  return {
    /** {visitorId, configVersion, decisions: {category: boolean}, time, gpc}, or null before a decision. */
    getConsent,
    /** fn(consent) after every decision; returns a function that unsubscribes. */
    onChange(fn) {
      listeners.push(fn);
      return () => { const i = listeners.indexOf(fn); if (i >= 0) listeners.splice(i, 1); };
    },
    acceptAll() { ready.then(acceptAll); },
    rejectAll() { ready.then(rejectAll); },
    showSettings,
    /** Withdraws consent for all optional categories, or only those listed. */
    withdraw(categories) {
      ready.then(() => {
        if (!config) return;
        const d = {};
        config.categories.forEach(c => { d[c.id] = !!state && state.decisions[c.id] && !!categories && categories.indexOf(c.id) < 0; });
        decide(d, 'withdraw', offIds());
      });
    },
    /** Resolves once the config is loaded (or failed to load). */
    ready: ready.then(() => undefined)
  };
}

const api = start(document.currentScript);
if (api) window.ConsentLedger = api;
