/**
 * The banner's two layers, the notice after a withdrawal and the optional floating button, rendered in a Shadow
 * DOM. Non-modal dialog: focus moves in and back, no keyboard trap, no dead Tab stop, Esc never consents, no
 * element hides the focused page content.
 */
import { CSS } from './styles.js';
import { optionalServices } from './state.js';
import { SETTINGS_LINKS } from './constants.js';

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
const FOCUSABLE = 'a[href],button:not([disabled]),input,select,textarea,[tabindex]:not([tabindex="-1"])';

/**
 * o: {config, gpcDenied (category titles refused by GPC), state() (current decision or null),
 *     decide(wanted {category: boolean}, method, offServiceIds), acceptAll(), rejectAll(), receipt() ({id, url} or null),
 *     layer2 ({second, css} of the settings layer when built in, else null), loadSettings() (Promise of the settings
 *     chunk {second, css}; it completes config and texts)}
 */
export function createUi(o) {
  const c = o.config;
  const t = c.texts;
  let host, root, sheet, room, dialog, floating, notice, previous, inSettings;
  let layer2 = o.layer2;
  const adopt = () => {
    const sheets = [sheet, room];
    if (layer2) {
      const s2 = new CSSStyleSheet();
      s2.replaceSync(layer2.css);
      sheets.splice(1, 0, s2);
    }
    root.adoptedStyleSheets = sheets;
  };
  // WCAG 2.4.11: while the banner (or the floating button) is shown, the host at the end of the page reserves its
  // height there, so even the last page content can scroll clear of it. Nothing while the page still loads (no
  // layout shift). A CSSOM rule, not an inline style (strict CSP).
  const reserve = () => room && document.readyState !== 'loading' && room.replaceSync(':host{height:'
    + (dialog ? dialog.offsetHeight : floating && floating.isConnected ? floating.offsetHeight + 32 : 0) + 'px}');

  function mount() {
    if (root) return;
    host = h('div', { id: 'consentledger' });
    root = host.attachShadow({ mode: 'open' });
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    room = new CSSStyleSheet();
    adopt();
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

  /** Closing the settings decides nothing: back to the first layer while undecided, else just closed. */
  function closeSettings() {
    if (o.state()) close();
    else render(false);
  }

  function render(settings) {
    // the settings layer's code and the full config come with the settings chunk, on first use; if it cannot be
    // loaded, the first layer (accept, reject) stays the way to decide or withdraw
    if (settings && !layer2) {
      return o.loadSettings().then(l => {
        if (!layer2) {
          layer2 = l;
          mount();
          adopt();
        }
        render(true);
      }, () => render(false));
    }
    mount();
    if (!dialog) previous = document.activeElement;
    const d = h('div', {
      class: 'b', role: 'dialog', 'aria-labelledby': 'cl-t', 'aria-describedby': !settings && 'cl-d',
      tabindex: '-1', lang: c.language
    }, settings ? layer2.second({ h, c, t, o, gpcNote, actions, close: closeSettings }) : first());
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
