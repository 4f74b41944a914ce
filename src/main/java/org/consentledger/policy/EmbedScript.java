package org.consentledger.policy;

/**
 * The script behind the embed snippet
 * {@code <div data-consent-ledger-cookie-policy></div><script src=".../cookie-policy.js?lang=de" async></script>}:
 * it puts the server-rendered (escaped) declaration into that div, or right after the script tag when there is no
 * div. Strict-CSP safe: no eval, no inline style or handler in the markup; the stylesheet is adopted through the
 * CSSOM (constructable stylesheet), which style-src does not restrict. Pure logic.
 */
public final class EmbedScript {

    static final String TARGET = "data-consent-ledger-cookie-policy";

    private EmbedScript() {
    }

    /** {@code htmlLiteral}, {@code cssLiteral}: JavaScript string literals (quoted and escaped). */
    public static String of(String htmlLiteral, String cssLiteral) {
        return "/* Consent Ledger cookie declaration */\n"
                + "(function () {\n"
                + "  'use strict';\n"
                + "  var html = " + htmlLiteral + ";\n"
                + "  var css = " + cssLiteral + ";\n"
                + "  var me = document.currentScript;\n"
                + "  var SELECTOR = '[" + TARGET + "]:not([data-filled])';\n"
                + "  function own() {\n"
                + "    var prev = me && me.previousElementSibling;\n"
                + "    return prev && prev.matches(SELECTOR) ? prev : document.querySelector(SELECTOR);\n"
                + "  }\n"
                + "  function put() {\n"
                + "    var target = own();\n"
                + "    if (!target) {\n"
                + "      if (!me || !me.parentNode) return;\n"
                + "      target = document.createElement('div');\n"
                + "      target.setAttribute('" + TARGET + "', '');\n"
                + "      me.parentNode.insertBefore(target, me.nextSibling);\n"
                + "    }\n"
                + "    target.setAttribute('data-filled', '');\n"
                + "    target.innerHTML = html;\n"
                + "  }\n"
                + "  if (!window.__consentLedgerPolicyStyled) {\n"
                + "    window.__consentLedgerPolicyStyled = true;\n"
                + "    try {\n"
                + "      var sheet = new CSSStyleSheet();\n"
                + "      sheet.replaceSync(css);\n"
                + "      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);\n"
                + "    } catch (e) { /* no constructable stylesheets: the page's own styles apply */ }\n"
                + "  }\n"
                + "  if (!own() && document.readyState === 'loading') document.addEventListener('DOMContentLoaded', put);\n"
                + "  else put();\n"
                + "})();\n";
    }
}
