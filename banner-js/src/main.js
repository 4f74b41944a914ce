/**
 * Entry: <script src="https://CMP_HOST/banner.js" data-site="SITE_KEY" async></script>
 * Wires config, state, gating, integrations, recording and UI, and exposes window.ConsentLedger.
 */
import { API, BUNDLE_HASH, CHANGE_EVENT, SETTINGS_LINKS, SETTINGS_HASH, LEGITIMATE_INTEREST } from './constants.js';
import { readCookie, writeCookie, deleteCookies } from './storage.js';
import { uuid, fingerprint } from './ids.js';
import { decode, encode, needsAsk, optionalServices, valid } from './state.js';
import { createGate } from './gating.js';
import { consentModeDefault, consentModeUpdate, clarityConsent } from './integrations.js';
import { createRecorder } from './recorder.js';
import { loadConfig, cacheConfig } from './loader.js';
import { texts } from './i18n.js';
import { createUi } from './ui.js';

function start(script) {
  const siteKey = script && script.getAttribute('data-site');
  if (!siteKey) return null;
  const endpoint = (script.getAttribute('data-endpoint') || new URL(script.src, location.href).origin) + API + siteKey;
  const gpc = navigator.globalPrivacyControl === true;
  const listeners = [];
  let config = null;
  let state = null;
  let ui = null;

  consentModeDefault();

  const category = id => config && config.categories.filter(c => c.id === id)[0];

  /** May an element of this category (and service) run? Nothing runs before a decision but essentials. */
  function allowed(categoryId, serviceId) {
    const cat = category(categoryId);
    if (!cat) return false;
    if (cat.required) return true;
    if (!state || config.cached) return false;
    const service = serviceId && config.services.filter(s => s.id === serviceId)[0];
    if (service) {
      if (state.services.indexOf(fingerprint(service.id)) < 0) return false;
      if (service.legalBasis === LEGITIMATE_INTEREST) return state.objections.indexOf(fingerprint(service.id)) < 0;
    }
    return state.decisions[categoryId] === true;
  }

  const gate = createGate(allowed);
  const recorder = createRecorder(endpoint, siteKey);
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

  function decide(wanted, method, objections) {
    if (!config) return;
    const decisions = {};
    config.categories.forEach(c => { decisions[c.id] = !!(c.required || wanted[c.id]); });
    // Taking back a category granted before is a withdrawal (Art. 7(3)), whichever button did it.
    if (state && config.categories.some(c => !c.required && state.decisions[c.id] && !decisions[c.id])) method = 'withdraw';
    config.cached = false;
    state = {
      visitorId: state ? state.visitorId : uuid(), version: config.version, time: Date.now(), decisions,
      services: optionalServices(config).map(s => fingerprint(s.id)), objections: objections || []
    };
    writeCookie(config.cookie.name, encode(state), config.cookie.maxAgeDays, config.cookie.domain);
    cacheConfig(siteKey, config);
    // Objections go to the ledger too: a legitimate-interest service decided false (docs/BANNER.md).
    const services = {};
    optionalServices(config).forEach(s => {
      if (s.legalBasis === LEGITIMATE_INTEREST) services[s.id] = state.objections.indexOf(fingerprint(s.id)) < 0;
    });
    recorder.record('/consents', {
      visitorId: state.visitorId, configVersion: config.version, decisions, services, method, language: config.language,
      gpc, pageUrl: location.origin + location.pathname, bannerHash: BUNDLE_HASH
    });
    deleteCookies([].concat.apply([], config.services.filter(s => !allowed(s.category, s.id))
      .map(s => (s.cookies || []).map(k => k.name))));
    apply();
    if (ui) ui.close();
    const detail = getConsent();
    listeners.slice().forEach(fn => { try { fn(detail); } catch (e) { /* a listener's error is its own */ } });
    document.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail, bubbles: true }));
  }

  const all = value => {
    const d = {};
    config.categories.forEach(c => { d[c.id] = value && gpcDenied().indexOf(c) < 0; });
    return d;
  };
  const acceptAll = () => config && decide(all(true), 'accept-all', []);
  const rejectAll = () => config && decide(all(false), 'reject-all',
    config.services.filter(s => s.legalBasis === LEGITIMATE_INTEREST).map(s => fingerprint(s.id)));

  const ready = loadConfig(endpoint, siteKey).then(c => {
    config = c;
    state = valid(decode(readCookie(c.cookie.name)), c, Date.now());
    if (state) cacheConfig(siteKey, c);
    recorder.flush();
    const t = texts(c.language, c.texts);
    ui = createUi({ config: c, t, gpcDenied: gpcDenied().map(x => x.title), state: () => state, decide, acceptAll, rejectAll });
    apply();
    const optional = c.categories.filter(x => !x.required);
    if (!needsAsk(state, c)) ui.showFloating();
    else if (gpc && optional.length && optional.every(x => x.gpcOptOut)) decide(all(false), 'gpc', []);
    else ui.render(false);
    if (location.hash === SETTINGS_HASH) ui.render(true);
  }, () => { /* no config at all: nothing but essentials runs, and nothing is shown */ });

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
        decide(d, 'withdraw', state ? state.objections : []);
      });
    },
    /** Resolves once the config is loaded (or failed to load). */
    ready: ready.then(() => undefined)
  };
}

const api = start(document.currentScript);
if (api) window.ConsentLedger = api;
