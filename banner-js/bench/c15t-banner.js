// c15t (npm "c15t") is headless: it ships the consent runtime, no UI (its banner components need React). This is its
// documented "Minimal Consent Prompt" for vanilla JavaScript (docs/frameworks/javascript/quickstart.md) in offline mode
// (no backend: consent in the browser only), with the same texts as the other banners. Bundled by run.sh with esbuild.
import { getOrCreateConsentRuntime } from 'c15t';

const { consentStore } = getOrCreateConsentRuntime({
  mode: 'offline',
  consentCategories: ['necessary', 'measurement']
});

function banner() {
  const el = document.createElement('div');
  el.id = 'consent-banner';
  el.setAttribute('role', 'dialog');
  el.setAttribute('aria-label', 'Datenschutz bei Fixture');
  el.style.cssText = 'position:fixed;left:0;right:0;bottom:0;background:#fff;color:#111;border-top:1px solid #555;'
    + 'padding:16px;font:16px/1.5 system-ui,sans-serif;z-index:2147483647;display:none';
  el.innerHTML = '<h2>Datenschutz bei Fixture</h2><p>Wir setzen Cookies nur mit Ihrer Einwilligung ein.</p>'
    + '<button id="accept-all">Alle akzeptieren</button> <button id="reject">Alle ablehnen</button>'
    + ' <button id="settings">Einstellungen</button>';
  document.body.appendChild(el);
  el.querySelector('#accept-all').addEventListener('click', () => consentStore.getState().saveConsents('all'));
  el.querySelector('#reject').addEventListener('click', () => consentStore.getState().saveConsents('necessary'));
  return el;
}

function start() {
  const el = banner();
  const show = state => { el.style.display = state.activeUI === 'banner' ? 'block' : 'none'; };
  consentStore.subscribe(show);
  show(consentStore.getState());
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start);
