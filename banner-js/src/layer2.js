/**
 * The settings layer (second layer): per-category and per-service controls, the cookie table per service, the
 * visitor's consent id and receipt link. Not part of banner.js: the settings chunk (settings.js) brings this code
 * with the site's full config when the visitor opens the settings, so the first layer downloads less.
 */
import { duration } from './i18n.js';
import { fingerprint } from './ids.js';
import { LEGITIMATE_INTEREST } from './constants.js';

/** x: {h, c (config), t (texts), o (see ui.js createUi), gpcNote(), actions(buttons), close()}. */
export function second(x) {
  const { h, c, t, o } = x;
  const row = (label, value) => value && [h('dt', { text: label }), h('dd', { text: value })];
  // data-l: the column's name, shown before the value where narrow screens stack each cookie's cells (styles2.js)
  const cookieTable = s => {
    const cookies = s.cookies || [];
    return cookies.length > 0 && h('table', {}, [
      h('thead', {}, [h('tr', {}, [t.cookieName, t.purpose, t.lifetime, t.origin].map(v => h('th', { scope: 'col', text: v })))]),
      h('tbody', {}, cookies.map(k => h('tr', {}, [
        h('td', { text: k.name }), h('td', { text: k.purpose || '', 'data-l': t.purpose }),
        h('td', { text: duration(k.maxAge, c.language, t), 'data-l': t.lifetime }),
        // a first-party cookie without a configured domain belongs to this page's host
        h('td', { text: (k.thirdParty ? t.thirdParty : t.firstParty) + ' (' + (k.domain || (k.thirdParty ? '?' : location.hostname)) + ')', 'data-l': t.origin })
      ])))
    ]);
  };

  const st = o.state();
  const cats = {};
  const offIds = [];
  const controls = [];
  if (st) c.services.forEach(s => { if (st.off.indexOf(fingerprint(s.id)) >= 0) offIds.push(s.id); });
  const wanted = {};
  c.categories.forEach(cat => { wanted[cat.id] = cat.required || !!(st && st.decisions[cat.id]); });
  // Before any decision a legitimate-interest service counts as "on" (no objection yet), a consent service as off.
  const isOn = s => (st ? wanted[s.category] : s.legalBasis === LEGITIMATE_INTEREST) && offIds.indexOf(s.id) < 0;
  const serviceOn = {};
  c.services.forEach(s => { serviceOn[s.id] = isOn(s); });

  function sync() {
    c.categories.forEach(cat => {
      if (cat.required) return;
      const own = c.services.filter(s => s.category === cat.id);
      const on = own.filter(s => serviceOn[s.id]).length;
      cats[cat.id].setAttribute('aria-checked', own.length ? (on === own.length ? 'true' : on ? 'mixed' : 'false') : String(wanted[cat.id]));
    });
    controls.forEach(k => k[1].setAttribute(k[2], String(k[2] === 'aria-pressed' ? !serviceOn[k[0].id] : serviceOn[k[0].id])));
  }
  const flipCategory = cat => () => {
    const value = cats[cat.id].getAttribute('aria-checked') !== 'true';
    wanted[cat.id] = value;
    c.services.filter(s => s.category === cat.id).forEach(s => { serviceOn[s.id] = value; });
    sync();
  };
  const flipService = s => () => { serviceOn[s.id] = !serviceOn[s.id]; sync(); };

  const sections = c.categories.map(cat => {
    const id = 'cl-c-' + cat.id;
    cats[cat.id] = h('button', {
      type: 'button', role: 'switch', 'aria-checked': 'true', 'aria-labelledby': id,
      'aria-disabled': cat.required && 'true', on: !cat.required && flipCategory(cat)
    });
    return h('section', { class: 'c' }, [
      h('div', { class: 'r' }, [h('h3', { id, text: cat.title + (cat.required ? ' (' + t.always + ')' : '') }), cats[cat.id]]),
      h('p', { text: cat.description }),
      c.services.filter(s => s.category === cat.id).map(s => {
        const sid = 'cl-s-' + s.id;
        const li = s.legalBasis === LEGITIMATE_INTEREST;
        let control = null;
        if (!cat.required) {
          control = li
            ? h('button', { type: 'button', class: 'o', text: t.object + ': ' + s.name, on: flipService(s) })
            : h('button', { type: 'button', role: 'switch', 'aria-labelledby': sid, on: flipService(s) });
          controls.push([s, control, li ? 'aria-pressed' : 'aria-checked']);
        }
        // essential services: no objection text (nothing to object to), just their legal basis
        const basis = cat.required && li ? t.legitimateInterestEssential : t[s.legalBasis] || s.legalBasis;
        return h('div', { class: 's' }, [
          h('div', { class: 'r' }, [h('details', {}, [
            h('summary', { id: sid, text: s.name }),
            h('dl', {}, [
              row(t.provider, s.provider), row(t.purpose, s.purpose), row(t.basis, basis),
              row(t.transfer, s.thirdCountryTransfer)
            ]),
            cookieTable(s),
            (s.cookies || []).some(k => k.thirdParty) && h('p', { text: t.thirdPartyNote }),
            s.privacyPolicyUrl && h('p', {}, [h('a', { href: s.privacyPolicyUrl, text: t.privacyLink + ' ' + s.name })])
          ]), control])
        ]);
      })
    ]);
  });
  sync();
  // What the visitor sees is what is saved: a category with services is wanted when one of its services is on (a
  // service switched on in an off category, or a legitimate-interest service not objected to before any decision).
  const save = () => {
    const w = {};
    c.categories.forEach(cat => {
      const own = c.services.filter(s => s.category === cat.id);
      w[cat.id] = cat.required || (own.length ? own.some(s => serviceOn[s.id]) : wanted[cat.id]);
    });
    o.decide(w, 'save-settings', c.services.filter(s => !serviceOn[s.id]).map(s => s.id));
  };
  const receipt = o.receipt();
  return [
    h('div', { class: 'r' }, [h('h2', { id: 'cl-t', text: t.settings }),
      h('button', { type: 'button', class: 'k', 'aria-label': t.close, text: '×', on: x.close })]),
    h('div', { class: 'x' }, [x.gpcNote(), sections,
      st && h('p', { class: 'i' }, [t.consentId + ': ', h('code', { text: receipt ? receipt.id : st.visitorId }),
        receipt && ' ', receipt && h('a', { href: receipt.url, target: '_blank', rel: 'noopener', text: t.receipt })])]),
    x.actions([[t.save, save], [t.acceptAll, o.acceptAll], [t.rejectAll, o.rejectAll]])
  ];
}
