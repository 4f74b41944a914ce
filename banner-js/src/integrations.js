/** Google Consent Mode v2 and Microsoft Clarity's consent API v2. */
import { GCM_TYPES, GCM_WAIT_MS } from './constants.js';

function gtag() {
  (window.dataLayer = window.dataLayer || []).push(arguments);
}

/** Types granted by the config's mapping {category: [types]}; security_storage is strictly necessary. */
function consentTypes(config, granted) {
  const map = (config.integrations || {}).googleConsentMode || {};
  const result = {};
  GCM_TYPES.forEach(t => { result[t] = t === 'security_storage' ? 'granted' : 'denied'; });
  for (const cat in map) map[cat].forEach(t => { result[t] = 'granted'; });
  for (const cat in map) if (!granted(cat)) map[cat].forEach(t => { result[t] = 'denied'; });
  return result;
}

/** Must run before any Google tag: everything denied (but security) and tags wait for our update. */
export function consentModeDefault() {
  const d = consentTypes({}, () => false);
  d.wait_for_update = GCM_WAIT_MS;
  gtag('consent', 'default', d);
}

export function consentModeUpdate(config, granted) {
  if ((config.integrations || {}).googleConsentMode) gtag('consent', 'update', consentTypes(config, granted));
}

/** clarity('consentv2', ...) for every decision, grant and deny alike, when a service declares Clarity. */
export function clarityConsent(config, granted) {
  const services = config.services.filter(s => (s.integrations || {}).clarity);
  if (!services.length) return;
  const c = window.clarity = window.clarity || function () { (window.clarity.q = window.clarity.q || []).push(arguments); };
  c('consentv2', {
    ad_Storage: consentTypes(config, granted).ad_storage,
    analytics_Storage: services.some(s => granted(s.category, s.id)) ? 'granted' : 'denied'
  });
}
