/**
 * The banner's only link to the cookie monitor (monitor.js, a separate bundle; docs/BANNER.md "Cookie monitor"):
 * once the banner is up, load the site's monitor script, which samples itself (the site's rate is in the script).
 * Never with Global Privacy Control and never in the console's preview (its config hash is "draft-…").
 */
export function startMonitor(endpoint, config, decided, gpc) {
  if (gpc || /^draft-/.test(config.configHash)) return;
  setTimeout(() => {
    const s = document.createElement('script');
    s.src = endpoint + '/monitor.js';
    s.async = true;
    s.clMonitor = { config, decided, endpoint };
    document.head.appendChild(s);
  }, 0);
}
