/**
 * The visitor's decision and its compact cookie form:
 * visitorId.version.time36.granted~ids.denied~ids.serviceFingerprints.offFingerprints
 *
 * One model (docs/BANNER.md "Legitimate interest"): every optional service is on or off; for a consent service
 * "on" means consented, for a legitimate-interest service "on" means not objected to. A category is granted
 * exactly when at least one of its services is on (a category without services: its own switch).
 */
import { DAY_MS } from './constants.js';
import { fingerprint } from './ids.js';

const list = text => (text ? text.split('~') : []);

export function encode(s) {
  const ids = value => Object.keys(s.decisions).filter(id => s.decisions[id] === value).join('~');
  return [s.visitorId, s.version, Math.floor(s.time / 1000).toString(36), ids(true), ids(false),
    s.services.join('~'), s.off.join('~')].join('.');
}

export function decode(text) {
  const p = (text || '').split('.');
  if (p.length !== 7 || !/^[0-9a-f-]{36}$/.test(p[0])) return null;
  const decisions = {};
  list(p[3]).forEach(id => { decisions[id] = true; });
  list(p[4]).forEach(id => { decisions[id] = false; });
  return { visitorId: p[0], version: +p[1], time: parseInt(p[2], 36) * 1000, decisions,
    services: list(p[5]), off: list(p[6]) };
}

/** Services that need a decision: those outside the required (essential) category. */
export function optionalServices(config) {
  const required = config.categories.filter(c => c.required).map(c => c.id);
  return config.services.filter(s => required.indexOf(s.category) < 0);
}

/**
 * The consistent decision from the wanted categories and the services switched off: a refused category switches
 * all its services off, a category is granted when one of its services is on. Returns {decisions, off, services}
 * with services = {serviceId: on} for every optional service (what the ledger stores).
 */
export function normalize(config, wanted, offIds) {
  const decisions = {};
  const services = {};
  const off = [];
  config.categories.forEach(c => {
    const own = config.services.filter(s => s.category === c.id);
    if (c.required) {
      decisions[c.id] = true;
      return;
    }
    let any = false;
    own.forEach(s => {
      const on = !!wanted[c.id] && offIds.indexOf(s.id) < 0;
      services[s.id] = on;
      if (on) any = true;
      else off.push(fingerprint(s.id));
    });
    decisions[c.id] = own.length ? any : !!wanted[c.id];
  });
  return { decisions, off, services };
}

/** A stored state counts while younger than the configured cookie lifetime. */
export function valid(state, config, now) {
  return state && now - state.time < config.cookie.maxAgeDays * DAY_MS ? state : null;
}

/** Ask (again) when there is no state, or a category or service appeared that the visitor has not decided on. */
export function needsAsk(state, config) {
  return !state || config.categories.some(c => !c.required && !(c.id in state.decisions))
    || optionalServices(config).some(s => state.services.indexOf(fingerprint(s.id)) < 0);
}
