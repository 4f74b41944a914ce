/**
 * The banner's two layers, the notice after a withdrawal and the optional floating button, rendered in a Shadow
 * DOM. Non-modal dialog: focus moves in and back, no keyboard trap, no dead Tab stop, Esc never consents, no
 * element hides the focused page content.
 */
import { CSS } from './styles.js';
import { duration } from './i18n.js';
import { fingerprint } from './ids.js';
import { optionalServices } from './state.js';
import { LEGITIMATE_INTEREST, SETTINGS_LINKS } from './constants.js';

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
const fact = (label, value) => value && [h('strong', { text: label + ': ' }), value + '. '];
const row = (label, value) => value && [h('dt', { text: label }), h('dd', { text: value })];
const FOCUSABLE = 'a[href],button:not([disabled]),input,select,textarea,[tabindex]:not([tabindex="-1"])';

/**
 * o: {config, t (texts), gpcDenied (category titles refused by GPC), state() (current decision or null),
 *     decide(wanted {category: boolean}, method, offServiceIds), acceptAll(), rejectAll(), receipt() ({id, url} or null)}
 */
export function createUi(o) {
  const c = o.config;
  const t = o.t;
  let host, root, room, dialog, floating, notice, previous, inSettings;
  // WCAG 2.4.11: while the banner (or the floating button) is shown, the host at the end of the page reserves its
  // height there, so even the last page content can scroll clear of it. Nothing while the page still loads (no
  // layout shift). A CSSOM rule, not an inline style (strict CSP).
  const reserve = () => room && document.readyState !== 'loading' && room.replaceSync(':host{height:'
    + (dialog ? dialog.offsetHeight : floating && floating.isConnected ? floating.offsetHeight + 32 : 0) + 'px}');

  function mount() {
    if (root) return;
    host = h('div', { id: 'consentledger' });
    root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    room = new CSSStyleSheet();
    root.adoptedStyleSheets = [sheet, room];
    root.addEventListener('keydown', e => {
      if (e.key === 'Escape' && dialog) {
        if (o.state()) close();
        else if (inSettings) render(false);
      }
      // No dead Tab stop after the last control: continue with the page's first focusable element.
      if (e.key === 'Tab' && !e.shiftKey && dialog) {
        const own = dialog.querySelectorAll(FOCUSABLE);
        const next = document.querySelector(FOCUSABLE);
        if (e.composedPath()[0] === own[own.length - 1] && next) {
          e.preventDefault();
          next.focus();
        }
      }
    });
    // WCAG 2.4.11: page content that receives focus is scrolled clear of the banner (after the browser's own
    // scroll-into-view, hence the animation frame).
    document.addEventListener('focusin', e => requestAnimationFrame(() => {
      if (!dialog || e.target === host) return;
      reserve();
      const bottom = e.target.getBoundingClientRect().bottom;
      const top = innerHeight - dialog.offsetHeight;
      if (bottom > top) scrollBy(0, bottom - top + 8);
    }));
    addEventListener('DOMContentLoaded', reserve);
    // After the page's content: appended to <html> it stays behind <body> while the page still parses.
    document.documentElement.append(host);
  }

  const gpcNote = () => o.gpcDenied.length > 0 && h('p', { text: t.gpc + ' ' + o.gpcDenied.join(', ') });

  const actions = buttons => h('div', { class: 'a' }, buttons.map(b => h('button', { type: 'button', text: b[0], on: b[1] })));

  function first() {
    const services = optionalServices(c);
    const links = c.links || {};
    return [
      h('h2', { id: 'cl-t', text: t.title }),
      h('div', { class: 'x', id: 'cl-d' }, [
        h('p', {}, [
          fact(t.controller, c.controller && c.controller.name),
          fact(t.purposes, c.categories.map(x => x.title).join(', ')),
          fact(t.recipients, unique(services.map(s => (s.provider || s.name).split(',')[0])).join(', ')),
          fact(t.transfer, unique(services.map(s => s.thirdCountryTransfer)).join(', '))
        ]),
        h('p', { text: t.body }),
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

  function cookieTable(s) {
    const cookies = s.cookies || [];
    return cookies.length > 0 && h('table', {}, [
      h('thead', {}, [h('tr', {}, [t.cookieName, t.purpose, t.lifetime, t.origin].map(x => h('th', { scope: 'col', text: x })))]),
      h('tbody', {}, cookies.map(k => h('tr', {}, [
        h('td', { text: k.name }), h('td', { text: k.purpose || '' }), h('td', { text: duration(k.maxAge, c.language, t) }),
        h('td', { text: (k.thirdParty ? t.thirdParty : t.firstParty) + (k.domain ? ' (' + k.domain + ')' : '') })
      ])))
    ]);
  }

  function second() {
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
      controls.forEach(x => x[1].setAttribute(x[2], String(x[2] === 'aria-pressed' ? !serviceOn[x[0].id] : serviceOn[x[0].id])));
    }
    const flipCategory = cat => () => {
      const own = c.services.filter(s => s.category === cat.id);
      const value = cats[cat.id].getAttribute('aria-checked') !== 'true';
      wanted[cat.id] = value;
      own.forEach(s => { serviceOn[s.id] = value; });
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
    const save = () => o.decide(wanted, 'save-settings', c.services.filter(s => !serviceOn[s.id]).map(s => s.id));
    const receipt = o.receipt();
    return [
      h('div', { class: 'r' }, [h('h2', { id: 'cl-t', text: t.settings }),
        h('button', { type: 'button', class: 'k', 'aria-label': t.close, text: '×', on: closeSettings })]),
      h('div', { class: 'x' }, [gpcNote(), sections,
        st && h('p', { class: 'i' }, [t.consentId + ': ', h('code', { text: receipt ? receipt.id : st.visitorId }),
          receipt && ' ', receipt && h('a', { href: receipt.url, target: '_blank', rel: 'noopener', text: t.receipt })])]),
      actions([[t.save, save], [t.acceptAll, o.acceptAll], [t.rejectAll, o.rejectAll]])
    ];
  }

  /** Closing the settings decides nothing: back to the first layer while undecided, else just closed. */
  function closeSettings() {
    if (o.state()) close();
    else render(false);
  }

  function render(settings) {
    mount();
    if (!dialog) previous = document.activeElement;
    const d = h('div', {
      class: 'b', role: 'dialog', 'aria-labelledby': 'cl-t', 'aria-describedby': !settings && 'cl-d',
      tabindex: '-1', lang: c.language
    }, settings ? second() : first());
    if (dialog) dialog.replaceWith(d);
    else root.append(d);
    dialog = d;
    inSettings = settings;
    if (floating) floating.remove();
    if (notice) notice.remove();
    // A scrolling text region must be reachable by keyboard (small screens, 200% zoom).
    const region = d.querySelector('.x');
    if (region.scrollHeight > region.clientHeight) region.tabIndex = 0;
    reserve();
    d.focus({ preventScroll: true });
  }

  /** Focus back to the control that opened the layer, else the page's settings link, else the floating button. */
  function close(withdrawn) {
    const open = !!dialog;
    if (open) dialog.remove();
    dialog = null;
    showFloating();
    if (withdrawn) {
      mount();
      if (notice) notice.remove();
      notice = h('div', { class: 'b w', role: 'status', lang: c.language }, [h('p', { text: t.reloadNotice }),
        actions([[t.reload, () => location.reload()], [t.close, () => { notice.remove(); reserve(); }]])]);
      root.append(notice);
    }
    reserve();
    if (!open) return;
    const link = document.querySelector(SETTINGS_LINKS);
    const target = previous && previous !== document.body && previous.isConnected && previous.focus ? previous
      : link || (floating && floating.isConnected && floating);
    if (target) target.focus({ preventScroll: true });
  }

  /** Only when configured and the page has no settings link of its own; at the end of the page, covering nothing. */
  function showFloating() {
    if (document.readyState === 'loading') return addEventListener('DOMContentLoaded', showFloating);
    if (!(c.ui && c.ui.floatingButton) || dialog || document.querySelector(SETTINGS_LINKS)) return;
    mount();
    floating = floating || h('button', { type: 'button', class: 'f' + (c.ui.floatingButton === 'right' ? ' fr' : ''), text: t.reopen, on: () => render(true) });
    root.append(floating);
    reserve();
  }

  return { render, close, showFloating };
}
