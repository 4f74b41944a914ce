/**
 * The banner's two layers and the optional floating button, rendered in a Shadow DOM. Non-modal dialog:
 * focus moves in and back, no keyboard trap, Esc never consents, no element hides the focused page content.
 */
import { CSS } from './styles.js';
import { duration } from './i18n.js';
import { fingerprint } from './ids.js';
import { optionalServices } from './state.js';
import { LEGITIMATE_INTEREST } from './constants.js';

function h(tag, props, children) {
  const el = document.createElement(tag);
  for (const k in props) {
    const v = props[k];
    if (v == null || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'on') el.addEventListener('click', v);
    else el.setAttribute(k, v);
  }
  (children || []).flat(3).forEach(c => { if (c || c === 0) el.append(c); });
  return el;
}

const unique = list => list.filter((v, i) => v && list.indexOf(v) === i);
const fact = (label, value) => value && h('p', {}, [h('strong', { text: label + ': ' }), value]);
const row = (label, value) => value && [h('dt', { text: label }), h('dd', { text: value })];
const flip = (attr) => e => {
  const b = e.currentTarget;
  b.setAttribute(attr, String(b.getAttribute(attr) !== 'true'));
};

/**
 * o: {config, t (texts), gpcDenied (category titles refused by GPC), state() (current decision or null),
 *     decide(decisions, method, objections), acceptAll(), rejectAll()}
 */
