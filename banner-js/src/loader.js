/** Fetches the published banner config (HTTP cache and ETag do the rest); falls back to the cached copy. */
import { CONFIG_KEY } from './constants.js';
import { load, save } from './storage.js';

/** <html lang>, then the browser's language; the service falls back to Accept-Language, then its default. */
export function pageLanguage() {
  return (document.documentElement.lang || navigator.language || '').slice(0, 2).toLowerCase();
}

export function loadConfig(endpoint, siteKey) {
  const key = CONFIG_KEY + siteKey;
  return fetch(endpoint + '/banner?lang=' + encodeURIComponent(pageLanguage()), { credentials: 'omit' })
    .then(r => { if (!r.ok) throw r.status; return r.json(); })
    .catch(unreachable => {
      // Service unreachable: the last cached config still lets the visitor see and change the settings, but
      // nothing optional runs on it until the visitor decides again (cached = true). Without one: nothing to show.
      const cached = load(key);
      if (!cached) throw unreachable;
      cached.cached = true;
      return cached;
    });
}

/** Kept only once the visitor has decided (no storage before a choice). */
export function cacheConfig(siteKey, config) {
  save(CONFIG_KEY + siteKey, config);
}
