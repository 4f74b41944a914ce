/** Built-in German and English texts; the config's texts override them key by key. */

const de = {
  title: 'Datenschutz-Einstellungen',
  body: 'Wir verwenden Cookies und ähnliche Technologien. Notwendige sind für den Betrieb der Website erforderlich; weitere setzen wir nur mit Ihrer Einwilligung ein.',
  acceptAll: 'Alle akzeptieren', rejectAll: 'Alle ablehnen', settings: 'Einstellungen', save: 'Auswahl speichern',
  controller: 'Verantwortlich', purposes: 'Zwecke', recipients: 'Empfänger', transfer: 'Übermittlung in Drittländer',
  withdraw: 'Sie können Ihre Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen oder ändern, z. B. über den Link „Cookie-Einstellungen“.',
  privacy: 'Datenschutzerklärung', imprint: 'Impressum', always: 'Immer aktiv',
  provider: 'Anbieter', purpose: 'Zweck', cookies: 'Cookies', basis: 'Rechtsgrundlage',
  privacyLink: 'Datenschutzhinweise von', session: 'Sitzung', object: 'Widersprechen',
  gpc: 'Ihr Browser sendet das Signal „Global Privacy Control“. Daher bleibt abgelehnt:',
  reopen: 'Cookie-Einstellungen',
  consent: 'Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)',
  'legitimate-interest': 'Berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO); Sie können widersprechen',
  contract: 'Vertrag (Art. 6 Abs. 1 lit. b DSGVO)', 'legal-obligation': 'Rechtspflicht (Art. 6 Abs. 1 lit. c DSGVO)'
};

const en = {
  title: 'Privacy settings',
  body: 'We use cookies and similar technologies. Essential ones are needed to run this website; others we use only with your consent.',
  acceptAll: 'Accept all', rejectAll: 'Reject all', settings: 'Settings', save: 'Save choices',
  controller: 'Controller', purposes: 'Purposes', recipients: 'Recipients', transfer: 'Transfer to third countries',
  withdraw: 'You can withdraw or change your consent at any time with effect for the future, e.g. via the "Cookie settings" link.',
  privacy: 'Privacy policy', imprint: 'Imprint', always: 'Always on',
  provider: 'Provider', purpose: 'Purpose', cookies: 'Cookies', basis: 'Legal basis',
  privacyLink: 'Privacy policy of', session: 'session', object: 'Object',
  gpc: 'Your browser sends the Global Privacy Control signal, so this stays refused:',
  reopen: 'Cookie settings',
  consent: 'Consent (Art. 6(1)(a) GDPR)',
  'legitimate-interest': 'Legitimate interest (Art. 6(1)(f) GDPR); you may object',
  contract: 'Contract (Art. 6(1)(b) GDPR)', 'legal-obligation': 'Legal obligation (Art. 6(1)(c) GDPR)'
};

export function texts(language, overrides) {
  return Object.assign({}, language === 'de' ? de : en, overrides);
}

const UNITS = { Y: 'year', M: 'month', W: 'week', D: 'day', H: 'hour', I: 'minute', S: 'second' };

/** "P1Y" -> "1 Jahr" / "1 year", "session" -> the session text; anything else is shown as given. */
export function duration(iso, language, t) {
  if (iso === 'session') return t.session;
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso || '');
  if (!m) return iso;
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