export function createUi(o) {
  const c = o.config;
  const t = o.t;
  let host, root, room, dialog, floating, previous, inSettings;
  // WCAG 2.4.11: while the banner is open, the (in-flow, otherwise empty) host reserves its height at the end of the
  // page, so even the last page content can scroll clear of it. A CSSOM rule, not an inline style (strict CSP).
  const reserve = px => room && room.replaceSync(':host{height:' + px + 'px}');

  function mount() {
    if (root) return;
    host = h('div', { id: 'consentledger' });
    root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    room = new CSSStyleSheet();
    root.adoptedStyleSheets = [sheet, room];
    root.addEventListener('keydown', e => {
      if (e.key !== 'Escape' || !dialog) return;
      if (o.state()) close();
      else if (inSettings) render(false);
    });
    // WCAG 2.4.11: page content that receives focus is scrolled clear of the banner (after the browser's own
    // scroll-into-view, hence the animation frame).
    document.addEventListener('focusin', e => requestAnimationFrame(() => {
      if (!dialog || e.target === host) return;
      reserve(dialog.offsetHeight);
      const bottom = e.target.getBoundingClientRect().bottom;
      const top = innerHeight - dialog.offsetHeight; // its resting place, even while it slides in
      if (bottom > top) scrollBy(0, bottom - top + 8);
    }));
    (document.body || document.documentElement).append(host);
  }

  const gpcNote = () => o.gpcDenied.length > 0 && h('p', { text: t.gpc + ' ' + o.gpcDenied.join(', ') });

  const actions = buttons => h('div', { class: 'a' }, buttons.map(b => h('button', { type: 'button', text: b[0], on: b[1] })));

  function first() {
    const services = optionalServices(c);
    const links = c.links || {};
    return [
      h('h2', { id: 'cl-t', text: t.title }),
      h('div', { class: 'x', id: 'cl-d' }, [
        h('p', { text: t.body }),
        fact(t.controller, c.controller && c.controller.name),
        fact(t.purposes, c.categories.map(x => x.title).join(', ')),
        fact(t.recipients, unique(services.map(s => (s.provider || s.name).split(',')[0])).join(', ')),
        fact(t.transfer, unique(services.map(s => s.thirdCountryTransfer)).join(', ')),
        gpcNote(),
        h('p', { text: t.withdraw })
      ]),
      h('p', { class: 'l' }, [
        links.privacyPolicy && h('a', { href: links.privacyPolicy, text: t.privacy }),
        links.imprint && h('a', { href: links.imprint, text: t.imprint })
      ]),
      actions([[t.acceptAll, o.acceptAll], [t.rejectAll, o.rejectAll], [t.settings, () => render(true)]])
    ];
  }

  function second() {
    const st = o.state();
    const switches = {};
    const objections = {};
    const sections = c.categories.map(cat => {
      const id = 'cl-c-' + cat.id;
      const on = cat.required || (st && st.decisions[cat.id] === true);
      const sw = switches[cat.id] = h('button', {
        type: 'button', role: 'switch', 'aria-checked': String(!!on), 'aria-labelledby': id,
        'aria-disabled': cat.required && 'true', on: !cat.required && flip('aria-checked')
      });
      return h('section', { class: 'c' }, [
        h('div', { class: 'r' }, [h('h3', { id, text: cat.title + (cat.required ? ' (' + t.always + ')' : '') }), sw]),
        h('p', { text: cat.description }),
        c.services.filter(s => s.category === cat.id).map(s => h('details', {}, [
          h('summary', { text: s.name }),
          h('dl', {}, [
            row(t.provider, s.provider), row(t.purpose, s.purpose), row(t.basis, t[s.legalBasis] || s.legalBasis),
            row(t.transfer, s.thirdCountryTransfer),
            row(t.cookies, (s.cookies || []).map(k => k.name + ' (' + duration(k.maxAge, c.language, t) + ')'
              + (k.purpose ? ': ' + k.purpose : '')).join(', '))
          ]),
          s.privacyPolicyUrl && h('p', {}, [h('a', { href: s.privacyPolicyUrl, text: t.privacyLink + ' ' + s.name })]),
          s.legalBasis === LEGITIMATE_INTEREST && !cat.required && (objections[s.id] = h('button', {
            type: 'button', class: 'o', 'aria-pressed': String(!!st && st.objections.indexOf(fingerprint(s.id)) >= 0),
            text: t.object + ': ' + s.name, on: flip('aria-pressed')
          }))
        ]))
      ]);
    });
    const save = () => {
      const decisions = {};
      for (const id in switches) decisions[id] = switches[id].getAttribute('aria-checked') === 'true';
      o.decide(decisions, 'save-settings',
        Object.keys(objections).filter(id => objections[id].getAttribute('aria-pressed') === 'true').map(fingerprint));
    };
    return [
      h('h2', { id: 'cl-t', text: t.settings }),
      h('div', { class: 'x' }, [gpcNote(), sections]),
      actions([[t.save, save], [t.acceptAll, o.acceptAll], [t.rejectAll, o.rejectAll]])
    ];
  }

  function render(settings) {
    mount();
    if (!dialog) previous = document.activeElement;
    const d = h('div', {
      class: dialog ? 'b' : 'b n', role: 'dialog', 'aria-labelledby': 'cl-t', 'aria-describedby': !settings && 'cl-d',
      tabindex: '-1', lang: c.language
    }, settings ? second() : first());
    if (dialog) dialog.replaceWith(d);
    else root.append(d);
    dialog = d;
    inSettings = settings;
    if (floating) floating.remove();
    // A scrolling text region must be reachable by keyboard (small screens, 200% zoom).
    const region = d.querySelector('.x');
    if (region.scrollHeight > region.clientHeight) region.tabIndex = 0;
    reserve(d.offsetHeight);
    d.focus();
  }

  function close() {
    if (!dialog) return;
    dialog.remove();
    dialog = null;
    reserve(0);
    if (previous && previous !== document.body && previous.isConnected && previous.focus) previous.focus();
    showFloating();
  }

  function showFloating() {
    if (!(c.ui && c.ui.floatingButton) || dialog) return;
    mount();
    floating = floating || h('button', { type: 'button', class: 'f', text: t.reopen, on: () => render(true) });
    root.append(floating);
  }

  return { render, close, showFloating };
}
