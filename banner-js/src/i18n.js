/**
 * Lifetimes in words. The banner's texts themselves come with the config (the service merges its built-in German
 * and English texts with the operator's, see BannerTexts.java), so the script carries none.
 */
const UNITS = { Y: 'year', M: 'month', W: 'week', D: 'day', H: 'hour', I: 'minute', S: 'second' };

/** "P1Y" -> "1 Jahr" / "1 year", "session" -> the session text, nothing -> "not specified". */
export function duration(iso, language, t) {
  if (iso === 'session') return t.session;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso || '');
  if (!m) return iso || t.unspecified;
  const parts = [];
  'YMWDHIS'.split('').forEach((u, i) => {
    if (m[i + 1]) {
      try {
        parts.push(new Intl.NumberFormat(language, { style: 'unit', unit: UNITS[u], unitDisplay: 'long' }).format(+m[i + 1]));
      } catch (e) {
        parts.push(m[i + 1] + ' ' + UNITS[u]);
      }
    }
  });
  return parts.join(' ');
}
