/** Every fixed name, selector and number of the banner, in one place. */

/** Replaced at build time by the SHA-256 of the bundle (see banner-js/build/BuildBanner.java). */
export const BUNDLE_HASH = '__CONSENTLEDGER_BUNDLE_HASH_PLACEHOLDER_000000000000000000000000';

export const API = '/api/v1/sites/';
/**
 * The per-site script (GET /sites/{site}/banner.js) has the published config put in place of this string by the
 * server, so that one request brings code and config; in the generic /banner.js it stays a string.
 */
export const INLINE = ['__CONSENTLEDGER_INLINE_CONFIG__'][0];
export const CHANGE_EVENT = 'consentledger:change';

/** Gated elements: inert until their category (and service) is allowed. */
export const GATED = 'script[type="text/plain"][data-category],iframe[data-category][data-src],img[data-category][data-src]';
/** Elements that reopen the settings (the seeds' footer "Cookie Settings" link). */
export const SETTINGS_LINKS = 'a[href="#consent-settings"],[data-consent-settings]';
/** A page opened with this fragment (e.g. from the standalone cookie declaration) opens with the settings. */
export const SETTINGS_HASH = '#consent-settings';

/** localStorage keys (suffixed with the site key); written only after a decision. */
export const OUTBOX_KEY = 'consentledger.outbox.';
export const CONFIG_KEY = 'consentledger.config.';
export const OUTBOX_MAX = 20;
/** The visitor's last receipt {id, url}: shown in the settings as their own proof. */
export const RECEIPT_KEY = 'consentledger.receipt.';

/** Google Consent Mode v2: the seven types, and how long tags wait for our update. */
export const GCM_TYPES = ['ad_storage', 'analytics_storage', 'ad_user_data', 'ad_personalization',
  'functionality_storage', 'personalization_storage', 'security_storage'];
export const GCM_WAIT_MS = 500;

export const LEGITIMATE_INTEREST = 'legitimate-interest';
export const DAY_MS = 864e5;
