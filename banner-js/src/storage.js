/** Cookie and localStorage access. Nothing here throws: blocked storage simply reads as empty. */

export function readCookie(name) {
  try {
    for (const part of document.cookie.split('; ')) {
      const eq = part.indexOf('=');
      if (part.slice(0, eq) === name) return decodeURIComponent(part.slice(eq + 1));
    }
  } catch (e) { /* cookies blocked */ }
  return null;
}

/** First-party cookie, SameSite=Lax, Secure on https, optional Domain for subdomains. */
export function writeCookie(name, value, days, domain) {
  try {
    document.cookie = name + '=' + encodeURIComponent(value) + '; Max-Age=' + Math.round(days * 86400)
      + '; Path=/; SameSite=Lax' + (domain ? '; Domain=' + domain : '')
      + (location.protocol === 'https:' ? '; Secure' : '');
  } catch (e) { /* cookies blocked */ }
}

/**
 * Deletes every cookie whose name matches one of the patterns (a trailing * matches a prefix, e.g. _ga_*) on every
 * path and domain variant the browser may hold: the given paths, "/", each prefix of the current path (with and
 * without a trailing slash); the host itself (host-only) and each parent domain.
 */
export function deleteCookies(patterns, paths) {
  try {
    const host = location.hostname;
    const labels = host.split('.');
    const domains = [''];
    if (!/^[\d.]+$|:/.test(host)) {
      for (let i = 0; i < labels.length - 1; i++) domains.push('; Domain=.' + labels.slice(i).join('.'));
    }
    const all = ['/'].concat(paths || []);
    let prefix = '';
    location.pathname.split('/').filter(Boolean).forEach(part => {
      prefix += '/' + part;
      all.push(prefix, prefix + '/');
    });
    document.cookie.split('; ').map(part => part.split('=')[0]).filter(name => name && patterns.some(p =>
      p.slice(-1) === '*' ? name.indexOf(p.slice(0, -1)) === 0 : name === p)).forEach(name =>
      domains.forEach(domain => all.forEach(path => {
        document.cookie = name + '=; Max-Age=0; Path=' + path + domain;
      })));
  } catch (e) { /* cookies blocked */ }
}

export function load(key) {
  try {
    return JSON.parse(localStorage.getItem(key)) || null;
  } catch (e) {
    return null;
  }
}

/** Stores JSON; null or an empty list removes the key. */
export function save(key, value) {
  try {
    if (value == null || value.length === 0) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch (e) { /* storage full or blocked */ }
}
